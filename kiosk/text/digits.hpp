#pragma once
// Numbers in the digits the person's language writes them with, as CLDR (through
// ICU) says: Persian ۱۲۳ for fa, Arabic-Indic ١٢٣ for ar and ckb, Bengali ১২৩
// for bn; Urdu (ur, as written in Pakistan), Punjabi (pa) and Latin-script
// languages keep 123. Screens pass counts and "3 of 5" through this.

#include <string>
#include <string_view>

namespace engage::kiosk {

// `text` with each ASCII digit 0–9 replaced by the language's native digit.
std::string localise_digits(std::string_view text, std::string_view language);

// `n` written in the language's digits.
std::string localised_number(long long n, std::string_view language);

} // namespace engage::kiosk
