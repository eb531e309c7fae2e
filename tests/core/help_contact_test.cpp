// The phone and address checks staff edits go through and the kiosk's QR
// codes are made with (issue 9: a tel: link must dial).
#include "engage/help_contact.hpp"
#include "engage/limits.hpp"

#include <catch2/catch.hpp>
#include <string>

using namespace engage;

TEST_CASE("phone numbers as people write them become tel: URIs of digits", "[content][help]") {
    CHECK(tel_uri("116 123") == "tel:116123");
    CHECK(tel_uri("0800 058 2020") == "tel:08000582020");
    CHECK(tel_uri("+44 20 7946 0000") == "tel:+442079460000");
    CHECK(tel_uri("+44 (0)117 123-4567") == "tel:+4401171234567");
    CHECK(tel_uri("999") == "tel:999");
    CHECK(tel_uri(" 0115 496 0000 ") == "tel:01154960000");
}

TEST_CASE("a phone number that would not dial is refused, never shortened", "[content][help]") {
    SECTION("letters and words") {
        CHECK_FALSE(tel_uri("call us"));
        CHECK_FALSE(tel_uri("0800 FLOWERS"));
        // Words after the number used to be cut off; now staff must fix them.
        CHECK_FALSE(tel_uri("116 123 (free, 24h)"));
    }
    SECTION("empty, or nothing but separators") {
        CHECK_FALSE(tel_uri(""));
        CHECK_FALSE(tel_uri(" - ( ) "));
    }
    SECTION("a plus anywhere but before the first digit") {
        CHECK_FALSE(tel_uri("0+44 20"));
        CHECK_FALSE(tel_uri("++44 20 7946 0000"));
    }
    SECTION("fewer or more digits than limits.hpp allows") {
        CHECK_FALSE(tel_uri("12"));
        CHECK(tel_uri(std::string(limits::max_phone_digits, '1')));
        CHECK_FALSE(tel_uri(std::string(limits::max_phone_digits + 1, '1')));
    }
    SECTION("other punctuation and control characters") {
        CHECK_FALSE(tel_uri("0800.058.2020"));
        CHECK_FALSE(tel_uri("0800\t058 2020"));
        CHECK_FALSE(tel_uri("116 123;ext=1"));
    }
}

TEST_CASE("web addresses must be http(s) with a host, no spaces, within the limit",
          "[content][help]") {
    CHECK(is_web_address("https://www.samaritans.org"));
    CHECK(is_web_address("http://example.org/help?x=1"));
    CHECK_FALSE(is_web_address("www.samaritans.org"));
    CHECK_FALSE(is_web_address("javascript:alert(1)"));
    CHECK_FALSE(is_web_address("ftp://example.org"));
    CHECK_FALSE(is_web_address("https://"));
    CHECK_FALSE(is_web_address("https:///path"));
    CHECK_FALSE(is_web_address("https://example.org/a b"));
    const std::string base = "https://example.org/";
    CHECK(is_web_address(base + std::string(limits::max_url_bytes - base.size(), 'a')));
    CHECK_FALSE(is_web_address(base + std::string(limits::max_url_bytes - base.size() + 1, 'a')));
}

TEST_CASE("a help entry needs an English name and a way to reach it that works",
          "[content][help]") {
    HelpEntry h;
    h.id = "samaritans";
    h.name.by_language = {{"en", "Samaritans"}};
    h.phone = "116 123";
    CHECK(check_help_entry(h).empty());

    SECTION("a phone alone or an address alone is enough") {
        h.phone.clear();
        h.url = "https://www.samaritans.org";
        CHECK(check_help_entry(h).empty());
    }
    SECTION("no phone and no address: refused, naming the phone field") {
        h.phone.clear();
        CHECK(check_help_entry(h) ==
              std::vector<HelpFieldProblem>{{"phone", HelpProblem::no_way_to_reach}});
    }
    SECTION("each bad field is named") {
        h.phone = "call us";
        h.url = "samaritans.org";
        h.name.by_language = {{"pl", "Samarytanie"}};
        CHECK(check_help_entry(h) ==
              std::vector<HelpFieldProblem>{{"name", HelpProblem::name_missing},
                                            {"phone", HelpProblem::phone_not_dialable},
                                            {"url", HelpProblem::url_not_web}});
    }
}
