// "About your answers": the privacy notice in plain words (issue 8, "Words
// and retention"). Only what the code does today: each line names the part
// that makes it true, and nothing promises a deletion time that nothing
// enforces. docs/privacy.md holds the longer notice.
#include "kiosk/screens/screens.hpp"
#include "kiosk/widgets/icons.hpp"
#include "kiosk/widgets/text_block.hpp"

#include <algorithm>
#include <array>

namespace engage::kiosk {

namespace {

struct NoticeLine {
    const char* icon;
    const char* key;
};

// In reading order: the anonymous answers first, then the one exception.
constexpr std::array<NoticeLine, 5> kNotice{{
    {"lock", "about.anonymous"},   // DESIGN §6 rule 1: date and site, no time, no name
    {"clock", "about.delayed"},    // rule 2: delayed, shuffled batches
    {"pencil", "about.free_text"}, // rule 4: phone numbers etc. removed
    {"people", "about.signup"},    // rule 5: the sign-up is not anonymous, it is sealed
    {"restart", "about.leave"},    // Start again wipes the visit at once (its button's picture)
}};

} // namespace

void draw_about_screen(ScreenContext& ctx) {
    UiFrame& ui = ctx.ui;
    const Metrics& m = ui.m;
    const Theme& t = *ui.theme;
    float y = ctx.area_min.y + m.gap;
    y = draw_heading(ctx, ctx.tr("about.title"), y);

    // Scrolls: at the largest text size the notice is taller than the screen.
    const float left = ctx.area_min.x + m.margin;
    const float width = ctx.area_size.x - 2 * m.margin;
    const float bottom = ctx.area_min.y + ctx.area_size.y - nav_row_height(ctx);
    ImGui::SetCursorScreenPos(ImVec2(left, y));
    ImGui::BeginChild("about", ImVec2(width, bottom - y));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float inner = width - ImGui::GetStyle().ScrollbarSize - m.gap;
    ImFont* font = ui.fonts.large;
    const float icon = font->FontSize * 1.1f;
    const float text_w = inner - icon - m.gap;
    float cy = origin.y;
    for (const NoticeLine& line : kNotice) {
        const std::string words = ctx.tr(line.key);
        const float ix = ui.rtl ? origin.x + inner - icon * 0.5f : origin.x + icon * 0.5f;
        draw_icon(dl, line.icon, ImVec2(ix, cy + font->FontSize * 0.6f), icon, to_u32(t.text),
                  to_u32(t.background), ui.rtl);
        const float tx = ui.rtl ? origin.x : origin.x + icon + m.gap;
        const float h =
            draw_text(ui, dl, font, words, ImVec2(tx, cy), text_w, Align::start, to_u32(t.text));
        cy += std::max(h, icon) + m.gap;
    }
    ImGui::SetCursorScreenPos(ImVec2(origin.x, cy));
    ImGui::Dummy(ImVec2(1, 1));
    touch_scroll(ctx);
    ImGui::EndChild();

    draw_nav_row(ctx, {ActionButton{"nav.back", ctx.tr("question.back"), ctx.tr_en("question.back"),
                                    "back", ButtonKind::quiet,
                                    [](Flow& f, std::int64_t now) { f.close_about(now); }}});
}

} // namespace engage::kiosk
