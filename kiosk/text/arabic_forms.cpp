#include "kiosk/text/arabic_forms.hpp"

#include <algorithm>
#include <array>

namespace engage::kiosk::arabic {
namespace {

// Checked against FriBiDi 1.0.8 by the media tests ("every Arabic-script letter
// in the catalogues is joined"): these are the catalogue letters it cannot join.
constexpr std::array<char32_t, 7> kExtraLetters = {
    0x0695, // ڕ REH WITH SMALL V BELOW (Sorani)
    0x06B5, // ڵ LAM WITH SMALL V (Sorani)
    0x06CE, // ێ YEH WITH SMALL V (Sorani)
    0x06D5, // ە AE (Sorani)
    0x06C2, // ۂ HEH GOAL WITH HAMZA ABOVE (Urdu)
    0x0692, // ڒ REH WITH SMALL V (Kurdish, older spelling)
    0x06BA, // ں NOON GHUNNA (Urdu): Unicode gives it only isolated and final forms
};
constexpr int kForms = 4;

} // namespace

std::span<const char32_t> extra_letters() {
    return kExtraLetters;
}

char32_t extra_form_code_point(char32_t letter, JoinForm form) {
    const auto* it = std::find(kExtraLetters.begin(), kExtraLetters.end(), letter);
    if (it == kExtraLetters.end())
        return 0;
    if (form == JoinForm::isolated)
        return letter;
    const auto index = static_cast<char32_t>(it - kExtraLetters.begin());
    return kPrivateFirst + index * kForms + static_cast<char32_t>(form);
}

char32_t private_last() {
    return kPrivateFirst + static_cast<char32_t>(kExtraLetters.size() * kForms) - 1;
}

bool decode_private(char32_t code_point, char32_t& letter, JoinForm& form) {
    if (code_point < kPrivateFirst || code_point > private_last())
        return false;
    const auto offset = code_point - kPrivateFirst;
    letter = kExtraLetters[offset / kForms];
    form = static_cast<JoinForm>(offset % kForms);
    return form != JoinForm::isolated;
}

} // namespace engage::kiosk::arabic
