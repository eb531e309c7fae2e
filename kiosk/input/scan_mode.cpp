#include "kiosk/input/scan_mode.hpp"

namespace engage::kiosk {

std::string_view to_string(ScanMode mode) {
    switch (mode) {
    case ScanMode::one_switch:
        return "one-switch";
    case ScanMode::two_switch:
        return "two-switch";
    case ScanMode::off:
    default:
        return "off";
    }
}

std::optional<ScanMode> scan_mode_from(std::string_view text) {
    for (const ScanMode m : {ScanMode::off, ScanMode::one_switch, ScanMode::two_switch}) {
        if (text == to_string(m))
            return m;
    }
    return std::nullopt;
}

} // namespace engage::kiosk
