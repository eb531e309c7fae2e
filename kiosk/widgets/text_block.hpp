#pragma once
// Wrapped text in the person's language: lines are broken in logical order
// and each is turned into display order (FriBiDi + Arabic shaping) before
// ImGui draws it, then aligned to the start side (right for RTL).

#include "kiosk/widgets/ui_frame.hpp"

#include <imgui.h>
#include <string_view>

namespace engage::kiosk {

enum class Align { start, centre, end };

// Height the text takes when wrapped to `width` in `font` (nullptr: current).
float text_height(const UiFrame& ui, ImFont* font, std::string_view logical, float width);
// Height the text's ink may take when wrapped to `width`: text_height()
// less the half leading above its first line and below its last (what a
// layout test sees of it).
float text_ink_height(const UiFrame& ui, ImFont* font, std::string_view logical, float width);
// Width of one unwrapped line of text as it will be displayed.
float text_width(const UiFrame& ui, ImFont* font, std::string_view logical);
// Draws `logical` wrapped into [pos.x, pos.x+width] from pos.y; returns the
// height used. `speak` adds the text to the screen's Read aloud text.
float draw_text(const UiFrame& ui, ImDrawList* dl, ImFont* font, std::string_view logical,
                ImVec2 pos, float width, Align align, ImU32 colour, bool speak = true);
// Draws text into the current ImGui window at the cursor (full content width)
// and advances the cursor; for scrolled lists.
void text_line(const UiFrame& ui, ImFont* font, std::string_view logical, Rgb colour,
               Align align = Align::start, bool speak = true);

} // namespace engage::kiosk
