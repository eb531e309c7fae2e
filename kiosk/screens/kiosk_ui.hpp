#pragma once
// The kiosk's UI for one frame: picks the screen for the flow's state, draws
// the top bar and the screen into one full-window ImGui window, then applies
// the intents the widgets recorded to the flow (STYLE 6). Owns UI-only state
// (keyboard focus, on-screen keyboard mode, fonts in use) and never does I/O.

#include "kiosk/flow/flow.hpp"
#include "kiosk/i18n/catalogue.hpp"
#include "kiosk/input/switch_scanner.hpp"
#include "kiosk/screens/screen_context.hpp"
#include "kiosk/speech/speaker.hpp"
#include "kiosk/sync/sync_status.hpp"
#include "kiosk/text/fonts.hpp"
#include "kiosk/widgets/keyboard_focus.hpp"
#include "kiosk/widgets/widget_registry.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace engage::kiosk {

struct FrameInput {
    std::int64_t now_ms = 0; // the flow's clock
    float width = 1280;      // window size
    float height = 800;
    float dpi_scale = 1;
    bool pointer_down = false; // for the hidden long press
    float pointer_x = 0, pointer_y = 0;
    std::int64_t pointer_held_ms = 0;
    bool speaking = false;              // the speaker is busy
    std::string typed_text;             // text typed on a physical keyboard this frame
    const SyncStatus* status = nullptr; // for the staff screen
};

struct FrameOutput {
    bool changed = false;           // the flow changed: draw two more frames
    bool redraw = false;            // only the keyboard focus moved: one more frame
    std::optional<std::string> say; // text to read aloud, in `say_language`
    std::string say_language;
    // The same text in pieces, each with the language whose voice reads it:
    // content shown "in English" is read in the English voice (what main hands
    // the speaker).
    std::vector<SpeechPart> say_parts;
    bool stop_speech = false;
};

// What the app does with a frame's speech requests: stop first (a wiped
// visit, Stop reading), then read what was asked for. main.cpp and the tests
// use this one function, so what is tested is what the kiosk does.
void speak_frame(const FrameOutput& out, Speaker& speaker);

class KioskUi {
public:
    explicit KioskUi(const Catalogue& catalogue) : cat_(catalogue) {}

    // The languages the speaker has a voice for; in any other the Read aloud
    // button says "No voice for this language" and reads nothing. Until this
    // is called every language counts as voiced (tests without a speaker).
    void set_voices(std::vector<std::string> languages) { voices_ = std::move(languages); }
    bool has_voice(std::string_view language) const;

    // The body font size the next frame wants (fonts are rebuilt when it changes).
    float wanted_text_px(const Flow& flow, float width, float height, float dpi) const;
    // The top bar's own font size for the same window (fonts are built with it).
    float wanted_bar_px(const Flow& flow, float width, float height, float dpi) const;
    void set_fonts(const KioskFonts& fonts, float px) {
        fonts_ = fonts;
        fonts_px_ = px;
    }
    float fonts_px() const { return fonts_px_; }

    // Draws one frame (between ImGui::NewFrame and Render) and applies intents.
    FrameOutput frame(Flow& flow, const FrameInput& in);

    // Wipes the UI's own copies of a visit: keyboard and screen memory and the
    // Read aloud text of the last frame. Called when the flow says a visit ended.
    void forget_visit();

    // What was drawn in the last frame (scripts tap from it).
    const WidgetRegistry& registry() const { return registry_; }
    // The last frame's screen text as Read aloud would say it (not the top
    // bar, never typed text), one line per piece; for the script's `words`.
    std::string screen_words() const;
    const KeyboardFocus& focus() const { return focus_; }
    // Switch scanning (kiosk.conf scan_interval, scan_cycles); the mode is the
    // visit's (FlowState settings.scanning).
    void set_scan_timing(ScanTiming timing) { scanner_.set_timing(timing); }
    const SwitchScanner& scanner() const { return scanner_; }
    // The next time (flow clock) a frame is needed for an animation, if any.
    std::optional<std::int64_t> next_animation(const Flow& flow, std::int64_t now_ms) const;
    // Press length that opens staff mode, and the hidden corner's size.
    static constexpr std::int64_t kStaffHoldMs = 3000;
    bool in_staff_corner(float x, float y) const;

private:
    const Catalogue& cat_;
    KioskFonts fonts_;
    float fonts_px_ = 0;
    WidgetRegistry registry_;
    KeyboardFocus focus_;
    SwitchScanner scanner_;
    ScanHighlight spoken_highlight_; // the scan highlight last read aloud
    ScreenMemory memory_;
    std::vector<std::string> spoken_;
    std::vector<std::size_t> spoken_english_; // indexes into spoken_ read in English
    std::optional<std::vector<std::string>> voices_;
    std::string last_screen_key_;
    std::uint64_t last_visit_serial_ = 0;
    bool staff_hold_fired_ = false;
    float corner_ = 100;
    bool last_rtl_ = false;
};

} // namespace engage::kiosk
