#pragma once
// Device profiles (issue 13): the touchscreens a centre would buy, one file
// each in hardware/profiles/NAME.conf ("key = value" lines, '#' comments,
// like kiosk.conf). `engage-kiosk --profile NAME` applies one:
//
//   width, height      the panel's pixels (the window size when not fullscreen,
//                      and of headless screenshots)
//   orientation        landscape | portrait (must agree with width and height)
//   scale              the panel's density over 96 dpi: touch targets stay
//                      15 mm on it even where the compositor reports no DPI
//   text_size          the text size a visit starts at, 0 (normal) .. 3
//   renderer           software | gl (see hardware/profiles/README.md for why)
//   rotation           quarter turns cage applies (cage -r), 0..3, for a panel
//                      mounted turned; read by hardware/provision-kiosk.sh
//   touch_calibration  libinput calibration matrix (six numbers); written to
//                      a udev rule by hardware/provision-kiosk.sh
//   description        one line for people
//
// Profiles are looked for in /etc/engage-kiosk/profiles (a centre's own),
// then beside the build (hardware/profiles), then /usr/share/engage/profiles.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace engage::kiosk {

enum class RendererChoice { automatic, software, gl };

struct DeviceProfile {
    std::string name;
    std::string description;
    int width = 1280;
    int height = 800;
    bool portrait = false;
    float scale = 1.0f;
    int text_size_step = 0;
    RendererChoice renderer = RendererChoice::automatic;
    int rotation = 0;
    std::string touch_calibration; // "" = the panel's own mapping
};

// Reads one profile file; nullopt + error (naming file and line) when it is bad.
std::optional<DeviceProfile> read_device_profile(const std::filesystem::path& file,
                                                 std::string& error);

// The folders searched, in order: /etc/engage-kiosk/profiles, then the
// shipped profiles found by find_asset("profiles").
std::vector<std::filesystem::path> profile_dirs();
// Every profile name found in `dirs` (sorted, each once).
std::vector<std::string> known_profiles(const std::vector<std::filesystem::path>& dirs);
// The first `dirs`/NAME.conf. An unknown name's error lists the known ones.
std::optional<DeviceProfile> load_device_profile(std::string_view name,
                                                 const std::vector<std::filesystem::path>& dirs,
                                                 std::string& error);

} // namespace engage::kiosk
