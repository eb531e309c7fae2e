#include "kiosk/widgets/shapes.hpp"

#include <algorithm>
#include <cmath>

namespace engage::kiosk {

void fill_rounded_rect(ImDrawList* dl, ImVec2 min, ImVec2 max, ImU32 colour, float radius) {
    // On whole pixels: where the three rectangles meet on a fractional row,
    // anti-aliasing left a 1-px seam across a tile.
    min = ImVec2(std::round(min.x), std::round(min.y));
    max = ImVec2(std::round(max.x), std::round(max.y));
    const float r = std::floor(std::min({radius, (max.x - min.x) * 0.5f, (max.y - min.y) * 0.5f}));
    if (r < 1.0f) {
        dl->AddRectFilled(min, max, colour);
        return;
    }
    // Overlaps are painted twice in the same opaque colour, which shows nothing.
    dl->AddRectFilled(ImVec2(min.x, min.y + r), ImVec2(max.x, max.y - r), colour);
    dl->AddRectFilled(ImVec2(min.x + r, min.y), ImVec2(max.x - r, min.y + r), colour);
    dl->AddRectFilled(ImVec2(min.x + r, max.y - r), ImVec2(max.x - r, max.y), colour);
    const int segments = std::clamp(static_cast<int>(r * 0.75f), 8, 24);
    dl->AddCircleFilled(ImVec2(min.x + r, min.y + r), r, colour, segments);
    dl->AddCircleFilled(ImVec2(max.x - r, min.y + r), r, colour, segments);
    dl->AddCircleFilled(ImVec2(min.x + r, max.y - r), r, colour, segments);
    dl->AddCircleFilled(ImVec2(max.x - r, max.y - r), r, colour, segments);
}

} // namespace engage::kiosk
