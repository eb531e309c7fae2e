#include "signups/open_signup.hpp"

#include "engage/sealing.hpp"
#include "engage/strict_json.hpp"
#include "engage/version.hpp"
#include "signups/signup_reference.hpp"

#include <algorithm>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <optional>
#include <string_view>

namespace engage::signups {
namespace {

namespace json = boost::json;

std::string option_text(const Question* q, std::string_view option_id) {
    if (q != nullptr) {
        if (const auto* o = q->find_option(option_id); o != nullptr) {
            return o->text.get("en");
        }
    }
    return std::string(option_id);
}

// One answer in words. Values of an unexpected type are shown as JSON, so
// nothing the person gave is hidden from the coordinator.
std::string answer_text(const json::value& v, const Question* q) {
    if (v.is_string()) {
        const std::string_view s = v.get_string();
        if (q != nullptr && q->type == QuestionType::text) {
            return std::string(s);
        }
        return option_text(q, s);
    }
    if (v.is_bool()) {
        return v.get_bool() ? "yes" : "no";
    }
    if (v.is_int64()) {
        return std::to_string(v.get_int64());
    }
    if (const auto* arr = v.if_array()) {
        std::string joined;
        for (const auto& item : *arr) {
            if (!joined.empty()) {
                joined += ", ";
            }
            joined += item.is_string() ? option_text(q, item.get_string()) : json::serialize(item);
        }
        return joined;
    }
    return json::serialize(v);
}

const FormVersion* find_form(const std::vector<FormVersion>& forms, std::string_view slug,
                             std::int64_t version) {
    for (const auto& f : forms) {
        if (f.slug == slug && f.version == version) {
            return &f;
        }
    }
    return nullptr;
}

bool has_key(const CoordinatorKeyring& ring, std::string_view key_id) {
    return std::any_of(ring.box_keys.begin(), ring.box_keys.end(),
                       [&](const CoordinatorBoxKey& k) { return k.key_id == key_id; });
}

// Reads the kiosk's payload into `out`; false when it is not one.
bool read_payload(const std::string& plaintext, const std::vector<FormVersion>& forms,
                  OpenedSignup& out) {
    json::value jv;
    std::string error;
    if (!parse_json_strict(plaintext, jv, error)) {
        return false;
    }
    const auto* o = jv.if_object();
    const auto* v = o ? o->if_contains("sealed_payload_version") : nullptr;
    const auto* answers = o ? o->if_contains("answers") : nullptr;
    if (v == nullptr || !v->is_int64() || v->get_int64() != sealed_payload_version ||
        answers == nullptr || !answers->is_object()) {
        return false;
    }
    if (const auto* lang = o->if_contains("language"); lang && lang->is_string()) {
        out.language = std::string(lang->get_string());
    }
    // The form named outside the seal is what the server checked; the one
    // inside is the kiosk's own word and should agree.
    const FormVersion* form = find_form(forms, out.form, out.version);
    const auto& given = answers->get_object();
    if (form != nullptr) {
        for (const auto& q : form->questions) {
            if (const auto* a = given.if_contains(q.id)) {
                out.fields.push_back({q.text.get("en"), answer_text(*a, &q)});
            }
        }
    }
    for (const auto& kv : given) { // answers the form does not know, if any
        if (form == nullptr || form->find_question(kv.key()) == nullptr) {
            out.fields.push_back({std::string(kv.key()), answer_text(kv.value(), nullptr)});
        }
    }
    return true;
}

} // namespace

OpenedSignup open_signup(const store::StoredSignup& stored, const CoordinatorKeyring& ring,
                         const UnlockedKeyring& keys, const std::vector<FormVersion>& forms) {
    OpenedSignup out;
    out.reference = signup_reference(stored.id);
    out.received_date = stored.received_date;
    out.date = stored.date;
    out.site = stored.site;
    out.form = stored.form;
    out.version = stored.version;
    if (!stored.key_id.empty() && !has_key(ring, stored.key_id)) {
        out.unreadable = "sealed to the coordinators' key " + stored.key_id +
                         ", which has been destroyed: nobody can read it any more";
        return out;
    }
    auto plaintext = keys.open(stored.sealed, stored.key_id);
    if (!plaintext) {
        out.unreadable = "it does not open with the coordinators' keys (damaged, or sealed to a "
                         "key this server never had)";
        return out;
    }
    if (!read_payload(*plaintext, forms, out)) {
        out.fields.clear();
        out.language.clear();
        out.unreadable = "it opens, but what is inside is not a sign-up this version can read";
    }
    wipe_secret_text(*plaintext);
    return out;
}

} // namespace engage::signups
