#include "kiosk/widgets/qr_view.hpp"

#include <cmath>

namespace engage::kiosk {

float qr_side(const QrCode& code, float min_side) {
    const int modules = code.size + 2 * kQrQuietZone;
    const float per = std::ceil(min_side / static_cast<float>(modules));
    return per * static_cast<float>(modules);
}

void draw_qr(const UiFrame& ui, ImDrawList* dl, const QrCode& code, ImVec2 pos, float side) {
    const int modules = code.size + 2 * kQrQuietZone;
    const float per = std::floor(side / static_cast<float>(modules));
    const ImVec2 p(std::floor(pos.x), std::floor(pos.y));
    const float drawn = per * static_cast<float>(modules);
    dl->AddRectFilled(p, ImVec2(p.x + drawn, p.y + drawn), to_u32(ui.theme->qr_light));
    const ImU32 dark = to_u32(ui.theme->qr_dark);
    for (int y = 0; y < code.size; ++y) {
        // Runs of dark modules become one rectangle: fewer vertices per frame.
        int x = 0;
        while (x < code.size) {
            if (!code.dark(x, y)) {
                ++x;
                continue;
            }
            const int start = x;
            while (x < code.size && code.dark(x, y))
                ++x;
            const float x0 = p.x + static_cast<float>(start + kQrQuietZone) * per;
            const float x1 = p.x + static_cast<float>(x + kQrQuietZone) * per;
            const float y0 = p.y + static_cast<float>(y + kQrQuietZone) * per;
            dl->AddRectFilled(ImVec2(x0, y0), ImVec2(x1, y0 + per), dark);
        }
    }
}

} // namespace engage::kiosk
