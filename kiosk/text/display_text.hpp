#pragma once
// Text as ImGui must draw it. ImGui places glyphs left to right, one per code
// point, without shaping; so right-to-left text is reordered into visual order
// (FriBiDi, Unicode bidi algorithm with mirroring) and Arabic-script letters
// are replaced by their joined contextual forms (Arabic Presentation Forms-A/B,
// plus the kiosk font's own forms for letters Unicode gives none, e.g. Sorani
// ێ ڵ). Results are cached: calling this every frame is cheap; the cache is
// emptied at the end of each visit (forget_display_text). Thread-safe.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace engage::kiosk {

// The visual-order, shaped form of one line of `logical_utf8`. `rtl` is the
// paragraph direction (the UI language's); Arabic runs inside LTR text are
// still reordered and shaped. Text without right-to-left characters comes back
// unchanged whatever `rtl` says (an English fallback in an Arabic UI keeps its
// "?" at the end; aligning it right is the caller's job). Invalid UTF-8 is
// returned unchanged.
std::string to_display(std::string_view logical_utf8, bool rtl);

// Wraps `logical_utf8` into lines no wider than `width` (as measured by
// `measure` on display text), breaking at spaces in logical order first, then
// converts each line with to_display(). Use this instead of ImGui's own
// wrapping for RTL text, which would otherwise put the end of a sentence on the
// first line. A word wider than `width` gets a line of its own. Also splits on '\n'.
std::vector<std::string> wrap_for_display(std::string_view logical_utf8, bool rtl, float width,
                                          const std::function<float(std::string_view)>& measure);

// Wipes and drops every cached conversion. The cache holds what was shown,
// typed right-to-left text included, so the app calls this when a visit ends
// (issue 8: nothing typed may outlive its visit).
void forget_display_text();

// True when the text holds any right-to-left (Hebrew/Arabic-script) character.
bool has_rtl_text(std::string_view utf8);

} // namespace engage::kiosk
