#include "text_image.hpp"

#include <algorithm>
#include <cmath>
#include <stb_image_write.h>

namespace engage::kiosk::testing {
namespace {

// Copies one glyph's coverage from its cache page, pen at (x, baseline).
void blit(TextPipeline& text, TextImage& image, const GlyphImage& glyph, float x, float baseline) {
    if (glyph.page < 0)
        return;
    const auto& page = text.glyphs().coverage(glyph.page);
    const int u0 = static_cast<int>(std::lround(glyph.uv0.x * GlyphCache::kPageSize));
    const int v0 = static_cast<int>(std::lround(glyph.uv0.y * GlyphCache::kPageSize));
    const int gx = static_cast<int>(std::lround(x)) + glyph.left;
    const int gy = static_cast<int>(std::lround(baseline)) - glyph.top;
    for (int row = 0; row < glyph.height; ++row) {
        for (int col = 0; col < glyph.width; ++col) {
            const int px = gx + col, py = gy + row;
            if (px < 0 || py < 0 || px >= image.width || py >= image.height)
                continue;
            auto& dst = image.pixels[static_cast<std::size_t>(py * image.width + px)];
            dst = std::max(
                dst, page[static_cast<std::size_t>((v0 + row) * GlyphCache::kPageSize + u0 + col)]);
        }
    }
}

} // namespace

TextImage draw_lines(TextPipeline& text, const std::vector<std::string>& lines, float font_px,
                     int width, bool rtl, std::string_view language) {
    TextImage image;
    const int margin = 8;
    const float line_height = font_px * 1.6f;
    image.width = width;
    image.height =
        static_cast<int>(std::ceil(line_height * static_cast<float>(lines.size()))) + 2 * margin;
    image.pixels.assign(static_cast<std::size_t>(image.width * image.height), 0);
    const float em = text.em_px(font_px);
    float top = static_cast<float>(margin) + font_px * 0.3f;
    for (const auto& logical : lines) {
        const auto& line = text.shape(logical, rtl, language);
        const float line_width = line.advance * em;
        const float left =
            rtl ? static_cast<float>(width - margin) - line_width : static_cast<float>(margin);
        const float baseline = top + text.ascent_px(font_px);
        for (const auto& g : line.glyphs) {
            const float size = em * text.faces().metrics(g.face).size_factor;
            blit(text, image, text.glyphs().get(g.face, g.glyph, size), left + g.x * em,
                 baseline - g.y * em);
        }
        top += line_height;
    }
    return image;
}

TextImage draw_at_em(TextPipeline& text, const ShapedLine& line, float em_px) {
    // Pen in font units of each glyph's face, as HarfBuzz gave them.
    float width_px = 0;
    for (const auto& g : line.glyphs) {
        const auto upem = static_cast<float>(text.faces().metrics(g.face).units_per_em);
        width_px += static_cast<float>(g.x_advance) * em_px / upem;
    }
    TextImage image;
    image.width = static_cast<int>(std::ceil(width_px + em_px));
    image.height = static_cast<int>(std::ceil(em_px * 3.0f));
    image.pixels.assign(static_cast<std::size_t>(image.width * image.height), 0);
    const float baseline = em_px * 1.9f; // room for Nastaliq's tall ascent
    float pen = em_px * 0.5f;
    for (const auto& g : line.glyphs) {
        const auto upem = static_cast<float>(text.faces().metrics(g.face).units_per_em);
        const float k = em_px / upem;
        blit(text, image, text.glyphs().get(g.face, g.glyph, em_px),
             pen + static_cast<float>(g.x_offset) * k,
             baseline - static_cast<float>(g.y_offset) * k);
        pen += static_cast<float>(g.x_advance) * k;
    }
    return image;
}

bool write_png(const std::filesystem::path& path, const TextImage& image) {
    std::vector<unsigned char> grey(image.pixels.size());
    std::transform(image.pixels.begin(), image.pixels.end(), grey.begin(),
                   [](unsigned char ink) { return static_cast<unsigned char>(255 - ink); });
    return stbi_write_png(path.string().c_str(), image.width, image.height, 1, grey.data(),
                          image.width) != 0;
}

} // namespace engage::kiosk::testing
