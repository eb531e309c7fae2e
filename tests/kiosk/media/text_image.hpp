#pragma once
// Test-only: draws shaped text from the text pipeline's glyph cache into a
// grey PNG, placing each glyph where the kiosk would, so a person can look at
// how each script renders without a window (and beside hb-view's picture).

#include "kiosk/text/text_pipeline.hpp"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace engage::kiosk::testing {

struct TextImage {
    int width = 0;
    int height = 0;
    std::vector<unsigned char> pixels; // 1 byte per pixel, 255 = ink
};

// Lays out each logical line (shaped by `text`) right-aligned when `rtl`, at
// `font_px` (an ImGui font size, as the kiosk's widgets use), 1.6 lines apart.
TextImage draw_lines(TextPipeline& text, const std::vector<std::string>& lines, float font_px,
                     int width, bool rtl, std::string_view language);

// Draws one shaped line with every face at `em_px` pixels per em (no size
// factor): the scale hb-view --font-size uses, for a side-by-side picture.
TextImage draw_at_em(TextPipeline& text, const ShapedLine& line, float em_px);

// Writes dark text on white as PNG; false on error.
bool write_png(const std::filesystem::path& path, const TextImage& image);

} // namespace engage::kiosk::testing
