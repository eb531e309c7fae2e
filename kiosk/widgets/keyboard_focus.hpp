#pragma once
// Keyboard and switch navigation over the widget registry. Dear ImGui 1.86's
// own navigation moves with the arrows and activates with Space only (Tab
// reaches text fields only, Enter never presses a button), which is not
// enough for a switch user; so the kiosk keeps its own focus: Tab / Shift+Tab
// walk the widgets in drawing order, arrows move to the nearest widget in
// that direction, Enter / Space / keypad Enter press the focused one, and
// Escape presses the screen's Back button.
//
// Switches are keys too (a USB switch interface sends one): while switch
// scanning is on (kiosk/input/switch_scanner.hpp) Space is switch 1 and
// Return (or keypad Enter) switch 2; the scanner, not Tab, then says where
// the focus is (scan_focus) and what is pressed (press). Tab and the arrows
// are left alone while scanning: the highlight belongs to the scan.
//
// UI state owned by the app (not the flow): which widget has focus.

#include "kiosk/widgets/widget_registry.hpp"

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace engage::kiosk {

class KeyboardFocus {
public:
    enum class Move { none, next, previous, left, right, up, down };

    // Reads this frame's key presses from ImGui (call after ImGui::NewFrame).
    // With `scanning`, Space and Return are switch presses (switch_one /
    // switch_two) instead of pressing the focused widget.
    void begin_frame(bool scanning = false);
    // This frame's switch presses: Space (switch 1) and Return / keypad Enter
    // (switch 2). Reported whether or not scanning is on (a switch pressed on
    // the attract screen starts a visit in scanning mode).
    bool switch_one() const { return switch_one_; }
    bool switch_two() const { return switch_two_; }
    // Scanning: the highlight is on `id` ("" = on no single widget); the
    // widget draws its ring and scrolls into view as with keyboard focus.
    // `row`: every widget of a highlighted row (then `id` is ""), each to be
    // scrolled into view as a focused one is.
    void scan_focus(std::string_view id, std::vector<std::string> row = {}) {
        focused_ = std::string(id);
        ring_visible_ = !focused_.empty();
        in_view_ = std::move(row);
    }
    // True while `id` is focused or in the highlighted row: a widget partly
    // out of view scrolls into it.
    bool wants_in_view(std::string_view id) const {
        return focused(id) || std::find(in_view_.begin(), in_view_.end(), id) != in_view_.end();
    }
    // Scanning: `id` is pressed this frame, as Return on a focused widget would.
    void press(std::string_view id) {
        activate_ = std::string(id);
        key_used_ = true;
    }
    // True while `id` has focus and the ring should be drawn.
    bool focused(std::string_view id) const { return ring_visible_ && id == focused_; }
    // True on the frame Enter/Space was pressed with `id` focused.
    bool activated(std::string_view id) const { return !activate_.empty() && id == activate_; }
    // Applies the frame's move using what was drawn (call after the screen drew).
    void end_frame(const WidgetRegistry& drawn);
    // A touch or click hides the ring; the next key brings it back.
    void pointer_used() { ring_visible_ = false; }
    // Drops focus (e.g. the screen changed).
    void reset() {
        focused_.clear();
        in_view_.clear();
        activate_.clear();
    }
    // For tests/scripts: which id has focus ("" when none).
    const std::string& focused_id() const { return focused_; }
    // True when a key was used this frame (the app redraws and keeps the ring).
    bool key_used() const { return key_used_; }
    // Typed-text keys: true when Space should type rather than press (no focus).
    // While scanning, Space is a switch and never types.
    bool has_focus() const { return scanning_ || (ring_visible_ && !focused_.empty()); }

private:
    std::string focused_;
    std::string activate_;
    std::vector<std::string> in_view_; // scanning: the highlighted row
    Move move_ = Move::none;
    bool ring_visible_ = false;
    bool key_used_ = false;
    bool scanning_ = false;
    bool switch_one_ = false;
    bool switch_two_ = false;
};

} // namespace engage::kiosk
