#pragma once
// How a person steps through the screen with switches (issue 11, DESIGN §8).
// A visit setting (Flow's VisitSettings) and a staff default (kiosk.conf
// `scan_mode`); the scanning itself is kiosk/input/switch_scanner.hpp.

#include <optional>
#include <string_view>

namespace engage::kiosk {

enum class ScanMode {
    off,        // touch, keys (Tab/arrows/Return) only
    one_switch, // auto-scan: the highlight moves by itself, the switch selects
    two_switch, // step scan: switch 1 moves the highlight, switch 2 selects
};

// "off", "one-switch", "two-switch" (the kiosk.conf words).
std::string_view to_string(ScanMode mode);
// The mode named by `text` (the words above), or nullopt.
std::optional<ScanMode> scan_mode_from(std::string_view text);

} // namespace engage::kiosk
