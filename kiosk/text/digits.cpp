#include "kiosk/text/digits.hpp"

#include "engage/text.hpp"

#include <array>
#include <memory>
#include <unicode/locid.h>
#include <unicode/numsys.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <utility>

namespace engage::kiosk {
namespace {

// The kiosk's languages whose choice is ours, not ICU's default (see the
// header for why); the rest follow ICU.
constexpr std::array<std::pair<std::string_view, std::string_view>, 1> kChosen{{
    {"ur", "arabext"},
}};

std::unique_ptr<icu::NumberingSystem> numbering_for(std::string_view language) {
    UErrorCode status = U_ZERO_ERROR;
    for (const auto& [code, system] : kChosen) {
        if (code == language) {
            std::unique_ptr<icu::NumberingSystem> ns(
                icu::NumberingSystem::createInstanceByName(std::string(system).c_str(), status));
            return U_SUCCESS(status) ? std::move(ns) : nullptr;
        }
    }
    const icu::Locale locale(std::string(language).c_str());
    std::unique_ptr<icu::NumberingSystem> ns(icu::NumberingSystem::createInstance(locale, status));
    return U_SUCCESS(status) ? std::move(ns) : nullptr;
}

} // namespace

std::string numbering_system(std::string_view language) {
    const auto ns = numbering_for(language);
    return ns ? ns->getName() : "latn";
}

std::string localise_digits(std::string_view text, std::string_view language) {
    const auto ns = numbering_for(language);
    // Algorithmic systems (Ethiopic, Roman...) are not digit-for-digit.
    if (!ns || ns->isAlgorithmic() || ns->getRadix() != 10)
        return std::string(text);
    const icu::UnicodeString digits = ns->getDescription();
    if (digits == icu::UnicodeString(u"0123456789") || digits.countChar32() != 10)
        return std::string(text);
    std::string out;
    out.reserve(text.size() * 2);
    for (char c : text) {
        if (c >= '0' && c <= '9') {
            const auto cp = static_cast<char32_t>(digits.char32At(digits.moveIndex32(0, c - '0')));
            text::append_utf8(out, cp);
        } else {
            out += c;
        }
    }
    return out;
}

std::string localised_number(long long n, std::string_view language) {
    return localise_digits(std::to_string(n), language);
}

std::string ascii_digits(std::string_view text) {
    const auto cps = text::decode_utf8(text);
    if (!cps)
        return std::string(text);
    std::string out;
    out.reserve(text.size());
    for (char32_t cp : *cps) {
        const auto c = static_cast<UChar32>(cp);
        if (cp >= 0x80 && u_charType(c) == U_DECIMAL_DIGIT_NUMBER)
            out += static_cast<char>('0' + u_charDigitValue(c));
        else
            text::append_utf8(out, cp);
    }
    return out;
}

} // namespace engage::kiosk
