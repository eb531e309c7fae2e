// The web pages' one text joiner and placeholder filler (web/text_join.hpp),
// without a server.

#include "web/text_join.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <string_view>

using engage::web::cat;
using engage::web::replace_all;

TEST_CASE("cat joins any number of pieces of any string kind, in order", "[web][text]") {
    const std::string slug = "day-centre";
    const std::string_view tail = "?done=saved";
    CHECK(cat() == "");
    CHECK(cat("/forms") == "/forms");
    CHECK(cat("/forms/", slug, tail) == "/forms/day-centre?done=saved");
    CHECK(cat("a", "", std::string(), "b", std::string_view("c"), "d", "e") == "abcde");
    SECTION("a temporary piece lives until the join is made") {
        CHECK(cat("q", std::to_string(12), "-text") == "q12-text");
    }
}

TEST_CASE("replace_all fills every placeholder, once, left to right", "[web][text]") {
    CHECK(replace_all("{n} of {n}", "{n}", "34") == "34 of 34");
    CHECK(replace_all("no placeholder", "{n}", "34") == "no placeholder");
    CHECK(replace_all("", "{n}", "34").empty());
    SECTION("what the replacement brings in is not replaced again") {
        CHECK(replace_all("{n}", "{n}", "{n}{n}") == "{n}{n}");
        CHECK(replace_all("aaa", "a", "aa") == "aaaaaa");
    }
    SECTION("an empty replacement removes, an empty placeholder changes nothing") {
        CHECK(replace_all("fewer than {k}", " {k}", "") == "fewer than");
        CHECK(replace_all("text", "", "x") == "text");
    }
    SECTION("a site name with a placeholder's look is kept as typed") {
        const std::string when = replace_all("at {site} in {month}", "{month}", "November");
        CHECK(replace_all(when, "{site}", "{month} Hall") == "at {month} Hall in November");
    }
}
