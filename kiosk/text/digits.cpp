#include "kiosk/text/digits.hpp"

#include "engage/text.hpp"

#include <memory>
#include <unicode/locid.h>
#include <unicode/numsys.h>
#include <unicode/unistr.h>

namespace engage::kiosk {

std::string localise_digits(std::string_view text, std::string_view language) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Locale locale(std::string(language).c_str());
    std::unique_ptr<icu::NumberingSystem> ns(icu::NumberingSystem::createInstance(locale, status));
    if (U_FAILURE(status) || !ns || ns->isAlgorithmic() || ns->getRadix() != 10)
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

} // namespace engage::kiosk
