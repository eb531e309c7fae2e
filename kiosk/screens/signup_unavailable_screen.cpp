// Sign-up cannot be taken here today (no coordinators' key or no form):
// say so plainly and offer the help directory instead.
#include "kiosk/screens/screens.hpp"

namespace engage::kiosk {

void draw_signup_unavailable_screen(ScreenContext& ctx) {
    UiFrame& ui = ctx.ui;
    float y = ctx.area_min.y + ui.m.margin;
    y = draw_heading(ctx, ctx.tr("mentoring.title"), y);
    draw_paragraph(ctx, ctx.tr("mentoring.unavailable"), y, ui.theme->text, ui.fonts.large);
    draw_nav_row(
        ctx, {ActionButton{"nav.back", ctx.tr("question.back"), ctx.tr_en("question.back"), "back",
                           ButtonKind::quiet, [](Flow& f, std::int64_t now) { f.go_home(now); }},
              ActionButton{"unavailable.help", ctx.tr("home.help"), ctx.tr_en("home.help"), "help",
                           ButtonKind::help, [](Flow& f, std::int64_t now) { f.open_help(now); },
                           true}});
}

} // namespace engage::kiosk
