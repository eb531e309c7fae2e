#pragma once
// The kiosk's options (DESIGN §11): command line first, then the config file
// DIR/kiosk.conf in the data dir ("key = value" lines, '#' comments, a
// `format = 1` line); options on the command line win.
//
//   engage-kiosk --data DIR [--server URL] [--enrol CODE] [--fullscreen]
//                [--headless] [--script FILE] [--screenshot-dir DIR]
//                [--upload-delay SECONDS] [--min-batch N] [--max-wait-days N]
//                [--ca-file F] [--insecure] [--i18n-dir D] [--assets-dir D]
//                [--set-staff-pin] [--test-mode] [--test-hang-after-frames N]
//                [--profile NAME] [--display-request FILE] [--dim-after SECONDS]
//
// Config keys: server, fullscreen, upload_delay, min_batch, max_wait_days,
// ca_file, insecure, i18n_dir, assets_dir, staff_pin_hash, language,
// display_request, dim_after, scan_mode, scan_interval, scan_cycles,
// easy_words.
// `test_mode` is refused in the file: it exists for tests and the demo only.
//
// upload_delay and min_batch have privacy floors (limits.hpp, DESIGN §6
// rule 2): a lower value, from the file or the command line, is refused
// unless --test-mode is given, which no config file can set.

#include "kiosk/input/switch_scanner.hpp"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace engage::kiosk {

// --dim-after bounds. 1 s lets a test see the dimming without a long wait;
// an hour is longer than anyone would leave a closed screen lit on purpose.
inline constexpr int min_dim_after_seconds = 1;
inline constexpr int max_dim_after_seconds = 3600;

// Version of the kiosk.conf format; readers refuse a newer one.
inline constexpr int config_format_version = 1;

struct Options {
    std::filesystem::path data_dir;       // --data (required)
    std::string server_url;               // --server / server; "" = offline only
    std::string enrol_code;               // --enrol (command line only, never stored)
    bool fullscreen = false;              // --fullscreen / fullscreen
    bool headless = false;                // --headless (command line only)
    std::filesystem::path script_file;    // --script (command line only)
    std::filesystem::path screenshot_dir; // --screenshot-dir (command line only)
    // --upload-delay / upload_delay (DESIGN §6 rule 2): each item's wait before it may go.
    // 64-bit, so no accepted value can overflow into "upload at once".
    std::int64_t upload_delay_seconds = 30 * 60;
    std::size_t min_batch = 5; // --min-batch / min_batch: anonymous items per upload at least
    // --max-wait-days / max_wait_days: after this long items go even below min_batch;
    // by then the upload's time says nothing the item's date does not.
    int max_wait_days = 7;
    std::filesystem::path ca_file;      // --ca-file / ca_file: extra CA for a self-signed server
    bool insecure = false;              // --insecure / insecure: allow http:// off loopback
    std::filesystem::path i18n_dir;     // --i18n-dir / i18n_dir; "" = search (see resource_dir)
    std::filesystem::path assets_dir;   // --assets-dir / assets_dir; "" = search
    std::string staff_pin_hash;         // staff_pin_hash (config only): argon2id of the PIN
    std::string default_language{"en"}; // language (config only): attract/first language
    bool set_staff_pin = false;         // --set-staff-pin: read a PIN from stdin, store, exit
    bool show_help = false;             // --help
    // --test-mode (command line only; kiosk.conf cannot set it, packages never pass
    // it): the script's `sync` and Sync now upload at once, ignoring the delay and
    // min_batch; the privacy floors on upload_delay and min_batch are lifted;
    // screenshots of visits are allowed. For tests and the demo only.
    bool test_mode = false;
    // --test-hang-after-frames N (command line only, needs --test-mode): after N
    // frames the main loop stops for good, so a test sees the watchdog pings stop.
    int test_hang_after_frames = 0;
    // --profile NAME (command line only): a device profile from hardware/profiles
    // (kiosk/config/device_profile.hpp), applied by main.
    std::string profile;
    // --display-request FILE / display_request: where the kiosk asks for the
    // display to be dimmed or woken ("dim" or "wake", one line), for a
    // privileged service to carry out (kiosk/platform/display_dimmer.hpp);
    // "" = never asks. The appliance uses /run/engage-kiosk/display.
    std::filesystem::path display_request;
    // --dim-after / dim_after: seconds the closed screen stays lit after the
    // last touch before the kiosk asks for the display to be dimmed. Two
    // minutes: long enough to read the closed screen and find Help now.
    int dim_after_seconds = 120;
    // The text size a visit starts at (0..3); from the profile.
    int default_text_size_step = 0;
    // Switch scanning (config only; kiosk/input/switch_scanner.hpp). scan_mode:
    // off | one-switch | two-switch, what every visit starts with (a switch
    // pressed on the attract screen turns one-switch scanning on when off).
    ScanMode scan_mode = ScanMode::off;
    // scan_interval: seconds (0.5 to 5, e.g. 1.5) the auto-scan rests on each item.
    int scan_interval_ms = default_scan_interval_ms;
    // scan_cycles: full rounds with no press before the auto-scan pauses (1 to 10).
    int scan_cycles = default_scan_cycles;
    // easy_words (config only): whether a visit starts with Easy words on
    // (easy-read wording and pictures); staff choose it for a site whose
    // visitors mostly want it. Off by default; a person can switch it either way.
    bool default_easy_words = false;
};

struct ParsedOptions {
    std::optional<Options> options; // set on success
    std::string error;              // set on failure: one line for stderr
};

// Parses argv and then reads DIR/kiosk.conf (when it exists) beneath the command line.
ParsedOptions parse_options(int argc, const char* const* argv);
// Same from a list of arguments (no program name), for tests.
ParsedOptions parse_options(const std::vector<std::string>& args);
std::string usage(); // the help text

// Reads `file` into `out` where the command line set nothing (`explicit_keys` lists
// config keys already given on the command line). False + error on a bad file.
bool read_config_file(const std::filesystem::path& file, Options& out,
                      const std::vector<std::string>& explicit_keys, std::string& error);
// Sets one key in DIR/kiosk.conf (kept: other lines and comments), written atomically.
bool write_config_value(const std::filesystem::path& data_dir, std::string_view key,
                        std::string_view value, std::string& error);

// --set-staff-pin: reads one line (6–12 digits) from `in`, stores only
// hash_password(pin) as staff_pin_hash. Returns the process exit code; messages to `err`.
int run_set_staff_pin(const Options& options, std::istream& in, std::ostream& err);

// Finds a run-time folder of assets (e.g. "i18n"): `configured` when set,
// else find_asset(name) (engage/assets.hpp: ENGAGE_ASSETS_DIR, then
// share/engage beside the program, then the build tree). Empty when none
// exists, and `error` names what was tried.
std::filesystem::path resource_dir(const std::filesystem::path& configured, std::string_view name,
                                   std::string& error);

} // namespace engage::kiosk
