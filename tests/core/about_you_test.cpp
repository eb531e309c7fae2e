// The standard "About you" questions in every kiosk language (issues 10 and
// 11): every question, hint and option has its own words in all fourteen
// languages, none is the English copied, the embedded translations match the
// English they were made from, and "Prefer not to say" sits in one place.
#include "engage/about_you.hpp"
#include "engage/form.hpp"

#include <boost/json.hpp>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>

namespace engage::about_you::detail {
std::string_view translations_json(); // core/src/about_you_data.hpp, generated at build time
}

using namespace engage;

namespace {

// Strings whose translation may rightly equal the English (a name or number
// every language writes the same way). Empty today: every label carries a
// translated word ("18 to 24" is "18–24" in Polish, "Roma" is "Rooma" in
// Somali). A pair added here must say why.
const std::set<std::pair<std::string, std::string>> same_as_english_is_right{};

// Every translatable string of the set: (name as in the data file, text).
std::vector<std::pair<std::string, const LocalisedText*>>
strings_of(const std::vector<Question>& qs) {
    std::vector<std::pair<std::string, const LocalisedText*>> out;
    for (const auto& q : qs) {
        out.emplace_back(q.id + ".text", &q.text);
        if (!q.hint.empty()) {
            out.emplace_back(q.id + ".hint", &q.hint);
        }
        for (const auto& o : q.options) {
            out.emplace_back(q.id + "." + o.id + ".text", &o.text);
        }
    }
    return out;
}

} // namespace

TEST_CASE("every About-you question, hint and option has its own words in all fourteen languages",
          "[about_you][i18n]") {
    const auto qs = about_you::questions();
    REQUIRE(qs.size() == 6);
    const auto strings = strings_of(qs);
    // 6 questions, 1 hint, 39 options (each question's own and its
    // "Prefer not to say").
    CHECK(strings.size() == 6 + 1 + 7 + 4 + 19 + 4 + 2 + 3 + 6);
    for (const auto& [name, text] : strings) {
        const std::string& english = text->get(fallback_language);
        REQUIRE_FALSE(english.empty());
        for (const auto lang : about_you::languages) {
            INFO(name << " in " << lang);
            CHECK(text->has(lang));
            if (lang != fallback_language &&
                !same_as_english_is_right.contains({name, std::string(lang)})) {
                CHECK(text->get(lang) != english);
            }
        }
        CHECK(text->by_language.size() == about_you::languages.size());
    }
}

TEST_CASE("the embedded translations hold exactly the set's strings, made from today's English",
          "[about_you][i18n]") {
    const auto data = boost::json::parse(about_you::detail::translations_json()).as_object();
    const auto& table = data.at("strings").as_object();
    std::set<std::string> expected;
    const auto qs = about_you::questions(); // strings_of points into it
    for (const auto& [name, text] : strings_of(qs)) {
        // "Prefer not to say" is translated once for every question.
        const auto dot = name.find('.');
        const std::string rest = name.substr(dot + 1);
        const std::string key = rest == std::string(prefer_not_to_say) + ".text" ? rest : name;
        expected.insert(key);
        INFO(key);
        REQUIRE(table.contains(key));
        CHECK(table.at(key).as_object().at("en").as_string() == text->get(fallback_language));
    }
    for (const auto& kv : table) {
        INFO("a translation of a string the set does not have: " << kv.key());
        CHECK(expected.contains(std::string(kv.key())));
        CHECK(kv.value().as_object().size() == about_you::languages.size());
    }
}

TEST_CASE("every language but English is marked machine-drafted, as the UI catalogues are",
          "[about_you][i18n]") {
    CHECK_FALSE(about_you::machine_drafted("en"));
    for (const auto lang : about_you::languages) {
        if (lang != fallback_language) {
            INFO(lang);
            CHECK(about_you::machine_drafted(lang));
        }
    }
    // A language the data does not name has been reviewed by nobody.
    CHECK(about_you::machine_drafted("xx"));
}

TEST_CASE("every About-you question is demographic with 'Prefer not to say' as its last option",
          "[about_you][form]") {
    for (const auto& q : about_you::questions()) {
        INFO(q.id);
        CHECK(q.demographic);
        REQUIRE_FALSE(q.options.empty());
        CHECK(q.options.back().id == prefer_not_to_say);
        CHECK(std::count_if(q.options.begin(), q.options.end(),
                            [](const Option& o) { return o.id == prefer_not_to_say; }) == 1);
    }
}

TEST_CASE("the set's first question says why it is asked, and only the first",
          "[about_you][form]") {
    const auto qs = about_you::questions();
    REQUIRE(qs.front().id == about_you::age);
    CHECK(qs.front().hint.get(fallback_language).find("who we are not hearing from") !=
          std::string::npos);
    for (std::size_t i = 1; i < qs.size(); ++i) {
        CHECK(qs[i].hint.empty());
    }
}

TEST_CASE("the sample day-centre form ends with the About-you set exactly as staff would add it",
          "[about_you][content]") {
    const auto path = std::filesystem::path(ENGAGE_SOURCE_DIR) / "assets" / "sample" / "forms" /
                      "day-centre-feedback.json";
    std::ifstream in(path, std::ios::binary);
    REQUIRE(in);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    FormVersion form;
    std::string error;
    REQUIRE(parse_form_version(boost::json::parse(text), form, error));
    const auto set = about_you::questions();
    REQUIRE(form.questions.size() > set.size());
    const auto first = form.questions.end() - static_cast<std::ptrdiff_t>(set.size());
    for (std::size_t i = 0; i < set.size(); ++i) {
        INFO(set[i].id);
        CHECK(*(first + static_cast<std::ptrdiff_t>(i)) == set[i]);
    }
    // Nothing else in the form asks one of the set's questions again.
    for (auto it = form.questions.begin(); it != first; ++it) {
        CHECK_FALSE(about_you::is_about_you(it->id));
        CHECK_FALSE(it->demographic);
    }
}
