#pragma once
// Draws a QR code for a person to scan with their own phone: dark modules
// on a light background whatever the theme, a quiet zone of kQrQuietZone
// modules, whole pixels per module so it stays sharp.

#include "kiosk/help/qr_code.hpp"
#include "kiosk/widgets/ui_frame.hpp"

#include <imgui.h>

namespace engage::kiosk {

// Side of the drawn code (quiet zone included) for `code` when it must be at
// least `min_side` pixels; modules are whole pixels.
float qr_side(const QrCode& code, float min_side);
// Draws `code` with its top-left corner (quiet zone included) at `pos`.
void draw_qr(const UiFrame& ui, ImDrawList* dl, const QrCode& code, ImVec2 pos, float side);

} // namespace engage::kiosk
