#include "kiosk/text/display_text.hpp"

#include "engage/text.hpp"
#include "kiosk/text/arabic_forms.hpp"

#include <cstring>
#include <fribidi.h>
#include <mutex>
#include <unordered_map>

namespace engage::kiosk {
namespace {

// Screens show a few hundred distinct strings; a bound keeps a kiosk that runs
// for weeks (and shows typed free text) from growing without end.
constexpr std::size_t kCacheLimit = 4096;

using text::append_utf8;
using text::next_code_point;

bool decode_utf8(std::string_view in, std::vector<FriBidiChar>& out) {
    const auto cps = text::decode_utf8(in);
    if (!cps)
        return false;
    out.assign(cps->begin(), cps->end());
    return true;
}

bool is_rtl_code_point(char32_t cp) {
    return (cp >= 0x0590 && cp <= 0x08FF) || (cp >= 0xFB1D && cp <= 0xFDFF) ||
           (cp >= 0xFE70 && cp <= 0xFEFF);
}

// Marks that steer the bidi algorithm or joining but draw nothing; ImGui would
// show them as boxes. FRIBIDI_CHAR_FILL marks the second half of a ligature.
bool invisible(char32_t cp) {
    return cp == FRIBIDI_CHAR_FILL || (cp >= 0x200B && cp <= 0x200F) ||
           (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x061C;
}

std::string convert(std::string_view logical, bool rtl) {
    std::vector<FriBidiChar> text;
    if (!decode_utf8(logical, text))
        return std::string(logical);
    const auto len = static_cast<FriBidiStrIndex>(text.size());
    std::vector<FriBidiCharType> types(text.size());
    std::vector<FriBidiBracketType> brackets(text.size());
    std::vector<FriBidiLevel> levels(text.size());
    std::vector<FriBidiArabicProp> props(text.size());

    fribidi_get_bidi_types(text.data(), len, types.data());
    fribidi_get_bracket_types(text.data(), len, types.data(), brackets.data());
    FriBidiParType base = rtl ? FRIBIDI_PAR_RTL : FRIBIDI_PAR_LTR;
    if (fribidi_get_par_embedding_levels_ex(types.data(), brackets.data(), len, &base,
                                            levels.data()) == 0) {
        return std::string(logical);
    }
    fribidi_get_joining_types(text.data(), len, props.data());
    fribidi_join_arabic(types.data(), len, levels.data(), props.data());

    const std::vector<FriBidiChar> nominal = text;
    const FriBidiFlags flags = FRIBIDI_FLAGS_DEFAULT | FRIBIDI_FLAGS_ARABIC;
    fribidi_shape(flags, levels.data(), len, props.data(), text.data());
    // Letters FriBiDi has no presentation form for keep their nominal code
    // point; give joined ones the private code point the atlas draws joined.
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != nominal[i] || !FRIBIDI_ARAB_SHAPES(props[i]))
            continue;
        const auto form = static_cast<arabic::JoinForm>(FRIBIDI_JOIN_SHAPE(props[i]));
        if (const auto cp = arabic::extra_form_code_point(text[i], form); cp != 0)
            text[i] = cp;
    }
    if (fribidi_reorder_line(flags, types.data(), len, 0, base, levels.data(), text.data(),
                             nullptr) == 0) {
        return std::string(logical);
    }
    std::string out;
    out.reserve(logical.size() + 8);
    for (auto cp : text) {
        if (!invisible(cp))
            append_utf8(out, cp);
    }
    return out;
}

struct Cache {
    std::mutex mutex;
    std::unordered_map<std::string, std::string> entries; // key: direction byte + text
};

Cache& cache() {
    // Process-wide, like the font atlas it serves; bounded by kCacheLimit.
    static Cache instance;
    return instance;
}

} // namespace

void forget_display_text() {
    auto& c = cache();
    std::lock_guard lock(c.mutex);
    for (auto& [key, value] : c.entries) {
        // The key is const in the map; its bytes are ours to wipe before freeing.
        explicit_bzero(const_cast<char*>(key.data()), key.size());
        explicit_bzero(value.data(), value.size());
    }
    c.entries = {};
}

bool has_rtl_text(std::string_view utf8) {
    // Called for every label every frame: no allocation, and ASCII bytes skip
    // decoding.
    std::size_t i = 0;
    char32_t cp = 0;
    while (i < utf8.size()) {
        if (static_cast<unsigned char>(utf8[i]) < 0x80) {
            ++i;
            continue;
        }
        if (!next_code_point(utf8, i, cp))
            return false;
        if (is_rtl_code_point(cp))
            return true;
    }
    return false;
}

std::string to_display(std::string_view logical_utf8, bool rtl) {
    // Text with no right-to-left letter is already in display order, even in
    // an RTL interface: it is an English fallback, a number or a name, and
    // must keep its own direction ("How was your visit today?" with the "?"
    // at its end). Most strings of Latin-script languages stop here.
    if (!has_rtl_text(logical_utf8))
        return std::string(logical_utf8);

    std::string key;
    key.reserve(logical_utf8.size() + 1);
    key += rtl ? 'R' : 'L';
    key += logical_utf8;
    auto& c = cache();
    {
        std::lock_guard lock(c.mutex);
        if (auto it = c.entries.find(key); it != c.entries.end())
            return it->second;
    }
    std::string out = convert(logical_utf8, rtl);
    std::lock_guard lock(c.mutex);
    if (c.entries.size() >= kCacheLimit)
        c.entries.clear();
    c.entries.emplace(std::move(key), out);
    return out;
}

std::vector<std::string> wrap_for_display(std::string_view logical_utf8, bool rtl, float width,
                                          const std::function<float(std::string_view)>& measure) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start <= logical_utf8.size()) {
        auto end = logical_utf8.find('\n', start);
        if (end == std::string_view::npos)
            end = logical_utf8.size();
        const auto paragraph = logical_utf8.substr(start, end - start);
        // Most labels fit on one line: one measure instead of one per word.
        if (auto whole = to_display(paragraph, rtl); measure(whole) <= width) {
            lines.push_back(std::move(whole));
            start = end + 1;
            continue;
        }

        std::string current;
        std::size_t pos = 0;
        while (pos <= paragraph.size()) {
            auto space = paragraph.find(' ', pos);
            if (space == std::string_view::npos)
                space = paragraph.size();
            const auto word = paragraph.substr(pos, space - pos);
            pos = space + 1;
            if (word.empty())
                continue;
            std::string candidate =
                current.empty() ? std::string(word) : current + ' ' + std::string(word);
            if (current.empty() || measure(to_display(candidate, rtl)) <= width) {
                current = std::move(candidate);
            } else {
                lines.push_back(to_display(current, rtl));
                current = std::string(word);
            }
        }
        lines.push_back(to_display(current, rtl));
        start = end + 1;
    }
    return lines;
}

} // namespace engage::kiosk
