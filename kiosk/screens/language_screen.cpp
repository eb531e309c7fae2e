// Language: every language by its own name in its own script (never flags),
// big enough to find without reading English.
#include "kiosk/i18n/content_coverage.hpp"
#include "kiosk/screens/screens.hpp"

#include <algorithm>
#include <cmath>

namespace engage::kiosk {

void draw_language_screen(ScreenContext& ctx) {
    UiFrame& ui = ctx.ui;
    const Metrics& m = ui.m;
    float y = ctx.area_min.y + m.margin;
    y = draw_heading(ctx, ctx.tr("language.title"), y);

    const auto langs = ctx.flow.languages();
    const float nav_h = nav_row_height(ctx);
    const float left = ctx.area_min.x + m.margin;
    const float width = ctx.area_size.x - 2 * m.margin;
    const float height = ctx.area_min.y + ctx.area_size.y - nav_h - y;
    // Fourteen languages need four columns to stay above the Back button.
    const int cols = langs.size() > 12 ? 4 : langs.size() > 6 ? 3 : 2;
    const int rows =
        std::max(1, static_cast<int>((langs.size() + static_cast<std::size_t>(cols) - 1) /
                                     static_cast<std::size_t>(cols)));
    const float bw = (width - m.gap * static_cast<float>(cols - 1)) / static_cast<float>(cols);
    // Each button holds the name and, below it, how complete the language is.
    const float needed = ui.fonts.large->FontSize * 1.2f + ui.fonts.normal->FontSize * 1.3f + m.gap;
    const float bh =
        std::max(std::max(m.min_target, needed),
                 std::min(m.min_target * 1.6f,
                          (height - m.gap * static_cast<float>(rows)) / static_cast<float>(rows)));
    // At the biggest text sizes the grid may not fit: it scrolls then, above
    // the Back button, instead of running under it.
    const float grid_h = static_cast<float>(rows) * (bh + m.gap);
    const bool scroll = grid_h > height + 0.5f;
    ImGui::SetCursorScreenPos(ImVec2(left, y));
    ImGui::BeginChild("languages", ImVec2(width, std::max(1.0f, height - 0.5f * m.gap)), false,
                      scroll ? ImGuiWindowFlags_None : ImGuiWindowFlags_NoScrollbar);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float inner = scroll ? width - ImGui::GetStyle().ScrollbarSize - m.gap : width;
    const float cell_w =
        scroll ? (inner - m.gap * static_cast<float>(cols - 1)) / static_cast<float>(cols) : bw;
    for (std::size_t i = 0; i < langs.size(); ++i) {
        const int col = static_cast<int>(i) % cols;
        const int row = static_cast<int>(i) / cols;
        const ImVec2 logical(origin.x + static_cast<float>(col) * (cell_w + m.gap),
                             origin.y + static_cast<float>(row) * (bh + m.gap));
        const ImVec2 pos = ui.mirror(logical, cell_w, origin.x, inner);
        const std::string& code = langs[i];
        // Each name is shown in its own direction.
        UiFrame own = ui;
        own.rtl = ctx.cat.is_rtl(code);
        const std::string name = ctx.cat.native_name(code);
        const std::string id = "language." + code;
        // How much of the content is in this language, in its own words and
        // as a number ("80% in this language"), so nobody is surprised by
        // English later. English is the source: always whole, not shown.
        std::string coverage;
        if (const ContentBundle* content = ctx.flow.content();
            content != nullptr && code != kFallbackLanguage) {
            // In that language's digits, as its words are in that language.
            const auto percent = localised_number(content_coverage(*content, code).percent(), code);
            coverage = fill(ctx.cat.text("language.content", code), {{"n", percent}});
        }
        ButtonSpec spec;
        spec.id = id;
        spec.label = name;
        spec.label_en = name; // native names are what every script and person looks for
        spec.sublabel = coverage;
        spec.selected = code == ctx.state().settings.language;
        spec.font = ui.fonts.large;
        if (big_button(own, spec, pos, ImVec2(cell_w, bh))) {
            ctx.intents.act([code](Flow& f, std::int64_t now) { f.choose_language(code, now); });
        }
    }
    ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + grid_h));
    ImGui::Dummy(ImVec2(1, 1));
    if (scroll)
        touch_scroll(ctx);
    ImGui::EndChild();
    draw_nav_row(
        ctx, {ActionButton{"nav.back", ctx.tr("question.back"), ctx.tr_en("question.back"), "back",
                           ButtonKind::quiet, [](Flow& f, std::int64_t now) { f.go_home(now); }}});
}

} // namespace engage::kiosk
