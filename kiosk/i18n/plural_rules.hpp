#pragma once
// Which plural form a count takes in each kiosk language, by the CLDR cardinal
// plural rules (unicode-org/cldr common/supplemental/plurals.xml), for whole
// numbers only: the kiosk counts seconds, letters and answers, never fractions
// (so the CLDR operands v, f and t are 0 and i = n). English has two forms,
// Polish three for whole numbers, Arabic six; "other" is every language's
// catch-all and the form a catalogue must always have.

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace engage::kiosk {

enum class PluralCategory { zero, one, two, few, many, other };

// "zero", "one", "two", "few", "many", "other": the names catalogues use.
std::string_view plural_name(PluralCategory category);
std::optional<PluralCategory> plural_from_name(std::string_view name);

// The category of the whole number `n` (negative counts as its magnitude) in
// `language` (a catalogue code). A language without rules here follows
// English: its catalogue falls back to English text, whose forms are one/other.
PluralCategory plural_category(std::string_view language, std::int64_t n);

// The categories a catalogue in `language` must give for a counted string:
// those whole numbers can take, and "other", in the order of the enum.
std::vector<PluralCategory> plural_categories(std::string_view language);

} // namespace engage::kiosk
