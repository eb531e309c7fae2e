#include "kiosk/widgets/shapes.hpp"

#include <algorithm>

namespace engage::kiosk {

void fill_rounded_rect(ImDrawList* dl, ImVec2 min, ImVec2 max, ImU32 colour, float radius) {
    const float r = std::min({radius, (max.x - min.x) * 0.5f, (max.y - min.y) * 0.5f});
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
