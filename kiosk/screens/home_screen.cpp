// Home: four large tiles with a picture and words, and below them the
// "About your answers" link to the privacy notice. Polls and sign-up show
// only what this kiosk can offer today.
#include "kiosk/screens/screens.hpp"
#include "kiosk/widgets/text_block.hpp"

#include <algorithm>
#include <optional>

namespace engage::kiosk {

void draw_home_screen(ScreenContext& ctx) {
    UiFrame& ui = ctx.ui;
    const Metrics& m = ui.m;
    // At the largest text sizes the tiles grow to hold their words and
    // scroll; the privacy notice's link stays in the bottom row below them.
    std::optional<ScrollBody> body(std::in_place, ctx, "home");
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
    const float bottom = ctx.area_min.y + body->visible_height() - m.gap * 0.25f;
    const float tile_w = (width - m.gap) * 0.5f;
    // What the tallest tile needs: its picture at least one line high, its
    // name and its hint, as big_button lays them out with the picture on top.
    float needed = m.min_target * 1.5f;
    for (const ActionButton& t : tiles) {
        const float label_w = tile_w - 2 * m.gap;
        needed = std::max(needed, 1.9f * m.gap + ui.fonts.large->FontSize +
                                      text_height(ui, ui.fonts.large, t.label, label_w) +
                                      text_height(ui, ui.fonts.normal, t.sublabel, label_w));
    }
    const float tile_h = std::max(needed, (bottom - y - m.gap) * 0.5f);
    // One picture size for all four: what the tile with the most words has
    // room for, never more than big_button's own size for a tile.
    float picture = std::min(tile_h - 2 * m.gap, ui.fonts.large->FontSize * 1.6f) * 1.3f * 1.4f;
    for (const ActionButton& t : tiles) {
        const float label_w = tile_w - 2 * m.gap;
        picture = std::min(picture, tile_h - 1.9f * m.gap -
                                        text_height(ui, ui.fonts.large, t.label, label_w) -
                                        text_height(ui, ui.fonts.normal, t.sublabel, label_w));
    }
    const float own_picture = std::min(tile_h - 2 * m.gap, ui.fonts.large->FontSize * 1.6f) * 1.4f;
    for (int i = 0; i < 4; ++i) {
        const ActionButton& t = tiles[i];
        const ImVec2 logical(left + static_cast<float>(i % 2) * (tile_w + m.gap),
                             y + static_cast<float>(i / 2) * (tile_h + m.gap));
        const ImVec2 pos = ui.mirror(logical, tile_w, left, width);
        ButtonSpec spec = t.spec();
        spec.icon_at = IconAt::top;
        spec.icon_scale = own_picture > 0 ? std::max(0.0f, picture) / own_picture : 1.3f;
        if (big_button(ui, spec, pos, ImVec2(tile_w, tile_h)))
            t.pressed(ctx.intents);
    }
    body->ends_at(y + 2 * tile_h + m.gap); // exactly the room: no scroll bar unless it grew
    body.reset();

    const ActionButton about{.id = "home.about",
                             .label = ctx.tr("about.link"),
                             .label_en = ctx.tr_en("about.link"),
                             .icon = "info",
                             .kind = ButtonKind::quiet,
                             .action = [](Flow& f, std::int64_t now) { f.open_about(now); }};
    const float row_width = ctx.area_size.x - 2 * m.margin;
    // Its words on one line: in the body font when the large one does not fit
    // (a portrait screen at the largest size drew two lines out of the button).
    ButtonSpec spec = about.spec();
    spec.font = ui.fonts.large;
    auto link_needs = [&](ImFont* font) {
        return text_width(ui, font, about.label) + font->FontSize * 1.6f + 4 * m.gap;
    };
    if (link_needs(ui.fonts.large) > row_width)
        spec.font = ui.fonts.normal;
    const float link_w = std::min(row_width, link_needs(spec.font));
    // Where draw_nav_row puts a screen's bottom row.
    const float link_h = m.min_target;
    const float row_left = ctx.area_min.x + m.margin;
    const float link_y = ctx.area_min.y + ctx.area_size.y - link_h - m.gap * 0.75f;
    if (big_button(ui, spec, ui.mirror(ImVec2(row_left, link_y), link_w, row_left, row_width),
                   ImVec2(link_w, link_h)))
        about.pressed(ctx.intents);
}

} // namespace engage::kiosk
