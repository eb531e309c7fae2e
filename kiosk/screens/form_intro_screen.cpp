// A form's own introduction (when it has one), with the reassurances that
// matter before the first question: anonymous, every question optional.
#include "kiosk/screens/screens.hpp"

namespace engage::kiosk {

void draw_form_intro_screen(ScreenContext& ctx) {
    const FormVersion* form = ctx.flow.current_form();
    if (form == nullptr)
        return;
    UiFrame& ui = ctx.ui;
    {
        // At the largest text size the intro is taller than the room above
        // the buttons: it scrolls rather than running behind them.
        ScrollBody body(ctx, "intro");
        float y = ctx.area_min.y + ui.m.margin;
        const float x = ctx.area_min.x + ui.m.margin;
        const float w = ctx.area_size.x - 2 * ui.m.margin;
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const ImU32 ink = to_u32(ui.theme->text);
        // draw_content: a string with no translation is shown in English, marked so.
        y += draw_content(ctx, dl, ui.fonts.heading, ctx.shown(form->title), ImVec2(x, y), w, ink);
        y += ui.m.gap;
        y += draw_content(ctx, dl, ui.fonts.large, ctx.shown(form->intro), ImVec2(x, y), w, ink);
        y += ui.m.gap;
        if (form->kind == FormKind::signup) {
            // Before the first field, in plain words: not anonymous, and who reads it.
            y = draw_reassurance(ctx, "people", ctx.tr("mentoring.not_anonymous"), y);
            y = draw_reassurance(ctx, "lock", ctx.tr("mentoring.separate"), y);
        } else {
            y = draw_reassurance(ctx, "shield", ctx.tr("reassure.anonymous"), y);
            y = draw_reassurance(ctx, "skip", ctx.tr("reassure.skip"), y);
        }
        y = draw_reassurance(ctx, "restart", ctx.tr("reassure.leave"), y);
        body.ends_at(y);
    }
    draw_nav_row(
        ctx, {ActionButton{"nav.back", ctx.tr("question.back"), ctx.tr_en("question.back"), "back",
                           ButtonKind::quiet, [](Flow& f, std::int64_t now) { f.back(now); }},
              ActionButton{"intro.start", ctx.tr("intro.start"), ctx.tr_en("intro.start"), "next",
                           ButtonKind::primary,
                           [](Flow& f, std::int64_t now) { f.begin_questions(now); }, true}});
}

} // namespace engage::kiosk
