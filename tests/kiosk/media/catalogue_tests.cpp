#include "kiosk/i18n/catalogue.hpp"
#include "kiosk/i18n/plural_rules.hpp"
#include "media_paths.hpp"

#include <catch2/catch.hpp>
#include <fstream>
#include <random>
#include <regex>
#include <set>

using engage::kiosk::Catalogue;
using engage::kiosk::fill;

namespace {

Catalogue from_texts(std::initializer_list<std::string_view> files) {
    Catalogue catalogue;
    for (auto text : files) {
        std::string error;
        INFO(text);
        REQUIRE(catalogue.add(text, error));
    }
    return catalogue;
}

std::set<std::string> placeholders(const std::string& text) {
    static const std::regex pattern(R"(\{[a-z_]+\})");
    std::set<std::string> out;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), pattern);
         it != std::sregex_iterator(); ++it) {
        out.insert(it->str());
    }
    return out;
}

struct TempDir {
    std::filesystem::path path;
    TempDir() {
        path = std::filesystem::temp_directory_path() /
               ("engage-catalogue-" + std::to_string(std::random_device{}()));
        std::filesystem::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
    void write(const std::string& name, std::string_view text) const {
        std::ofstream(path / name) << text;
    }
};

constexpr std::string_view kEnglish =
    R"({"language": "en", "native_name": "English", "direction": "ltr",
        "strings": {"home.feedback": "Give feedback", "home.help": "Help now"}})";
constexpr std::string_view kPolish =
    R"({"language": "pl", "native_name": "Polski", "direction": "ltr",
        "strings": {"home.feedback": "Twoja opinia"}})";
constexpr std::string_view kArabic =
    R"({"language": "ar", "native_name": "العربية", "direction": "rtl", "strings": {}})";

} // namespace

TEST_CASE("text falls back to English, then to the key itself", "[media][i18n]") {
    const auto catalogue = from_texts({kEnglish, kPolish, kArabic});
    CHECK(catalogue.text("home.feedback", "pl") == "Twoja opinia");
    SECTION("a key the language lacks comes in English") {
        CHECK(catalogue.text("home.help", "pl") == "Help now");
        CHECK_FALSE(catalogue.has("home.help", "pl"));
    }
    SECTION("an unknown language reads English") {
        CHECK(catalogue.text("home.feedback", "xx") == "Give feedback");
    }
    SECTION("a key missing everywhere shows as itself") {
        CHECK(catalogue.text("no.such.key", "pl") == "no.such.key");
    }
}

TEST_CASE("languages come English first, then in the kiosk's order", "[media][i18n]") {
    const auto catalogue = from_texts({kArabic, kPolish, kEnglish});
    CHECK(catalogue.languages() == std::vector<std::string>{"en", "pl", "ar"});
    CHECK(catalogue.native_name("ar") == "العربية");
    CHECK(catalogue.native_name("zz") == "zz");
    CHECK(catalogue.is_rtl("ar"));
    CHECK_FALSE(catalogue.is_rtl("pl"));
}

TEST_CASE("a malformed catalogue file is rejected with a reason", "[media][i18n]") {
    auto [text, why] = GENERATE(table<std::string, std::string>({
        {R"({"language": "pl", "native_name": "Polski", "direction": "ltr", "strings": {},})",
         "syntax"},
        {R"({"language": "PL!", "native_name": "Polski", "direction": "ltr", "strings": {}})",
         "language"},
        {R"({"language": "pl", "native_name": "", "direction": "ltr", "strings": {}})",
         "native_name"},
        {R"({"language": "pl", "native_name": "Polski", "direction": "up", "strings": {}})",
         "direction"},
        {R"({"language": "pl", "native_name": "Polski", "direction": "ltr", "strings": []})",
         "strings"},
        {R"({"language": "pl", "native_name": "Polski", "direction": "ltr", "strings": {"a": 1}})",
         "not text"},
    }));
    CAPTURE(text);
    Catalogue catalogue;
    std::string error;
    CHECK_FALSE(catalogue.add(text, error));
    CHECK_THAT(error, Catch::Contains(why));
    CHECK(catalogue.languages().empty());
}

TEST_CASE("loading a directory needs en.json and file names that match", "[media][i18n]") {
    TempDir dir;
    std::string error;
    SECTION("without English it fails") {
        dir.write("pl.json", kPolish);
        CHECK_FALSE(Catalogue::load(dir.path, error));
        CHECK_THAT(error, Catch::Contains("en.json"));
    }
    SECTION("a file named for another language fails") {
        dir.write("en.json", kEnglish);
        dir.write("ro.json", kPolish);
        CHECK_FALSE(Catalogue::load(dir.path, error));
        CHECK_THAT(error, Catch::Contains("ro.json"));
    }
    SECTION("a missing directory fails") {
        CHECK_FALSE(Catalogue::load(dir.path / "nope", error));
        CHECK_FALSE(error.empty());
    }
    SECTION("good files load") {
        dir.write("en.json", kEnglish);
        dir.write("pl.json", kPolish);
        const auto catalogue = Catalogue::load(dir.path, error);
        REQUIRE(catalogue);
        CHECK(catalogue->languages() == std::vector<std::string>{"en", "pl"});
    }
}

TEST_CASE("fill replaces named placeholders and leaves unknown ones", "[media][i18n]") {
    CHECK(fill("{n} of {m}", {{"n", "2"}, {"m", "5"}}) == "2 of 5");
    CHECK(fill("Starting again in {s} seconds", {{"s", "10"}}) == "Starting again in 10 seconds");
    CHECK(fill("{x} and {", {{"n", "1"}}) == "{x} and {");
}

TEST_CASE("the kiosk's catalogues load and offer all fourteen languages", "[media][i18n]") {
    std::string error;
    const auto catalogue = Catalogue::load(engage::kiosk::testing::i18n_dir(), error);
    INFO(error);
    REQUIRE(catalogue);
    CHECK(catalogue->languages() == std::vector<std::string>{"en", "pl", "ro", "pt", "so", "kmr",
                                                             "ar", "fa", "ur", "ckb", "pa", "bn",
                                                             "ti", "am"});
    for (auto rtl : {"ar", "fa", "ur", "ckb"})
        CHECK(catalogue->is_rtl(rtl));
    for (auto ltr : {"en", "pl", "ro", "pt", "so", "kmr", "pa", "bn", "ti", "am"})
        CHECK_FALSE(catalogue->is_rtl(ltr));
    SECTION("each new language is named in its own script") {
        CHECK(catalogue->native_name("pa") == "ਪੰਜਾਬੀ");
        CHECK(catalogue->native_name("bn") == "বাংলা");
        CHECK(catalogue->native_name("ti") == "ትግርኛ");
        CHECK(catalogue->native_name("am") == "አማርኛ");
        CHECK(catalogue->native_name("kmr") == "Kurmancî");
    }
    SECTION("every translation is marked as not yet reviewed by a native speaker") {
        // Flip a language to "reviewed": true only when i18n/README.md records who reviewed it.
        CHECK(catalogue->reviewed("en"));
        for (const auto& code : catalogue->languages()) {
            if (code != "en") {
                CAPTURE(code);
                CHECK_FALSE(catalogue->reviewed(code));
            }
        }
    }
}

TEST_CASE("every catalogue translates every English key and keeps its placeholders",
          "[media][i18n]") {
    std::string error;
    const auto catalogue = Catalogue::load(engage::kiosk::testing::i18n_dir(), error);
    REQUIRE(catalogue);
    const auto language = GENERATE(as<std::string>{}, "pl", "ro", "pt", "so", "kmr", "ar", "fa",
                                   "ur", "ckb", "pa", "bn", "ti", "am");
    CAPTURE(language);
    std::vector<std::string> missing;
    std::vector<std::string> extra;
    for (const auto& key : catalogue->keys("en")) {
        if (!catalogue->has(key, language)) {
            missing.push_back(key);
            continue;
        }
        const auto english = catalogue->text(key, "en");
        const auto translated = catalogue->text(key, language);
        CAPTURE(key, english, translated);
        CHECK(placeholders(english) == placeholders(translated));
        CHECK_FALSE(translated.empty());
    }
    for (const auto& key : catalogue->keys(language)) {
        if (!catalogue->has(key, "en"))
            extra.push_back(key);
    }
    CAPTURE(missing, extra);
    CHECK(missing.empty());
    CHECK(extra.empty());
}

TEST_CASE("every counted string has each plural form its language's CLDR rules need",
          "[media][i18n][plural]") {
    std::string error;
    const auto catalogue = Catalogue::load(engage::kiosk::testing::i18n_dir(), error);
    REQUIRE(catalogue);
    std::vector<std::string> counted;
    for (const auto& key : catalogue->keys("en")) {
        if (!catalogue->plural_forms(key, "en").empty())
            counted.push_back(key);
    }
    CHECK(counted == std::vector<std::string>{"staff.answers_needed", "still_there.countdown",
                                              "text.characters_left"});
    for (const auto& language : catalogue->languages()) {
        for (const auto& key : counted) {
            CAPTURE(language, key);
            const auto forms = catalogue->plural_forms(key, language);
            std::set<std::string> have;
            for (const auto& [category, text] : forms) {
                have.insert(category);
                CAPTURE(category, text);
                CHECK(placeholders(text) == placeholders(catalogue->text(key, "en")));
            }
            std::set<std::string> need;
            for (auto category : engage::kiosk::plural_categories(language))
                need.emplace(engage::kiosk::plural_name(category));
            CHECK(have == need);
        }
    }
}

TEST_CASE("a counted string takes the form of its number", "[media][i18n][plural]") {
    constexpr std::string_view english =
        R"({"language": "en", "native_name": "English", "direction": "ltr", "reviewed": true,
            "strings": {"n.left": {"one": "{n} letter left", "other": "{n} letters left"}}})";
    constexpr std::string_view arabic =
        R"({"language": "ar", "native_name": "العربية", "direction": "rtl",
            "strings": {"n.left": {"zero": "z", "one": "o", "two": "t", "few": "f",
                                   "many": "m", "other": "x"}}})";
    constexpr std::string_view polish =
        R"({"language": "pl", "native_name": "Polski", "direction": "ltr", "strings": {}})";
    const auto catalogue = from_texts({english, arabic, polish});
    SECTION("English: one and other") {
        CHECK(catalogue.plural("n.left", "en", 1) == "{n} letter left");
        CHECK(catalogue.plural("n.left", "en", 0) == "{n} letters left");
        CHECK(catalogue.plural("n.left", "en", 2) == "{n} letters left");
    }
    SECTION("Arabic: six forms, the seconds of a countdown from 10 are 'few'") {
        CHECK(catalogue.plural("n.left", "ar", 0) == "z");
        CHECK(catalogue.plural("n.left", "ar", 1) == "o");
        CHECK(catalogue.plural("n.left", "ar", 2) == "t");
        CHECK(catalogue.plural("n.left", "ar", 10) == "f");
        CHECK(catalogue.plural("n.left", "ar", 11) == "m");
        CHECK(catalogue.plural("n.left", "ar", 100) == "x");
    }
    SECTION("a language without the string uses English words with English rules") {
        // Polish 2 would be "few"; the English text it falls back to has no such form.
        CHECK(catalogue.plural("n.left", "pl", 2) == "{n} letters left");
        CHECK(catalogue.plural("n.left", "pl", 1) == "{n} letter left");
    }
    SECTION("text() gives the 'other' form and has() sees the key") {
        CHECK(catalogue.text("n.left", "ar") == "x");
        CHECK(catalogue.has("n.left", "ar"));
        CHECK_FALSE(catalogue.has("n.left", "pl"));
    }
    SECTION("reviewed is read, and absent means not reviewed") {
        CHECK(catalogue.reviewed("en"));
        CHECK_FALSE(catalogue.reviewed("ar"));
        CHECK_FALSE(catalogue.reviewed("xx"));
    }
}

TEST_CASE("a malformed plural form or review mark is rejected with a reason",
          "[media][i18n][plural]") {
    auto [text, why] = GENERATE(table<std::string, std::string>({
        {R"({"language": "pl", "native_name": "P", "direction": "ltr",
             "strings": {"a": {"one": "x"}}})",
         "no \"other\""},
        {R"({"language": "pl", "native_name": "P", "direction": "ltr",
             "strings": {"a": {"several": "x", "other": "y"}}})",
         "plural forms"},
        {R"({"language": "pl", "native_name": "P", "direction": "ltr",
             "strings": {"a": {"one": 1, "other": "y"}}})",
         "plural forms"},
        {R"({"language": "pl", "native_name": "P", "direction": "ltr", "reviewed": "yes",
             "strings": {}})",
         "reviewed"},
    }));
    CAPTURE(text);
    Catalogue catalogue;
    std::string error;
    CHECK_FALSE(catalogue.add(text, error));
    CHECK_THAT(error, Catch::Contains(why));
}

TEST_CASE("every catalogue is 100% translated: no UI string is left in English", "[media][i18n]") {
    std::string error;
    const auto catalogue = Catalogue::load(engage::kiosk::testing::i18n_dir(), error);
    REQUIRE(catalogue);
    // Strings that are right as the English, by language: the Latin
    // keyboard's own key labels (its letters, digits and accents, as phone
    // keyboards show them; per-script keyboards name their own pages), and
    // words the language uses as they are. Anything else equal to the
    // English is a string nobody translated.
    const std::set<std::string> same_everywhere{"keyboard.numbers", "keyboard.accents",
                                                "keyboard.letters", "keyboard.shift"};
    const std::set<std::pair<std::string, std::string>> same_in{{"pl", "mentoring.contact_email"},
                                                                {"pt", "mentoring.contact_email"},
                                                                {"ro", "mentoring.contact_email"},
                                                                {"pl", "staff.kiosk_id"},
                                                                {"so", "staff.kiosk_id"},
                                                                {"kmr", "staff.kiosk_id"},
                                                                {"pl", "common.ok"},
                                                                {"pt", "common.ok"},
                                                                {"ro", "common.ok"},
                                                                {"ro", "settings.contrast"}};
    const auto english_keys = catalogue->keys("en");
    for (const auto& language : catalogue->languages()) {
        if (language == "en")
            continue;
        std::vector<std::string> untranslated;
        for (const auto& key : english_keys) {
            const bool same = catalogue->has(key, language) &&
                              catalogue->text(key, language) == catalogue->text(key, "en");
            if (!catalogue->has(key, language) ||
                (same && !same_everywhere.contains(key) && !same_in.contains({language, key})))
                untranslated.push_back(key);
        }
        const auto done = english_keys.size() - untranslated.size();
        const auto percent = done * 100 / english_keys.size();
        // The check says it per language, as the language screen does for content.
        WARN(language << ": UI strings " << percent << "% (" << done << " of "
                      << english_keys.size() << ")");
        CAPTURE(language, untranslated);
        CHECK(percent == 100);
        CHECK(untranslated.empty());
    }
}
