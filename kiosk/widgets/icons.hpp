#pragma once
// Simple pictograms drawn with ImDrawList, keyed by the content's icon names
// (star, shield, tick, cross, half, people, person, hands, food, shower, talk,
// info, health, home, phone, skip, pencil, bed, clock, coat, mail, question,
// snow) and the kiosk's own (feedback, poll, mentor, help, globe, text-size,
// contrast, speaker, speaker-off, restart, back, next, send, keyboard, lock,
// choice, choice-on, read-aloud, delete, easy-words). One picture, one meaning: Read
// aloud is not the speech setting's speaker, Delete is not Back's arrow.
// An unknown name draws a plain dot so every answer still has a mark.
// Faces for the 1..5 scale: very bad .. very good.

#include <imgui.h>
#include <string_view>

namespace engage::kiosk {

// Draws icon `name` centred at `c`, fitting a square of side `size`, in `fg`;
// `bg` is the colour behind it (for cut-outs). `mirror` flips arrows for RTL.
void draw_icon(ImDrawList* dl, std::string_view name, ImVec2 c, float size, ImU32 fg, ImU32 bg,
               bool mirror = false);

// True when draw_icon knows `name` (not the fallback dot).
bool known_icon(std::string_view name);

// A face for scale value 1..5 (1 = very bad, 5 = very good).
void draw_face(ImDrawList* dl, int value, ImVec2 c, float size, ImU32 fg, ImU32 bg);

} // namespace engage::kiosk
