// Home: four large tiles with a picture and words, and below them the
// "About your answers" link to the privacy notice. Polls and sign-up show
// only what this kiosk can offer today.
#include "kiosk/screens/screens.hpp"
#include "kiosk/widgets/text_block.hpp"

#include <algorithm>

namespace engage::kiosk {

void draw_home_screen(ScreenContext& ctx) {
    UiFrame& ui = ctx.ui;
    const Metrics& m = ui.m;
    float y = ctx.area_min.y + m.margin;
    y = draw_heading(ctx, ctx.tr("home.title"), y);

    const bool has_feedback = ctx.flow.feedback_form() != nullptr;
    const bool has_polls = !ctx.flow.open_polls().empty();
    auto tile = [&ctx](const char* id, const char* hint, const char* icon, ButtonKind kind,
                       FlowAction action, bool enabled) {
        return ActionButton{.id = id,
                            .label = ctx.tr(id),
                            .label_en = ctx.tr_en(id),
                            .icon = icon,
                            .kind = kind,
                            .action = std::move(action),
                            .sublabel = ctx.tr(hint),
                            .enabled = enabled};
    };
    const ActionButton tiles[] = {
        tile(
            "home.feedback", "home.feedback.hint", "feedback", ButtonKind::primary,
            [](Flow& f, std::int64_t now) { f.open_feedback(now); }, has_feedback),
        tile(
            "home.poll", has_polls ? "home.poll.hint" : "home.poll.none", "poll",
            ButtonKind::primary, [](Flow& f, std::int64_t now) { f.open_polls_tile(now); },
            has_polls),
        tile(
            "home.mentoring", "home.mentoring.hint", "mentor", ButtonKind::primary,
            [](Flow& f, std::int64_t now) { f.open_signup(now); }, true),
        tile(
            "home.help", "home.help.hint", "help", ButtonKind::help,
            [](Flow& f, std::int64_t now) { f.open_help(now); }, true),
    };
    const float left = ctx.area_min.x + m.margin;
    const float width = ctx.area_size.x - 2 * m.margin;
    // The privacy notice's link takes one row under the tiles.
    const float link_h = m.min_target;
    const float bottom = ctx.area_min.y + ctx.area_size.y - m.margin - link_h - m.gap;
    const float tile_w = (width - m.gap) * 0.5f;
    const float tile_h = std::max(m.min_target * 1.5f, (bottom - y - m.gap) * 0.5f);
    for (int i = 0; i < 4; ++i) {
        const ActionButton& t = tiles[i];
        const ImVec2 logical(left + static_cast<float>(i % 2) * (tile_w + m.gap),
                             y + static_cast<float>(i / 2) * (tile_h + m.gap));
        const ImVec2 pos = ui.mirror(logical, tile_w, left, width);
        ButtonSpec spec = t.spec();
        spec.icon_at = IconAt::top;
        spec.icon_scale = 1.3f;
        if (big_button(ui, spec, pos, ImVec2(tile_w, tile_h)))
            t.pressed(ctx.intents);
    }

    const ActionButton about{.id = "home.about",
                             .label = ctx.tr("about.link"),
                             .label_en = ctx.tr_en("about.link"),
                             .icon = "info",
                             .kind = ButtonKind::quiet,
                             .action = [](Flow& f, std::int64_t now) { f.open_about(now); }};
    const float link_w = std::min(width, text_width(ui, ui.fonts.large, about.label) +
                                             ui.fonts.large->FontSize * 1.6f + 4 * m.gap);
    const float link_y = y + 2 * tile_h + 2 * m.gap;
    if (big_button(ui, about.spec(), ui.mirror(ImVec2(left, link_y), link_w, left, width),
                   ImVec2(link_w, link_h)))
        about.pressed(ctx.intents);
}

} // namespace engage::kiosk
