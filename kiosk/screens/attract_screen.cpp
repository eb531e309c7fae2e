// Attract: the whole screen invites a touch. Greetings in the kiosk's
// languages change slowly with a gentle fade (never flashing), with the
// promise that matters most to someone wary: we don't ask your name.
#include "kiosk/screens/screens.hpp"
#include "kiosk/widgets/icons.hpp"
#include "kiosk/widgets/text_block.hpp"

#include <algorithm>

namespace engage::kiosk {

void draw_attract_screen(ScreenContext& ctx) {
    UiFrame& ui = ctx.ui;
    const Metrics& m = ui.m;
    const Theme& t = *ui.theme;
    ImDrawList* dl = ImGui::GetWindowDrawList();

    // Greeting in each of the kiosk's languages, one at a time.
    const auto langs = ctx.flow.languages();
    const std::int64_t n = std::max<std::int64_t>(1, static_cast<std::int64_t>(langs.size()));
    const std::int64_t turn = (ctx.now_ms / kGreetingPeriodMs) % n;
    const std::string& code = langs.empty() ? ui.language : langs[static_cast<std::size_t>(turn)];
    const std::int64_t phase = ctx.now_ms % kGreetingPeriodMs;
    const float fade =
        std::clamp(static_cast<float>(phase) / static_cast<float>(kGreetingFadeMs), 0.0f, 1.0f);

    const float x = ctx.area_min.x + m.margin;
    const float w = ctx.area_size.x - 2 * m.margin;
    float y = ctx.area_min.y + m.margin;

    // The greeting is drawn in its own language's direction.
    UiFrame greet = ui;
    greet.rtl = ctx.cat.is_rtl(code);
    greet.spoken = nullptr;
    const std::string greeting = ctx.cat.text("attract.greeting", code);
    const float gh = text_height(greet, ui.fonts.heading, greeting, w);
    draw_text(greet, dl, ui.fonts.heading, greeting, ImVec2(x, y + m.gap), w, Align::centre,
              to_u32(t.text, fade));
    y += std::max(gh, ui.fonts.heading->FontSize * 1.2f) + 2 * m.gap;

    // One huge button: the whole middle of the screen starts a visit.
    const float bottom_text = ui.fonts.normal->FontSize * 3.2f + m.gap * 2;
    const float bh = ctx.area_min.y + ctx.area_size.y - y - bottom_text - m.margin;
    const std::string label = ctx.tr("attract.touch_to_start");
    const std::string label_en = ctx.tr_en("attract.touch_to_start");
    // "Touch to start" also in the language of the greeting now showing, so
    // someone who reads no English sees an invitation in theirs.
    std::string sublabel = ctx.tr("attract.what_you_can_do");
    if (code != ui.language)
        sublabel = ctx.cat.text("attract.touch_to_start", code) + "\n" + sublabel;
    ButtonSpec start;
    start.id = "attract.start";
    start.label = label;
    start.label_en = label_en;
    start.sublabel = sublabel;
    start.icon = "talk";
    start.icon_at = IconAt::top;
    start.font = ui.fonts.heading;
    start.icon_scale = 1.6f;
    if (big_button(ui, start, ImVec2(x, y), ImVec2(w, bh)))
        ctx.intents.act([](Flow& f, std::int64_t now) { f.start(now); });
    y += bh + m.gap;

    y += draw_text(ui, dl, ui.fonts.large, ctx.tr("reassure.anonymous"), ImVec2(x, y), w,
                   Align::centre, to_u32(t.text));
    draw_text(ui, dl, ui.fonts.normal, ctx.tr("attract.anonymous"), ImVec2(x, y), w, Align::centre,
              to_u32(t.text));
}

} // namespace engage::kiosk
