// More than one form of a kind open here today (feedback forms or the
// Board's polls): each as a big button with its title, to pick one. The list
// scrolls when the titles do not fit (large text, a portrait screen).
#include "kiosk/screens/screens.hpp"

#include <algorithm>

namespace engage::kiosk {

void draw_form_list_screen(ScreenContext& ctx, FormKind kind) {
    UiFrame& ui = ctx.ui;
    const Metrics& m = ui.m;
    const bool polls = kind == FormKind::poll;
    float y = ctx.area_min.y + m.margin;
    y = draw_heading(ctx, ctx.tr(polls ? "poll.title" : "feedback.title"), y);
    y = draw_paragraph(ctx, ctx.tr(polls ? "poll.choose" : "feedback.choose"), y, ui.theme->text);
    const float left = ctx.area_min.x + m.margin;
    const float width = ctx.area_size.x - 2 * m.margin;
    const auto forms = polls ? ctx.flow.open_polls() : ctx.flow.open_feedback_forms();
    // Ids stay "poll.<slug>" for polls (scripts use them) and are
    // "feedback.<slug>" for feedback forms.
    const std::string id_prefix = polls ? "poll." : "feedback.";
    // Titles still in English: one tag above the list says so.
    const bool any_english = std::any_of(forms.begin(), forms.end(), [&](const FormVersion* f) {
        return ctx.shown(f->title).in_english;
    });
    if (any_english)
        y += draw_in_english_marker(ctx, ImGui::GetWindowDrawList(), ImVec2(left, y), width);
    const UiFrame english_ui = english_frame(ui);
    const float bottom = ctx.area_min.y + ctx.area_size.y - nav_row_height(ctx);
    ImGui::SetCursorScreenPos(ImVec2(left, y));
    ImGui::BeginChild(polls ? "polls" : "feedback_forms", ImVec2(width, bottom - y));
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float bh = m.min_target * 1.4f;
    const float inner = width - ImGui::GetStyle().ScrollbarSize - m.gap;
    for (std::size_t i = 0; i < forms.size(); ++i) {
        const FormVersion* f = forms[i];
        const std::string id = id_prefix + f->slug;
        const auto shown = ctx.shown(f->title);
        const std::string label = shown.text;
        const std::string label_en = ctx.text_en(f->title);
        ButtonSpec spec;
        spec.id = id;
        spec.label = label;
        spec.label_en = label_en;
        spec.icon = polls ? "poll" : "feedback";
        const ImVec2 pos(origin.x, origin.y + static_cast<float>(i) * (bh + m.gap));
        const std::string slug = f->slug;
        if (big_button(shown.in_english ? english_ui : ui, spec,
                       ui.mirror(pos, inner, origin.x, inner), ImVec2(inner, bh)))
            ctx.intents.act([slug](Flow& fl, std::int64_t now) { fl.open_form(slug, now); });
    }
    ImGui::SetCursorScreenPos(
        ImVec2(origin.x, origin.y + static_cast<float>(forms.size()) * (bh + m.gap)));
    ImGui::Dummy(ImVec2(1, 1));
    touch_scroll(ctx);
    ImGui::EndChild();
    draw_nav_row(ctx, {ActionButton{"nav.back", ctx.tr("question.back"), ctx.tr_en("question.back"),
                                    "back", ButtonKind::quiet,
                                    [](Flow& fl, std::int64_t now) { fl.go_home(now); }}});
}

} // namespace engage::kiosk
