#pragma once
// Filled shapes drawn so the software renderer stays fast: SDL's software
// renderer copies axis-aligned rectangles with its blitters but rasterises any
// other triangle pixel by pixel, so a big rounded rectangle is drawn as three
// plain rectangles plus four small corner discs (same look, ~2x faster frames).

#include <imgui.h>

namespace engage::kiosk {

// A filled rectangle with rounded corners of `radius` in an opaque colour.
void fill_rounded_rect(ImDrawList* dl, ImVec2 min, ImVec2 max, ImU32 colour, float radius);

} // namespace engage::kiosk
