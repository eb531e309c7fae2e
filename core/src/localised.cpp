#include "engage/localised.hpp"

#include "engage/limits.hpp"

#include <boost/json/value.hpp>

namespace engage {

const std::string& LocalisedText::get(std::string_view language) const {
    static const std::string empty_text;
    if (auto it = by_language.find(language); it != by_language.end()) {
        return it->second;
    }
    if (auto it = by_language.find(fallback_language); it != by_language.end()) {
        return it->second;
    }
    if (!by_language.empty()) {
        return by_language.begin()->second;
    }
    return empty_text;
}

bool LocalisedText::has(std::string_view language) const {
    return by_language.find(language) != by_language.end();
}

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv,
                const LocalisedText& t) {
    boost::json::object obj;
    for (const auto& [code, text] : t.by_language) {
        obj[code] = text;
    }
    jv = std::move(obj);
}

bool parse_localised(const boost::json::value& jv, LocalisedText& out) {
    LocalisedText result;
    if (const auto* s = jv.if_string()) {
        result.by_language.emplace(std::string(fallback_language), std::string(*s));
        out = std::move(result);
        return true;
    }
    const auto* obj = jv.if_object();
    if (obj == nullptr) {
        return false;
    }
    for (const auto& kv : *obj) {
        const auto* text = kv.value().if_string();
        if (text == nullptr || kv.key().empty() || kv.key().size() > limits::max_id_bytes) {
            return false;
        }
        result.by_language.emplace(std::string(kv.key()), std::string(*text));
    }
    out = std::move(result);
    return true;
}

} // namespace engage
