// Index of this file:
// [SECTION] Names          enum <-> string
// [SECTION] Look-ups       find_option, find_question, open_at
// [SECTION] To JSON        tag_invoke(FormVersion)
// [SECTION] Parsing and checks   parse_form_version and its helpers

#include "engage/form.hpp"

#include "engage/limits.hpp"

#include <algorithm>
#include <boost/json/value.hpp>
#include <boost/json/value_from.hpp>
#include <set>

namespace engage {

// [SECTION] Names

std::string_view to_string(FormKind k) {
    switch (k) {
    case FormKind::feedback:
        return "feedback";
    case FormKind::poll:
        return "poll";
    case FormKind::signup:
        return "signup";
    }
    return "feedback";
}

std::string_view to_string(FormStatus s) {
    switch (s) {
    case FormStatus::draft:
        return "draft";
    case FormStatus::published:
        return "published";
    case FormStatus::closed:
        return "closed";
    }
    return "draft";
}

std::string_view to_string(QuestionType t) {
    switch (t) {
    case QuestionType::choice:
        return "choice";
    case QuestionType::multi:
        return "multi";
    case QuestionType::scale:
        return "scale";
    case QuestionType::yesno:
        return "yesno";
    case QuestionType::text:
        return "text";
    }
    return "choice";
}

std::optional<FormKind> parse_form_kind(std::string_view s) {
    for (auto k : {FormKind::feedback, FormKind::poll, FormKind::signup}) {
        if (to_string(k) == s) {
            return k;
        }
    }
    return std::nullopt;
}

std::optional<FormStatus> parse_form_status(std::string_view s) {
    for (auto st : {FormStatus::draft, FormStatus::published, FormStatus::closed}) {
        if (to_string(st) == s) {
            return st;
        }
    }
    return std::nullopt;
}

std::optional<QuestionType> parse_question_type(std::string_view s) {
    for (auto t : {QuestionType::choice, QuestionType::multi, QuestionType::scale,
                   QuestionType::yesno, QuestionType::text}) {
        if (to_string(t) == s) {
            return t;
        }
    }
    return std::nullopt;
}

// [SECTION] Look-ups

const Option* Question::find_option(std::string_view option_id) const {
    for (const auto& o : options) {
        if (o.id == option_id) {
            return &o;
        }
    }
    return nullptr;
}

const Question* FormVersion::find_question(std::string_view question_id) const {
    for (const auto& q : questions) {
        if (q.id == question_id) {
            return &q;
        }
    }
    return nullptr;
}

bool FormVersion::open_at(std::string_view site, const Date& day) const {
    // A closed form still takes answers dated on or before its closing date:
    // a kiosk may have been offline for weeks and its people were heard then.
    if (status == FormStatus::draft) {
        return false;
    }
    if (status == FormStatus::closed && !closes) {
        return false;
    }
    if (opens && day < *opens) {
        return false;
    }
    if (closes && *closes < day) {
        return false;
    }
    return sites.empty() || std::find(sites.begin(), sites.end(), site) != sites.end();
}

// [SECTION] To JSON

namespace {

boost::json::value localised_json(const LocalisedText& t) {
    return boost::json::value_from(t);
}

boost::json::value date_json(const std::optional<Date>& d) {
    if (!d) {
        return nullptr;
    }
    return boost::json::string(to_string(*d));
}

boost::json::object option_json(const Option& o) {
    boost::json::object obj;
    obj["id"] = o.id;
    obj["text"] = localised_json(o.text);
    if (!o.easy.empty()) {
        obj["easy"] = localised_json(o.easy);
    }
    if (!o.icon.empty()) {
        obj["icon"] = o.icon;
    }
    return obj;
}

boost::json::object question_json(const Question& q) {
    boost::json::object obj;
    obj["id"] = q.id;
    obj["type"] = to_string(q.type);
    obj["text"] = localised_json(q.text);
    if (!q.easy.empty()) {
        obj["easy"] = localised_json(q.easy);
    }
    if (!q.hint.empty()) {
        obj["hint"] = localised_json(q.hint);
    }
    if (!q.icon.empty()) {
        obj["icon"] = q.icon;
    }
    obj["demographic"] = q.demographic;
    if (q.type == QuestionType::choice || q.type == QuestionType::multi) {
        boost::json::array options;
        for (const auto& o : q.options) {
            options.emplace_back(option_json(o));
        }
        obj["options"] = std::move(options);
    }
    if (q.type == QuestionType::text) {
        obj["max_length"] = static_cast<std::uint64_t>(q.max_length);
        if (q.input != TextInput::any)
            obj["input"] = "phone";
    }
    return obj;
}

} // namespace

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const FormVersion& f) {
    boost::json::object obj;
    obj["slug"] = f.slug;
    obj["kind"] = to_string(f.kind);
    obj["version"] = f.version;
    obj["status"] = to_string(f.status);
    obj["title"] = localised_json(f.title);
    obj["intro"] = localised_json(f.intro);
    obj["opens"] = date_json(f.opens);
    obj["closes"] = date_json(f.closes);
    boost::json::array sites;
    for (const auto& s : f.sites) {
        sites.emplace_back(boost::json::string(s));
    }
    obj["sites"] = std::move(sites);
    boost::json::array questions;
    for (const auto& q : f.questions) {
        questions.emplace_back(question_json(q));
    }
    obj["questions"] = std::move(questions);
    jv = std::move(obj);
}

// [SECTION] Parsing and checks

namespace {

std::optional<std::int64_t> as_integer(const boost::json::value& v) {
    if (v.is_int64()) {
        return v.get_int64();
    }
    if (v.is_uint64() && v.get_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
        return static_cast<std::int64_t>(v.get_uint64());
    }
    return std::nullopt;
}

bool valid_id(std::string_view id) {
    if (id.empty() || id.size() > limits::max_id_bytes) {
        return false;
    }
    return std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    });
}

std::string bad_id_message(std::string_view what, const boost::json::value* id) {
    std::string shown;
    if (id != nullptr && id->is_string()) {
        shown = std::string(id->get_string());
    }
    return std::string(what) + " id \"" + shown + "\" must be 1 to " +
           std::to_string(limits::max_id_bytes) + " characters of a-z, 0-9, - and _";
}

// Reads an optional string member; false when present but not a string.
bool optional_string(const boost::json::object& obj, std::string_view key, std::string& out) {
    const auto* v = obj.if_contains(key);
    if (v == nullptr || v->is_null()) {
        return true;
    }
    const auto* s = v->if_string();
    if (s == nullptr) {
        return false;
    }
    out = std::string(*s);
    return true;
}

bool optional_localised(const boost::json::object& obj, std::string_view key, LocalisedText& out) {
    const auto* v = obj.if_contains(key);
    if (v == nullptr || v->is_null()) {
        return true;
    }
    return parse_localised(*v, out);
}

bool optional_date(const boost::json::object& obj, std::string_view key, std::optional<Date>& out) {
    const auto* v = obj.if_contains(key);
    if (v == nullptr || v->is_null()) {
        out.reset();
        return true;
    }
    const auto* s = v->if_string();
    if (s == nullptr) {
        return false;
    }
    Date d;
    if (parse_date(*s, d) != DateError::ok) {
        return false;
    }
    out = d;
    return true;
}

bool parse_option(const boost::json::value& jv, const std::string& qid, Option& out,
                  std::string& error) {
    const auto* obj = jv.if_object();
    if (obj == nullptr) {
        error = "question " + qid + ": each option must be an object";
        return false;
    }
    Option o;
    const auto* id = obj->if_contains("id");
    if (id == nullptr || !id->is_string() || !valid_id(id->get_string())) {
        error = "question " + qid + ": " + bad_id_message("option", id);
        return false;
    }
    o.id = std::string(id->get_string());
    const auto* text = obj->if_contains("text");
    if (text == nullptr || !parse_localised(*text, o.text) || o.text.empty()) {
        error = "question " + qid + ", option " + o.id +
                ": \"text\" must be a non-empty localised text";
        return false;
    }
    if (!optional_localised(*obj, "easy", o.easy)) {
        error = "question " + qid + ", option " + o.id + ": \"easy\" must be a localised text";
        return false;
    }
    if (!optional_string(*obj, "icon", o.icon)) {
        error = "question " + qid + ", option " + o.id + ": \"icon\" must be a string";
        return false;
    }
    out = std::move(o);
    return true;
}

bool parse_question(const boost::json::value& jv, Question& out, std::string& error) {
    const auto* obj = jv.if_object();
    if (obj == nullptr) {
        error = "each question must be an object";
        return false;
    }
    Question q;
    const auto* id = obj->if_contains("id");
    if (id == nullptr || !id->is_string() || !valid_id(id->get_string())) {
        error = bad_id_message("question", id);
        return false;
    }
    q.id = std::string(id->get_string());
    const auto* type = obj->if_contains("type");
    std::optional<QuestionType> t;
    if (type != nullptr && type->is_string()) {
        t = parse_question_type(type->get_string());
    }
    if (!t) {
        error = "question " + q.id + ": \"type\" must be one of choice, multi, scale, yesno, text";
        return false;
    }
    q.type = *t;
    const auto* text = obj->if_contains("text");
    if (text == nullptr || !parse_localised(*text, q.text) || q.text.empty()) {
        error = "question " + q.id + ": \"text\" must be a non-empty localised text";
        return false;
    }
    if (!optional_localised(*obj, "easy", q.easy)) {
        error = "question " + q.id + ": \"easy\" must be a localised text";
        return false;
    }
    if (!optional_localised(*obj, "hint", q.hint)) {
        error = "question " + q.id + ": \"hint\" must be a localised text";
        return false;
    }
    if (!optional_string(*obj, "icon", q.icon)) {
        error = "question " + q.id + ": \"icon\" must be a string";
        return false;
    }
    if (const auto* d = obj->if_contains("demographic"); d != nullptr && !d->is_null()) {
        if (!d->is_bool()) {
            error = "question " + q.id + ": \"demographic\" must be true or false";
            return false;
        }
        q.demographic = d->get_bool();
    }
    const bool takes_options = q.type == QuestionType::choice || q.type == QuestionType::multi;
    if (const auto* opts = obj->if_contains("options"); opts != nullptr && !opts->is_null()) {
        const auto* arr = opts->if_array();
        if (arr == nullptr) {
            error = "question " + q.id + ": \"options\" must be an array";
            return false;
        }
        if (!takes_options && !arr->empty()) {
            error = "question " + q.id + ": only choice and multi questions have options";
            return false;
        }
        std::set<std::string, std::less<>> seen;
        for (const auto& ov : *arr) {
            Option o;
            if (!parse_option(ov, q.id, o, error)) {
                return false;
            }
            if (!seen.insert(o.id).second) {
                error = "question " + q.id + ": option id \"" + o.id + "\" is used twice";
                return false;
            }
            q.options.push_back(std::move(o));
        }
    }
    if (takes_options && q.options.size() < 2) {
        error = "question " + q.id + ": a " + std::string(to_string(q.type)) +
                " question needs at least two options";
        return false;
    }
    if (takes_options && q.options.size() > limits::max_multi_choices) {
        error = "question " + q.id + ": more than " + std::to_string(limits::max_multi_choices) +
                " options (max_multi_choices)";
        return false;
    }
    if (q.demographic && (!takes_options || q.find_option(prefer_not_to_say) == nullptr)) {
        error = "question " + q.id +
                ": a demographic question must be choice or multi and offer \"" +
                std::string(prefer_not_to_say) + "\"";
        return false;
    }
    if (const auto* ml = obj->if_contains("max_length"); ml != nullptr && !ml->is_null()) {
        if (q.type != QuestionType::text) {
            error = "question " + q.id + ": only text questions have \"max_length\"";
            return false;
        }
        const auto n = as_integer(*ml);
        if (!n || *n < 1 || static_cast<std::uint64_t>(*n) > limits::max_text_answer_bytes) {
            error = "question " + q.id + ": \"max_length\" must be a whole number from 1 to " +
                    std::to_string(limits::max_text_answer_bytes) + " (max_text_answer_bytes)";
            return false;
        }
        q.max_length = static_cast<std::size_t>(*n);
    }
    if (const auto* in = obj->if_contains("input"); in != nullptr && !in->is_null()) {
        // Only a hint for the kiosk's keyboard; an answer is still free text.
        if (q.type != QuestionType::text || !in->is_string() ||
            (in->get_string() != "phone" && in->get_string() != "text")) {
            error = "question " + q.id +
                    ": \"input\" is for text questions and must be \"text\" or \"phone\"";
            return false;
        }
        q.input = in->get_string() == "phone" ? TextInput::phone : TextInput::any;
    }
    out = std::move(q);
    return true;
}

} // namespace

bool parse_form_version(const boost::json::value& jv, FormVersion& out, std::string& error) {
    // Unknown keys are ignored here (unlike submissions): staff tools and the
    // store may carry their own metadata beside a form.
    const auto* obj = jv.if_object();
    if (obj == nullptr) {
        error = "a form must be a JSON object";
        return false;
    }
    FormVersion f;
    const auto* slug = obj->if_contains("slug");
    if (slug == nullptr || !slug->is_string() || !valid_id(slug->get_string())) {
        error = "form slug must be 1 to " + std::to_string(limits::max_id_bytes) +
                " characters of a-z, 0-9, - and _";
        return false;
    }
    f.slug = std::string(slug->get_string());
    const auto* kind = obj->if_contains("kind");
    std::optional<FormKind> k;
    if (kind != nullptr && kind->is_string()) {
        k = parse_form_kind(kind->get_string());
    }
    if (!k) {
        error = "form " + f.slug + ": \"kind\" must be one of feedback, poll, signup";
        return false;
    }
    f.kind = *k;
    if (const auto* v = obj->if_contains("version"); v != nullptr && !v->is_null()) {
        const auto n = as_integer(*v);
        if (!n || *n < 1 || *n > INT32_MAX) {
            error = "form " + f.slug + ": \"version\" must be a whole number from 1";
            return false;
        }
        f.version = static_cast<int>(*n);
    }
    if (const auto* st = obj->if_contains("status"); st != nullptr && !st->is_null()) {
        std::optional<FormStatus> status;
        if (st->is_string()) {
            status = parse_form_status(st->get_string());
        }
        if (!status) {
            error = "form " + f.slug + ": \"status\" must be one of draft, published, closed";
            return false;
        }
        f.status = *status;
    }
    const auto* title = obj->if_contains("title");
    if (title == nullptr || !parse_localised(*title, f.title) || f.title.empty() ||
        f.title.get(fallback_language).empty()) {
        error = "form " + f.slug + ": \"title\" must be a non-empty localised text";
        return false;
    }
    if (!optional_localised(*obj, "intro", f.intro)) {
        error = "form " + f.slug + ": \"intro\" must be a localised text";
        return false;
    }
    if (!optional_date(*obj, "opens", f.opens) || !optional_date(*obj, "closes", f.closes)) {
        error = "form " + f.slug + ": \"opens\" and \"closes\" must be null or YYYY-MM-DD";
        return false;
    }
    if (f.opens && f.closes && *f.closes < *f.opens) {
        error = "form " + f.slug + ": \"closes\" (" + to_string(*f.closes) +
                ") is before \"opens\" (" + to_string(*f.opens) + ")";
        return false;
    }
    if (const auto* sites = obj->if_contains("sites"); sites != nullptr && !sites->is_null()) {
        const auto* arr = sites->if_array();
        if (arr == nullptr) {
            error = "form " + f.slug + ": \"sites\" must be an array of site names";
            return false;
        }
        for (const auto& sv : *arr) {
            if (!sv.is_string() || sv.get_string().empty()) {
                error = "form " + f.slug + ": \"sites\" must be an array of site names";
                return false;
            }
            f.sites.emplace_back(sv.get_string());
        }
    }
    if (const auto* qs = obj->if_contains("questions"); qs != nullptr && !qs->is_null()) {
        const auto* arr = qs->if_array();
        if (arr == nullptr) {
            error = "form " + f.slug + ": \"questions\" must be an array";
            return false;
        }
        if (arr->size() > limits::max_answers_per_item) {
            error = "form " + f.slug + ": more than " +
                    std::to_string(limits::max_answers_per_item) +
                    " questions (max_answers_per_item)";
            return false;
        }
        std::set<std::string, std::less<>> seen;
        for (const auto& qv : *arr) {
            Question q;
            if (!parse_question(qv, q, error)) {
                error = "form " + f.slug + ": " + error;
                return false;
            }
            if (!seen.insert(q.id).second) {
                error = "form " + f.slug + ": question id \"" + q.id + "\" is used twice";
                return false;
            }
            f.questions.push_back(std::move(q));
        }
    }
    out = std::move(f);
    return true;
}

} // namespace engage
