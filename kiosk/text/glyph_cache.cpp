#include "kiosk/text/glyph_cache.hpp"

#include <algorithm>
#include <cmath>
#include <ft2build.h>
#include FT_FREETYPE_H

namespace engage::kiosk {
namespace {

// One pixel of space around each glyph keeps neighbours out of its edges when
// the renderer samples between texels.
constexpr int kPadding = 1;

std::uint64_t key_of(FaceId face, std::uint32_t glyph, int size_64ths) {
    return (static_cast<std::uint64_t>(face) << 56) |
           (static_cast<std::uint64_t>(size_64ths & 0xFFFFFF) << 32) | glyph;
}

} // namespace

GlyphCache::~GlyphCache() {
    set_textures(nullptr);
}

void GlyphCache::set_textures(GlyphTextures* textures) {
    for (auto& p : pages_) {
        if (textures_ != nullptr && p.texture != nullptr)
            textures_->destroy(p.texture);
        p.texture = nullptr;
        p.dirty_y0 = 0;
        p.dirty_y1 = kPageSize;
    }
    textures_ = textures;
    for (auto& p : pages_) {
        if (textures_ != nullptr)
            p.texture = textures_->create(kPageSize, kPageSize);
    }
}

void GlyphCache::clear() {
    for (auto& p : pages_) {
        if (textures_ != nullptr && p.texture != nullptr)
            textures_->destroy(p.texture);
    }
    pages_.clear();
    images_.clear();
    full_ = false;
}

bool GlyphCache::place(int w, int h, int& page, int& x, int& y) {
    if (w + kPadding > kPageSize || h + kPadding > kPageSize)
        return false;
    // Shelf packing: glyphs of one size have similar heights, so rows fill well.
    for (std::size_t i = 0; i < pages_.size(); ++i) {
        auto& p = pages_[i];
        if (p.shelf_x + w + kPadding > kPageSize) {
            p.shelf_y += p.shelf_h;
            p.shelf_x = 0;
            p.shelf_h = 0;
        }
        if (p.shelf_y + h + kPadding > kPageSize)
            continue;
        x = p.shelf_x;
        y = p.shelf_y;
        p.shelf_x += w + kPadding;
        p.shelf_h = std::max(p.shelf_h, h + kPadding);
        page = static_cast<int>(i);
        return true;
    }
    if (static_cast<int>(pages_.size()) >= kMaxPages)
        return false;
    Page fresh;
    fresh.coverage.assign(static_cast<std::size_t>(kPageSize) * kPageSize, 0);
    if (textures_ != nullptr)
        fresh.texture = textures_->create(kPageSize, kPageSize);
    pages_.push_back(std::move(fresh));
    return place(w, h, page, x, y);
}

const GlyphImage& GlyphCache::get(FaceId face, std::uint32_t glyph, float em_px) {
    const int size_64ths = static_cast<int>(std::lround(em_px * 64.0f));
    const auto key = key_of(face, glyph, size_64ths);
    if (auto it = images_.find(key); it != images_.end())
        return it->second;
    GlyphImage image;
    FT_Face ft = faces_.ft(face);
    // Unhinted outlines: HarfBuzz placed the glyphs by their design advances,
    // and hinting would move strokes away from where the joins expect them.
    if (ft != nullptr && FT_Set_Char_Size(ft, 0, size_64ths, 72, 72) == 0 &&
        FT_Load_Glyph(ft, glyph, FT_LOAD_NO_HINTING | FT_LOAD_NO_BITMAP) == 0 &&
        FT_Render_Glyph(ft->glyph, FT_RENDER_MODE_NORMAL) == 0) {
        const FT_Bitmap& bm = ft->glyph->bitmap;
        image.left = ft->glyph->bitmap_left;
        image.top = ft->glyph->bitmap_top;
        image.width = static_cast<int>(bm.width);
        image.height = static_cast<int>(bm.rows);
        int page = 0, x = 0, y = 0;
        if (image.width > 0 && image.height > 0) {
            if (place(image.width, image.height, page, x, y)) {
                auto& p = pages_[static_cast<std::size_t>(page)];
                for (int row = 0; row < image.height; ++row) {
                    const auto* src = bm.buffer + static_cast<std::ptrdiff_t>(row) * bm.pitch;
                    std::copy_n(src, image.width,
                                p.coverage.begin() +
                                    static_cast<std::ptrdiff_t>((y + row) * kPageSize + x));
                }
                p.dirty_y0 = std::min(p.dirty_y0, y);
                p.dirty_y1 = std::max(p.dirty_y1, y + image.height);
                image.page = page;
                constexpr float inv = 1.0f / static_cast<float>(kPageSize);
                image.uv0 = ImVec2(static_cast<float>(x) * inv, static_cast<float>(y) * inv);
                image.uv1 = ImVec2(static_cast<float>(x + image.width) * inv,
                                   static_cast<float>(y + image.height) * inv);
            } else {
                full_ = true;
                // Not remembered: it is drawn once there is room again.
                overflow_ = image;
                return overflow_;
            }
        }
    }
    return images_.emplace(key, image).first->second;
}

void GlyphCache::upload() {
    if (textures_ == nullptr)
        return;
    for (auto& p : pages_) {
        if (p.dirty_y1 <= p.dirty_y0)
            continue;
        if (p.texture == nullptr)
            p.texture = textures_->create(kPageSize, kPageSize);
        textures_->update(p.texture, p.coverage.data(), kPageSize, kPageSize, p.dirty_y0,
                          p.dirty_y1);
        p.dirty_y0 = kPageSize;
        p.dirty_y1 = 0;
    }
}

ImTextureID GlyphCache::texture(int page) const {
    return pages_.at(static_cast<std::size_t>(page)).texture;
}

const std::vector<std::uint8_t>& GlyphCache::coverage(int page) const {
    return pages_.at(static_cast<std::size_t>(page)).coverage;
}

} // namespace engage::kiosk
