#include "kiosk/widgets/theme.hpp"

#include <algorithm>
#include <cmath>
#include <imgui.h>

namespace engage::kiosk {

namespace {

// Standard: near-black text on a warm off-white (less glare than pure white
// for tired eyes), deep colours with white text on buttons.
constexpr Theme kStandard{
    .name = "standard",
    .background = rgb(0xF7F4EC),
    .text = rgb(0x141414),
    .panel = rgb(0xFFFFFF),
    .panel_text = rgb(0x141414),
    .button = rgb(0x0B3D6E),
    .button_text = rgb(0xFFFFFF),
    .button_border = rgb(0x0B3D6E),
    .pressed = rgb(0x062846),
    .selected = rgb(0x1B5E20),
    .selected_text = rgb(0xFFFFFF),
    .quiet = rgb(0x3A3A3A),
    .quiet_text = rgb(0xFFFFFF),
    .help = rgb(0x9A0F0F),
    .help_text = rgb(0xFFFFFF),
    .bar = rgb(0x1D1D1D),
    .bar_text = rgb(0xFFFFFF),
    .focus = rgb(0xB3006B),
    .qr_dark = rgb(0x000000),
    .qr_light = rgb(0xFFFFFF),
    .scroll_track = rgb(0xDCD6C8),
    .border_px = 2.0f,
};

// High contrast: yellow on black, thick yellow outlines, selection inverted.
constexpr Theme kHighContrast{
    .name = "high-contrast",
    .background = rgb(0x000000),
    .text = rgb(0xFFFF00),
    .panel = rgb(0x000000),
    .panel_text = rgb(0xFFFFFF),
    .button = rgb(0x000000),
    .button_text = rgb(0xFFFF00),
    .button_border = rgb(0xFFFF00),
    .pressed = rgb(0x333300),
    .selected = rgb(0xFFFF00),
    .selected_text = rgb(0x000000),
    .quiet = rgb(0x000000),
    .quiet_text = rgb(0xFFFFFF),
    .help = rgb(0x000000),
    .help_text = rgb(0xFF9E9E),
    .bar = rgb(0x000000),
    .bar_text = rgb(0xFFFFFF),
    .focus = rgb(0x00FFFF),
    .qr_dark = rgb(0x000000),
    .qr_light = rgb(0xFFFFFF),
    .scroll_track = rgb(0x3A3A3A),
    .border_px = 4.0f,
};

double linear(float c) {
    const double v = c;
    return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
}

double luminance(Rgb c) {
    return 0.2126 * linear(c.r) + 0.7152 * linear(c.g) + 0.0722 * linear(c.b);
}

} // namespace

const Theme& standard_theme() {
    return kStandard;
}
const Theme& high_contrast_theme() {
    return kHighContrast;
}
const Theme& theme_for(bool high_contrast) {
    return high_contrast ? kHighContrast : kStandard;
}

double contrast_ratio(Rgb a, Rgb b) {
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

std::array<ColourPair, 8> text_pairs(const Theme& t) {
    return {{{"text", t.text, t.background},
             {"panel", t.panel_text, t.panel},
             {"button", t.button_text, t.button},
             {"pressed", t.button_text, t.pressed},
             {"selected", t.selected_text, t.selected},
             {"quiet", t.quiet_text, t.quiet},
             {"help", t.help_text, t.help},
             {"bar", t.bar_text, t.bar}}};
}

ImVec4 to_imvec4(Rgb c, float alpha) {
    return ImVec4(c.r, c.g, c.b, alpha);
}
unsigned to_u32(Rgb c, float alpha) {
    return ImGui::ColorConvertFloat4ToU32(to_imvec4(c, alpha));
}

Metrics metrics_for(float w, float h, float dpi_scale, int text_step) {
    Metrics m;
    m.width = w;
    m.height = h;
    // Fit the 1280x800 design into the window without distortion; a
    // high-DPI display of the same pixel size gets the same physical layout.
    // Portrait screens use the same design turned: long side 1280, short 800.
    const float fit = std::min(std::max(w, h) / 1280.0f, std::min(w, h) / 800.0f);
    m.unit = std::max(0.5f, fit);
    const int step = std::clamp(text_step, 0, static_cast<int>(kTextScales.size()) - 1);
    m.text_px = std::round(30.0f * m.unit * kTextScales[static_cast<std::size_t>(step)]);
    m.bar_text_px = std::round(kBarTextPx * m.unit);
    // 15 mm at the display's real density, if that is more than the design size.
    const float fifteen_mm = 15.0f / 25.4f * 96.0f * std::max(dpi_scale, 0.5f);
    m.min_target = std::round(std::max(92.0f * m.unit, fifteen_mm));
    m.bar_height = std::round(108.0f * m.unit);
    m.gap = std::round(16.0f * m.unit);
    m.margin = std::round(28.0f * m.unit);
    m.rounding = std::round(14.0f * m.unit);
    m.focus_px = std::max(4.0f, std::round(6.0f * m.unit));
    return m;
}

void apply_theme(const Theme& t, const Metrics& m, ImGuiStyle& style) {
    style = ImGuiStyle();
    style.WindowPadding = ImVec2(m.margin, m.margin);
    style.WindowRounding = 0;
    style.WindowBorderSize = 0;
    style.FramePadding = ImVec2(m.gap, m.gap * 0.75f);
    style.FrameRounding = m.rounding;
    style.FrameBorderSize = t.border_px;
    style.ItemSpacing = ImVec2(m.gap, m.gap);
    style.ItemInnerSpacing = ImVec2(m.gap * 0.5f, m.gap * 0.5f);
    style.ScrollbarSize = std::round(40.0f * m.unit); // a finger can drag it
    style.ScrollbarRounding = m.rounding;
    style.GrabMinSize = std::round(60.0f * m.unit);
    style.TouchExtraPadding = ImVec2(0, 0);
    style.AntiAliasedFill = true;
    style.AntiAliasedLines = true;
    ImVec4* c = style.Colors;
    c[ImGuiCol_Text] = to_imvec4(t.text);
    c[ImGuiCol_TextDisabled] = to_imvec4(t.text);
    // The renderer clears to the background already; an opaque window
    // background would make the software renderer blend every pixel again.
    c[ImGuiCol_WindowBg] = to_imvec4(t.background, 0.0f);
    c[ImGuiCol_ChildBg] = to_imvec4(t.background, 0.0f);
    c[ImGuiCol_PopupBg] = to_imvec4(t.panel);
    c[ImGuiCol_Border] = to_imvec4(t.button_border);
    c[ImGuiCol_FrameBg] = to_imvec4(t.panel);
    c[ImGuiCol_FrameBgHovered] = to_imvec4(t.panel);
    c[ImGuiCol_FrameBgActive] = to_imvec4(t.panel);
    c[ImGuiCol_Button] = to_imvec4(t.button);
    c[ImGuiCol_ButtonHovered] = to_imvec4(t.button);
    c[ImGuiCol_ButtonActive] = to_imvec4(t.pressed);
    // The scroll bar says "there is more": its grab is drawn in the text's
    // own colour on a panel-coloured track, so it shows in both themes (the
    // quiet colour was black on black in high contrast).
    c[ImGuiCol_ScrollbarBg] = to_imvec4(t.scroll_track);
    c[ImGuiCol_ScrollbarGrab] = to_imvec4(t.text);
    c[ImGuiCol_ScrollbarGrabHovered] = to_imvec4(t.text);
    c[ImGuiCol_ScrollbarGrabActive] = to_imvec4(t.focus);
    c[ImGuiCol_NavHighlight] = to_imvec4(t.focus);
}

} // namespace engage::kiosk
