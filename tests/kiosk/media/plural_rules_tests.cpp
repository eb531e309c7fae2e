// The plural rules against CLDR's own example numbers (plurals.xml, the
// "@integer" samples of each rule), language by language.
#include "kiosk/i18n/plural_rules.hpp"

#include <catch2/catch.hpp>
#include <initializer_list>
#include <string>

using engage::kiosk::plural_categories;
using engage::kiosk::plural_category;
using engage::kiosk::plural_from_name;
using engage::kiosk::plural_name;
using engage::kiosk::PluralCategory;

namespace {

struct Example {
    PluralCategory category;
    std::initializer_list<std::int64_t> numbers;
};

void check_examples(std::string_view language, std::initializer_list<Example> examples) {
    for (const auto& e : examples) {
        for (auto n : e.numbers) {
            CAPTURE(language, n);
            CHECK(plural_name(plural_category(language, n)) == plural_name(e.category));
        }
    }
}

} // namespace

using enum PluralCategory;

TEST_CASE("one/other languages follow CLDR's examples", "[media][i18n][plural]") {
    // en, ur ("i = 1 and v = 0"); so, ckb, kmr (Kurdish "ku": "n = 1").
    for (auto language : {"en", "ur", "so", "ckb", "kmr"}) {
        check_examples(language, {{one, {1}}, {other, {0, 2, 3, 16, 100, 1000, 10000, 100000}}});
    }
}

TEST_CASE("languages where 0 and 1 are 'one' follow CLDR's examples", "[media][i18n][plural]") {
    // fa, bn, am: "i = 0 or n = 1"; pa, ti: "n = 0..1".
    for (auto language : {"fa", "bn", "am", "pa", "ti"}) {
        check_examples(language, {{one, {0, 1}}, {other, {2, 3, 17, 100, 1000, 10000}}});
    }
}

TEST_CASE("Polish has one, few and many for whole numbers", "[media][i18n][plural]") {
    check_examples("pl", {{one, {1}},
                          {few, {2, 3, 4, 22, 23, 24, 32, 33, 34, 42, 52, 102, 1002}},
                          {many, {0, 5, 6, 11, 12, 13, 14, 19, 20, 21, 25, 100, 111, 1000}}});
}

TEST_CASE("Romanian has one, few (0, 2-19, 101...) and other", "[media][i18n][plural]") {
    check_examples("ro", {{one, {1}},
                          {few, {0, 2, 3, 16, 19, 101, 102, 119, 1001}},
                          {other, {20, 21, 35, 100, 120, 1000, 10000}}});
}

TEST_CASE("Portuguese (Portugal) has one, many for millions, and other", "[media][i18n][plural]") {
    check_examples("pt", {{one, {1}},
                          {many, {1000000, 2000000}},
                          {other, {0, 2, 16, 100, 1000, 10000, 100000, 1000001}}});
}

TEST_CASE("Arabic has six forms", "[media][i18n][plural]") {
    check_examples("ar", {{zero, {0}},
                          {one, {1}},
                          {two, {2}},
                          {few, {3, 4, 9, 10, 103, 110, 1003}},
                          {many, {11, 12, 26, 99, 111, 1011}},
                          {other, {100, 101, 102, 200, 202, 300, 1000}}});
    SECTION("every second of a 30-second countdown takes the right form") {
        CHECK(plural_category("ar", 30) == many);
        CHECK(plural_category("ar", 10) == few);
        CHECK(plural_category("ar", 3) == few);
    }
}

TEST_CASE("a negative count takes the form of its size, an unknown language English's",
          "[media][i18n][plural]") {
    CHECK(plural_category("pl", -2) == few);
    CHECK(plural_category("xx", 1) == one);
    CHECK(plural_category("xx", 2) == other);
    CHECK(plural_category("ar", INT64_MIN) == few); // 9223372036854775808 % 100 == 8
}

TEST_CASE("each language lists the forms it uses, always with other", "[media][i18n][plural]") {
    using V = std::vector<PluralCategory>;
    CHECK(plural_categories("en") == V{one, other});
    CHECK(plural_categories("pl") == V{one, few, many, other});
    CHECK(plural_categories("ro") == V{one, few, other});
    CHECK(plural_categories("pt") == V{one, many, other});
    CHECK(plural_categories("ar") == V{zero, one, two, few, many, other});
    SECTION("each category a language's rule returns for 0..2000000 is among its forms") {
        for (auto language : {"en", "pl", "ro", "pt", "so", "kmr", "ar", "fa", "ur", "ckb", "pa",
                              "bn", "ti", "am"}) {
            const auto forms = plural_categories(language);
            for (std::int64_t n : {0, 1, 2, 3, 5, 11, 12, 22, 100, 101, 111, 1000, 1000000}) {
                CAPTURE(language, n);
                CHECK(std::find(forms.begin(), forms.end(), plural_category(language, n)) !=
                      forms.end());
            }
        }
    }
    SECTION("names go both ways") {
        for (auto c : {zero, one, two, few, many, other})
            CHECK(plural_from_name(plural_name(c)) == c);
        CHECK_FALSE(plural_from_name("several"));
    }
}
