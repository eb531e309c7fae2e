#include "text_image.hpp"

#include <algorithm>
#include <cmath>
#include <imgui.h>
#include <imgui_internal.h>
#include <stb_image_write.h>

namespace engage::kiosk::testing {

TextImage draw_lines(ImFont* font, const std::vector<std::string>& lines, int width, bool rtl) {
    TextImage image;
    const int margin = 8;
    const float line_height = font->FontSize * 1.4f;
    image.width = width;
    image.height =
        static_cast<int>(std::ceil(line_height * static_cast<float>(lines.size()))) + 2 * margin;
    image.pixels.assign(static_cast<std::size_t>(image.width * image.height), 0);
    unsigned char* atlas = nullptr;
    int atlas_w = 0, atlas_h = 0;
    font->ContainerAtlas->GetTexDataAsAlpha8(&atlas, &atlas_w, &atlas_h);
    float y = static_cast<float>(margin);
    for (const auto& line : lines) {
        const float line_width = font->CalcTextSizeA(font->FontSize, 1e9f, 0.0f, line.c_str()).x;
        float x =
            rtl ? static_cast<float>(width - margin) - line_width : static_cast<float>(margin);
        const char* s = line.c_str();
        const char* end = s + line.size();
        while (s < end) {
            unsigned int c = 0;
            s += ImTextCharFromUtf8(&c, s, end);
            const ImFontGlyph* glyph = font->FindGlyph(static_cast<ImWchar>(c));
            if (glyph == nullptr)
                continue;
            const int gx0 = static_cast<int>(std::lround(x + glyph->X0));
            const int gy0 = static_cast<int>(std::lround(y + glyph->Y0));
            const int u0 = static_cast<int>(std::lround(glyph->U0 * static_cast<float>(atlas_w)));
            const int v0 = static_cast<int>(std::lround(glyph->V0 * static_cast<float>(atlas_h)));
            const int gw = static_cast<int>(
                std::lround((glyph->U1 - glyph->U0) * static_cast<float>(atlas_w)));
            const int gh = static_cast<int>(
                std::lround((glyph->V1 - glyph->V0) * static_cast<float>(atlas_h)));
            for (int row = 0; row < gh; ++row) {
                for (int col = 0; col < gw; ++col) {
                    const int px = gx0 + col, py = gy0 + row;
                    if (px < 0 || py < 0 || px >= image.width || py >= image.height)
                        continue;
                    auto& dst = image.pixels[static_cast<std::size_t>(py * image.width + px)];
                    dst = std::max(dst, atlas[(v0 + row) * atlas_w + u0 + col]);
                }
            }
            x += glyph->AdvanceX;
        }
        y += line_height;
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
