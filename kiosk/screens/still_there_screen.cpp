// "Are you still there?": a big visible countdown, why it wipes (privacy,
// not a punishment), and one huge button to carry on.
#include "kiosk/screens/screens.hpp"
#include "kiosk/widgets/text_block.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

namespace engage::kiosk {

void draw_still_there_screen(ScreenContext& ctx) {
    UiFrame& ui = ctx.ui;
    const Metrics& m = ui.m;
    const Theme& t = *ui.theme;
    std::optional<ScrollBody> body;
    body.emplace(ctx, "still_there"); // scrolls at the largest text size
    ImDrawList* dl = ImGui::GetWindowDrawList();
    float y = ctx.area_min.y + m.margin;
    y = draw_heading(ctx, ctx.tr("still_there.title"), y);
    const int left_s = ctx.flow.countdown_seconds_left(ctx.now_ms);
    const std::string secs = ctx.number(left_s);
    const float x = ctx.area_min.x + m.margin;
    const float w = ctx.area_size.x - 2 * m.margin;

    // The number in a ring that empties as time runs out.
    const float r = std::min(body->visible_height() * 0.15f, 120.0f * m.unit);
    const ImVec2 c(ctx.area_min.x + ctx.area_size.x * 0.5f, y + r + m.gap);
    dl->AddCircle(c, r, to_u32(t.text, 0.35f), 64, 6.0f * m.unit);
    const ContentBundle* content = ctx.flow.content();
    const float total =
        static_cast<float>(content ? std::max(1, content->settings.countdown_seconds) : 30);
    const float frac = std::clamp(static_cast<float>(left_s) / total, 0.0f, 1.0f);
    if (frac > 0) {
        dl->PathArcTo(c, r, -1.5708f, -1.5708f + frac * 6.2832f, 64);
        dl->PathStroke(to_u32(t.text), ImDrawFlags_None, 10.0f * m.unit);
    }
    // Through the text pipeline like every other word: ImGui's atlas has no
    // Arabic-Indic or Bengali digits. Not read aloud: the sentence below says it.
    UiFrame ring = ui;
    ring.font_scale = 1.4f;
    const float ring_h = text_height(ring, ui.fonts.heading, secs, 2 * r);
    draw_text(ring, dl, ui.fonts.heading, secs, ImVec2(c.x - r, c.y - ring_h * 0.5f), 2 * r,
              Align::centre, to_u32(t.text), false);
    y = c.y + r + m.gap * 1.5f;
    y += draw_text(ui, dl, ui.fonts.large, ctx.tr_count("still_there.countdown", "s", left_s),
                   ImVec2(x, y), w, Align::centre, to_u32(t.text));
    y += draw_text(ui, dl, ui.fonts.large, ctx.tr("still_there.explain"), ImVec2(x, y), w,
                   Align::centre, to_u32(t.text));
    // "I need more time" under the words, not in the nav row: three buttons
    // there do not fit at the largest text size.
    {
        ActionButton more{"still_there.more_time",
                          ctx.tr("still_there.more_time"),
                          ctx.tr_en("still_there.more_time"),
                          "clock",
                          ButtonKind::quiet,
                          [](Flow& f, std::int64_t now) { f.need_more_time(now); }};
        const float bw = std::min(w, text_width(ui, ui.fonts.large, more.label) +
                                         ui.fonts.large->FontSize * 1.6f + 4 * m.gap);
        y += m.gap;
        if (big_button(ui, more.spec(), ImVec2(x + (w - bw) * 0.5f, y), ImVec2(bw, m.min_target)))
            more.pressed(ctx.intents);
        y += m.min_target + m.gap;
    }
    body->ends_at(y);
    body.reset();

    draw_nav_row(ctx,
                 {ActionButton{"still_there.start_again", ctx.tr("still_there.start_again"),
                               ctx.tr_en("still_there.start_again"), "restart", ButtonKind::quiet,
                               [](Flow& f, std::int64_t now) { f.start_again(now); }},
                  ActionButton{"still_there.continue", ctx.tr("still_there.continue"),
                               ctx.tr_en("still_there.continue"), "tick", ButtonKind::primary,
                               [](Flow& f, std::int64_t now) { f.still_here(now); }, true}});
}

} // namespace engage::kiosk
