// The text path every string on screen goes through: FriBiDi reordering,
// script itemisation and HarfBuzz shaping with the Noto faces, UAX #14 break
// points (ICU) and wrapping. The first byte picks the paragraph direction,
// the language (which picks Nastaliq for Urdu) and the wrap width; the rest is
// the text.
#include "fuzz_target.hpp"
#include "kiosk/text/display_text.hpp"
#include "kiosk/text/line_breaks.hpp"
#include "kiosk/text/shaped_text.hpp"

#include <array>
#include <cstdlib>
#include <string_view>

namespace {

// Loaded once: opening six font files per input would drown the fuzzer.
const engage::kiosk::FontFaces& faces() {
    static const engage::kiosk::FontFaces loaded("/usr/share/fonts/truetype/noto");
    return loaded;
}

} // namespace

ENGAGE_FUZZ_TARGET(display_text) {
    if (size == 0) {
        return 0;
    }
    constexpr std::array<const char*, 8> kLanguages = {"en",  "ar", "ur", "fa",
                                                       "ckb", "pa", "bn", "ti"};
    const bool rtl = (data[0] & 1U) != 0;
    const char* language = kLanguages.at((data[0] >> 1U) & 7U);
    const float width = static_cast<float>(data[0] >> 4U) * 16.0f;
    const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
    (void)engage::kiosk::to_display(text, rtl);
    (void)engage::kiosk::has_rtl_text(text);
    // Width as bytes: crude, but it wraps at every length the fuzzer tries.
    (void)engage::kiosk::wrap_for_display(
        text, rtl, width, [](std::string_view s) { return static_cast<float>(s.size()); },
        language);
    // Break points must be ascending offsets inside the text, ending at its end.
    const auto breaks = engage::kiosk::line_break_offsets(text, language);
    std::size_t last = 0;
    for (auto b : breaks) {
        if (b <= last || b > text.size())
            std::abort();
        last = b;
    }
    if (!text.empty() && last != text.size())
        std::abort();
    // Every glyph's cluster points into the text.
    const auto line = engage::kiosk::shape_line(faces(), text, rtl, language);
    for (const auto& g : line.glyphs) {
        if (g.cluster >= text.size())
            std::abort();
    }
    return 0;
}
