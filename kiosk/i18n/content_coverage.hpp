#pragma once
// How much of the kiosk's content (forms, polls, the help directory, "you
// said, we did") is written in a language: the language screen shows it as
// "80% in this language", and tests hold Help now to 100% in every language.
// Counts the strings that have English (the source every translation is made
// from); the same string in two places counts twice, as a person meets it twice.

#include "engage/content.hpp"

#include <cstddef>
#include <string_view>

namespace engage::kiosk {

struct ContentCoverage {
    std::size_t strings = 0;         // content strings with English words
    std::size_t translated = 0;      // of those, also in the language
    std::size_t help_strings = 0;    // the help directory's share of `strings`
    std::size_t help_translated = 0; // and of `translated`

    // Whole per cent, rounded down, so 100 means every string (nothing to
    // count is 100 too).
    int percent() const;
    bool complete() const { return translated == strings; }
    bool help_complete() const { return help_translated == help_strings; }
};

ContentCoverage content_coverage(const ContentBundle& content, std::string_view language);

} // namespace engage::kiosk
