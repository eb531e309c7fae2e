#pragma once
// The kiosk's one kind of button: a large rounded rectangle with an icon and
// a word (never an icon alone, never colour alone), registered for scripts and
// keyboard focus, pressed by a touch, a click, or Enter/Space when focused.

#include "kiosk/widgets/ui_frame.hpp"

#include <imgui.h>
#include <string_view>

namespace engage::kiosk {

enum class ButtonKind {
    primary, // answers, tiles, Next/Send
    quiet,   // Back, Skip, settings
    help,    // Help now
    bar,     // top bar settings (on the bar colour)
};

enum class IconAt {
    start, // icon before the label (left in LTR, right in RTL)
    top,   // icon above the label (tiles, faces)
};

struct ButtonSpec {
    std::string_view id;       // stable id (registry, focus, ImGui ID)
    std::string_view label;    // in the person's language (logical order)
    std::string_view label_en; // English label for scripts and tests
    std::string_view icon;     // icon name; "" = none; "face:N" = scale face N
    std::string_view sublabel; // optional smaller second line
    // What switch scanning says when it reaches the button, in the person's
    // language, when the label alone does not say what it does (a review
    // row's "Change" names its question); "" = the label.
    std::string_view spoken;
    ButtonKind kind = ButtonKind::primary;
    IconAt icon_at = IconAt::start;
    bool selected = false; // chosen answer: selected colours + a tick badge
    bool checkbox = false; // multi answer: an empty / ticked box is drawn
    bool enabled = true;
    ImFont* font = nullptr;  // nullptr: the large font
    float icon_scale = 1.0f; // relative to the default icon size
    // Icon above the label: at most this many pixels across (0 = as the
    // room allows), so a row of tiles (the scale's faces) keeps one size
    // whatever each tile's words take.
    float icon_px = 0.0f;
    // Icon above the label: the words' height the picture and words are
    // centred for (0 = this label's), so a row of tiles with one- and
    // two-line words puts every picture on one line.
    float words_h = 0.0f;
};

// Draws the button at `pos` (screen coordinates) with `size`; returns true on
// the frame it was pressed.
bool big_button(const UiFrame& ui, const ButtonSpec& spec, ImVec2 pos, ImVec2 size);

// Draws a thick focus ring around a rectangle.
void focus_ring(const UiFrame& ui, ImDrawList* dl, ImVec2 min, ImVec2 max);

} // namespace engage::kiosk
