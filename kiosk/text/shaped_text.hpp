#pragma once
// One line of text shaped for drawing: FriBiDi orders the paragraph (Unicode
// bidi algorithm), the line is split into runs of one direction and one script
// (each set in its script's face, see font_faces.hpp), every run is shaped by
// HarfBuzz, and the runs are laid out left to right in visual order. Glyph
// positions are in ems of the Latin font at the requested size, so one shaped
// line serves every text size; marks keep the offsets HarfBuzz gives them, so
// a shadda stays on its letter however tall.

#include "kiosk/text/font_faces.hpp"

#include <cstdint>
#include <string_view>
#include <vector>

namespace engage::kiosk {

struct ShapedGlyph {
    FaceId face = FaceId::latin;
    std::uint32_t glyph = 0;   // glyph id in `face`
    std::uint32_t cluster = 0; // byte offset of its first character in the line (logical)
    // HarfBuzz's own values, in `face`'s font units (for comparison with hb-shape).
    std::int32_t x_advance = 0;
    std::int32_t x_offset = 0;
    std::int32_t y_offset = 0;
    // Pen position of the glyph's origin from the line start (left), in Latin
    // ems; y upwards from the baseline.
    float x = 0;
    float y = 0;
    float em_scale = 0; // this face's units → Latin ems (size factor included)
};

struct ShapedLine {
    std::vector<ShapedGlyph> glyphs; // left to right
    float advance = 0;               // width in Latin ems
    bool rtl = false;                // the paragraph's resolved direction
    // Where the glyphs' ink reaches, in Latin ems: up from the baseline
    // (ink_top), down (ink_bottom, negative below it), and left and right of
    // the line's start and end (ink_left < 0 or ink_right > advance where a
    // letter overhangs). Up and down, no further than each face's ascender
    // and descender (Nastaliq's: 2.3 and -0.7 Latin em, far outside a Latin
    // line box), so layout makes room from these rather than from Latin's.
    float ink_top = 0;
    float ink_bottom = 0;
    float ink_left = 0;
    float ink_right = 0;
};

// Shapes one line (no '\n') of UTF-8. `rtl` is the paragraph direction (the UI
// language's); `language` is the catalogue code (it picks Nastaliq for Urdu
// and HarfBuzz's language-specific forms). Invalid UTF-8 is shaped as U+FFFD.
ShapedLine shape_line(const FontFaces& faces, std::string_view utf8, bool rtl,
                      std::string_view language);

} // namespace engage::kiosk
