#pragma once
// The kiosk's font atlas, built from the Noto fonts Debian installs
// (fonts-noto-core, /usr/share/fonts/truetype/noto): Noto Sans for Latin,
// Greek and Cyrillic, merged with Noto Naskh Arabic for Arabic, Farsi, Urdu and
// Sorani, including the presentation-form ranges to_display() produces. Only
// the ranges the catalogue languages need are rasterised, to keep start fast.

#include <filesystem>
#include <string>

struct ImFont;
struct ImGuiIO;

namespace engage::kiosk {

// The fonts of one atlas; owned by io.Fonts (valid until it is cleared).
struct KioskFonts {
    ImFont* normal = nullptr;  // body text, pixel_size
    ImFont* large = nullptr;   // answer buttons and tiles, 1.5 × pixel_size
    ImFont* heading = nullptr; // question text and titles, 2 × pixel_size
    bool arabic = false;       // the Arabic-script font was found and merged
    std::string error;         // "" or what is missing (the ImGui default font is used then)
};

struct FontOptions {
    // Where the Noto .ttf files are; ENGAGE_FONT_DIR overrides.
    std::filesystem::path font_dir = "/usr/share/fonts/truetype/noto";
    // Body size multipliers for the large and heading fonts.
    float large_scale = 1.5f;
    float heading_scale = 2.0f;
};

// Clears io.Fonts, adds the three fonts at `pixel_size` (already scaled for
// DPI and the person's text-size choice) and BUILDS the atlas (alpha8), with
// the joined Sorani/Urdu forms painted in. Never call io.Fonts->Build() or
// ClearTexData() afterwards: a rebuild from the font files would drop those
// painted glyphs. To change size, call load_fonts again, then let the renderer
// backend re-create its texture (destroy the old one first). Sets
// io.FontDefault to `normal`. Never throws; falls back to ImGui's default font
// when no Noto file is found.
KioskFonts load_fonts(ImGuiIO& io, float pixel_size, const FontOptions& options = {});

} // namespace engage::kiosk
