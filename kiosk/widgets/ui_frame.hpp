#pragma once
// What every widget needs to draw one frame: the theme and sizes, the fonts,
// the direction of the language, the registry of interactive widgets, the
// keyboard focus and the text of the screen (for Read aloud). Built by the
// app for each frame; widgets never keep it.

#include "kiosk/text/fonts.hpp"
#include "kiosk/widgets/keyboard_focus.hpp"
#include "kiosk/widgets/theme.hpp"
#include "kiosk/widgets/widget_registry.hpp"

#include <imgui.h>
#include <string>
#include <string_view>
#include <vector>

namespace engage::kiosk {

struct UiFrame {
    const Theme* theme = &standard_theme();
    Metrics m;
    KioskFonts fonts;
    bool rtl = false;     // lay out right to left and reshape text
    std::string language; // catalogue code of the person's language
    WidgetRegistry* registry = nullptr;
    KeyboardFocus* focus = nullptr;
    std::vector<std::string>* spoken = nullptr; // screen text in reading order (logical)
    // Indexes into `spoken` of the lines to read in the English voice: content
    // shown in English because it has no translation (marked "in English").
    std::vector<std::size_t>* spoken_in_english = nullptr;
    bool speak_english = false; // say() records its lines as English ones
    float font_scale = 1.0f;    // applied to body-size widgets that must not grow (top bar)
    // Id of the widget whose words are being drawn (big_button sets it for
    // its label), so the layout test knows they belong inside it.
    std::string_view text_parent{};
    // Row of the on-screen keyboard key being drawn (big_button copies it into
    // the widget registry for row scanning); -1 outside keyboards.
    int key_row = -1;

    // Mirrors a rectangle horizontally inside [left, left+width] when rtl.
    ImVec2 mirror(ImVec2 min, float w, float left, float width) const {
        if (!rtl)
            return min;
        return ImVec2(left + width - (min.x - left) - w, min.y);
    }
    // Records text for Read aloud (logical order, the person's language).
    void say(std::string_view text) const {
        if (spoken && !text.empty()) {
            if (speak_english && spoken_in_english)
                spoken_in_english->push_back(spoken->size());
            spoken->emplace_back(text);
        }
    }
};

// True when `dl` draws inside a clip smaller than the window (a scrolled
// list, the text box): what falls outside is hidden on purpose there.
inline bool in_clip_region(const ImDrawList* dl) {
    const ImVec2 size = ImGui::GetIO().DisplaySize;
    const ImVec2 lo = dl->GetClipRectMin();
    const ImVec2 hi = dl->GetClipRectMax();
    return lo.x > 0.5f || lo.y > 0.5f || hi.x < size.x - 0.5f || hi.y < size.y - 0.5f;
}

} // namespace engage::kiosk
