#pragma once
// The text sizes a visit can choose with A- / A+, shared by the flow (which
// step a visit is at), the theme (how big each step is) and the device
// profile (the step a visit starts at). One number, so none of them can
// offer a size another does not draw.

namespace engage::kiosk {

// 0 is the normal size; each step is larger; max_text_size_step is the
// largest (nearly twice the normal size: kiosk/widgets/theme.hpp).
inline constexpr int max_text_size_step = 4;

} // namespace engage::kiosk
