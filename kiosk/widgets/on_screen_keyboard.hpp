#pragma once
// An on-screen keyboard for free text (always optional): big keys, Latin
// letters, a digits-and-symbols page, a page of the accented letters Polish,
// Romanian and Portuguese need, Shift, Space and Delete. It edits a
// copy of the text and reports the new text; the caller hands it to the flow.

#include "kiosk/widgets/ui_frame.hpp"

#include <imgui.h>
#include <string>
#include <string_view>

namespace engage::kiosk {

struct KeyboardLabels {
    std::string space, space_en;
    std::string del, del_en;
    std::string shift, shift_en;
    std::string numbers, letters, accents;
};

struct KeyboardModes {
    bool shift = false; // next letter upper case (cleared after one letter)
    int page = 0;       // 0 letters, 1 digits and symbols, 2 accented letters
};

struct KeyboardResult {
    bool changed = false; // `text` differs from the input
    std::string text;
};

// Draws the keyboard in [pos, pos+size] and applies a pressed key to `text`.
// `id_prefix` keeps ids unique when two keyboards could exist ("key", "code").
KeyboardResult on_screen_keyboard(const UiFrame& ui, std::string_view id_prefix,
                                  std::string_view text, KeyboardModes& modes,
                                  const KeyboardLabels& labels, ImVec2 pos, ImVec2 size);

// Height the keyboard needs at these metrics (4 rows of keys).
float keyboard_height(const UiFrame& ui);

} // namespace engage::kiosk
