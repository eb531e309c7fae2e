#include "web/form_draft.hpp"

#include "engage/about_you.hpp"
#include "engage/limits.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <charconv>
#include <set>

namespace engage::web {
namespace {

std::string q_field(std::size_t i, std::string_view name) {
    // Appending, not "q" + std::string&&: GCC 12's -Wrestrict false positive.
    std::string out("q");
    out.append(std::to_string(i)).append("-").append(name);
    return out;
}

std::string o_field(std::size_t i, std::size_t j, std::string_view name) {
    std::string out("q");
    out.append(std::to_string(i)).append("-o").append(std::to_string(j)).append("-").append(name);
    return out;
}

// A count or index posted by the editor; `cap` bounds what a tampered form
// can make the server allocate.
std::size_t read_count(const Fields& form, const std::string& name, std::size_t cap) {
    const std::string v = field(form, name);
    std::size_t n = 0;
    const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    if (ec != std::errc{} || end != v.data() + v.size()) {
        return 0;
    }
    return std::min(n, cap);
}

} // namespace

bool valid_form_id(std::string_view id) {
    return !id.empty() && id.size() <= limits::max_id_bytes &&
           std::all_of(id.begin(), id.end(), [](char c) {
               return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
           });
}

namespace {

void set_english(LocalisedText& t, std::string text) {
    // Trailing spaces from copy and paste are never meant.
    while (!text.empty() && (text.back() == ' ' || text.back() == '\n' || text.back() == '\r')) {
        text.pop_back();
    }
    if (text.empty()) {
        t.by_language.erase(std::string(fallback_language));
    } else {
        t.by_language[std::string(fallback_language)] = std::move(text);
    }
}

bool takes_options(QuestionType t) {
    return t == QuestionType::choice || t == QuestionType::multi;
}

// "q<n>" / "option-<n>" not yet used in `used`.
std::string fresh_id(std::string_view stem, const std::set<std::string, std::less<>>& used) {
    for (std::size_t n = used.size() + 1;; ++n) {
        std::string id(stem);
        id.append(std::to_string(n));
        if (!used.contains(id)) {
            return id;
        }
    }
}

std::string fresh_option_id(const Question& q) {
    std::set<std::string, std::less<>> used;
    for (const auto& o : q.options) {
        used.insert(o.id);
    }
    return fresh_id("option-", used);
}

// "up:2" -> ("up", 2); "up-option:2:1" -> ("up-option", 2, 1).
struct Action {
    std::string verb;
    std::size_t q = 0;
    std::size_t o = 0;
};

Action parse_action(std::string_view text) {
    Action a;
    const auto c1 = text.find(':');
    a.verb = std::string(text.substr(0, c1));
    if (c1 == std::string_view::npos) {
        return a;
    }
    text.remove_prefix(c1 + 1);
    const auto c2 = text.find(':');
    const auto num = [](std::string_view s) {
        std::size_t n = 0;
        std::from_chars(s.data(), s.data() + s.size(), n);
        return n;
    };
    a.q = num(text.substr(0, c2));
    if (c2 != std::string_view::npos) {
        a.o = num(text.substr(c2 + 1));
    }
    return a;
}

template <typename T>
void move_item(std::vector<T>& v, std::size_t i, bool up) {
    if (i >= v.size()) {
        return;
    }
    if (up && i > 0) {
        std::swap(v[i], v[i - 1]);
    } else if (!up && i + 1 < v.size()) {
        std::swap(v[i], v[i + 1]);
    }
}

} // namespace

FieldErrors read_draft(const Fields& form, FormVersion& draft) {
    FieldErrors errors;
    set_english(draft.title, field(form, "title"));
    set_english(draft.intro, field(form, "intro"));
    for (const auto& [name, date] :
         {std::pair{"opens", &draft.opens}, std::pair{"closes", &draft.closes}}) {
        const std::string text = field(form, name);
        if (text.empty()) {
            date->reset();
        } else if (const auto d = parse_date(text)) {
            *date = *d;
        } else {
            errors[name] =
                "Write the date as YYYY-MM-DD, for example 2027-03-01, or leave it empty.";
        }
    }
    draft.sites.clear();
    {
        // Free text, one site or several separated by commas.
        std::string_view rest = field(form, "sites");
        const std::string all(rest);
        rest = all;
        while (!rest.empty()) {
            const auto comma = rest.find(',');
            std::string_view name = rest.substr(0, comma);
            while (!name.empty() && name.front() == ' ') {
                name.remove_prefix(1);
            }
            while (!name.empty() && name.back() == ' ') {
                name.remove_suffix(1);
            }
            if (!name.empty()) {
                draft.sites.emplace_back(name);
            }
            if (comma == std::string_view::npos) {
                break;
            }
            rest.remove_prefix(comma + 1);
        }
    }

    const auto stored = draft.questions;
    draft.questions.clear();
    const std::size_t nq = read_count(form, "nq", limits::max_answers_per_item);
    for (std::size_t i = 0; i < nq; ++i) {
        const std::string id = field(form, q_field(i, "id"));
        Question q;
        // The stored question keeps its other languages. An "About you"
        // question just added (not yet stored) starts from the standard
        // one, so its translations come with it when the draft is saved.
        bool found = false;
        for (const auto& s : stored) {
            if (s.id == id) {
                q = s;
                found = true;
            }
        }
        if (!found && about_you::is_about_you(id)) {
            for (auto& s : about_you::questions()) {
                if (s.id == id) {
                    q = std::move(s);
                }
            }
        }
        q.id = id;
        if (const auto t = parse_question_type(field(form, q_field(i, "type")))) {
            q.type = *t;
        }
        set_english(q.text, field(form, q_field(i, "text")));
        set_english(q.easy, field(form, q_field(i, "easy")));
        q.icon = field(form, q_field(i, "icon"));
        q.demographic = field(form, q_field(i, "demographic")) == "on";
        const auto stored_options = q.options;
        q.options.clear();
        const std::size_t no = read_count(form, q_field(i, "no"), limits::max_multi_choices);
        for (std::size_t j = 0; j < no; ++j) {
            Option o;
            const std::string old_id = field(form, o_field(i, j, "was"));
            for (const auto& s : stored_options) {
                if (s.id == old_id) {
                    o = s;
                }
            }
            o.id = field(form, o_field(i, j, "id"));
            set_english(o.text, field(form, o_field(i, j, "text")));
            set_english(o.easy, field(form, o_field(i, j, "easy")));
            o.icon = field(form, o_field(i, j, "icon"));
            q.options.push_back(std::move(o));
        }
        if (!takes_options(q.type)) {
            q.options.clear(); // only choice and multi have options
        }
        draft.questions.push_back(std::move(q));
    }
    return errors;
}

void apply_action(std::string_view text, FormVersion& draft) {
    const Action a = parse_action(text);
    auto& qs = draft.questions;
    if (a.verb == "add-question" && qs.size() < limits::max_answers_per_item) {
        std::set<std::string, std::less<>> used;
        for (const auto& q : qs) {
            used.insert(q.id);
        }
        Question q;
        q.id = fresh_id("q", used);
        q.type = QuestionType::choice;
        q.options.push_back(Option{"option-1", {}, {}, {}});
        q.options.push_back(Option{"option-2", {}, {}, {}});
        qs.push_back(std::move(q));
    } else if (a.verb == "add-about-you" && draft.kind == FormKind::feedback) {
        // The standard equality-monitoring set, each question once: pressing
        // the button again adds only what was deleted.
        for (auto& q : about_you::questions()) {
            const bool present =
                std::any_of(qs.begin(), qs.end(), [&](const Question& x) { return x.id == q.id; });
            if (!present && qs.size() < limits::max_answers_per_item) {
                qs.push_back(std::move(q));
            }
        }
    } else if (a.verb == "delete" && a.q < qs.size()) {
        qs.erase(qs.begin() + static_cast<std::ptrdiff_t>(a.q));
    } else if (a.verb == "up" || a.verb == "down") {
        move_item(qs, a.q, a.verb == "up");
    } else if (a.q < qs.size()) {
        auto& q = qs[a.q];
        auto& os = q.options;
        if (a.verb == "add-option" && takes_options(q.type) &&
            os.size() < limits::max_multi_choices) {
            os.push_back(Option{fresh_option_id(q), {}, {}, {}});
        } else if (a.verb == "add-prefer-not" && takes_options(q.type) &&
                   !q.find_option(prefer_not_to_say) && os.size() < limits::max_multi_choices) {
            Option o;
            o.id = std::string(prefer_not_to_say);
            set_english(o.text, "Prefer not to say");
            os.push_back(std::move(o));
        } else if (a.verb == "delete-option" && a.o < os.size()) {
            os.erase(os.begin() + static_cast<std::ptrdiff_t>(a.o));
        } else if (a.verb == "up-option" || a.verb == "down-option") {
            move_item(os, a.o, a.verb == "up-option");
        }
    }
}

FieldErrors check_draft(const FormVersion& draft) {
    FieldErrors errors;
    if (!draft.title.has(fallback_language)) {
        errors["title"] = "Give the form a title.";
    }
    std::set<std::string, std::less<>> question_ids;
    for (std::size_t i = 0; i < draft.questions.size(); ++i) {
        const auto& q = draft.questions[i];
        if (!valid_form_id(q.id) || !question_ids.insert(q.id).second) {
            errors[q_field(i, "text")] = "This question's id is missing or used twice; reload "
                                         "the page and try again.";
        }
        if (!q.text.has(fallback_language)) {
            errors[q_field(i, "text")] = "Write the question.";
        }
        if (takes_options(q.type) && q.options.size() < 2) {
            errors[q_field(i, "type")] = "A choice question needs at least two options.";
        }
        if (q.demographic && !takes_options(q.type)) {
            errors[q_field(i, "demographic")] =
                "Only choice questions can be demographic (they must offer "
                "\"Prefer not to say\").";
        } else if (q.demographic && !q.find_option(prefer_not_to_say)) {
            // DESIGN §4: nobody has to say who they are to be heard.
            errors[q_field(i, "demographic")] =
                "A demographic question must offer \"Prefer not to say\" (option id "
                "prefer-not-to-say). Use \"Add Prefer not to say\", or untick demographic.";
        }
        std::set<std::string, std::less<>> option_ids;
        for (std::size_t j = 0; j < q.options.size(); ++j) {
            const auto& o = q.options[j];
            if (!valid_form_id(o.id)) {
                errors[o_field(i, j, "id")] =
                    "Use 1 to 64 characters: a-z, 0-9, - and _ (this name appears in results).";
            } else if (!option_ids.insert(o.id).second) {
                errors[o_field(i, j, "id")] = "Another option of this question has this name.";
            }
            if (!o.text.has(fallback_language)) {
                errors[o_field(i, j, "text")] = "Write the option's words.";
            }
        }
    }
    if (draft.opens && draft.closes && *draft.closes < *draft.opens) {
        errors["closes"] = "The closing date is before the opening date.";
    }
    if (errors.empty()) {
        // The kiosk's own reader has the last word.
        FormVersion back;
        std::string error;
        if (!parse_form_version(boost::json::value_from(draft), back, error)) {
            errors["form"] = error;
        }
    }
    return errors;
}

} // namespace engage::web
