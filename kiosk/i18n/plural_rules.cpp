#include "kiosk/i18n/plural_rules.hpp"

#include <array>
#include <utility>

namespace engage::kiosk {
namespace {

// The rule families of the kiosk's languages. CLDR gives each language its
// own rule; several share the same integer behaviour, named after one member.
enum class Rule {
    one_other,      // en, ur, so, ckb, kmr: one for 1 ("i = 1 and v = 0" / "n = 1")
    zero_one_other, // fa, bn, am ("i = 0 or n = 1"), pa, ti ("n = 0..1"): 0 and 1 are one
    polish,         // pl: one, few (2-4 but not 12-14), many (the rest)
    romanian,       // ro: one, few (0 and n % 100 in 1..19 except 1 itself), other
    portuguese_pt,  // pt-PT: one for 1, many for exact millions (CLDR 42+), other
    arabic,         // ar: zero, one, two, few (n % 100 in 3..10), many (11..99), other
};

constexpr std::array<std::pair<std::string_view, Rule>, 14> kRules{{
    {"en", Rule::one_other},
    {"pl", Rule::polish},
    {"ro", Rule::romanian},
    {"pt", Rule::portuguese_pt},
    {"so", Rule::one_other},
    {"ar", Rule::arabic},
    {"fa", Rule::zero_one_other},
    {"ur", Rule::one_other},
    {"ckb", Rule::one_other},
    {"pa", Rule::zero_one_other},
    {"bn", Rule::zero_one_other},
    {"ti", Rule::zero_one_other},
    {"am", Rule::zero_one_other},
    {"kmr", Rule::one_other},
}};

Rule rule_for(std::string_view language) {
    for (const auto& [code, rule] : kRules) {
        if (code == language)
            return rule;
    }
    return Rule::one_other;
}

constexpr std::array<std::string_view, 6> kNames{"zero", "one", "two", "few", "many", "other"};

} // namespace

std::string_view plural_name(PluralCategory category) {
    return kNames[static_cast<std::size_t>(category)];
}

std::optional<PluralCategory> plural_from_name(std::string_view name) {
    for (std::size_t i = 0; i < kNames.size(); ++i) {
        if (kNames[i] == name)
            return static_cast<PluralCategory>(i);
    }
    return std::nullopt;
}

PluralCategory plural_category(std::string_view language, std::int64_t n) {
    // Unsigned so that the magnitude of INT64_MIN is defined.
    const std::uint64_t i =
        n < 0 ? 0u - static_cast<std::uint64_t>(n) : static_cast<std::uint64_t>(n);
    const std::uint64_t mod10 = i % 10;
    const std::uint64_t mod100 = i % 100;
    switch (rule_for(language)) {
    case Rule::one_other:
        return i == 1 ? PluralCategory::one : PluralCategory::other;
    case Rule::zero_one_other:
        return i <= 1 ? PluralCategory::one : PluralCategory::other;
    case Rule::polish:
        if (i == 1)
            return PluralCategory::one;
        if (mod10 >= 2 && mod10 <= 4 && !(mod100 >= 12 && mod100 <= 14))
            return PluralCategory::few;
        return PluralCategory::many; // whole numbers only; "other" is for fractions
    case Rule::romanian:
        if (i == 1)
            return PluralCategory::one;
        if (i == 0 || (mod100 >= 1 && mod100 <= 19))
            return PluralCategory::few;
        return PluralCategory::other;
    case Rule::portuguese_pt:
        if (i == 1)
            return PluralCategory::one;
        if (i != 0 && i % 1000000 == 0)
            return PluralCategory::many;
        return PluralCategory::other;
    case Rule::arabic:
        if (i == 0)
            return PluralCategory::zero;
        if (i == 1)
            return PluralCategory::one;
        if (i == 2)
            return PluralCategory::two;
        if (mod100 >= 3 && mod100 <= 10)
            return PluralCategory::few;
        if (mod100 >= 11)
            return PluralCategory::many;
        return PluralCategory::other;
    }
    return PluralCategory::other;
}

std::vector<PluralCategory> plural_categories(std::string_view language) {
    using enum PluralCategory;
    switch (rule_for(language)) {
    case Rule::one_other:
    case Rule::zero_one_other:
        return {one, other};
    case Rule::polish:
        return {one, few, many, other};
    case Rule::romanian:
        return {one, few, other};
    case Rule::portuguese_pt:
        return {one, many, other};
    case Rule::arabic:
        return {zero, one, two, few, many, other};
    }
    return {one, other};
}

} // namespace engage::kiosk
