#pragma once
// A string in several languages: {"en": "...", "pl": "..."}. English is the
// declared fallback language (STYLE: ImHex's UI text by key with a fallback).

#include <boost/json/fwd.hpp>
#include <map>
#include <string>
#include <string_view>
#include <system_error>

namespace engage {

inline constexpr std::string_view fallback_language = "en";

struct LocalisedText {
    std::map<std::string, std::string, std::less<>> by_language;

    bool empty() const { return by_language.empty(); }
    // The text in `language`, else English, else any language, else "".
    const std::string& get(std::string_view language) const;
    bool has(std::string_view language) const;
    bool operator==(const LocalisedText&) const = default;
};

// JSON: an object of language code -> string. A bare string is taken as English.
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const LocalisedText& t);
// Returns false (and leaves out unchanged) when jv is neither a string nor an
// object of strings, or a code is longer than limits::max_id_bytes.
bool parse_localised(const boost::json::value& jv, LocalisedText& out);

} // namespace engage
