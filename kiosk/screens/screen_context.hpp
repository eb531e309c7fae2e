#pragma once
// What a screen gets to draw one frame: the flow (read-only), the UI
// catalogue, the frame's widgets context, the content area, and an intent
// list. Screens never change the flow while drawing (STYLE 6): they queue
// intents, and the app applies them to the flow after the frame.

#include "engage/localised.hpp"
#include "kiosk/flow/flow.hpp"
#include "kiosk/flow/signup_sealing.hpp"
#include "kiosk/help/qr_code.hpp"
#include "kiosk/i18n/catalogue.hpp"
#include "kiosk/sync/sync_status.hpp"
#include "kiosk/text/digits.hpp"
#include "kiosk/widgets/big_button.hpp"
#include "kiosk/widgets/ui_frame.hpp"

#include <cstdint>
#include <functional>
#include <imgui.h>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace engage::kiosk {

// UI-only state that lives across frames but is not part of the visit's
// model: on-screen keyboard modes, the PIN being typed, the staff code.
struct ScreenMemory {
    bool shift = false;        // next letter upper case
    int keyboard_page = 0;     // on-screen keyboard page (index into its layout's pages)
    std::string keyboard_pick; // Ethiopic picker: the consonant whose orders are shown
    // A phone question whose number pad was switched to the full keyboard
    // (for an e-mail address); the next phone question starts on the pad.
    std::string keyboard_full_for;
    std::string pin;        // staff PIN being typed (never stored)
    std::string enrol_code; // staff re-enrol code being typed
    bool entering_code = false;
    bool confirm_start_again = false; // Start again pressed: ask before wiping
    // The text question whose keys the person put away (the bar's Settings),
    // to see the whole bar and the question at full size; "" = keys up.
    std::string keys_away_for;
    // QR codes already made for the help directory (text -> code), so a frame
    // never runs the encoder again; derived data, safe to drop at any time.
    std::map<std::string, std::optional<QrCode>, std::less<>> qr_cache;
    // Overwrites what was typed (a short string keeps its bytes inline, past
    // the end a plain clear() leaves), then resets everything but the QR cache.
    void wipe() {
        wipe_string(pin);
        wipe_string(enrol_code);
        auto keep = std::move(qr_cache);
        *this = ScreenMemory{};
        qr_cache = std::move(keep);
    }
};

using FlowAction = std::function<void(Flow&, std::int64_t now_ms)>;

struct Intents {
    std::vector<FlowAction> flow; // applied in order after drawing
    bool read_aloud = false;      // speak this screen's text
    bool stop_reading = false;
    bool redraw = false; // draw one more frame (a scrolled body settles its scroll bar)
    void act(FlowAction a) { flow.push_back(std::move(a)); }
};

// One pressable button a screen lays out: a navigation button, an answer, a
// home tile, a top-bar item or a staff action. The words and picture that
// big_button draws, and what pressing it does. (The one type for all of them:
// the first six fields in this order, so `{id, label, label_en, icon, kind,
// action}` builds one; every member has a default, so fewer is fine.)
struct ActionButton {
    std::string id{};       // stable id (registry, focus, ImGui ID)
    std::string label{};    // in the person's language (logical order)
    std::string label_en{}; // English, for scripts and tests
    std::string icon{};     // icon name; "" = none; "face:N" = scale face N
    ButtonKind kind = ButtonKind::quiet;
    FlowAction action{};                   // applied to the flow after drawing; may be empty
    bool wide = false;                     // nav row: takes the remaining width (Next, Send)
    std::function<void()> local = nullptr; // UI-only effect (ScreenMemory), run when pressed
    std::string sublabel{};                // a smaller second line (home tiles)
    bool selected = false;                 // a chosen answer, or a bar setting that is on
    bool enabled = true;
    bool in_english = false;   // content label shown in English: laid out LTR, English voice
    bool read_aloud = false;   // pressing asks for Read aloud (top bar)
    bool stop_reading = false; // pressing stops reading (top bar)

    // What big_button draws: views into this button, so it must outlive the call.
    ButtonSpec spec() const;
    // Records what pressing it does: the flow action, the UI-only effect, speech.
    void pressed(Intents& intents) const;
};

struct ScreenContext {
    UiFrame& ui;
    const Flow& flow;
    const Catalogue& cat;
    Intents& intents;
    ScreenMemory& memory;
    std::int64_t now_ms = 0;
    ImVec2 area_min{}; // the content area below the top bar
    ImVec2 area_size{};
    const SyncStatus* status = nullptr; // staff screen only
    bool speaking = false;              // the speaker is reading right now
    bool voice = true;                  // the speaker has a voice for the person's language
    std::string_view typed{};           // text typed on a physical keyboard this frame

    const FlowState& state() const { return flow.state(); }
    // UI string in the person's language (English fallback, else the key).
    std::string tr(std::string_view key) const { return cat.text(key, ui.language); }
    std::string tr_en(std::string_view key) const { return cat.text(key, "en"); }
    std::string tr(std::string_view key,
                   std::initializer_list<std::pair<std::string_view, std::string_view>> v) const {
        return fill(cat.text(key, ui.language), v);
    }
    // A number as the person reads it: in their language's digits
    // (digits.hpp). Every number a screen shows goes through this.
    std::string number(std::int64_t n) const { return localised_number(n, ui.language); }
    // A counted UI string: the plural form for `n` (CLDR rules of the
    // language the words are in), with `{name}` replaced by number(n).
    std::string tr_count(std::string_view key, std::string_view name, std::int64_t n) const {
        return fill(cat.plural(key, ui.language, n), {{name, number(n)}});
    }
    // Content text: easy-read wording when chosen and present, else the normal one.
    const std::string& text(const LocalisedText& normal, const LocalisedText& easy = {}) const {
        if (state().settings.easy_read && easy.has(ui.language))
            return easy.get(ui.language);
        return normal.get(ui.language);
    }
    const std::string& text_en(const LocalisedText& t) const { return t.get("en"); }
    // Content text as shown: in the person's language (easy-read wording when
    // chosen and present), else the English original, flagged so the screen
    // marks it "in English" and reads it in the English voice (never a silent mix).
    struct Shown {
        const std::string& text;
        bool in_english = false;
    };
    Shown shown(const LocalisedText& normal, const LocalisedText& easy = {}) const;
};

// [Content in English inside another language]
// A copy of `ui` for English words: laid out left to right, read aloud in the
// English voice.
UiFrame english_frame(const UiFrame& ui);
// The "in English" tag (words in the person's language, body font, outlined)
// at the start side of [pos.x, pos.x + width]; returns the height it takes.
float marker_height(const ScreenContext& ctx);
float draw_in_english_marker(ScreenContext& ctx, ImDrawList* dl, ImVec2 pos, float width);
// Content text wrapped to `width`, preceded by the tag when it is English.
float content_height(const ScreenContext& ctx, ImFont* font, const ScreenContext::Shown& text,
                     float width);
float draw_content(ScreenContext& ctx, ImDrawList* dl, ImFont* font,
                   const ScreenContext::Shown& text, ImVec2 pos, float width, ImU32 colour);

// [Shared layout pieces] -------------------------------------------------

// A heading at the top of the content area; returns the y below it.
float draw_heading(ScreenContext& ctx, std::string_view text, float y);
// A paragraph in the body font (or `font`); returns the y below it.
float draw_paragraph(ScreenContext& ctx, std::string_view text, float y, Rgb colour,
                     ImFont* font = nullptr);

// A reassurance line with a picture before it, in the large font (the words
// a wary person most needs to read); returns the y below it.
float draw_reassurance(ScreenContext& ctx, std::string_view icon, std::string_view text, float y);

// Draws a row of buttons along the bottom of the content area, in reading
// order (mirrored for RTL). Returns the height the row takes from the bottom.
float draw_nav_row(ScreenContext& ctx, std::vector<ActionButton> buttons);
// Height of the bottom navigation row.
float nav_row_height(const ScreenContext& ctx);

// Drag-to-scroll for the current child window (touch has no wheel).
void touch_scroll(const ScreenContext& ctx);

// The content area above the bottom navigation row as a list that scrolls
// when its words do not fit (the largest text size, a long translation), with
// the scroll bar visible. While it lives, ctx.area_min/area_size describe the
// part of it that is free of the scroll bar, shifted by the scroll, so screens
// lay out as they would without it; it puts them back when it ends. Draw the
// nav row after it has ended.
class ScrollBody {
public:
    // `above_nav_row` false: the screen has no bottom row, so the list
    // takes the whole content area. `keep_below`: pixels above the nav row
    // left out of the list for what must never scroll away (the on-screen
    // keyboard, drawn after the body has ended).
    ScrollBody(ScreenContext& ctx, const char* id, bool above_nav_row = true, float keep_below = 0);
    ~ScrollBody();
    ScrollBody(const ScrollBody&) = delete;
    ScrollBody& operator=(const ScrollBody&) = delete;
    // Where the content ends (screen y); sets how far the list scrolls.
    void ends_at(float y) { bottom_ = y; }
    // While the body first appears (its first few frames) scrolled down by `y` pixels at most, so
    // what the person acts on (the text box and keyboard) is in view.
    void start_scrolled_to(float y);
    // The body's visible height.
    float visible_height() const { return height_; }

private:
    ScreenContext& ctx_;
    ImVec2 saved_min_, saved_size_;
    float height_ = 0;
    float top_ = 0;
    float bottom_ = 0;
    float nav_h_ = 0;
    bool appearing_ = false;
    bool settling_ = false; // one of the first kSettleFrames frames since it appeared
    // Frames a new body takes to reach its final layout (scroll bar, wrap).
    static constexpr int kSettleFrames = 3;
};

} // namespace engage::kiosk
