#pragma once
// Test-only: draws display text with an ImGui font straight from the atlas into
// a grey PNG, the way ImGui would place the glyphs, so a person can look at how
// each script renders without a window.

#include <filesystem>
#include <string>
#include <vector>

struct ImFont;

namespace engage::kiosk::testing {

struct TextImage {
    int width = 0;
    int height = 0;
    std::vector<unsigned char> pixels; // 1 byte per pixel, 255 = ink
};

// Lays out each display line (already visual order) right-aligned when `rtl`,
// one font line height apart. Needs the atlas built (alpha8 data available).
TextImage draw_lines(ImFont* font, const std::vector<std::string>& lines, int width, bool rtl);

// Writes dark text on white as PNG; false on error.
bool write_png(const std::filesystem::path& path, const TextImage& image);

} // namespace engage::kiosk::testing
