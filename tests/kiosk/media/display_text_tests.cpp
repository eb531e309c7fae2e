#include "engage/text.hpp"
#include "kiosk/i18n/catalogue.hpp"
#include "kiosk/text/arabic_forms.hpp"
#include "kiosk/text/display_text.hpp"
#include "media_paths.hpp"

#include <catch2/catch.hpp>
#include <set>

using engage::kiosk::has_rtl_text;
using engage::kiosk::to_display;
using engage::kiosk::wrap_for_display;
namespace arabic = engage::kiosk::arabic;

namespace {

// Test input is valid UTF-8; an empty result would make the checks below fail.
std::u32string code_points(std::string_view utf8) {
    return engage::text::decode_utf8(utf8).value_or(std::u32string{});
}

std::string hex(const std::u32string& text) {
    std::string out;
    for (auto cp : text) {
        char buf[12];
        std::snprintf(buf, sizeof buf, "%04X ", static_cast<unsigned>(cp));
        out += buf;
    }
    return out;
}

std::string utf8(char32_t cp) {
    std::string out;
    engage::text::append_utf8(out, cp);
    return out;
}

// Letters only: not tatweel, and not the combining marks (harakat, Quranic
// signs), which never join and which the catalogues avoid (see fonts.hpp).
bool arabic_letter(char32_t cp) {
    const bool mark =
        (cp >= 0x064B && cp <= 0x065F) || cp == 0x0670 || (cp >= 0x06D6 && cp <= 0x06ED);
    return cp >= 0x0620 && cp <= 0x06FF && cp != 0x0640 && !mark &&
           !(cp >= 0x0660 && cp <= 0x066D) && !(cp >= 0x06F0 && cp <= 0x06F9) &&
           cp != 0x06D4 /* Urdu full stop */;
}

} // namespace

TEST_CASE("Arabic words are joined into presentation forms in visual order", "[media][rtl]") {
    auto [logical, expected] = GENERATE(table<std::string, std::u32string>({
        // salaam: seen initial, lam-alef ligature final, meem isolated; reversed.
        {"سلام", U"\uFEE1\uFEFC\uFEB3"},
        // marhaban: alef final, beh medial, hah initial, reh final, meem initial.
        {"مرحبا", U"\uFE8E\uFE92\uFEA3\uFEAE\uFEE3"},
        // Farsi "merci": yeh FARSI final (FBFD), seen medial, reh final, meem initial.
        {"مرسی", U"\uFBFD\uFEB3\uFEAE\uFEE3"},
        // Urdu "shukriya": heh goal final, Farsi yeh initial (reh does not join
        // forward), reh final, keheh medial, sheen initial.
        {"شکریہ", U"\uFBA7\uFBFE\uFEAE\uFB91\uFEB7"},
    }));
    CAPTURE(logical);
    const auto shown = code_points(to_display(logical, true));
    INFO("got " << hex(shown) << " want " << hex(expected));
    CHECK(shown == expected);
}

TEST_CASE("digits and Latin keep their order inside right-to-left text", "[media][rtl]") {
    SECTION("an RTL paragraph puts a trailing number at the left") {
        CHECK(code_points(to_display("سلام 123", true)) == U"123 \uFEE1\uFEFC\uFEB3");
    }
    SECTION("an Arabic word inside English is reversed and shaped in place") {
        CHECK(code_points(to_display("Hello سلام!", false)) == U"Hello \uFEE1\uFEFC\uFEB3!");
    }
    SECTION("brackets are mirrored so they still enclose the word") {
        CHECK(code_points(to_display("(سلام)", true)) == U"(\uFEE1\uFEFC\uFEB3)");
    }
}

TEST_CASE("Sorani letters without presentation forms get the font's joined forms", "[media][rtl]") {
    // بەڵێ (yes): beh initial, ae final, lam-with-v initial, yeh-with-v final.
    const auto shown = code_points(to_display("بەڵێ", true));
    const std::u32string expected = {
        arabic::extra_form_code_point(0x06CE, arabic::JoinForm::final_form),
        arabic::extra_form_code_point(0x06B5, arabic::JoinForm::initial),
        arabic::extra_form_code_point(0x06D5, arabic::JoinForm::final_form),
        0xFE91,
    };
    INFO("got " << hex(shown) << " want " << hex(expected));
    CHECK(shown == expected);
    for (auto cp : expected)
        CHECK(cp != 0);
    SECTION("a private code point decodes back to its letter and form") {
        char32_t letter = 0;
        arabic::JoinForm form{};
        REQUIRE(arabic::decode_private(expected[1], letter, form));
        CHECK(letter == 0x06B5);
        CHECK(form == arabic::JoinForm::initial);
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
    // Line one is "سلام مرحبا" in visual order: مرحبا (shaped) on the left.
    CHECK(code_points(lines[0]) == U"\uFE8E\uFE92\uFEA3\uFEAE\uFEE3 \uFEE1\uFEFC\uFEB3");
    CHECK(code_points(lines[1]) == U"\uFEE1\uFEFC\uFEB3");
    SECTION("newlines always break and a long word gets its own line") {
        const auto ltr = wrap_for_display("one\nabcdefghijklmnop two", false, 5.0f, measure);
        CHECK(ltr == std::vector<std::string>{"one", "abcdefghijklmnop", "two"});
    }
}

TEST_CASE("every Arabic-script letter in the catalogues joins in every position", "[media][rtl]") {
    std::string error;
    const auto catalogue =
        engage::kiosk::Catalogue::load(engage::kiosk::testing::i18n_dir(), error);
    REQUIRE(catalogue);
    std::set<char32_t> letters;
    for (const auto& code : catalogue->languages()) {
        if (!catalogue->is_rtl(code))
            continue;
        for (const auto& key : catalogue->keys(code)) {
            for (auto cp : code_points(catalogue->text(key, code))) {
                if (arabic_letter(cp))
                    letters.insert(cp);
            }
        }
    }
    REQUIRE_FALSE(letters.empty());
    const std::string tatweel = "\u0640"; // joins on both sides, draws a short line
    for (auto letter : letters) {
        const auto l = utf8(letter);
        // A letter after a tatweel is in its final form (or medial/initial
        // below); if it stays the nominal code point ImGui would draw it unjoined.
        const auto final_form = code_points(to_display(tatweel + l, true));
        const auto medial_form = code_points(to_display(tatweel + l + tatweel, true));
        CAPTURE(hex({letter}), hex(final_form), hex(medial_form));
        // Letters that never join (hamza) have no joined form to check.
        if (letter == 0x0621)
            continue;
        CHECK(final_form.find(letter) == std::u32string::npos);
        CHECK(medial_form.find(letter) == std::u32string::npos);
    }
}
