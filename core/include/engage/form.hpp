#pragma once
// The content model (DESIGN §4): forms, their frozen published versions and
// their questions. A FormVersion is immutable once published; every response
// names its form slug and version so results stay right after edits.
//
// JSON of one form version (as it travels in the content bundle and as staff
// edit it):
//   {"slug": "day-centre-feedback", "kind": "feedback", "version": 3,
//    "status": "published", "title": {"en": "..."}, "intro": {"en": "..."},
//    "opens": "2026-11-01", "closes": null, "sites": [],
//    "questions": [
//      {"id": "q1", "type": "choice", "text": {"en": "..."}, "easy": {"en": "..."},
//       "icon": "food", "demographic": false,
//       "options": [{"id": "good", "text": {"en": "Good"}, "easy": {...}, "icon": "smile"}]},
//      {"id": "q3", "type": "scale", "text": {...}},          // answer 1..5
//      {"id": "q4", "type": "yesno", "text": {...}},          // answer true/false
//      {"id": "q5", "type": "text", "text": {...}, "max_length": 500},
//      {"id": "q6", "type": "text", "text": {...}, "input": "phone"}]}  // number pad first
// "sites": [] means every site. "opens"/"closes" are optional dates.

#include "engage/date.hpp"
#include "engage/localised.hpp"

#include <boost/json/fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace engage {

enum class FormKind { feedback, poll, signup };
enum class FormStatus { draft, published, closed };
enum class QuestionType { choice, multi, scale, yesno, text };
// What a text question mostly expects, so the kiosk opens the right keyboard:
// "phone" opens a number pad (with a key to the full keyboard, for an e-mail
// address). A hint only: the answer is free text either way.
enum class TextInput { any, phone };

std::string_view to_string(FormKind k);
std::string_view to_string(FormStatus s);
std::string_view to_string(QuestionType t);
std::optional<FormKind> parse_form_kind(std::string_view s);
std::optional<FormStatus> parse_form_status(std::string_view s);
std::optional<QuestionType> parse_question_type(std::string_view s);

// Option id every demographic question must offer (DESIGN §4).
inline constexpr std::string_view prefer_not_to_say = "prefer-not-to-say";
// Scale answers are 1..5, shown as faces and words.
inline constexpr int scale_min = 1;
inline constexpr int scale_max = 5;

struct Option {
    std::string id;
    LocalisedText text;
    LocalisedText easy; // easy-read variant; may be empty
    std::string icon;   // an icon name the kiosk draws (kiosk/widgets/icons.cpp); may be empty
    bool operator==(const Option&) const = default;
};

struct Question {
    std::string id;
    QuestionType type = QuestionType::choice;
    LocalisedText text;
    LocalisedText easy;
    // Text questions: a line in the empty answer box saying what to write
    // (a sign-up's name field asks for a name; feedback asks for none).
    LocalisedText hint;
    std::string icon;
    bool demographic = false;         // must then offer prefer_not_to_say
    std::vector<Option> options;      // choice and multi only
    std::size_t max_length = 500;     // text only; <= limits::max_text_answer_bytes
    TextInput input = TextInput::any; // text only: JSON "input": "phone" (default "text")

    const Option* find_option(std::string_view option_id) const;
    bool operator==(const Question&) const = default;
};

struct FormVersion {
    std::string slug;
    FormKind kind = FormKind::feedback;
    int version = 1;
    FormStatus status = FormStatus::draft;
    LocalisedText title;
    LocalisedText intro;
    std::optional<Date> opens;
    std::optional<Date> closes;
    std::vector<std::string> sites; // empty: every site
    std::vector<Question> questions;

    const Question* find_question(std::string_view question_id) const;
    // Open at `site` on `day`: published (or closed later than day) and within dates.
    bool open_at(std::string_view site, const Date& day) const;
    bool operator==(const FormVersion&) const = default;
};

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const FormVersion& f);

// Parses and checks a form version: known kind/type names, unique question
// and option ids within limits, options only where they belong and at least
// two of them, demographic questions offering prefer_not_to_say, sensible
// dates. On failure returns false and sets `error` to a sentence for staff.
bool parse_form_version(const boost::json::value& jv, FormVersion& out, std::string& error);

} // namespace engage
