#include "engage/text.hpp"

#include <catch2/catch.hpp>
#include <string>

using namespace engage;

TEST_CASE("trim strips ASCII whitespace at both ends and nothing else", "[text]") {
    auto [input, expected] = GENERATE(table<std::string, std::string>({
        {"", ""},
        {"   ", ""},
        {" \t\r\n\v\fkey = value \r\n", "key = value"},
        {"no-space", "no-space"},
        {"  inner  spaces  ", "inner  spaces"},
        // U+00A0 (no-break space) is not ASCII whitespace: its bytes stay whole.
        {"\xC2\xA0x\xC2\xA0", "\xC2\xA0x\xC2\xA0"},
    }));
    CAPTURE(input);
    CHECK(text::trim(input) == expected);
}

TEST_CASE("decode_utf8 and encode_utf8 round-trip every width of sequence", "[text]") {
    const std::u32string cps = {U'A', U'\u00F3', U'\u0639', U'\u20AC', U'\U0001F600', U'\u06CE'};
    const std::string utf8 = text::encode_utf8(cps);
    CHECK(utf8 == "A\xC3\xB3\xD8\xB9\xE2\x82\xAC\xF0\x9F\x98\x80\xDB\x8E");
    const auto back = text::decode_utf8(utf8);
    REQUIRE(back);
    CHECK(*back == cps);
}

TEST_CASE("decode_utf8 refuses invalid UTF-8", "[text]") {
    auto bad = GENERATE(as<std::string>{},
                        "\x80",             // stray continuation byte
                        "\xC3",             // truncated two-byte sequence
                        "\xE2\x82",         // truncated three-byte sequence
                        "\xC0\xAF",         // overlong "/"
                        "\xE0\x80\xAF",     // overlong "/" in three bytes
                        "\xED\xA0\x80",     // a surrogate (U+D800)
                        "\xF4\x90\x80\x80", // above U+10FFFF
                        "\xFF",             // never a lead byte
                        "ok\xC3(");         // lead byte followed by ASCII
    CAPTURE(bad);
    CHECK_FALSE(text::decode_utf8(bad));
}

TEST_CASE("next_code_point leaves the position alone on invalid input", "[text]") {
    std::size_t i = 1;
    char32_t cp = U'x';
    CHECK_FALSE(text::next_code_point("a\x80", i, cp));
    CHECK(i == 1);
    CHECK(cp == U'x');
    CHECK_FALSE(text::next_code_point("a", i, cp)); // at the end
}

TEST_CASE("append_utf8 writes U+FFFD for values that are not scalar values", "[text]") {
    std::string out;
    text::append_utf8(out, 0xD800);
    text::append_utf8(out, 0x110000);
    CHECK(out == "\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST_CASE("cut_utf8, pop_back_utf8 and split_utf8 never split a character", "[text]") {
    const std::string s = "za\xC5\xBC\xC3\xB3\xC5\x82\xC4\x87"; // "zażółć"
    SECTION("cut_utf8 backs off to the start of the cut character") {
        CHECK(text::cut_utf8(s, 3) == "za");
        CHECK(text::cut_utf8(s, 4) == "za\xC5\xBC");
        CHECK(text::cut_utf8(s, 100) == s);
        CHECK(text::cut_utf8(s, 0).empty());
    }
    SECTION("pop_back_utf8 removes one whole character at a time") {
        std::string t = s;
        text::pop_back_utf8(t);
        CHECK(t == "za\xC5\xBC\xC3\xB3\xC5\x82");
        std::string one = "\xF0\x9F\x98\x80";
        text::pop_back_utf8(one);
        CHECK(one.empty());
        text::pop_back_utf8(one); // empty stays empty
        CHECK(one.empty());
    }
    SECTION("split_utf8 gives one piece per character") {
        const auto parts = text::split_utf8(s);
        REQUIRE(parts.size() == 6);
        CHECK(parts[2] == "\xC5\xBC");
        CHECK(parts[5] == "\xC4\x87");
    }
}
