#include "kiosk/text/shaped_text.hpp"

#include <algorithm>
#include <fribidi.h>
#include <hb.h>
#include <memory>

namespace engage::kiosk {
namespace {

struct HbBufferDeleter {
    void operator()(hb_buffer_t* b) const { hb_buffer_destroy(b); }
};

// Decodes UTF-8, replacing each invalid byte with U+FFFD; `offsets` gets the
// byte offset of each code point (HarfBuzz clusters point back into the text).
void decode(std::string_view in, std::vector<char32_t>& out, std::vector<std::uint32_t>& offsets) {
    std::size_t i = 0;
    while (i < in.size()) {
        const auto b0 = static_cast<unsigned char>(in[i]);
        std::size_t len = 0;
        char32_t cp = 0;
        if (b0 < 0x80) {
            len = 1;
            cp = b0;
        } else if (b0 >= 0xC2 && b0 < 0xE0) {
            len = 2;
            cp = b0 & 0x1F;
        } else if (b0 >= 0xE0 && b0 < 0xF0) {
            len = 3;
            cp = b0 & 0x0F;
        } else if (b0 >= 0xF0 && b0 < 0xF5) {
            len = 4;
            cp = b0 & 0x07;
        }
        bool ok = len > 0 && i + len <= in.size();
        for (std::size_t k = 1; ok && k < len; ++k) {
            const auto b = static_cast<unsigned char>(in[i + k]);
            ok = (b & 0xC0) == 0x80;
            cp = (cp << 6) | (b & 0x3F);
        }
        // Overlong forms, surrogates and values past U+10FFFF are invalid too.
        if (ok && ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
                   (cp >= 0xD800 && cp <= 0xDFFF))) {
            ok = false;
        }
        offsets.push_back(static_cast<std::uint32_t>(i));
        if (!ok) {
            out.push_back(0xFFFD);
            ++i;
            continue;
        }
        out.push_back(cp);
        i += len;
    }
}

struct Run {
    std::size_t start = 0;
    std::size_t end = 0; // exclusive, logical code point indices
    FriBidiLevel level = 0;
    hb_script_t script = HB_SCRIPT_COMMON;
    FaceId face = FaceId::latin;
};

// The Arabic block's combining marks (harakat, shadda, sukun, superscript
// alef, the Quranic marks), all of script Inherited.
bool is_arabic_mark(char32_t c) {
    return (c >= 0x0610 && c <= 0x061A) || (c >= 0x064B && c <= 0x065F) || c == 0x0670 ||
           (c >= 0x06D6 && c <= 0x06ED);
}

bool is_weak_script(hb_script_t s) {
    return s == HB_SCRIPT_COMMON || s == HB_SCRIPT_INHERITED || s == HB_SCRIPT_UNKNOWN;
}

} // namespace

ShapedLine shape_line(const FontFaces& faces, std::string_view utf8, bool rtl,
                      std::string_view language) {
    ShapedLine line;
    line.rtl = rtl;
    std::vector<char32_t> text;
    std::vector<std::uint32_t> offsets;
    decode(utf8, text, offsets);
    if (text.empty() || !faces.has(FaceId::latin))
        return line;
    const auto len = static_cast<FriBidiStrIndex>(text.size());

    // [Bidi] embedding level of every character (rules P2–I2, W, N).
    std::vector<FriBidiChar> fb(text.begin(), text.end());
    std::vector<FriBidiCharType> types(text.size());
    std::vector<FriBidiBracketType> brackets(text.size());
    std::vector<FriBidiLevel> levels(text.size());
    fribidi_get_bidi_types(fb.data(), len, types.data());
    fribidi_get_bracket_types(fb.data(), len, types.data(), brackets.data());
    FriBidiParType base = rtl ? FRIBIDI_PAR_RTL : FRIBIDI_PAR_LTR;
    if (fribidi_get_par_embedding_levels_ex(types.data(), brackets.data(), len, &base,
                                            levels.data()) == 0) {
        std::fill(levels.begin(), levels.end(), rtl ? 1 : 0);
    }
    // Rule L1: trailing white space takes the paragraph level.
    const FriBidiLevel base_level = rtl ? 1 : 0;
    for (std::size_t i = text.size(); i-- > 0;) {
        if (text[i] != ' ' && text[i] != '\t')
            break;
        levels[i] = base_level;
    }
    line.rtl = base == FRIBIDI_PAR_RTL;

    // [Itemise] script of each character; common and inherited characters
    // (spaces, digits, punctuation, marks) take the script around them.
    hb_unicode_funcs_t* unicode = hb_unicode_funcs_get_default();
    std::vector<hb_script_t> scripts(text.size());
    hb_script_t last = HB_SCRIPT_COMMON;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto s = hb_unicode_script(unicode, text[i]);
        if (!is_weak_script(s))
            last = s;
        scripts[i] = is_weak_script(s) ? last : s;
    }
    // Leading weak characters take the first strong script.
    hb_script_t next = HB_SCRIPT_COMMON;
    for (std::size_t i = text.size(); i-- > 0;) {
        const auto s = hb_unicode_script(unicode, text[i]);
        if (!is_weak_script(s))
            next = s;
        else if (scripts[i] == HB_SCRIPT_COMMON)
            scripts[i] = next;
    }
    // A text of weak characters only whose marks are Arabic (a keyboard's
    // harakat key: U+25CC and a fatha, both of no script of their own) is
    // Arabic: set in Noto Sans, which has no harakat, it showed empty
    // boxes. (Keys once put an invisible ARABIC LETTER MARK before it.)
    if (next == HB_SCRIPT_COMMON &&
        std::any_of(text.begin(), text.end(), [](char32_t c) { return is_arabic_mark(c); }))
        std::fill(scripts.begin(), scripts.end(), HB_SCRIPT_ARABIC);
    std::vector<Run> runs;
    for (std::size_t i = 0; i < text.size(); ++i) {
        FaceId face = faces.face_for_script(scripts[i], language);
        // A character the chosen face lacks (punctuation or a digit after
        // another script: "PIN।" puts the Gurmukhi danda after Latin) is set
        // in the first face that has it, Noto Sans first.
        if (!faces.covers(face, text[i]) && hb_unicode_general_category(unicode, text[i]) !=
                                                HB_UNICODE_GENERAL_CATEGORY_NON_SPACING_MARK) {
            for (const FaceId f : {FaceId::latin, FaceId::naskh, FaceId::nastaliq, FaceId::gurmukhi,
                                   FaceId::bengali, FaceId::ethiopic}) {
                if (faces.has(f) && faces.covers(f, text[i])) {
                    face = f;
                    break;
                }
            }
        }
        if (!runs.empty() && runs.back().level == levels[i] && runs.back().face == face &&
            runs.back().script == scripts[i]) {
            runs.back().end = i + 1;
        } else {
            runs.push_back({i, i + 1, levels[i], scripts[i], face});
        }
    }

    // [Reorder] rule L2 on whole runs: from the highest level down to the
    // lowest odd level, reverse every sequence of runs at that level or above.
    int highest = 0, lowest_odd = 1000;
    for (const auto& r : runs) {
        highest = std::max(highest, static_cast<int>(r.level));
        if ((r.level & 1) != 0)
            lowest_odd = std::min(lowest_odd, static_cast<int>(r.level));
    }
    for (int level = highest; level >= lowest_odd && level > 0; --level) {
        for (std::size_t i = 0; i < runs.size();) {
            if (runs[i].level < level) {
                ++i;
                continue;
            }
            std::size_t j = i;
            while (j < runs.size() && runs[j].level >= level)
                ++j;
            std::reverse(runs.begin() + static_cast<std::ptrdiff_t>(i),
                         runs.begin() + static_cast<std::ptrdiff_t>(j));
            i = j;
        }
    }

    // [Shape] each run with the whole line as context, so letters join
    // across a run boundary (e.g. a mark set in another face).
    hb_language_t hb_lang = hb_language_from_string(std::string(language).c_str(), -1);
    std::unique_ptr<hb_buffer_t, HbBufferDeleter> buffer{hb_buffer_create()};
    std::vector<hb_codepoint_t> codepoints(text.begin(), text.end());
    float pen = 0;
    float ink_left = 0;
    float ink_right = 0;
    for (const auto& run : runs) {
        hb_buffer_clear_contents(buffer.get());
        hb_buffer_add_codepoints(buffer.get(), codepoints.data(), static_cast<int>(text.size()),
                                 static_cast<unsigned int>(run.start),
                                 static_cast<int>(run.end - run.start));
        hb_buffer_set_direction(buffer.get(),
                                (run.level & 1) != 0 ? HB_DIRECTION_RTL : HB_DIRECTION_LTR);
        hb_buffer_set_script(buffer.get(), run.script);
        hb_buffer_set_language(buffer.get(), hb_lang);
        hb_shape(faces.hb(run.face), buffer.get(), nullptr, 0);
        unsigned int count = 0;
        const auto* infos = hb_buffer_get_glyph_infos(buffer.get(), &count);
        const auto* pos = hb_buffer_get_glyph_positions(buffer.get(), &count);
        const auto& m = faces.metrics(run.face);
        // Latin em per font unit of this face, with its body-height match.
        const float scale = m.size_factor / static_cast<float>(m.units_per_em);
        for (unsigned int g = 0; g < count; ++g) {
            ShapedGlyph out;
            out.face = run.face;
            out.glyph = infos[g].codepoint;
            out.cluster = offsets.at(std::min<std::size_t>(infos[g].cluster, offsets.size() - 1));
            out.x_advance = pos[g].x_advance;
            out.x_offset = pos[g].x_offset;
            out.y_offset = pos[g].y_offset;
            out.em_scale = scale;
            out.x = pen + static_cast<float>(pos[g].x_offset) * scale;
            out.y = static_cast<float>(pos[g].y_offset) * scale;
            pen += static_cast<float>(pos[g].x_advance) * scale;
            hb_glyph_extents_t e{};
            if (hb_font_get_glyph_extents(faces.hb(run.face), out.glyph, &e) && e.width != 0) {
                const float left = out.x + static_cast<float>(e.x_bearing) * scale;
                const float top = out.y + static_cast<float>(e.y_bearing) * scale;
                ink_left = std::min(ink_left, left);
                ink_right = std::max(ink_right, left + static_cast<float>(e.width) * scale);
                // Up and down no further than the face's own ascender and
                // descender: the room its designers ask for a line (a rare
                // deeper Nastaliq tail reaches into the next line, as in print).
                line.ink_top =
                    std::max(line.ink_top, std::min(top, static_cast<float>(m.ascender) * scale));
                line.ink_bottom =
                    std::min(line.ink_bottom, std::max(top + static_cast<float>(e.height) * scale,
                                                       static_cast<float>(m.descender) * scale));
            }
            line.glyphs.push_back(out);
        }
    }
    line.advance = pen;
    line.ink_left = std::min(0.0f, ink_left);
    line.ink_right = std::max(pen, ink_right);
    return line;
}

} // namespace engage::kiosk
