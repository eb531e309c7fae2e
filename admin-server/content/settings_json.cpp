#include "content/settings_json.hpp"

#include "engage/limits.hpp"

#include <boost/json.hpp>

namespace engage::content {
namespace {

// 5 s to 1 h: shorter wipes a person mid-thought, longer leaves answers on
// an unattended screen.
constexpr std::int64_t min_seconds = 5;
constexpr std::int64_t max_seconds = 3600;

bool read_seconds(const boost::json::object& o, std::string_view key, int& out,
                  std::string& error) {
    const auto* v = o.if_contains(key);
    if (!v) {
        return true; // keep the default
    }
    if (!v->is_int64() || v->get_int64() < min_seconds || v->get_int64() > max_seconds) {
        error = std::string(key) + " must be a whole number of seconds from 5 to 3600";
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
        if (!arr || arr->empty()) {
            error = "languages must be a non-empty array of language codes";
            return false;
        }
        s.languages.clear();
        for (const auto& l : *arr) {
            const auto* code = l.if_string();
            if (!code || code->empty() || code->size() > limits::max_id_bytes) {
                error = "languages must be a non-empty array of language codes";
                return false;
            }
            s.languages.emplace_back(*code);
        }
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
