#include "engage/submission.hpp"

#include "engage/ids.hpp"
#include "engage/limits.hpp"
#include "engage/sealing.hpp"
#include "engage/strict_json.hpp"

#include <algorithm>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <cctype>
#include <set>

// The codes of one item, broadly in the order they are checked (the first
// fault found is the one reported):
//   bad_item           not an object; a key that is not one of ours (a "site"
//                      key included: the site comes from the token);
//                      form/version of the wrong JSON type; "answers" not an
//                      object or missing on an anonymous form; a "language"
//                      on a sealed sign-up
//   bad_id             "id" missing or not a lowercase UUID v4
//   time_of_day        a time-like key ("time", "timestamp", "*_at", ...) or a
//                      date carrying a time
//   bad_date           "date" missing or not a valid YYYY-MM-DD
//   future_date        more than ctx.max_days_ahead after ctx.today
//   unknown_version    version < 1, or lookup(slug, version) finds nothing
//                      while lookup(slug, any_version) finds the form
//   unknown_form       no version of the slug at all
//   form_not_open      FormVersion::open_at(ctx.site, date) is false
//   bad_language       not [a-z]{2,3}(-[A-Za-z0-9]{2,8})?
//   sealed_required    a signup form without "sealed", or with "answers"
//   sealed_not_allowed "sealed" on a feedback or poll form
//   bad_sealed         "sealed" not a string, over max_sealed_bytes, or not
//                      base64 of at least a sealed box; "key_id" not 16
//                      lowercase hex characters, or on an anonymous item
//   too_many_answers   over max_answers_per_item
//   unknown_question   an answer key that is no question of the form
//   wrong_type         answer of the wrong JSON type for its question
//   unknown_option     a choice or multi option the question does not offer
//   duplicate_choice   the same option twice in a multi answer
//   too_many_choices   over max_multi_choices
//   out_of_range       a scale answer outside 1..5
//   too_long           text over the question's max_length or max_text_answer_bytes
// An empty multi answer ([]) and an empty or blank text answer are a skipped
// question: they are dropped, not refused, so a kiosk that sends them loses
// nothing else the person said. The code empty_text is therefore never used.

namespace engage {

namespace {

// [SECTION] Helpers

ItemError fail(std::string code, std::string message) {
    return ItemError{std::move(code), std::move(message)};
}

bool time_like_key(std::string_view key) {
    std::string lower(key);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    const std::string_view k = lower;
    return k.find("time") != std::string_view::npos || k.find("hour") != std::string_view::npos ||
           k.find("minute") != std::string_view::npos || k == "at" || k == "ts" || k == "created" ||
           k == "submitted" || (k.size() > 3 && k.substr(k.size() - 3) == "_at");
}

bool valid_language(std::string_view s) {
    auto lower = [](char c) { return c >= 'a' && c <= 'z'; };
    auto alnum = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    };
    std::size_t i = 0;
    while (i < s.size() && lower(s[i])) {
        ++i;
    }
    if (i < 2 || i > 3) {
        return false;
    }
    if (i == s.size()) {
        return true;
    }
    if (s[i] != '-') {
        return false;
    }
    const std::string_view sub = s.substr(i + 1);
    return sub.size() >= 2 && sub.size() <= 8 && std::all_of(sub.begin(), sub.end(), alnum);
}

bool blank(std::string_view s) {
    return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

std::optional<std::int64_t> as_integer(const boost::json::value& v) {
    if (v.is_int64()) {
        return v.get_int64();
    }
    if (v.is_uint64() && v.get_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
        return static_cast<std::int64_t>(v.get_uint64());
    }
    return std::nullopt;
}

// Echoes what was sent only when it looks like an identifier: a reply (and
// any log of it) must never carry free text a person typed.
std::string quoted(std::string_view s) {
    const bool id_like = !s.empty() && s.size() <= limits::max_id_bytes &&
                         std::all_of(s.begin(), s.end(), [](char c) {
                             return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                                    (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
                         });
    if (!id_like) {
        return "(not shown)";
    }
    std::string out(1, '"');
    out.append(s).push_back('"');
    return out;
}

// [SECTION] Answers

std::optional<ItemError> parse_answer(const Question& q, const boost::json::value& v,
                                      Answers& out) {
    const std::string& qid = q.id;
    switch (q.type) {
    case QuestionType::choice: {
        if (!v.is_string()) {
            return fail("wrong_type", "answer to " + qid + " must be an option id (a string)");
        }
        const std::string_view id = v.get_string();
        if (q.find_option(id) == nullptr) {
            return fail("unknown_option", "answer to " + qid + " names option " + quoted(id) +
                                              ", which it does not offer");
        }
        out.emplace(qid, Choice(id));
        return std::nullopt;
    }
    case QuestionType::multi: {
        const auto* arr = v.if_array();
        if (arr == nullptr) {
            return fail("wrong_type", "answer to " + qid + " must be an array of option ids");
        }
        if (arr->size() > limits::max_multi_choices) {
            return fail("too_many_choices",
                        "answer to " + qid + " has " + std::to_string(arr->size()) +
                            " choices, over the " + std::to_string(limits::max_multi_choices) +
                            "-choice limit (max_multi_choices)");
        }
        MultiChoice chosen;
        std::set<std::string, std::less<>> seen;
        for (const auto& e : *arr) {
            if (!e.is_string()) {
                return fail("wrong_type", "answer to " + qid + " must be an array of option ids");
            }
            const std::string_view id = e.get_string();
            if (q.find_option(id) == nullptr) {
                return fail("unknown_option", "answer to " + qid + " names option " + quoted(id) +
                                                  ", which it does not offer");
            }
            if (!seen.emplace(id).second) {
                return fail("duplicate_choice",
                            "answer to " + qid + " names option " + quoted(id) + " twice");
            }
            chosen.emplace_back(id);
        }
        if (!chosen.empty()) {
            out.emplace(qid, std::move(chosen));
        }
        return std::nullopt;
    }
    case QuestionType::scale: {
        const auto n = as_integer(v);
        if (!n && v.is_uint64()) {
            return fail("out_of_range", "answer to " + qid + " is outside " +
                                            std::to_string(scale_min) + ".." +
                                            std::to_string(scale_max));
        }
        if (!n) {
            return fail("wrong_type", "answer to " + qid + " must be a whole number from " +
                                          std::to_string(scale_min) + " to " +
                                          std::to_string(scale_max));
        }
        if (*n < scale_min || *n > scale_max) {
            return fail("out_of_range", "answer to " + qid + " is " + std::to_string(*n) +
                                            ", outside " + std::to_string(scale_min) + ".." +
                                            std::to_string(scale_max));
        }
        out.emplace(qid, ScaleValue{*n});
        return std::nullopt;
    }
    case QuestionType::yesno:
        if (!v.is_bool()) {
            return fail("wrong_type", "answer to " + qid + " must be true or false");
        }
        out.emplace(qid, v.get_bool());
        return std::nullopt;
    case QuestionType::text: {
        if (!v.is_string()) {
            return fail("wrong_type", "answer to " + qid + " must be text (a string)");
        }
        const std::string_view text = v.get_string();
        if (text.size() > limits::max_text_answer_bytes) {
            return fail("too_long", "answer to " + qid + " is " + std::to_string(text.size()) +
                                        " bytes, over the " +
                                        std::to_string(limits::max_text_answer_bytes) +
                                        "-byte limit (max_text_answer_bytes)");
        }
        if (text.size() > q.max_length) {
            return fail("too_long", "answer to " + qid + " is " + std::to_string(text.size()) +
                                        " bytes, over the question's " +
                                        std::to_string(q.max_length) + "-byte limit (max_length)");
        }
        if (!blank(text)) {
            out.emplace(qid, FreeText{std::string(text)});
        }
        return std::nullopt;
    }
    }
    return fail("wrong_type", "answer to " + qid + " has an unknown question type");
}

// [SECTION] One item

std::optional<ItemError> validate(const boost::json::value& item, const FormLookup& lookup,
                                  const ValidationContext& ctx, BatchItem& result, Submission& s) {
    const auto* obj = item.if_object();
    if (obj == nullptr) {
        return fail("bad_item", "each submission must be a JSON object");
    }
    const auto* id = obj->if_contains("id");
    if (id != nullptr && id->is_string()) {
        result.id = std::string(id->get_string());
    }
    for (const auto& kv : *obj) {
        const std::string_view key = kv.key();
        static constexpr std::string_view known[] = {"id",       "form",    "version", "date",
                                                     "language", "answers", "sealed",  "key_id"};
        if (std::find(std::begin(known), std::end(known), key) != std::end(known)) {
            continue;
        }
        if (time_like_key(key)) {
            return fail("time_of_day",
                        "key " + quoted(key) +
                            " is refused: a submission carries a date, never a time of day");
        }
        if (key == "site") {
            return fail("bad_item",
                        "key \"site\" is refused: the site comes from the kiosk's token");
        }
        return fail("bad_item", "unknown key " + quoted(key));
    }
    if (id == nullptr || !id->is_string() || !is_uuid_v4(id->get_string())) {
        return fail("bad_id", "\"id\" must be a lowercase UUID v4 string");
    }
    s.id = std::string(id->get_string());

    const auto* form = obj->if_contains("form");
    if (form == nullptr || !form->is_string() || form->get_string().empty() ||
        form->get_string().size() > limits::max_id_bytes) {
        return fail("bad_item", "\"form\" must be a form slug of 1 to " +
                                    std::to_string(limits::max_id_bytes) + " bytes (max_id_bytes)");
    }
    s.form = std::string(form->get_string());
    const auto* version = obj->if_contains("version");
    const auto v = version != nullptr ? as_integer(*version) : std::nullopt;
    if (!v) {
        return fail("bad_item", "\"version\" must be a whole number");
    }
    s.version = *v;

    const auto* date = obj->if_contains("date");
    if (date == nullptr || !date->is_string()) {
        return fail("bad_date", "\"date\" must be a YYYY-MM-DD string");
    }
    switch (parse_date(date->get_string(), s.date)) {
    case DateError::ok:
        break;
    case DateError::has_time_of_day:
        return fail("time_of_day", "\"date\" carries a time of day; only YYYY-MM-DD is accepted");
    case DateError::malformed:
    case DateError::out_of_range:
        return fail("bad_date",
                    "\"date\" " + quoted(date->get_string()) + " is not a valid YYYY-MM-DD date");
    }
    if (days_since_epoch(s.date) - days_since_epoch(ctx.today) > ctx.max_days_ahead) {
        return fail("future_date", "\"date\" " + to_string(s.date) + " is more than " +
                                       std::to_string(ctx.max_days_ahead) + " day(s) after " +
                                       to_string(ctx.today));
    }

    const FormVersion* fv = s.version >= 1 ? lookup(s.form, s.version) : nullptr;
    if (fv == nullptr) {
        if (lookup(s.form, any_version) != nullptr) {
            return fail("unknown_version",
                        "form " + quoted(s.form) + " has no version " + std::to_string(s.version));
        }
        return fail("unknown_form", "no form is called " + quoted(s.form));
    }
    if (!fv->open_at(ctx.site, s.date)) {
        return fail("form_not_open", "form " + quoted(s.form) + " version " +
                                         std::to_string(s.version) +
                                         " is not open at this site on " + to_string(s.date));
    }

    const auto* language = obj->if_contains("language");
    const auto* sealed = obj->if_contains("sealed");
    const auto* answers = obj->if_contains("answers");
    if (language != nullptr) {
        if (!language->is_string() || !valid_language(language->get_string())) {
            return fail("bad_language", "\"language\" must be a code like \"pl\" or \"pt-BR\"");
        }
        s.language = std::string(language->get_string());
    }

    if (fv->kind == FormKind::signup) {
        if (sealed == nullptr || answers != nullptr) {
            return fail("sealed_required",
                        "a sign-up must be sent as \"sealed\" only, never as plain \"answers\"");
        }
        if (language != nullptr) {
            return fail("bad_item", "a sealed sign-up carries no \"language\"");
        }
        if (!sealed->is_string()) {
            return fail("bad_sealed", "\"sealed\" must be a base64 string");
        }
        const std::string_view box = sealed->get_string();
        if (box.size() > limits::max_sealed_bytes) {
            return fail("bad_sealed", "\"sealed\" is " + std::to_string(box.size()) +
                                          " bytes, over the " +
                                          std::to_string(limits::max_sealed_bytes) +
                                          "-byte limit (max_sealed_bytes)");
        }
        if (!looks_sealed(box)) {
            return fail("bad_sealed", "\"sealed\" is not base64 of a sealed box");
        }
        s.sealed = std::string(box);
        // Which coordinators' key the box was sealed to (sealed boxes do not
        // say): lets the server keep an old key exactly as long as a
        // sign-up needs it. Optional: kiosks from before key ids omit it.
        if (const auto* key = obj->if_contains("key_id")) {
            if (!key->is_string() || !looks_like_key_id(key->get_string())) {
                return fail("bad_sealed", "\"key_id\" must be 16 lowercase hex characters");
            }
            s.sealed_key_id = std::string(key->get_string());
        }
        return std::nullopt;
    }

    if (sealed != nullptr) {
        return fail("sealed_not_allowed", "only sign-up forms take \"sealed\"");
    }
    if (obj->contains("key_id")) {
        return fail("bad_sealed", "only a sealed sign-up names a \"key_id\"");
    }
    if (answers == nullptr || !answers->is_object()) {
        return fail("bad_item", "\"answers\" must be an object of question id to answer");
    }
    const auto& given = answers->get_object();
    if (given.size() > limits::max_answers_per_item) {
        return fail("too_many_answers", "item has " + std::to_string(given.size()) +
                                            " answers, over the " +
                                            std::to_string(limits::max_answers_per_item) +
                                            "-answer limit (max_answers_per_item)");
    }
    for (const auto& kv : given) {
        const Question* q = fv->find_question(kv.key());
        if (q == nullptr) {
            return fail("unknown_question", "form " + quoted(s.form) + " version " +
                                                std::to_string(s.version) + " has no question " +
                                                quoted(kv.key()));
        }
        if (auto err = parse_answer(*q, kv.value(), s.answers)) {
            return err;
        }
    }
    return std::nullopt;
}

} // namespace

// [SECTION] Public

boost::json::value to_json(const Submission& s) {
    boost::json::object obj;
    obj["id"] = s.id;
    obj["form"] = s.form;
    obj["version"] = s.version;
    obj["date"] = to_string(s.date);
    if (s.sealed) {
        obj["sealed"] = *s.sealed;
        if (!s.sealed_key_id.empty()) {
            obj["key_id"] = s.sealed_key_id;
        }
        return obj;
    }
    if (!s.language.empty()) {
        obj["language"] = s.language;
    }
    obj["answers"] = answers_to_json(s.answers);
    return obj;
}

BatchItem parse_item(const boost::json::value& item, const FormLookup& lookup,
                     const ValidationContext& ctx) {
    BatchItem result;
    Submission s;
    if (auto err = validate(item, lookup, ctx, result, s)) {
        result.error = std::move(*err);
    } else {
        result.submission = std::move(s);
    }
    return result;
}

std::optional<ApiError> parse_batch(std::string_view body, const FormLookup& lookup,
                                    const ValidationContext& ctx, std::vector<BatchItem>& items) {
    boost::json::value jv;
    std::string error;
    if (!parse_json_strict(body, jv, error)) {
        return ApiError{400, "malformed_json", "request body is not valid JSON: " + error};
    }
    const auto* obj = jv.if_object();
    const auto* subs = obj != nullptr ? obj->if_contains("submissions") : nullptr;
    if (subs == nullptr || !subs->is_array() || obj->size() != 1) {
        return ApiError{400, "bad_batch",
                        "request body must be {\"submissions\": [...]} and nothing else"};
    }
    const auto& arr = subs->get_array();
    if (arr.size() > limits::max_batch_items) {
        return ApiError{413, "too_many_items",
                        "batch has " + std::to_string(arr.size()) + " items, over the " +
                            std::to_string(limits::max_batch_items) +
                            "-item limit (max_batch_items)"};
    }
    items.clear();
    items.reserve(arr.size());
    for (const auto& item : arr) {
        items.push_back(parse_item(item, lookup, ctx));
    }
    return std::nullopt;
}

std::string answers_to_json_text(const Answers& answers) {
    return boost::json::serialize(answers_to_json(answers));
}

} // namespace engage
