// Thank you, and what changed because people spoke up ("you said, we did"),
// so giving feedback feels worth it. Returns to the start by itself.
#include "kiosk/screens/screens.hpp"
#include "kiosk/widgets/shapes.hpp"
#include "kiosk/widgets/text_block.hpp"

#include <algorithm>
#include <optional>

namespace engage::kiosk {

void draw_thank_you_screen(ScreenContext& ctx) {
    UiFrame& ui = ctx.ui;
    const Metrics& m = ui.m;
    const Theme& t = *ui.theme;
    std::optional<ScrollBody> body;
    body.emplace(ctx, "thanks"); // scrolls at the largest text size, never clipped
    float y = ctx.area_min.y + m.gap;
    y = draw_heading(ctx, ctx.tr("thanks.title"), y);
    const FormVersion* sent = nullptr;
    if (const ContentBundle* c = ctx.flow.content()) {
        for (const auto& f : c->forms)
            if (f.slug == ctx.state().last_sent_form)
                sent = &f;
    }
    const bool signup = sent != nullptr && sent->kind == FormKind::signup;
    y = draw_paragraph(ctx, ctx.tr(signup ? "mentoring.sent" : "thanks.sent"), y, t.text,
                       ui.fonts.large);

    const ContentBundle* content = ctx.flow.content();
    if (content != nullptr && !content->you_said_we_did.empty()) {
        y += m.gap * 0.5f;
        const float left = ctx.area_min.x + m.margin;
        const float width = ctx.area_size.x - 2 * m.margin;
        ImDrawList* dl = ImGui::GetWindowDrawList();
        y += draw_text(ui, dl, ui.fonts.large, ctx.tr("thanks.you_said_we_did"), ImVec2(left, y),
                       width, Align::start, to_u32(t.text));
        y += m.gap * 0.5f;
        // Cards side by side, as many as fit (two on a 1280 screen).
        const int cols = width > 900 * m.unit ? 2 : 1;
        const float cw = (width - m.gap * static_cast<float>(cols - 1)) / static_cast<float>(cols);
        const std::string you_said = ctx.tr("thanks.you_said");
        const std::string we_did = ctx.tr("thanks.we_did");
        const int shown = std::min(cols, static_cast<int>(content->you_said_we_did.size()));
        const float tw = cw - 2 * m.gap;
        // Cards as tall as the longest one needs, no taller than the room left.
        float ch = 0;
        for (int i = 0; i < shown; ++i) {
            const auto& item = content->you_said_we_did[static_cast<std::size_t>(i)];
            const float h = text_height(ui, ui.fonts.normal, you_said, tw) +
                            content_height(ctx, ui.fonts.large, ctx.shown(item.you_said), tw) +
                            text_height(ui, ui.fonts.normal, we_did, tw) +
                            content_height(ctx, ui.fonts.large, ctx.shown(item.we_did), tw) +
                            3 * m.gap;
            ch = std::max(ch, h);
        }
        for (int i = 0; i < shown; ++i) {
            const auto& item = content->you_said_we_did[static_cast<std::size_t>(i)];
            const ImVec2 logical(left + static_cast<float>(i) * (cw + m.gap), y);
            const ImVec2 pos = ui.mirror(logical, cw, left, width);
            const ImVec2 max(pos.x + cw, pos.y + ch);
            fill_rounded_rect(dl, pos, max, to_u32(t.panel), m.rounding);
            dl->AddRect(pos, max, to_u32(t.panel_text, 0.6f), m.rounding, 0, 2.0f);
            float ty = pos.y + m.gap;
            const ImU32 ink = to_u32(t.panel_text);
            ty += draw_text(ui, dl, ui.fonts.normal, you_said, ImVec2(pos.x + m.gap, ty), tw,
                            Align::start, ink);
            ty += draw_content(ctx, dl, ui.fonts.large, ctx.shown(item.you_said),
                               ImVec2(pos.x + m.gap, ty), tw, ink);
            ty += m.gap * 0.5f;
            ty += draw_text(ui, dl, ui.fonts.normal, we_did, ImVec2(pos.x + m.gap, ty), tw,
                            Align::start, ink);
            draw_content(ctx, dl, ui.fonts.large, ctx.shown(item.we_did), ImVec2(pos.x + m.gap, ty),
                         tw, ink);
        }
        y += ch;
    }
    body->ends_at(y + m.gap);
    body.reset();
    draw_nav_row(ctx, {ActionButton{"thanks.another", ctx.tr("thanks.another"),
                                    ctx.tr_en("thanks.another"), "home", ButtonKind::quiet,
                                    [](Flow& f, std::int64_t now) { f.go_home(now); }},
                       ActionButton{"thanks.finish", ctx.tr("thanks.finish"),
                                    ctx.tr_en("thanks.finish"), "tick", ButtonKind::primary,
                                    [](Flow& f, std::int64_t now) { f.finish(now); }, true}});
}

} // namespace engage::kiosk
