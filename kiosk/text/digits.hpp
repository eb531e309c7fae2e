#pragma once
// Numbers in the digits the person's language writes them with. Every number
// the kiosk itself shows ("2 of 5", countdowns, the language screen's
// percentages, staff counts, opening times) goes through localised_number()
// or localise_digits(); numbers inside content and catalogue sentences
// ("call 999") stay as written.
//
// Per language (CLDR's default numbering system, ICU 72, unless noted):
//   en pl ro pt so kmr: 0–9 (latn)
//   ar, ckb: Arabic-Indic ٠–٩ (arab)
//   fa: Extended Arabic-Indic ۰–۹ (arabext)
//   ur: Extended Arabic-Indic ۰–۹ (arabext). CLDR's default for ur (ur_PK)
//       is latn and its "native" system arabext (the default for ur_IN); we
//       choose arabext, as Urdu print does, and Noto Nastaliq Urdu draws the
//       Urdu forms of ۴ ۶ ۷ for the ur language.
//   pa: 0–9 (latn; Gurmukhi digits ੦–੯ are CLDR's "native" system, rare in
//       everyday Punjabi)
//   bn: Bengali ০–৯ (beng)
//   ti, am: 0–9 (latn; Ethiopic numerals are additive, with no zero, and
//       CLDR lists them as "traditional" only)
// Any other language: ICU's default for it.

#include <string>
#include <string_view>

namespace engage::kiosk {

// The CLDR numbering system (e.g. "arabext") `language` writes numbers with.
std::string numbering_system(std::string_view language);

// `text` with each ASCII digit 0–9 replaced by the language's digit.
std::string localise_digits(std::string_view text, std::string_view language);

// `n` written in the language's digits.
std::string localised_number(long long n, std::string_view language);

// `text` with every decimal digit of any script (Unicode Nd) as ASCII 0–9:
// what the speaker is given, since espeak-ng's Urdu voice skips ۰–۹ (its
// Persian, Arabic and Bengali voices read both). Invalid UTF-8 is returned
// unchanged.
std::string ascii_digits(std::string_view text);

} // namespace engage::kiosk
