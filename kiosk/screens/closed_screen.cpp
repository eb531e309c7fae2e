// Closed: outside the site's opening hours (issue 9). A calm screen, not an
// error: the site's name, that it is closed now, when it opens next in the
// person's language, and Help now, which is always there. The language and
// Help now stay in the top bar, and staff mode in its corner.
#include "kiosk/screens/screens.hpp"

#include <array>

namespace engage::kiosk {
namespace {

constexpr std::array<std::string_view, 7> day_keys{"day.mon", "day.tue", "day.wed", "day.thu",
                                                   "day.fri", "day.sat", "day.sun"};

// "Opens again today at 09:00" / "tomorrow" / "on Monday", or "" when the
// site has no next opening within a week.
std::string opens_again(const ScreenContext& ctx) {
    const auto next = ctx.flow.next_opening();
    if (!next) {
        return ctx.tr("closed.no_hours");
    }
    const std::string time = localise_digits(format_clock_time(next->minutes), ctx.ui.language);
    if (next->days_ahead == 0) {
        return ctx.tr("closed.opens_today", {{"time", time}});
    }
    if (next->days_ahead == 1) {
        return ctx.tr("closed.opens_tomorrow", {{"time", time}});
    }
    const std::string day = ctx.tr(day_keys[static_cast<std::size_t>(next->weekday)]);
    return ctx.tr("closed.opens_on", {{"day", day}, {"time", time}});
}

} // namespace

void draw_closed_screen(ScreenContext& ctx) {
    UiFrame& ui = ctx.ui;
    float y = ctx.area_min.y + ui.m.margin;
    const SiteInfo* site = ctx.flow.site_info();
    if (site != nullptr && !site->name.empty()) {
        y = draw_paragraph(ctx, site->name, y, ui.theme->text, ui.fonts.large);
    }
    y = draw_heading(ctx, ctx.tr("closed.title"), y);
    y = draw_paragraph(ctx, opens_again(ctx), y, ui.theme->text, ui.fonts.large);
    y += ui.m.gap;
    draw_paragraph(ctx, ctx.tr("closed.help_text"), y, ui.theme->text);
    draw_nav_row(ctx, {ActionButton{"closed.help", ctx.tr("home.help"), ctx.tr_en("home.help"),
                                    "help", ButtonKind::help,
                                    [](Flow& f, std::int64_t now) { f.open_help(now); }, true}});
}

} // namespace engage::kiosk
