#include "engage/text.hpp"

namespace engage::text {
namespace {

constexpr std::string_view kWhitespace = " \t\n\v\f\r";

constexpr char32_t kReplacement = 0xFFFD;

bool is_continuation(unsigned char c) {
    return (c & 0xC0) == 0x80;
}

} // namespace

std::string_view trim(std::string_view s) {
    const auto first = s.find_first_not_of(kWhitespace);
    if (first == std::string_view::npos)
        return {};
    const auto last = s.find_last_not_of(kWhitespace);
    return s.substr(first, last - first + 1);
}

bool next_code_point(std::string_view s, std::size_t& i, char32_t& cp) {
    if (i >= s.size())
        return false;
    const auto c0 = static_cast<unsigned char>(s[i]);
    int extra = 0;
    char32_t v = 0;
    if (c0 < 0x80) {
        v = c0;
    } else if ((c0 & 0xE0) == 0xC0) {
        v = c0 & 0x1Fu;
        extra = 1;
    } else if ((c0 & 0xF0) == 0xE0) {
        v = c0 & 0x0Fu;
        extra = 2;
    } else if ((c0 & 0xF8) == 0xF0) {
        v = c0 & 0x07u;
        extra = 3;
    } else {
        return false;
    }
    if (s.size() - i <= static_cast<std::size_t>(extra))
        return false;
    for (int k = 1; k <= extra; ++k) {
        const auto c = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
        if (!is_continuation(c))
            return false;
        v = (v << 6) | (c & 0x3Fu);
    }
    // The shortest form only (an overlong "/" could slip past a check for '/').
    static constexpr char32_t kMin[] = {0, 0x80, 0x800, 0x10000};
    if (v < kMin[extra] || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return false;
    cp = v;
    i += static_cast<std::size_t>(extra) + 1;
    return true;
}

std::optional<std::u32string> decode_utf8(std::string_view s) {
    std::u32string out;
    out.reserve(s.size());
    std::size_t i = 0;
    char32_t cp = 0;
    while (i < s.size()) {
        if (!next_code_point(s, i, cp))
            return std::nullopt;
        out.push_back(cp);
    }
    return out;
}

void append_utf8(std::string& out, char32_t cp) {
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        cp = kReplacement;
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

std::string encode_utf8(std::u32string_view cps) {
    std::string out;
    out.reserve(cps.size());
    for (char32_t cp : cps)
        append_utf8(out, cp);
    return out;
}

std::string_view cut_utf8(std::string_view s, std::size_t max_bytes) {
    if (s.size() <= max_bytes)
        return s;
    std::size_t end = max_bytes;
    while (end > 0 && is_continuation(static_cast<unsigned char>(s[end])))
        --end;
    return s.substr(0, end);
}

void pop_back_utf8(std::string& s) {
    while (!s.empty()) {
        const auto c = static_cast<unsigned char>(s.back());
        s.pop_back();
        if (!is_continuation(c))
            break; // removed the lead byte (or an ASCII byte)
    }
}

std::vector<std::string_view> split_utf8(std::string_view s) {
    std::vector<std::string_view> out;
    for (std::size_t i = 0; i < s.size();) {
        std::size_t n = 1;
        while (i + n < s.size() && is_continuation(static_cast<unsigned char>(s[i + n])))
            ++n;
        out.push_back(s.substr(i, n));
        i += n;
    }
    return out;
}

} // namespace engage::text
