#include "engage/about_you.hpp"

#include "about_you_data.hpp"

#include <array>
#include <boost/json.hpp>
#include <cassert>
#include <utility>

namespace engage::about_you {
namespace {

using Pair = std::pair<std::string_view, std::string_view>; // id, English

// The embedded translations, parsed once. The file is part of the build, so
// a parse failure is a build defect: the tests catch it, and a release
// build then has English only rather than crashing a kiosk.
const boost::json::object& translations() {
    static const boost::json::object table = [] {
        boost::system::error_code ec;
        boost::json::value v = boost::json::parse(detail::translations_json(), ec);
        assert(!ec && v.is_object());
        return !ec && v.is_object() ? std::move(v.as_object()) : boost::json::object{};
    }();
    return table;
}

// Adds the other languages of the string named `key` ("q.text",
// "q.option.text", "q.hint") to `t`, which holds its English; only when the
// English the translations were made from is still the English here.
void translate(LocalisedText& t, const std::string& key) {
    const auto* strings = translations().if_contains("strings");
    const auto* row = strings != nullptr && strings->is_object()
                          ? strings->as_object().if_contains(key)
                          : nullptr;
    if (row == nullptr || !row->is_object()) {
        return;
    }
    const auto* source = row->as_object().if_contains(fallback_language);
    if (source == nullptr || !source->is_string() ||
        source->as_string() != t.get(fallback_language)) {
        return; // stale: the English changed since it was translated
    }
    for (const auto& [lang, text] : row->as_object()) {
        if (lang != fallback_language && text.is_string() && !text.as_string().empty()) {
            t.by_language.insert_or_assign(std::string(lang), std::string(text.as_string()));
        }
    }
}

void translate(Question& q) {
    translate(q.text, q.id + ".text");
    if (!q.hint.empty()) {
        translate(q.hint, q.id + ".hint");
    }
    for (auto& o : q.options) {
        // "Prefer not to say" is the same words under every question.
        translate(o.text, o.id == prefer_not_to_say ? std::string(prefer_not_to_say) + ".text"
                                                    : q.id + "." + o.id + ".text");
    }
}

Question choice(std::string_view id, std::string_view text, std::initializer_list<Pair> options) {
    Question q;
    q.id = std::string(id);
    q.type = QuestionType::choice;
    q.text.by_language.emplace(std::string(fallback_language), std::string(text));
    q.demographic = true;
    for (const auto& [oid, label] : options) {
        Option o;
        o.id = std::string(oid);
        o.text.by_language.emplace(std::string(fallback_language), std::string(label));
        q.options.push_back(std::move(o));
    }
    Option prefer;
    prefer.id = std::string(prefer_not_to_say);
    prefer.text.by_language.emplace(std::string(fallback_language), "Prefer not to say");
    q.options.push_back(std::move(prefer));
    return q;
}

// The ONS 2021 census (England and Wales) high-level ethnic groups, in the
// census's order; each detailed option id starts with its group's id.
constexpr std::array<Pair, 5> ethnic_groups{{
    {"asian", "Asian, Asian British or Asian Welsh"},
    {"black", "Black, Black British, Black Welsh, Caribbean or African"},
    {"mixed", "Mixed or Multiple ethnic groups"},
    {"white", "White"},
    {"other", "Other ethnic group"},
}};

} // namespace

std::vector<Question> questions() {
    std::vector<Question> out;
    out.push_back(choice(age, "How old are you?",
                         {{"under-18", "Under 18"},
                          {"18-24", "18 to 24"},
                          {"25-34", "25 to 34"},
                          {"35-44", "35 to 44"},
                          {"45-54", "45 to 54"},
                          {"55-64", "55 to 64"},
                          {"65-plus", "65 or over"}}));
    // The set comes last on a form; its first question says why it is asked.
    out.back().hint.by_language.emplace(std::string(fallback_language),
                                        "These last questions are about you. They help us see who "
                                        "we are not hearing from. Skip any you like.");
    out.push_back(choice(gender, "What is your gender?",
                         {{"woman", "Woman"},
                          {"man", "Man"},
                          {"non-binary", "Non-binary"},
                          {"another", "I describe my gender another way"}}));
    // The ONS 2021 detailed options, in the census's order, each labelled
    // with its high-level group so it reads alone on the kiosk.
    out.push_back(
        choice(ethnicity, "What is your ethnic group?",
               {{"asian-bangladeshi", "Asian: Bangladeshi"},
                {"asian-chinese", "Asian: Chinese"},
                {"asian-indian", "Asian: Indian"},
                {"asian-pakistani", "Asian: Pakistani"},
                {"asian-other", "Asian: any other Asian background"},
                {"black-african", "Black: African"},
                {"black-caribbean", "Black: Caribbean"},
                {"black-other", "Black: any other Black, Black British or Caribbean background"},
                {"mixed-white-asian", "Mixed: White and Asian"},
                {"mixed-white-black-african", "Mixed: White and Black African"},
                {"mixed-white-black-caribbean", "Mixed: White and Black Caribbean"},
                {"mixed-other", "Mixed: any other Mixed or Multiple ethnic background"},
                {"white-british", "White: English, Welsh, Scottish, Northern Irish or British"},
                {"white-irish", "White: Irish"},
                {"white-gypsy-traveller", "White: Gypsy or Irish Traveller"},
                {"white-roma", "White: Roma"},
                {"white-other", "White: any other White background"},
                {"other-arab", "Other ethnic group: Arab"},
                {"other-any", "Other ethnic group: any other ethnic group"}}));
    out.push_back(choice(sexual_orientation, "What is your sexual orientation?",
                         {{"straight", "Straight or heterosexual"},
                          {"gay-lesbian", "Gay or lesbian"},
                          {"bisexual", "Bisexual"},
                          {"another", "Another sexual orientation"}}));
    out.push_back(choice(disability,
                         "Do you have a disability, or a physical or mental health condition or "
                         "illness that has lasted or is expected to last 12 months or more?",
                         {{"yes", "Yes"}, {"no", "No"}}));
    out.push_back(choice(neurodivergence,
                         "Do you think of yourself as neurodivergent (for example autistic, "
                         "ADHD or dyslexic)?",
                         {{"yes", "Yes"}, {"no", "No"}, {"not-sure", "Not sure"}}));
    for (auto& q : out) {
        translate(q);
    }
    return out;
}

bool machine_drafted(std::string_view language) {
    if (language == fallback_language) {
        return false;
    }
    const auto* reviewed = translations().if_contains("reviewed");
    const auto* mark = reviewed != nullptr && reviewed->is_object()
                           ? reviewed->as_object().if_contains(language)
                           : nullptr;
    // Unknown or unmarked: nobody has said a person reviewed it.
    return mark == nullptr || !mark->is_bool() || !mark->as_bool();
}

bool is_about_you(std::string_view id) {
    return id == age || id == gender || id == ethnicity || id == sexual_orientation ||
           id == disability || id == neurodivergence;
}

std::string group_of(std::string_view question_id, std::string_view option_id) {
    if (question_id == ethnicity) {
        for (const auto& [group, name] : ethnic_groups) {
            if (option_id.size() > group.size() && option_id.substr(0, group.size()) == group &&
                option_id[group.size()] == '-') {
                return std::string(group);
            }
        }
    }
    return std::string(option_id);
}

std::string_view ethnic_group_name(std::string_view group) {
    for (const auto& [id, name] : ethnic_groups) {
        if (id == group) {
            return name;
        }
    }
    return {};
}

} // namespace engage::about_you
