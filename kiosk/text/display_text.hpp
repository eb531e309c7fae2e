#pragma once
// Text in display (visual) order, for code that draws through ImGui's own font
// atlas rather than the text pipeline (text_pipeline.hpp), and the end-of-visit
// wipe of every cache of shown text. Shaping (joined Arabic letters, marks on
// their bases, Indic and Ethiopic forms) happens only in the text pipeline:
// the strings returned here are reordered, not shaped. Thread-safe.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace engage::kiosk {

// The visual-order form of one line of `logical_utf8` (FriBiDi: Unicode bidi
// algorithm with mirroring). `rtl` is the paragraph direction (the UI
// language's). Text without right-to-left characters comes back unchanged
// whatever `rtl` says (an English fallback in an Arabic UI keeps its "?" at the
// end; aligning it right is the caller's job). Invalid UTF-8 is returned
// unchanged. Bidi controls and joiners, which draw nothing, are dropped.
std::string to_display(std::string_view logical_utf8, bool rtl);

// Wraps `logical_utf8` into lines no wider than `width` (as measured by
// `measure` on display text) at UAX #14 break opportunities (ICU, for
// `language`) in logical order, then converts each line with to_display(). A
// word wider than `width` gets a line of its own. Also splits on '\n'.
std::vector<std::string> wrap_for_display(std::string_view logical_utf8, bool rtl, float width,
                                          const std::function<float(std::string_view)>& measure,
                                          std::string_view language = "en");

// Wipes and drops every cached conversion, shaped line and wrapped paragraph
// (every registered ShownTextCache's too). The caches hold what was shown, typed text
// included, so the app calls this when a visit ends (issue 8: nothing typed
// may outlive its visit).
void forget_display_text();

// A cache of shown text kept elsewhere (the text pipeline's shaped lines)
// registers here while it lives, so forget_display_text() wipes it too.
class ShownTextCache {
public:
    virtual void forget() = 0;

protected:
    ~ShownTextCache() = default;
};
void register_shown_text_cache(ShownTextCache* cache);
void unregister_shown_text_cache(ShownTextCache* cache);

// True when the text holds any right-to-left (Hebrew/Arabic-script) character.
bool has_rtl_text(std::string_view utf8);

} // namespace engage::kiosk
