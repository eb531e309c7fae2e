#include "engage/content.hpp"

#include "engage/limits.hpp"
#include "engage/sealing.hpp"
#include "engage/version.hpp"

#include <algorithm>
#include <boost/json/value.hpp>
#include <boost/json/value_from.hpp>

namespace engage {

namespace {

// Reads a required string member; false when missing or not a string.
bool required_string(const boost::json::object& obj, std::string_view key, std::string& out) {
    const auto* v = obj.if_contains(key);
    if (v == nullptr || !v->is_string()) {
        return false;
    }
    out = std::string(v->get_string());
    return true;
}

bool optional_string(const boost::json::object& obj, std::string_view key, std::string& out) {
    const auto* v = obj.if_contains(key);
    if (v == nullptr || v->is_null()) {
        return true;
    }
    return required_string(obj, key, out);
}

bool optional_localised(const boost::json::object& obj, std::string_view key, LocalisedText& out) {
    const auto* v = obj.if_contains(key);
    if (v == nullptr || v->is_null()) {
        return true;
    }
    return parse_localised(*v, out);
}

bool positive_int(const boost::json::value& v, int& out) {
    std::int64_t n = 0;
    if (v.is_int64()) {
        n = v.get_int64();
    } else if (v.is_uint64() && v.get_uint64() <= 1'000'000U) {
        n = static_cast<std::int64_t>(v.get_uint64());
    } else {
        return false;
    }
    if (n < 1 || n > 1'000'000) {
        return false;
    }
    out = static_cast<int>(n);
    return true;
}

bool parse_settings(const boost::json::value& jv, KioskSettings& out, std::string& error) {
    const auto* obj = jv.if_object();
    if (obj == nullptr) {
        error = "\"settings\" must be an object";
        return false;
    }
    KioskSettings s;
    if (const auto* v = obj->if_contains("inactivity_seconds");
        v && !positive_int(*v, s.inactivity_seconds)) {
        error = "\"settings.inactivity_seconds\" must be a whole number of seconds";
        return false;
    }
    if (const auto* v = obj->if_contains("countdown_seconds");
        v && !positive_int(*v, s.countdown_seconds)) {
        error = "\"settings.countdown_seconds\" must be a whole number of seconds";
        return false;
    }
    if (const auto* v = obj->if_contains("languages")) {
        const auto* arr = v->if_array();
        if (arr == nullptr) {
            error = "\"settings.languages\" must be an array of language codes";
            return false;
        }
        s.languages.clear();
        for (const auto& l : *arr) {
            if (!l.is_string() || l.get_string().empty()) {
                error = "\"settings.languages\" must be an array of language codes";
                return false;
            }
            s.languages.emplace_back(l.get_string());
        }
    }
    std::string why;
    if (!check_kiosk_settings(s, why)) {
        error = "\"settings\": " + why;
        return false;
    }
    out = std::move(s);
    return true;
}

// An optional array of site names; missing or null is every site.
bool optional_sites(const boost::json::object& obj, std::vector<std::string>& out) {
    const auto* v = obj.if_contains("sites");
    if (v == nullptr || v->is_null()) {
        out.clear();
        return true;
    }
    const auto* arr = v->if_array();
    if (arr == nullptr) {
        return false;
    }
    std::vector<std::string> sites;
    for (const auto& s : *arr) {
        if (!s.is_string() || s.get_string().empty() ||
            s.get_string().size() > limits::max_id_bytes) {
            return false;
        }
        sites.emplace_back(s.get_string());
    }
    out = std::move(sites);
    return true;
}

boost::json::array sites_array(const std::vector<std::string>& sites) {
    boost::json::array arr;
    for (const auto& s : sites) {
        arr.emplace_back(boost::json::string(s));
    }
    return arr;
}

template <class T, class Parse>
bool parse_array(const boost::json::object& obj, std::string_view key, std::vector<T>& out,
                 std::string& error, Parse parse) {
    const auto* v = obj.if_contains(key);
    if (v == nullptr || v->is_null()) {
        out.clear();
        return true;
    }
    const auto* arr = v->if_array();
    if (arr == nullptr) {
        error.assign(1, '"').append(key).append("\" must be an array");
        return false;
    }
    std::vector<T> items;
    items.reserve(arr->size());
    for (const auto& item : *arr) {
        T t;
        if (!parse(item, t, error)) {
            error.insert(0, ": ").insert(0, key);
            return false;
        }
        items.push_back(std::move(t));
    }
    out = std::move(items);
    return true;
}

} // namespace

bool shown_at(const std::vector<std::string>& sites, std::string_view site) {
    return sites.empty() || std::find(sites.begin(), sites.end(), site) != sites.end();
}

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const HelpEntry& h) {
    boost::json::object obj;
    obj["id"] = h.id;
    obj["name"] = boost::json::value_from(h.name);
    obj["what"] = boost::json::value_from(h.what);
    obj["hours"] = boost::json::value_from(h.hours);
    obj["phone"] = h.phone;
    obj["url"] = h.url;
    obj["example"] = h.example;
    obj["sites"] = sites_array(h.sites);
    jv = std::move(obj);
}

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const YouSaidWeDid& y) {
    boost::json::object obj;
    obj["id"] = y.id;
    obj["you_said"] = boost::json::value_from(y.you_said);
    obj["we_did"] = boost::json::value_from(y.we_did);
    obj["sites"] = sites_array(y.sites);
    jv = std::move(obj);
}

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv,
                const ContentBundle& c) {
    boost::json::object obj;
    obj["format"] = content_format_version;
    obj["version"] = c.version;
    obj["site"] = c.site;
    boost::json::array forms;
    for (const auto& f : c.forms) {
        forms.push_back(boost::json::value_from(f));
    }
    obj["forms"] = std::move(forms);
    boost::json::array help;
    for (const auto& h : c.help) {
        help.push_back(boost::json::value_from(h));
    }
    obj["help"] = std::move(help);
    boost::json::array yswd;
    for (const auto& y : c.you_said_we_did) {
        yswd.push_back(boost::json::value_from(y));
    }
    obj["you_said_we_did"] = std::move(yswd);
    boost::json::object settings;
    settings["inactivity_seconds"] = c.settings.inactivity_seconds;
    settings["countdown_seconds"] = c.settings.countdown_seconds;
    boost::json::array languages;
    for (const auto& l : c.settings.languages) {
        languages.emplace_back(boost::json::string(l));
    }
    settings["languages"] = std::move(languages);
    obj["settings"] = std::move(settings);
    obj["coordinator_public_key"] = c.coordinator_public_key;
    obj["coordinator_key_id"] = c.coordinator_key_id;
    obj["coordinator_key_signature"] = c.coordinator_key_signature;
    if (c.site_info) {
        boost::json::object site;
        site["name"] = c.site_info->name;
        site["hours"] = boost::json::value_from(c.site_info->hours);
        obj["site_info"] = std::move(site);
    }
    jv = std::move(obj);
}

bool parse_help_entry(const boost::json::value& jv, HelpEntry& out, std::string& error) {
    const auto* obj = jv.if_object();
    if (obj == nullptr) {
        error = "a help entry must be an object";
        return false;
    }
    HelpEntry h;
    if (!required_string(*obj, "id", h.id) || h.id.empty()) {
        error = "a help entry needs a string \"id\"";
        return false;
    }
    const auto* name = obj->if_contains("name");
    if (name == nullptr || !parse_localised(*name, h.name) || h.name.empty()) {
        error = "help entry " + h.id + ": \"name\" must be a non-empty localised text";
        return false;
    }
    if (!optional_localised(*obj, "what", h.what) || !optional_localised(*obj, "hours", h.hours)) {
        error = "help entry " + h.id + ": \"what\" and \"hours\" must be localised texts";
        return false;
    }
    if (!optional_string(*obj, "phone", h.phone) || !optional_string(*obj, "url", h.url)) {
        error = "help entry " + h.id + ": \"phone\" and \"url\" must be strings";
        return false;
    }
    if (const auto* ex = obj->if_contains("example"); ex && !ex->is_null()) {
        if (!ex->is_bool()) {
            error = "help entry " + h.id + ": \"example\" must be true or false";
            return false;
        }
        h.example = ex->get_bool();
    }
    if (!optional_sites(*obj, h.sites)) {
        error = "help entry " + h.id + ": \"sites\" must be an array of site names";
        return false;
    }
    out = std::move(h);
    return true;
}

bool parse_you_said_we_did(const boost::json::value& jv, YouSaidWeDid& out, std::string& error) {
    const auto* obj = jv.if_object();
    if (obj == nullptr) {
        error = "a \"you said, we did\" item must be an object";
        return false;
    }
    YouSaidWeDid y;
    if (!required_string(*obj, "id", y.id) || y.id.empty()) {
        error = "a \"you said, we did\" item needs a string \"id\"";
        return false;
    }
    const auto* said = obj->if_contains("you_said");
    const auto* did = obj->if_contains("we_did");
    if (said == nullptr || did == nullptr || !parse_localised(*said, y.you_said) ||
        !parse_localised(*did, y.we_did)) {
        error = "\"you said, we did\" item " + y.id +
                ": \"you_said\" and \"we_did\" must be localised texts";
        return false;
    }
    if (!optional_sites(*obj, y.sites)) {
        error = "\"you said, we did\" item " + y.id + ": \"sites\" must be an array of site names";
        return false;
    }
    out = std::move(y);
    return true;
}

bool parse_content_bundle(const boost::json::value& jv, ContentBundle& out, std::string& error) {
    const auto* obj = jv.if_object();
    if (obj == nullptr) {
        error = "the content bundle must be a JSON object";
        return false;
    }
    const auto* format = obj->if_contains("format");
    if (format == nullptr || !format->is_int64() || format->get_int64() != content_format_version) {
        error = "content bundle \"format\" must be " + std::to_string(content_format_version);
        return false;
    }
    ContentBundle c;
    if (!required_string(*obj, "version", c.version)) {
        error = "content bundle needs a string \"version\"";
        return false;
    }
    if (!optional_string(*obj, "site", c.site) ||
        !optional_string(*obj, "coordinator_public_key", c.coordinator_public_key) ||
        !optional_string(*obj, "coordinator_key_id", c.coordinator_key_id) ||
        !optional_string(*obj, "coordinator_key_signature", c.coordinator_key_signature)) {
        error = "content bundle \"site\" and the \"coordinator_...\" keys must be strings";
        return false;
    }
    // Missing from servers before signing keys (and then ""). When present
    // they must have their shape; whether the signature is valid is the
    // kiosk's check against the signing key it pinned (coordinator_key_pin).
    if (!c.coordinator_key_id.empty() && !looks_like_key_id(c.coordinator_key_id)) {
        error = "content bundle \"coordinator_key_id\" must be 16 lowercase hex characters";
        return false;
    }
    if (!c.coordinator_key_signature.empty() &&
        !is_base64_of(c.coordinator_key_signature, box_key_signature_bytes)) {
        error = "content bundle \"coordinator_key_signature\" must be base64 of a 64-byte "
                "Ed25519 signature";
        return false;
    }
    if (!parse_array(*obj, "forms", c.forms, error, parse_form_version) ||
        !parse_array(*obj, "help", c.help, error, parse_help_entry) ||
        !parse_array(*obj, "you_said_we_did", c.you_said_we_did, error, parse_you_said_we_did)) {
        return false;
    }
    if (const auto* s = obj->if_contains("settings"); s && !s->is_null()) {
        if (!parse_settings(*s, c.settings, error)) {
            return false;
        }
    }
    if (const auto* s = obj->if_contains("site_info"); s && !s->is_null()) {
        const auto* site = s->if_object();
        SiteInfo info;
        const auto* hours = site ? site->if_contains("hours") : nullptr;
        if (site == nullptr || !required_string(*site, "name", info.name) ||
            info.name.size() > limits::max_site_name_bytes || hours == nullptr) {
            error = "content bundle \"site_info\" needs a \"name\" (up to " +
                    std::to_string(limits::max_site_name_bytes) + " bytes) and \"hours\"";
            return false;
        }
        std::string why;
        if (!parse_site_hours(*hours, info.hours, why)) {
            error = "content bundle \"site_info\": " + why;
            return false;
        }
        c.site_info = std::move(info);
    }
    out = std::move(c);
    return true;
}

bool check_kiosk_settings(const KioskSettings& s, std::string& error) {
    if (s.inactivity_seconds < limits::min_inactivity_seconds ||
        s.inactivity_seconds > limits::max_inactivity_seconds) {
        error = "inactivity_seconds must be from " +
                std::to_string(limits::min_inactivity_seconds) + " to " +
                std::to_string(limits::max_inactivity_seconds);
        return false;
    }
    if (s.countdown_seconds < limits::min_countdown_seconds ||
        s.countdown_seconds > limits::max_countdown_seconds) {
        error = "countdown_seconds must be from " + std::to_string(limits::min_countdown_seconds) +
                " to " + std::to_string(limits::max_countdown_seconds);
        return false;
    }
    if (s.languages.empty() || s.languages.size() > limits::max_languages) {
        error =
            "languages must list 1 to " + std::to_string(limits::max_languages) + " language codes";
        return false;
    }
    for (const auto& l : s.languages) {
        if (l.empty() || l.size() > limits::max_id_bytes) {
            error = "each language code must be 1 to " + std::to_string(limits::max_id_bytes) +
                    " bytes";
            return false;
        }
    }
    return true;
}

} // namespace engage
