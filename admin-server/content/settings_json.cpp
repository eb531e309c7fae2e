#include "content/settings_json.hpp"

#include "engage/limits.hpp"

#include <boost/json.hpp>

namespace engage::content {
namespace {

bool read_seconds(const boost::json::object& o, std::string_view key, int& out,
                  std::string& error) {
    const auto* v = o.if_contains(key);
    if (!v) {
        return true; // keep the default
    }
    // The range is checked with the others in check_kiosk_settings; this
    // only keeps the value inside an int.
    if (!v->is_int64() || v->get_int64() < 0 || v->get_int64() > 1'000'000) {
        error = std::string(key) + " must be a whole number of seconds";
        return false;
    }
    out = static_cast<int>(v->get_int64());
    return true;
}

} // namespace

bool parse_kiosk_settings(const boost::json::value& jv, KioskSettings& out, std::string& error) {
    const auto* o = jv.if_object();
    if (!o) {
        error = "settings must be a JSON object";
        return false;
    }
    KioskSettings s;
    if (!read_seconds(*o, "inactivity_seconds", s.inactivity_seconds, error) ||
        !read_seconds(*o, "countdown_seconds", s.countdown_seconds, error)) {
        return false;
    }
    if (const auto* langs = o->if_contains("languages")) {
        const auto* arr = langs->if_array();
        if (!arr) {
            error = "languages must be a non-empty array of language codes";
            return false;
        }
        s.languages.clear();
        for (const auto& l : *arr) {
            const auto* code = l.if_string();
            if (!code) {
                error = "languages must be a non-empty array of language codes";
                return false;
            }
            s.languages.emplace_back(*code);
        }
    }
    // The same limits the kiosk applies to what it receives (limits.hpp).
    if (!check_kiosk_settings(s, error)) {
        return false;
    }
    out = std::move(s);
    return true;
}

boost::json::value kiosk_settings_to_json(const KioskSettings& s) {
    boost::json::array langs;
    for (const auto& l : s.languages) {
        langs.emplace_back(l);
    }
    return boost::json::object{{"inactivity_seconds", s.inactivity_seconds},
                               {"countdown_seconds", s.countdown_seconds},
                               {"languages", std::move(langs)}};
}

} // namespace engage::content
