#pragma once
// Texts built from pieces for the web pages: links and keys joined from
// parts, and catalogue words with their "{name}" placeholders filled in.
// Header-only and free of Boost, so any page may include it.

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

namespace engage::web {

// The pieces one after another, in one allocation: cat("/sites/", slug, "?done=saved").
// Each piece is anything a std::string_view is made from. Why not `+`:
// "literal" + std::string&& trips GCC 12's -Wrestrict false positive at -O3
// (GCC bug 105329); appending to a named string does not.
template <class... Pieces>
std::string cat(const Pieces&... pieces) {
    const std::array<std::string_view, sizeof...(Pieces)> views{std::string_view(pieces)...};
    std::size_t size = 0;
    for (const auto v : views) {
        size += v.size();
    }
    std::string out;
    out.reserve(size);
    for (const auto v : views) {
        out.append(v);
    }
    return out;
}

// `text` with every `from` replaced by `to`, left to right; what `to` brings
// in is not searched again ("{n}" → "{n}{n}" ends). An empty `from` changes
// nothing.
inline std::string replace_all(std::string text, std::string_view from, std::string_view to) {
    if (from.empty()) {
        return text;
    }
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
        text.replace(at, from.size(), to);
    }
    return text;
}

} // namespace engage::web
