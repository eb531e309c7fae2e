#include "engage/text.hpp"
#include "kiosk/text/display_text.hpp"

#include <catch2/catch.hpp>

using engage::kiosk::has_rtl_text;
using engage::kiosk::to_display;
using engage::kiosk::wrap_for_display;

namespace {

// Test input is valid UTF-8; an empty result would make the checks below fail.
std::u32string code_points(std::string_view utf8) {
    return engage::text::decode_utf8(utf8).value_or(std::u32string{});
}

} // namespace

TEST_CASE("right-to-left words come back in visual order, not shaped", "[media][rtl]") {
    // Shaping is the text pipeline's job (shaping_tests.cpp): to_display only
    // reorders, so the letters keep their nominal code points.
    CHECK(code_points(to_display("سلام", true)) == U"\u0645\u0627\u0644\u0633");
    SECTION("an RTL paragraph puts a trailing number at the left") {
        CHECK(code_points(to_display("سلام 123", true)) == U"123 \u0645\u0627\u0644\u0633");
    }
    SECTION("an Arabic word inside English is reversed in place") {
        CHECK(code_points(to_display("Hello سلام!", false)) == U"Hello \u0645\u0627\u0644\u0633!");
    }
    SECTION("brackets are mirrored so they still enclose the word") {
        CHECK(code_points(to_display("(سلام)", true)) == U"(\u0645\u0627\u0644\u0633)");
    }
    SECTION("joiners and bidi marks, which draw nothing, are dropped") {
        CHECK(code_points(to_display("\u200Fسلام\u200D", true)) == U"\u0645\u0627\u0644\u0633");
    }
}

TEST_CASE("text without right-to-left letters is returned unchanged", "[media][rtl]") {
    for (std::string text : {"Give feedback", "Zażółć gęślą jaźń", "Ședință în două", ""}) {
        CAPTURE(text);
        CHECK(to_display(text, false) == text);
        CHECK_FALSE(has_rtl_text(text));
    }
    SECTION("English fallback text in a right-to-left interface keeps its own order") {
        CHECK(to_display("How was your visit today?", true) == "How was your visit today?");
        CHECK(to_display("(1 of 6)", true) == "(1 of 6)");
    }
    SECTION("invalid UTF-8 passes through untouched") {
        const std::string broken = "abc\xC3";
        CHECK(to_display(broken, true) == broken);
        CHECK(to_display("\xE2\x82", false) == "\xE2\x82");
    }
    CHECK(has_rtl_text("abc سلام"));
}

TEST_CASE("wrapped right-to-left text keeps the sentence's first words on the first line",
          "[media][rtl]") {
    // Each code point counts as one unit of width.
    const auto measure = [](std::string_view s) {
        return static_cast<float>(code_points(s).size());
    };
    const auto lines = wrap_for_display("سلام مرحبا سلام", true, 11.0f, measure);
    REQUIRE(lines.size() == 2);
    // Line one is "سلام مرحبا" in visual order: مرحبا on the left.
    CHECK(lines[0] == to_display("سلام مرحبا", true));
    CHECK(code_points(lines[0]).substr(0, 5) == U"\u0627\u0628\u062D\u0631\u0645");
    CHECK(lines[1] == to_display("سلام", true));
    SECTION("newlines always break and a long word gets its own line") {
        const auto ltr = wrap_for_display("one\nabcdefghijklmnop two", false, 5.0f, measure);
        CHECK(ltr == std::vector<std::string>{"one", "abcdefghijklmnop", "two"});
    }
}
