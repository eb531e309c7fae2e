#pragma once
// Glyph images for shaped text: FreeType rasterises each (face, glyph, size)
// once into an 8-bit coverage page; pages become textures through the
// GlyphTextures the platform provides (SDL stays behind kiosk/platform), and
// ImDrawList draws quads from them. Kept instead of ImGui's atlas because the
// atlas (16-bit ImWchar, built once) would need every glyph id of every face
// at every size before the first frame (see docs/architecture.md).
//
// Not thread-safe: the UI thread only.

#include "kiosk/text/font_faces.hpp"

#include <cstdint>
#include <imgui.h>
#include <unordered_map>
#include <vector>

namespace engage::kiosk {

// Made by the platform: turns coverage pages into textures ImGui's renderer
// backend can draw (ImTextureID). All calls come from the UI thread.
class GlyphTextures {
public:
    virtual ~GlyphTextures() = default;
    virtual ImTextureID create(int width, int height) = 0;
    // `coverage` is width × height bytes; rows [y0, y1) changed.
    virtual void update(ImTextureID texture, const std::uint8_t* coverage, int width, int height,
                        int y0, int y1) = 0;
    virtual void destroy(ImTextureID texture) = 0;
};

struct GlyphImage {
    int page = -1; // -1: nothing to draw (a space, or no room)
    int left = 0;  // ink box from the pen position, pixels (y down from the baseline)
    int top = 0;   // rows above the baseline
    int width = 0;
    int height = 0;
    ImVec2 uv0, uv1;
};

class GlyphCache {
public:
    // Page side: one 1024² page holds ~1,500 glyphs at body size; kMaxPages
    // bounds memory (16 MiB of RGBA textures) on a kiosk that runs for weeks.
    static constexpr int kPageSize = 1024;
    static constexpr int kMaxPages = 4;

    explicit GlyphCache(const FontFaces& faces) : faces_(faces) {}
    ~GlyphCache();
    GlyphCache(const GlyphCache&) = delete;
    GlyphCache& operator=(const GlyphCache&) = delete;

    // Where pages go as textures; nullptr (tests) keeps them in memory only.
    void set_textures(GlyphTextures* textures);
    // The image of `glyph` in `face` at `em_px` pixels per em, rasterised on first use.
    const GlyphImage& get(FaceId face, std::uint32_t glyph, float em_px);
    // Uploads pages changed since the last call (before the frame is rendered).
    void upload();
    ImTextureID texture(int page) const;
    // The coverage bytes of a page (tests and the screenshot comparison read them).
    const std::vector<std::uint8_t>& coverage(int page) const;
    int page_count() const { return static_cast<int>(pages_.size()); }
    // True once a glyph found no room; the next frame starts with empty pages.
    bool full() const { return full_; }
    void clear();

private:
    struct Page {
        std::vector<std::uint8_t> coverage;
        ImTextureID texture = nullptr;
        int shelf_x = 0, shelf_y = 0, shelf_h = 0;
        int dirty_y0 = kPageSize, dirty_y1 = 0;
    };
    bool place(int w, int h, int& page, int& x, int& y);

    const FontFaces& faces_;
    GlyphTextures* textures_ = nullptr;
    std::vector<Page> pages_;
    std::unordered_map<std::uint64_t, GlyphImage> images_;
    bool full_ = false;
    GlyphImage overflow_; // returned for a glyph that found no room (page -1)
};

} // namespace engage::kiosk
