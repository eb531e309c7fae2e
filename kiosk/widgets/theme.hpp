#pragma once
// Colours and sizes of the kiosk. Two themes: the standard one (dark text on a
// warm off-white, deep-blue buttons) and an even higher-contrast one (yellow
// on black) behind the Contrast button. Every text/background pair of both
// meets WCAG AAA (≥ 7:1); tests compute it from these values.
//
// Sizes come from the window (Metrics), never from pixel constants in screens,
// so the same layout fits 1280x800, 1920x1080 or a portrait screen.

#include "kiosk/flow/text_size.hpp"

#include <array>
#include <string_view>

struct ImGuiStyle;
struct ImVec4;

namespace engage::kiosk {

struct Rgb {
    float r = 0, g = 0, b = 0; // 0..1, sRGB
};

// sRGB colour from 0xRRGGBB.
constexpr Rgb rgb(unsigned hex) {
    return {static_cast<float>((hex >> 16) & 0xFF) / 255.0f,
            static_cast<float>((hex >> 8) & 0xFF) / 255.0f,
            static_cast<float>(hex & 0xFF) / 255.0f};
}

struct Theme {
    std::string_view name;
    Rgb background;    // the screen
    Rgb text;          // body text on background
    Rgb panel;         // cards (help entries, review rows, you said/we did)
    Rgb panel_text;    // text on panel
    Rgb button;        // answer buttons, tiles
    Rgb button_text;   // text and icons on button
    Rgb button_border; // outline of buttons (high contrast needs it)
    Rgb pressed;       // a button while a finger is on it
    Rgb selected;      // chosen answer
    Rgb selected_text; // text and icons on selected
    Rgb quiet;         // secondary buttons: Back, Skip, top bar settings
    Rgb quiet_text;
    Rgb help; // Help now: always findable
    Rgb help_text;
    Rgb bar; // top bar background
    Rgb bar_text;
    Rgb focus;   // keyboard focus ring
    Rgb qr_dark; // QR modules: always dark on light, whatever the theme
    Rgb qr_light;
    Rgb scroll_track; // behind the scroll bar's grab (the grab is `text`)
    float border_px;  // button outline thickness at scale 1
};

// The default theme and the one the Contrast button switches to.
const Theme& standard_theme();
const Theme& high_contrast_theme();
const Theme& theme_for(bool high_contrast);

// WCAG 2.x contrast ratio of two colours (1..21).
double contrast_ratio(Rgb a, Rgb b);

// Every foreground/background pair of a theme that carries text, for tests:
// {name, foreground, background}.
struct ColourPair {
    std::string_view name;
    Rgb fg;
    Rgb bg;
};
std::array<ColourPair, 8> text_pairs(const Theme& t);

ImVec4 to_imvec4(Rgb c, float alpha = 1.0f);
unsigned to_u32(Rgb c, float alpha = 1.0f);

// Sizes derived from the window. `unit` is 1 at 1280x800 at 96 dpi.
struct Metrics {
    float unit = 1;
    float width = 1280;
    float height = 800;
    float text_px = 30; // body font size (already includes the text-size choice)
    // The top bar's own font size (kBarTextPx): smaller than the body and the
    // same at every text size, so ten labelled buttons fit beside the staff
    // corner in every language; a real size, rasterised as it is drawn.
    float bar_text_px = 22;
    float min_target = 92;  // nothing touchable is smaller than this (~15 mm at a 1280x800 15")
    float bar_height = 108; // the persistent top bar
    float gap = 16;         // between buttons
    float margin = 28;      // screen edges
    float rounding = 14;    // button corners
    float focus_px = 6;     // focus ring thickness
};

// Text sizes by the visit's step (0 normal .. max_text_size_step largest,
// kiosk/flow/flow.hpp): the largest is nearly twice the normal size.
inline constexpr std::array<float, max_text_size_step + 1> kTextScales{0.85f, 1.0f, 1.2f, 1.4f,
                                                                       1.65f};
inline constexpr int kDefaultTextStep = 0;
// The top bar's font size at 1280x800, the same at every text size: the bar
// must keep ten buttons with pictures and whole words in one or two rows in
// every language (Somali and Tigrinya labels are long), and a bar that stays
// the same is learnt once; the pictures and Read aloud carry the rest. Still
// larger than the old bar's squeezed words (down to 18 px in Somali).
inline constexpr float kBarTextPx = 22.0f;
// The largest the bar's words grow where a language's labels leave room in
// the same number of rows (the bar's size before it had ten buttons).
inline constexpr float kBarTextMaxPx = 28.0f;

// Metrics for a window of w x h pixels at `dpi_scale`, text-size step `step`.
Metrics metrics_for(float w, float h, float dpi_scale, int text_step);

// Colours, paddings and roundings of ImGui's own widgets from the theme.
void apply_theme(const Theme& t, const Metrics& m, ImGuiStyle& style);

} // namespace engage::kiosk
