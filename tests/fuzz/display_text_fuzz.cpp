// The display-text path every string on screen goes through: FriBiDi
// reordering, Arabic-script joining forms and wrapping. The first byte picks
// the paragraph direction and the wrap width; the rest is the text.
#include "fuzz_target.hpp"
#include "kiosk/text/display_text.hpp"

#include <string_view>

ENGAGE_FUZZ_TARGET(display_text) {
    if (size == 0) {
        return 0;
    }
    const bool rtl = (data[0] & 1U) != 0;
    const float width = static_cast<float>(data[0] >> 1U);
    const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
    (void)engage::kiosk::to_display(text, rtl);
    (void)engage::kiosk::has_rtl_text(text);
    // Width as bytes: crude, but it wraps at every length the fuzzer tries.
    (void)engage::kiosk::wrap_for_display(
        text, rtl, width, [](std::string_view s) { return static_cast<float>(s.size()); });
    return 0;
}
