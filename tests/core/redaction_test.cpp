#include "engage/redaction.hpp"

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
