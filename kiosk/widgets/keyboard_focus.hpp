#pragma once
// Keyboard and switch navigation over the widget registry. Dear ImGui 1.86's
// own navigation moves with the arrows and activates with Space only (Tab
// reaches text fields only, Enter never presses a button), which is not
// enough for a switch user; so the kiosk keeps its own focus: Tab / Shift+Tab
// walk the widgets in drawing order, arrows move to the nearest widget in
// that direction, Enter / Space / keypad Enter press the focused one, and
// Escape presses the screen's Back button.
//
// UI state owned by the app (not the flow): which widget has focus.

#include "kiosk/widgets/widget_registry.hpp"

#include <string>
#include <string_view>

namespace engage::kiosk {

class KeyboardFocus {
public:
    enum class Move { none, next, previous, left, right, up, down };

    // Reads this frame's key presses from ImGui (call after ImGui::NewFrame).
    void begin_frame();
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
        activate_.clear();
    }
    // For tests/scripts: which id has focus ("" when none).
    const std::string& focused_id() const { return focused_; }
    // True when a key was used this frame (the app redraws and keeps the ring).
    bool key_used() const { return key_used_; }
    // Typed-text keys: true when Space should type rather than press (no focus).
    bool has_focus() const { return ring_visible_ && !focused_.empty(); }

private:
    std::string focused_;
    std::string activate_;
    Move move_ = Move::none;
    bool ring_visible_ = false;
    bool key_used_ = false;
};

} // namespace engage::kiosk
