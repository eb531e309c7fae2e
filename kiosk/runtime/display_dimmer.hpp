#pragma once
// Dims the display while the kiosk shows its closed screen and nobody touches
// it, and wakes it at the first touch or key (issue 13: "dimmed outside the
// site's opening hours and woken by touch to the kiosk's closed screen").
//
// The kiosk runs unprivileged and cannot write the backlight itself. It
// writes one word, "dim" or "wake", to a request file (the appliance uses
// /run/engage-kiosk/display); a systemd path unit sees the file change and
// runs hardware/kiosk-display.sh as root, which sets the backlight or the
// monitor's brightness over DDC/CI. So the closed screen, whose hours come
// from the site, decides when; the script only knows how.
//
// The screen is dimmed, never switched off: a touch still lands on the closed
// screen, and its Help now button works even before the light comes back.
//
// Not thread-safe: the UI thread's only.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace engage::kiosk {

enum class DisplayLevel { bright, dim };

// The decision alone, with no I/O: what the display should be now.
class DimPolicy {
public:
    explicit DimPolicy(std::int64_t dim_after_ms) : dim_after_ms_(dim_after_ms) {}

    // The level wanted at `now_ms` when the last touch or key was at
    // `last_input_ms` and `closed` says whether the closed screen is shown.
    DisplayLevel wanted(bool closed, std::int64_t last_input_ms, std::int64_t now_ms) const;
    // When wanted() next changes on its own (the dimming moment), or nullopt.
    std::optional<std::int64_t> next_change(bool closed, std::int64_t last_input_ms,
                                            std::int64_t now_ms) const;

private:
    std::int64_t dim_after_ms_;
};

class DisplayDimmer {
public:
    // `request_file` "" = never asks (a desktop, a test, no appliance).
    DisplayDimmer(std::filesystem::path request_file, std::int64_t dim_after_ms);

    // After every wake of the main loop. Writes the request when the wanted
    // level differs from the last one asked for; the first call asks for
    // "wake", so a kiosk restarted while dimmed lights the screen again.
    void update(bool closed, std::int64_t last_input_ms, std::int64_t now_ms);
    // When the main loop must wake for the next change, or nullopt.
    std::optional<std::int64_t> next_deadline(bool closed, std::int64_t last_input_ms,
                                              std::int64_t now_ms) const;
    // The last level asked for (nullopt before the first update).
    std::optional<DisplayLevel> asked() const { return asked_; }

private:
    bool write_request(DisplayLevel level);

    std::filesystem::path file_;
    DimPolicy policy_;
    std::optional<DisplayLevel> asked_;
    std::string last_error_; // said once, not at every frame
};

} // namespace engage::kiosk
