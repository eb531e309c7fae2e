#pragma once
// On-screen keyboards for free text (always optional): big keys laid out as
// the visit language's keyboard (keyboard_layouts.hpp: Arabic, Persian, Urdu,
// Sorani, Gurmukhi, Bengali, an Ethiopic syllable picker, Latin with each
// language's accents), a key per page (its letters, Latin, digits), Shift on
// Latin pages, Space and Delete (one grapheme cluster). And a number pad for
// phone numbers, with a key to the full keyboard (for an e-mail address).
// Both edit a copy of the text and report the new text; the caller hands it
// to the flow. Every key is a registered widget, row by row, with its row
// index (WidgetEntry::row) for row/column scanning. Keys are never below the
// minimum target (theme.hpp): on a narrow screen rows are split, not shrunk.

#include "kiosk/widgets/keyboard_layouts.hpp"
#include "kiosk/widgets/ui_frame.hpp"

#include <functional>
#include <imgui.h>
#include <string>
#include <string_view>

namespace engage::kiosk {

struct KeyboardLabels {
    std::string space, space_en;
    std::string del, del_en;
    std::string shift, shift_en;
    // The number pad's key to the full keyboard and the keyboard's key back
    // to the pad (phone fields only); page keys carry samples of their page.
    std::string letters, letters_en;
    std::string numbers, numbers_en;
    // A combining mark's name in the visit's language (its catalogue entry,
    // mark_name_key), what switch scanning says for its key; "" where the
    // catalogue has none (the mark on its own is said). Empty: none.
    std::function<std::string(std::string_view insert)> mark_name = nullptr;
};

struct KeyboardModes {
    bool shift = false; // next letter upper case (cleared after one letter)
    int page = 0;       // index into the layout's pages
    std::string picked; // Ethiopic: the consonant whose orders are shown; "" none
    bool full = false;  // phone field: the full keyboard instead of the number pad
};

struct KeyboardResult {
    bool changed = false; // `text` differs from the input
    std::string text;
};

// Draws `layout` in [pos, pos+size] and applies a pressed key to `text`.
// `id_prefix` keeps ids unique when two keyboards could exist ("key", "code").
// `to_pad`: a phone field, whose keyboard offers a key back to the number pad.
KeyboardResult on_screen_keyboard(const UiFrame& ui, std::string_view id_prefix,
                                  std::string_view text, KeyboardModes& modes,
                                  const KeyboardLabels& labels, const KeyboardLayout& layout,
                                  ImVec2 pos, ImVec2 size, bool to_pad = false);

// Height `layout` needs at these metrics in a keys area `width` wide (as
// on_screen_keyboard is given): its most rows and the bottom row. Where the
// widest row's keys would be below the minimum target (a portrait screen),
// rows are drawn split into shorter ones, keeping their order, and where the
// bottom row's keys do not fit, the page keys get a row of their own: both
// take more height. `to_pad` as on_screen_keyboard's.
float keyboard_height(const UiFrame& ui, const KeyboardLayout& layout, float width,
                      bool to_pad = false);

// A number pad for phone numbers: 0–9 as big keys (with the locale's own
// digit beside where it writes others; 0–9 is what goes in), +, Space,
// Delete, and a key to the full keyboard (sets modes.full). Ids `pad.<char>`,
// `pad.space`, `pad.delete`, `pad.letters`.
KeyboardResult number_pad(const UiFrame& ui, std::string_view text, KeyboardModes& modes,
                          const KeyboardLabels& labels, ImVec2 pos, ImVec2 size);

// Height of the number pad: four rows of keys.
float number_pad_height(const UiFrame& ui);

} // namespace engage::kiosk
