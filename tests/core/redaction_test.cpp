#include "engage/redaction.hpp"
#include "engage/submission.hpp"
#include "sample_forms.hpp"

#include <catch2/catch.hpp>
#include <string>

using namespace engage;

TEST_CASE("redacts contact details and long numbers", "[redaction]") {
    auto [input, expected] = GENERATE(table<std::string, std::string>({
        {"call me on 07700 900123 please", "call me on [removed] please"},
        {"07700900123", "[removed]"},
        {"+44 7700 900123 anytime", "[removed] anytime"},
        {"+447700900123", "[removed]"},
        {"ring 0115 850 4128.", "ring [removed]."},
        {"ring (0115) 8504128 now", "ring [removed] now"},
        {"0115-850-4128", "[removed]"},
        {"Samaritans 116 123 helped", "Samaritans [removed] helped"},
        {"mail jo.bloggs+x@example.co.uk now", "mail [removed] now"},
        {"JO@EXAMPLE.ORG", "[removed]"},
        {"I live at NG1 5FS", "I live at [removed]"},
        {"postcode ng15fs ok", "postcode [removed] ok"},
        {"SW1A 1AA is posh", "[removed] is posh"},
        {"see https://example.org/path?q=1, thanks", "see [removed], thanks"},
        {"go to www.example.com.", "go to [removed]."},
        {"my nhs number 943 476 5919", "my nhs number [removed]"},
        {"account 12345678", "account [removed]"},
        {"ref 123456", "ref [removed]"},
        {"look at bit.ly/abc123 now", "look at [removed] now"},
        {"EXAMPLE.ORG/Help", "[removed]"},
        {"<https://x.org>", "<[removed]>"},
        {"AA9A 9AA", "[removed]"},
        {"b1 1aa!", "[removed]!"},
    }));
    INFO("input: " << input);
    const auto r = redact(input);
    CHECK(r.text == expected);
    CHECK(r.removed >= 1);
}

TEST_CASE("leaves ordinary text alone", "[redaction]") {
    auto input =
        GENERATE(as<std::string>{}, "I waited 3 hours on 5 days", "room 12 was cold", "",
                 "the food was good, 10/10", "between 9 and 5 on weekdays", "I am 45 years old",
                 "in 2025 it was better", "Dziękuję bardzo – było super!", "شكرا جزيلا",
                 "costs £2.50 a meal", "open 9.30-4.30", "bus 36 then 58", "an e-mail would help",
                 "e.g. the staff", "see you at 10.30", "M6 junction", "me@ home", "@staff thanks",
                 "version 1.2.3 of the app");
    INFO("input: " << input);
    const auto r = redact(input);
    CHECK(r.text == input);
    CHECK(r.removed == 0);
}

TEST_CASE("counts every removed span and keeps UTF-8 intact", "[redaction]") {
    const auto r = redact("Zadzwoń 07700 900123 albo pisz: ania@example.pl — dzięki 😊");
    CHECK(r.text == "Zadzwoń [removed] albo pisz: [removed] — dzięki 😊");
    CHECK(r.removed == 2);
    const auto twice = redact("07700900123 and 07700900124");
    CHECK(twice.text == "[removed] and [removed]");
    CHECK(twice.removed == 2);
    const auto arabic = redact("رقمي 07700900123 شكرا");
    CHECK(arabic.text == "رقمي [removed] شكرا");
}

TEST_CASE("stays linear and safe on very long input", "[redaction]") {
    // std::regex would recurse per character here and overflow the stack.
    const std::string long_word(1'000'000, 'a');
    CHECK(redact(long_word).removed == 0);
    const auto url = redact("www." + long_word);
    CHECK(url.text == "[removed]");
    const auto digits = redact(std::string(1'000'000, '7'));
    CHECK(digits.text == "[removed]");
    std::string ats;
    for (int i = 0; i < 100'000; ++i) {
        ats += "a@b.";
    }
    CHECK_NOTHROW(redact(ats));
}

TEST_CASE("redacts numbers written in Arabic-Indic and Persian digits, alone or mixed with ASCII",
          "[redaction][rtl]") {
    auto [input, expected] = GENERATE(table<std::string, std::string>({
        // Arabic-Indic (U+0660-0669)
        {"رقمي ٠٧٧٠٠ ٩٠٠١٢٣ شكرا", "رقمي [removed] شكرا"},
        {"٠٧٧٠٠٩٠٠١٢٣", "[removed]"},
        {"+٤٤ ٧٧٠٠ ٩٠٠١٢٣", "[removed]"},
        {"حسابي ١٢٣٤٥٦٧٨", "حسابي [removed]"},
        // Persian / Extended Arabic-Indic (U+06F0-06F9)
        {"شماره من ۰۷۷۰۰ ۹۰۰۱۲۳ است", "شماره من [removed] است"},
        {"۱۲۳۴۵۶", "[removed]"},
        // Mixed with ASCII digits, and with direction marks between digits
        {"call ٠٧٧٠٠ 900123", "call [removed]"},
        {"07700 ۹۰۰۱۲۳!", "[removed]!"},
        {"\u200f٠٧٧٠٠\u200f ٩٠٠١٢٣", "\u200f[removed]"},
        {"07700\u00a0900123", "[removed]"},
        // A National Insurance number in Arabic-Indic digits
        {"QQ ١٢ ٣٤ ٥٦ C", "[removed]"},
    }));
    INFO("input: " << input);
    const auto r = redact(input);
    CHECK(r.text == expected);
    CHECK(r.removed >= 1);
}

TEST_CASE("short numbers in Arabic-Indic and Persian digits are left alone", "[redaction][rtl]") {
    auto input = GENERATE(as<std::string>{}, "انتظرت ٣ ساعات", "غرفة ١٢ كانت باردة", "۱۰ از ۱۰",
                          "عمري ٤٥ سنة", "في ٢٠٢٥");
    INFO("input: " << input);
    const auto r = redact(input);
    CHECK(r.text == input);
    CHECK(r.removed == 0);
}

TEST_CASE("redacts UK National Insurance numbers with or without spaces", "[redaction]") {
    auto [input, expected] = GENERATE(table<std::string, std::string>({
        {"my NI is AB123456C", "my NI is [removed]"},
        {"ni: ab 12 34 56 c.", "ni: [removed]."},
        {"QQ 12 34 56 C thanks", "[removed] thanks"},
        {"JM 123456 D", "[removed]"},
        {"it is AB 12 34 56", "it is [removed]"}, // suffix left off
        {"AB123456", "[removed]"},                // no suffix, no spaces
        {"ZZ123456A", "[removed]"},               // not allocated, still removed
        {"NI number: NK 99 88 77 B, ok", "NI number: [removed], ok"},
    }));
    INFO("input: " << input);
    const auto r = redact(input);
    CHECK(r.text == expected);
    CHECK(r.removed == 1);
}

TEST_CASE("text that only resembles a National Insurance number is left alone", "[redaction]") {
    auto input = GENERATE(as<std::string>{}, "room 12 34", "AB12 was late", "bus 36 and 58",
                          "A123456C", "on 12 34 5 days");
    INFO("input: " << input);
    const auto r = redact(input);
    CHECK(r.text == input);
    CHECK(r.removed == 0);
}

TEST_CASE("redact_free_text redacts every text answer of an item and nothing else",
          "[redaction][submission]") {
    const FormVersion form = test::form_from(test::feedback_form_json);
    const Question* q5 = form.find_question("q5");
    REQUIRE(q5 != nullptr);
    Submission s;
    s.id = "3f1c2a34-5b6d-4e7f-8a9b-0c1d2e3f4a5b";
    s.form = form.slug;
    s.version = form.version;
    s.language = "en";
    s.answers.emplace("q1", Choice{"good"});
    s.answers.emplace("q3", ScaleValue{4});
    s.answers.emplace("q5", FreeText{"ring me on 07700 900123 or jo@example.org"});

    SECTION("each text answer is replaced by its redacted form, other answers kept") {
        CHECK(redact_free_text(s, form) == 2);
        CHECK(std::get<FreeText>(s.answers.at("q5")).text == "ring me on [removed] or [removed]");
        CHECK(std::get<Choice>(s.answers.at("q1")) == "good");
        CHECK(std::get<ScaleValue>(s.answers.at("q3")) == 4);
    }
    SECTION("text with nothing to remove is kept as typed") {
        s.answers["q5"] = FreeText{"lovely staff, 10/10"};
        CHECK(redact_free_text(s, form) == 0);
        CHECK(std::get<FreeText>(s.answers.at("q5")).text == "lovely staff, 10/10");
    }
    SECTION("a sealed sign-up is left exactly as it is") {
        Submission sealed;
        sealed.form = "peer-mentoring";
        sealed.sealed = "c2VhbGVkIDA3NzAwIDkwMDEyMw==";
        const Submission before = sealed;
        CHECK(redact_free_text(sealed, test::form_from(test::signup_form_json)) == 0);
        CHECK(sealed == before);
    }
    SECTION("a text the marks made longer is cut back to its question's max_length, whole "
            "characters only") {
        // "B1 1AA" (6 bytes) becomes "[removed]" (9): a text at the limit grows.
        std::string text;
        while (text.size() + 7 <= q5->max_length - 1) {
            text += "B1 1AA ";
        }
        text += "é"; // two bytes; the cut may fall inside it after redaction
        while (text.size() < q5->max_length) {
            text += "x";
        }
        REQUIRE(text.size() == q5->max_length);
        s.answers["q5"] = FreeText{text};
        CHECK(redact_free_text(s, form) > 0);
        const auto& out = std::get<FreeText>(s.answers.at("q5")).text;
        CHECK(out.size() <= q5->max_length);
        CHECK(out.size() >= q5->max_length - 8);
        CHECK(out.find("B1 1AA") == std::string::npos);
        const auto last = static_cast<unsigned char>(out.back());
        CHECK((last < 0x80 || out.ends_with("é"))); // never half a character
    }
}
