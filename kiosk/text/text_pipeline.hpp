#pragma once
// The kiosk's one text pipeline: bidi ordering, script itemisation and
// HarfBuzz shaping (shaped_text.hpp), UAX #14 wrapping measured in shaped
// advances (line_breaks.hpp), and drawing from the glyph cache. Shaped lines
// and wrapped paragraphs are cached, so a frame that redraws a screen shapes
// nothing it shaped before; the caches hold what was shown (typed text
// included) and are wiped by forget(); a pipeline registers itself so
// forget_display_text() (called when a visit ends) reaches it.
//
// Not thread-safe: the UI thread only.

#include "kiosk/text/display_text.hpp"
#include "kiosk/text/font_faces.hpp"
#include "kiosk/text/glyph_cache.hpp"
#include "kiosk/text/shaped_text.hpp"

#include <cstddef>
#include <filesystem>
#include <imgui.h>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace engage::kiosk {

class TextPipeline final : public ShownTextCache {
public:
    // Bounds each cache: screens show a few hundred distinct strings, and a
    // kiosk that runs for weeks (showing typed text) must not grow without end.
    static constexpr std::size_t kCacheLimit = 4096;

    explicit TextPipeline(const std::filesystem::path& font_dir);
    ~TextPipeline();
    TextPipeline(const TextPipeline&) = delete;
    TextPipeline& operator=(const TextPipeline&) = delete;

    const FontFaces& faces() const { return faces_; }
    GlyphCache& glyphs() { return glyphs_; }

    // Sizes are given as ImGui font sizes (`font_px`: Noto Sans ascender to
    // descender, as ImGui's atlas uses them); these convert to the Latin em and
    // to the baseline's distance from the line top.
    float em_px(float font_px) const;
    float ascent_px(float font_px) const;

    // The shaped form of one line (no '\n'); cached per text, language and
    // direction (positions are in ems, so one entry serves every size).
    const ShapedLine& shape(std::string_view utf8, bool rtl, std::string_view language);
    float width(std::string_view utf8, float font_px, bool rtl, std::string_view language);
    // `utf8` split into lines (logical order) no wider than `width` pixels at
    // `font_px`: at '\n' and at UAX #14 break opportunities, measured in shaped
    // advances; a word wider than `width` gets a line of its own. Cached.
    const std::vector<std::string>& wrap(std::string_view utf8, float font_px, float width,
                                         bool rtl, std::string_view language);
    // Draws a shaped line with its top-left corner at `top_left`.
    void draw(ImDrawList* dl, const ShapedLine& line, ImVec2 top_left, float font_px, ImU32 colour);

    // Wipes and drops every cached line and paragraph (glyph images stay:
    // they are the font's, not the text's).
    void forget() override;

    struct Counters {
        std::size_t shaped = 0; // lines shaped (cache misses)
        std::size_t reused = 0; // lines found in the cache
    };
    const Counters& counters() const { return counters_; }

private:
    FontFaces faces_;
    GlyphCache glyphs_;
    std::unordered_map<std::string, ShapedLine> lines_;
    std::unordered_map<std::string, std::vector<std::string>> paragraphs_;
    Counters counters_;
};

} // namespace engage::kiosk
