#include "kiosk/text/display_text.hpp"

#include "engage/text.hpp"
#include "kiosk/text/line_breaks.hpp"

#include <cstring>
#include <fribidi.h>
#include <mutex>
#include <set>
#include <unordered_map>

namespace engage::kiosk {
namespace {

// Screens show a few hundred distinct strings; a bound keeps a kiosk that runs
// for weeks (and shows typed free text) from growing without end.
constexpr std::size_t kCacheLimit = 4096;

using text::append_utf8;
using text::next_code_point;

bool is_rtl_code_point(char32_t cp) {
    return (cp >= 0x0590 && cp <= 0x08FF) || (cp >= 0xFB1D && cp <= 0xFDFF) ||
           (cp >= 0xFE70 && cp <= 0xFEFF);
}

// Marks that steer the bidi algorithm or joining but draw nothing; an atlas
// would show them as boxes.
bool invisible(char32_t cp) {
    return (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2066 && cp <= 0x2069) || cp == 0x061C;
}

std::string convert(std::string_view logical, bool rtl) {
    const auto cps = text::decode_utf8(logical);
    if (!cps)
        return std::string(logical);
    std::vector<FriBidiChar> text(cps->begin(), cps->end());
    const auto len = static_cast<FriBidiStrIndex>(text.size());
    std::vector<FriBidiCharType> types(text.size());
    std::vector<FriBidiBracketType> brackets(text.size());
    std::vector<FriBidiLevel> levels(text.size());

    fribidi_get_bidi_types(text.data(), len, types.data());
    fribidi_get_bracket_types(text.data(), len, types.data(), brackets.data());
    FriBidiParType base = rtl ? FRIBIDI_PAR_RTL : FRIBIDI_PAR_LTR;
    if (fribidi_get_par_embedding_levels_ex(types.data(), brackets.data(), len, &base,
                                            levels.data()) == 0) {
        return std::string(logical);
    }
    const FriBidiFlags flags = FRIBIDI_FLAGS_DEFAULT;
    fribidi_shape_mirroring(levels.data(), len, text.data());
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
    // Process-wide, like the fonts it serves; bounded by kCacheLimit.
    static Cache instance;
    return instance;
}

struct Registry {
    std::mutex mutex;
    std::set<ShownTextCache*> live;
};

Registry& registry() {
    static Registry instance;
    return instance;
}

} // namespace

void forget_display_text() {
    {
        auto& c = cache();
        std::lock_guard lock(c.mutex);
        for (auto& [key, value] : c.entries) {
            // The key is const in the map; its bytes are ours to wipe before freeing.
            explicit_bzero(const_cast<char*>(key.data()), key.size());
            explicit_bzero(value.data(), value.size());
        }
        c.entries = {};
    }
    auto& r = registry();
    std::lock_guard lock(r.mutex);
    for (auto* other : r.live)
        other->forget();
}

void register_shown_text_cache(ShownTextCache* cache) {
    auto& r = registry();
    std::lock_guard lock(r.mutex);
    r.live.insert(cache);
}

void unregister_shown_text_cache(ShownTextCache* cache) {
    auto& r = registry();
    std::lock_guard lock(r.mutex);
    r.live.erase(cache);
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
                                          const std::function<float(std::string_view)>& measure,
                                          std::string_view language) {
    auto trim_end = [](std::string_view s) {
        while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
            s.remove_suffix(1);
        return s;
    };
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start <= logical_utf8.size()) {
        auto end = logical_utf8.find('\n', start);
        if (end == std::string_view::npos)
            end = logical_utf8.size();
        const auto paragraph = logical_utf8.substr(start, end - start);
        start = end + 1;
        // Most labels fit on one line: one measure instead of one per word.
        if (auto whole = to_display(paragraph, rtl); measure(whole) <= width) {
            lines.push_back(std::move(whole));
            continue;
        }
        std::size_t line_start = 0;
        std::size_t fitted = 0;
        const auto breaks = line_break_offsets(paragraph, language);
        for (std::size_t i = 0; i < breaks.size(); ++i) {
            const auto candidate = trim_end(paragraph.substr(line_start, breaks[i] - line_start));
            if (measure(to_display(candidate, rtl)) <= width) {
                fitted = breaks[i];
                continue;
            }
            if (fitted == 0) {
                lines.push_back(to_display(candidate, rtl));
                line_start = breaks[i];
                continue;
            }
            lines.push_back(
                to_display(trim_end(paragraph.substr(line_start, fitted - line_start)), rtl));
            line_start = fitted;
            fitted = 0;
            --i;
        }
        if (line_start < paragraph.size())
            lines.push_back(to_display(trim_end(paragraph.substr(line_start)), rtl));
    }
    return lines;
}

} // namespace engage::kiosk
