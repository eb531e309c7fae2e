// Language: every language by its own name in its own script (never flags),
// big enough to find without reading English.
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
    const int cols = langs.size() > 6 ? 3 : 2;
    const int rows =
        std::max(1, static_cast<int>((langs.size() + static_cast<std::size_t>(cols) - 1) /
                                     static_cast<std::size_t>(cols)));
    const float bw = (width - m.gap * static_cast<float>(cols - 1)) / static_cast<float>(cols);
    const float bh = std::max(
        m.min_target, std::min(m.min_target * 1.6f, (height - m.gap * static_cast<float>(rows)) /
                                                        static_cast<float>(rows)));
    for (std::size_t i = 0; i < langs.size(); ++i) {
        const int col = static_cast<int>(i) % cols;
        const int row = static_cast<int>(i) / cols;
        const ImVec2 logical(left + static_cast<float>(col) * (bw + m.gap),
                             y + static_cast<float>(row) * (bh + m.gap));
        const ImVec2 pos = ui.mirror(logical, bw, left, width);
        const std::string& code = langs[i];
        // Each name is shown in its own direction.
        UiFrame own = ui;
        own.rtl = ctx.cat.is_rtl(code);
        const std::string name = ctx.cat.native_name(code);
        const std::string id = "language." + code;
        ButtonSpec spec;
        spec.id = id;
        spec.label = name;
        spec.label_en = name; // native names are what every script and person looks for
        spec.selected = code == ctx.state().settings.language;
        spec.font = ui.fonts.large;
        if (big_button(own, spec, pos, ImVec2(bw, bh))) {
            ctx.intents.act([code](Flow& f, std::int64_t now) { f.choose_language(code, now); });
        }
    }
    draw_nav_row(
        ctx, {ActionButton{"nav.back", ctx.tr("question.back"), ctx.tr_en("question.back"), "back",
                           ButtonKind::quiet, [](Flow& f, std::int64_t now) { f.go_home(now); }}});
}

} // namespace engage::kiosk
