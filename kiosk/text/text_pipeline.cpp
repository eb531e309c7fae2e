#include "kiosk/text/text_pipeline.hpp"

#include "kiosk/text/line_breaks.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace engage::kiosk {
namespace {

std::string line_key(std::string_view utf8, bool rtl, std::string_view language) {
    std::string key;
    key.reserve(utf8.size() + language.size() + 2);
    key += rtl ? 'R' : 'L';
    key += language;
    key += '\x1F';
    key += utf8;
    return key;
}

void wipe(std::string& s) {
    explicit_bzero(s.data(), s.size());
}

bool is_space(char c) {
    return c == ' ' || c == '\t';
}

std::string_view trim_end(std::string_view s) {
    while (!s.empty() && is_space(s.back()))
        s.remove_suffix(1);
    return s;
}

} // namespace

TextPipeline::TextPipeline(const std::filesystem::path& font_dir)
    : faces_(font_dir), glyphs_(faces_) {
    register_shown_text_cache(this);
}

TextPipeline::~TextPipeline() {
    unregister_shown_text_cache(this);
    forget();
}

float TextPipeline::em_px(float font_px) const {
    const auto& m = faces_.metrics(FaceId::latin);
    const int height = m.ascender - m.descender;
    return height > 0 ? font_px * static_cast<float>(m.units_per_em) / static_cast<float>(height)
                      : font_px;
}

float TextPipeline::ascent_px(float font_px) const {
    const auto& m = faces_.metrics(FaceId::latin);
    const int height = m.ascender - m.descender;
    return height > 0 ? font_px * static_cast<float>(m.ascender) / static_cast<float>(height)
                      : font_px * 0.8f;
}

const ShapedLine& TextPipeline::shape(std::string_view utf8, bool rtl, std::string_view language) {
    auto key = line_key(utf8, rtl, language);
    if (auto it = lines_.find(key); it != lines_.end()) {
        ++counters_.reused;
        wipe(key);
        return it->second;
    }
    ++counters_.shaped;
    if (lines_.size() >= kCacheLimit) {
        // Paragraphs refer to nothing in lines_, so only lines need dropping.
        for (auto& [k, v] : lines_) {
            wipe(const_cast<std::string&>(k));
            std::fill(v.glyphs.begin(), v.glyphs.end(), ShapedGlyph{});
        }
        lines_.clear();
    }
    return lines_.emplace(std::move(key), shape_line(faces_, utf8, rtl, language)).first->second;
}

float TextPipeline::width(std::string_view utf8, float font_px, bool rtl,
                          std::string_view language) {
    return shape(utf8, rtl, language).advance * em_px(font_px);
}

const std::vector<std::string>& TextPipeline::wrap(std::string_view utf8, float font_px,
                                                   float width, bool rtl,
                                                   std::string_view language) {
    // Whole pixels in the key: a layout that moves by a fraction wraps alike.
    auto key = line_key(utf8, rtl, language);
    key += '\x1F' + std::to_string(std::lround(font_px * 4)) + ':' +
           std::to_string(std::lround(width));
    if (auto it = paragraphs_.find(key); it != paragraphs_.end()) {
        wipe(key);
        return it->second;
    }
    if (paragraphs_.size() >= kCacheLimit) {
        for (auto& [k, v] : paragraphs_) {
            wipe(const_cast<std::string&>(k));
            for (auto& l : v)
                wipe(l);
        }
        paragraphs_.clear();
    }
    // Measures without caching: candidate lines are prefixes nobody draws.
    const float em = em_px(font_px);
    auto measure = [&](std::string_view s) {
        return shape_line(faces_, s, rtl, language).advance * em;
    };
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start <= utf8.size()) {
        auto end = utf8.find('\n', start);
        if (end == std::string_view::npos)
            end = utf8.size();
        const auto paragraph = utf8.substr(start, end - start);
        if (paragraph.empty() || shape(paragraph, rtl, language).advance * em <= width) {
            lines.emplace_back(paragraph);
        } else {
            // Greedy: the longest run of break opportunities that fits. Spaces
            // at a line's end are dropped (they hang, UAX #14 LB7).
            const auto breaks = line_break_offsets(paragraph, language);
            std::size_t line_start = 0;
            std::size_t fitted = 0; // last break that fits, 0: none yet
            for (std::size_t i = 0; i < breaks.size(); ++i) {
                const auto candidate =
                    trim_end(paragraph.substr(line_start, breaks[i] - line_start));
                if (measure(candidate) <= width) {
                    fitted = breaks[i];
                    continue;
                }
                if (fitted == 0) {
                    // One word wider than the line: a line of its own.
                    lines.emplace_back(candidate);
                    line_start = breaks[i];
                    continue;
                }
                lines.emplace_back(trim_end(paragraph.substr(line_start, fitted - line_start)));
                line_start = fitted;
                fitted = 0;
                --i; // measure this break again from the new line start
            }
            if (line_start < paragraph.size())
                lines.emplace_back(trim_end(paragraph.substr(line_start)));
        }
        start = end + 1;
    }
    return paragraphs_.emplace(std::move(key), std::move(lines)).first->second;
}

void TextPipeline::draw(ImDrawList* dl, const ShapedLine& line, ImVec2 top_left, float font_px,
                        ImU32 colour) {
    const float em = em_px(font_px);
    const float baseline = std::round(top_left.y + ascent_px(font_px));
    int current_page = -1;
    for (const auto& g : line.glyphs) {
        const float size = em * faces_.metrics(g.face).size_factor;
        const GlyphImage& img = glyphs_.get(g.face, g.glyph, size);
        if (img.page < 0)
            continue;
        const ImTextureID texture = glyphs_.texture(img.page);
        if (texture == nullptr)
            continue; // no renderer (tests): nothing to draw with
        if (img.page != current_page) {
            if (current_page >= 0)
                dl->PopTextureID();
            dl->PushTextureID(texture);
            current_page = img.page;
        }
        const float x = std::round(top_left.x + g.x * em) + static_cast<float>(img.left);
        const float y = std::round(baseline - g.y * em) - static_cast<float>(img.top);
        dl->PrimReserve(6, 4);
        dl->PrimRectUV(
            ImVec2(x, y),
            ImVec2(x + static_cast<float>(img.width), y + static_cast<float>(img.height)), img.uv0,
            img.uv1, colour);
    }
    if (current_page >= 0)
        dl->PopTextureID();
}

void TextPipeline::forget() {
    for (auto& [k, v] : lines_) {
        wipe(const_cast<std::string&>(k));
        std::fill(v.glyphs.begin(), v.glyphs.end(), ShapedGlyph{});
    }
    lines_.clear();
    for (auto& [k, v] : paragraphs_) {
        wipe(const_cast<std::string&>(k));
        for (auto& l : v)
            wipe(l);
    }
    paragraphs_.clear();
}

} // namespace engage::kiosk
