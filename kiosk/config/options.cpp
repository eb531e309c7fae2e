#include "kiosk/config/options.hpp"

#include "engage/assets.hpp"
#include "engage/limits.hpp"
#include "engage/sealing.hpp"
#include "engage/text.hpp"
#include "kiosk/config/data_dir.hpp"
#include "kiosk/flow/signup_sealing.hpp"

#include <algorithm>
#include <charconv>
#include <istream>
#include <limits>
#include <ostream>
#include <sstream>

namespace engage::kiosk {

namespace {

// A year: longer and answers lose their use; 1 day at least, or min_batch means little.
constexpr long max_wait_days_limit = 365;
// Six digits: with the growing lock-out (kiosk/staff/pin_lockout.hpp) a
// guesser gets well under a hundred tries a day out of a million PINs.
constexpr std::size_t min_pin_digits = 6;
constexpr std::size_t max_pin_digits = 12;

using text::trim;

bool parse_long(std::string_view text, long min, long max, long& out) {
    long v = 0;
    const auto* end = text.data() + text.size();
    auto [p, ec] = std::from_chars(text.data(), end, v);
    if (ec != std::errc{} || p != end || v < min || v > max) {
        return false;
    }
    out = v;
    return true;
}

bool parse_bool(std::string_view text, bool& out) {
    if (text == "true" || text == "yes" || text == "1" || text == "on") {
        out = true;
        return true;
    }
    if (text == "false" || text == "no" || text == "0" || text == "off") {
        out = false;
        return true;
    }
    return false;
}

// Seconds with up to three decimals ("1.5") as whole milliseconds in [min_ms, max_ms].
bool parse_seconds_ms(std::string_view text, int min_ms, int max_ms, int& out) {
    double v = 0;
    const auto* end = text.data() + text.size();
    auto [p, ec] = std::from_chars(text.data(), end, v, std::chars_format::fixed);
    if (ec != std::errc{} || p != end || !(v * 1000 >= min_ms - 0.5) || !(v * 1000 <= max_ms + 0.5))
        return false;
    out = static_cast<int>(v * 1000 + 0.5);
    return true;
}

std::string seconds_text(int ms) {
    std::string s = std::to_string(ms / 1000);
    if (ms % 1000 != 0) {
        s += "." + std::to_string(1000 + ms % 1000).substr(1);
        while (s.back() == '0')
            s.pop_back();
    }
    return s;
}

// Applies one config key (from the file or the command line). False + error on a bad value.
bool apply_key(Options& o, std::string_view key, std::string_view value, std::string& error) {
    long n = 0;
    if (key == "server") {
        o.server_url = value;
    } else if (key == "fullscreen") {
        if (!parse_bool(value, o.fullscreen)) {
            error = "fullscreen must be true or false";
            return false;
        }
    } else if (key == "insecure") {
        if (!parse_bool(value, o.insecure)) {
            error = "insecure must be true or false";
            return false;
        }
    } else if (key == "upload_delay") {
        // The floor is checked once all options are in (check_privacy_floors):
        // --test-mode may come later on the command line.
        if (!parse_long(value, 0, limits::max_upload_delay_seconds, n)) {
            error = "upload delay must be a number of seconds from 0 to " +
                    std::to_string(limits::max_upload_delay_seconds);
            return false;
        }
        o.upload_delay_seconds = static_cast<std::int64_t>(n);
    } else if (key == "min_batch") {
        if (!parse_long(value, 1, static_cast<long>(limits::max_upload_batch), n)) {
            error = "min batch must be a number of submissions from 1 to " +
                    std::to_string(limits::max_upload_batch);
            return false;
        }
        o.min_batch = static_cast<std::size_t>(n);
    } else if (key == "max_wait_days") {
        if (!parse_long(value, 1, max_wait_days_limit, n)) {
            error = "max wait days must be a number of days from 1 to " +
                    std::to_string(max_wait_days_limit);
            return false;
        }
        o.max_wait_days = static_cast<int>(n);
    } else if (key == "test_mode") {
        // A file on the kiosk's disk must never be able to switch privacy off.
        error = "test_mode cannot be set in a config file (it is the --test-mode switch for "
                "tests and the demo only)";
        return false;
    } else if (key == "ca_file") {
        o.ca_file = std::string(value);
    } else if (key == "i18n_dir") {
        o.i18n_dir = std::string(value);
    } else if (key == "assets_dir") {
        o.assets_dir = std::string(value);
    } else if (key == "display_request") {
        o.display_request = std::string(value);
    } else if (key == "dim_after") {
        if (!parse_long(value, min_dim_after_seconds, max_dim_after_seconds, n)) {
            error = "dim after must be a number of seconds from " +
                    std::to_string(min_dim_after_seconds) + " to " +
                    std::to_string(max_dim_after_seconds);
            return false;
        }
        o.dim_after_seconds = static_cast<int>(n);
    } else if (key == "scan_mode") {
        const auto mode = scan_mode_from(value);
        if (!mode) {
            error = "scan mode must be off, one-switch or two-switch";
            return false;
        }
        o.scan_mode = *mode;
    } else if (key == "scan_interval") {
        if (!parse_seconds_ms(value, min_scan_interval_ms, max_scan_interval_ms,
                              o.scan_interval_ms)) {
            error = "scan interval must be a number of seconds from " +
                    seconds_text(min_scan_interval_ms) + " to " +
                    seconds_text(max_scan_interval_ms) + " (e.g. 1.5)";
            return false;
        }
    } else if (key == "scan_cycles") {
        if (!parse_long(value, min_scan_cycles, max_scan_cycles, n)) {
            error = "scan cycles must be a number of rounds from " +
                    std::to_string(min_scan_cycles) + " to " + std::to_string(max_scan_cycles);
            return false;
        }
        o.scan_cycles = static_cast<int>(n);
    } else if (key == "staff_pin_hash") {
        o.staff_pin_hash = value;
    } else if (key == "language") {
        o.default_language = value;
    } else if (key == "easy_words") {
        if (!parse_bool(value, o.default_easy_words)) {
            error = "easy_words must be true or false";
            return false;
        }
    } else if (key == "format") {
        if (!parse_long(value, 1, 1000, n)) {
            error = "format must be a number";
            return false;
        }
        if (n > config_format_version) {
            error = "config format " + std::to_string(n) + " is newer than this kiosk reads (" +
                    std::to_string(config_format_version) + ")";
            return false;
        }
    } else if (key == "test_mode") {
        error = "test mode can only be asked for on the command line (--test-mode)";
        return false;
    } else {
        error = "unknown setting '" + std::string(key) + "'";
        return false;
    }
    return true;
}

// DESIGN §6 rule 2: an upload soon after a visit, or of very few items, lets
// a watcher link an answer to a person. Empty when `o` keeps the floors (or
// is in test mode), else why not.
std::string below_privacy_floor(const Options& o, std::string_view key) {
    if (o.test_mode) {
        return {};
    }
    if (key == "upload_delay" && o.upload_delay_seconds < limits::min_upload_delay_seconds) {
        return "upload delay " + std::to_string(o.upload_delay_seconds) +
               " s is below the privacy floor of " +
               std::to_string(limits::min_upload_delay_seconds) +
               " s (only --test-mode allows less)";
    }
    if (key == "min_batch" && o.min_batch < limits::min_upload_batch) {
        return "min batch " + std::to_string(o.min_batch) + " is below the privacy floor of " +
               std::to_string(limits::min_upload_batch) + " (only --test-mode allows less)";
    }
    return {};
}

} // namespace

std::string usage() {
    return "usage: engage-kiosk --data DIR [--server URL] [--enrol CODE] [--fullscreen]\n"
           "                    [--headless] [--script FILE] [--screenshot-dir DIR]\n"
           "                    [--upload-delay SECONDS] [--min-batch N] [--max-wait-days N]\n"
           "                    [--ca-file FILE] [--insecure] [--i18n-dir DIR]\n"
           "                    [--assets-dir DIR] [--profile NAME]\n"
           "                    [--display-request FILE] [--dim-after SECONDS]\n"
           "                    [--test-mode]   (tests and demos only: lifts the privacy\n"
           "                                     floors on --upload-delay and --min-batch)\n"
           "                    [--test-hang-after-frames N]   (tests only, with --test-mode:\n"
           "                                     the main loop stops after N frames)\n"
           "       engage-kiosk --data DIR --set-staff-pin   (6-12 digits; not shown when typed)\n"
           "Settings may also be put in DIR/kiosk.conf as 'key = value' lines;\n"
           "options given here win.\n";
}

ParsedOptions parse_options(int argc, const char* const* argv) {
    std::vector<std::string> args;
    for (int i = 1; i < argc; ++i) {
        args.emplace_back(argv[i]);
    }
    return parse_options(args);
}

ParsedOptions parse_options(const std::vector<std::string>& args) {
    ParsedOptions result;
    Options o;
    std::vector<std::string> explicit_keys;
    // Options with a value and the config key they stand for ("" = command line only).
    struct Valued {
        std::string_view flag;
        std::string_view key;
    };
    static constexpr Valued valued[] = {
        {"--data", ""},
        {"--server", "server"},
        {"--enrol", ""},
        {"--script", ""},
        {"--screenshot-dir", ""},
        {"--upload-delay", "upload_delay"},
        {"--min-batch", "min_batch"},
        {"--max-wait-days", "max_wait_days"},
        {"--ca-file", "ca_file"},
        {"--i18n-dir", "i18n_dir"},
        {"--assets-dir", "assets_dir"},
        {"--test-hang-after-frames", ""},
        {"--profile", ""},
        {"--display-request", "display_request"},
        {"--dim-after", "dim_after"},
    };
    for (std::size_t i = 0; i < args.size(); ++i) {
        std::string_view arg = args[i];
        std::string inline_value;
        bool has_inline = false;
        if (auto eq = arg.find('='); arg.starts_with("--") && eq != std::string_view::npos) {
            inline_value = arg.substr(eq + 1);
            arg = arg.substr(0, eq);
            has_inline = true;
        }
        const auto* v = std::find_if(std::begin(valued), std::end(valued),
                                     [&](const Valued& x) { return x.flag == arg; });
        if (v != std::end(valued)) {
            std::string value;
            if (has_inline) {
                value = inline_value;
            } else if (i + 1 < args.size()) {
                value = args[++i];
            } else {
                result.error = std::string(arg) + " needs a value";
                return result;
            }
            if (arg == "--data") {
                o.data_dir = value;
            } else if (arg == "--enrol") {
                o.enrol_code = value;
            } else if (arg == "--script") {
                o.script_file = value;
            } else if (arg == "--screenshot-dir") {
                o.screenshot_dir = value;
            } else if (arg == "--profile") {
                o.profile = value;
            } else if (arg == "--test-hang-after-frames") {
                long frames = 0;
                if (!parse_long(value, 1, std::numeric_limits<int>::max(), frames)) {
                    result.error = "--test-hang-after-frames needs a number of frames from 1";
                    return result;
                }
                o.test_hang_after_frames = static_cast<int>(frames);
            } else if (!apply_key(o, v->key, value, result.error)) {
                result.error = std::string(arg) + ": " + result.error;
                return result;
            } else {
                explicit_keys.emplace_back(v->key);
            }
            continue;
        }
        if (has_inline) {
            result.error = "unknown option " + std::string(arg);
            return result;
        }
        if (arg == "--fullscreen") {
            o.fullscreen = true;
            explicit_keys.emplace_back("fullscreen");
        } else if (arg == "--insecure") {
            o.insecure = true;
            explicit_keys.emplace_back("insecure");
        } else if (arg == "--test-mode") {
            o.test_mode = true;
        } else if (arg == "--headless") {
            o.headless = true;
        } else if (arg == "--set-staff-pin") {
            o.set_staff_pin = true;
        } else if (arg == "--test-mode") {
            o.test_mode = true;
        } else if (arg == "--help" || arg == "-h") {
            o.show_help = true;
            result.options = std::move(o);
            return result;
        } else {
            result.error = "unknown option " + std::string(arg);
            return result;
        }
    }
    if (o.data_dir.empty()) {
        result.error = "--data DIR is required";
        return result;
    }
    if (o.test_hang_after_frames != 0 && !o.test_mode) {
        // A hung kiosk is only ever wanted by a test of the watchdog.
        result.error = "--test-hang-after-frames needs --test-mode";
        return result;
    }
    for (const std::string_view key : {"upload_delay", "min_batch"}) {
        if (const auto why = below_privacy_floor(o, key);
            !why.empty() &&
            std::find(explicit_keys.begin(), explicit_keys.end(), key) != explicit_keys.end()) {
            result.error =
                "--" + std::string(key == "min_batch" ? "min-batch" : "upload-delay") + ": " + why;
            return result;
        }
    }
    const auto conf = o.data_dir / "kiosk.conf";
    std::error_code ec;
    if (std::filesystem::exists(conf, ec)) {
        if (!read_config_file(conf, o, explicit_keys, result.error)) {
            return result;
        }
    }
    result.options = std::move(o);
    return result;
}

bool read_config_file(const std::filesystem::path& file, Options& out,
                      const std::vector<std::string>& explicit_keys, std::string& error) {
    auto text = read_file(file);
    if (!text) {
        error = "cannot read " + file.string();
        return false;
    }
    std::istringstream in(*text);
    std::string line;
    int line_no = 0;
    while (std::getline(in, line)) {
        ++line_no;
        const auto t = trim(line);
        if (t.empty() || t.front() == '#') {
            continue;
        }
        const auto eq = t.find('=');
        if (eq == std::string_view::npos) {
            error = file.string() + ":" + std::to_string(line_no) + ": expected 'key = value'";
            return false;
        }
        const auto key = trim(t.substr(0, eq));
        const auto value = trim(t.substr(eq + 1));
        if (std::find(explicit_keys.begin(), explicit_keys.end(), key) != explicit_keys.end()) {
            continue; // the command line wins
        }
        std::string why;
        if (!apply_key(out, key, value, why)) {
            error = file.string() + ":" + std::to_string(line_no) + ": " + why;
            return false;
        }
        if (why = below_privacy_floor(out, key); !why.empty()) {
            error = file.string() + ":" + std::to_string(line_no) + ": " + why;
            return false;
        }
    }
    return true;
}

bool write_config_value(const std::filesystem::path& data_dir, std::string_view key,
                        std::string_view value, std::string& error) {
    const auto file = data_dir / "kiosk.conf";
    std::string existing = read_file(file).value_or("");
    std::istringstream in(existing);
    std::string out;
    std::string line;
    bool replaced = false;
    bool has_format = false;
    while (std::getline(in, line)) {
        const auto t = trim(line);
        const auto eq = t.find('=');
        if (!t.empty() && t.front() != '#' && eq != std::string_view::npos) {
            const auto k = trim(t.substr(0, eq));
            if (k == "format") {
                has_format = true;
            }
            if (k == key) {
                if (!replaced) {
                    out += std::string(key) + " = " + std::string(value) + "\n";
                    replaced = true;
                }
                continue;
            }
        }
        out += line + "\n";
    }
    if (!has_format) {
        out = "# engage-kiosk settings (key = value); command-line options win.\nformat = " +
              std::to_string(config_format_version) + "\n" + out;
    }
    if (!replaced) {
        out += std::string(key) + " = " + std::string(value) + "\n";
    }
    // The file may hold the PIN's hash: private to the kiosk's user.
    return write_file_atomically(file, out, 0600, error);
}

int run_set_staff_pin(const Options& options, std::istream& in, std::ostream& err) {
    std::string pin;
    pin.reserve(256); // no reallocation, so no unwiped copy of a long line
    std::getline(in, pin);
    std::string t(trim(pin));
    wipe_string(pin);
    const bool digits =
        std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!digits || t.size() < min_pin_digits || t.size() > max_pin_digits) {
        wipe_string(t);
        err << "the staff PIN must be " << min_pin_digits << " to " << max_pin_digits
            << " digits\n";
        return 2;
    }
    std::string error;
    const std::string hash = hash_password(t);
    wipe_string(t);
    if (!ensure_data_dir(options.data_dir, error) ||
        !write_config_value(options.data_dir, "staff_pin_hash", hash, error)) {
        err << "could not store the staff PIN: " << error << "\n";
        return 1;
    }
    err << "staff PIN set (only its hash is kept)\n";
    return 0;
}

std::filesystem::path resource_dir(const std::filesystem::path& configured, std::string_view name,
                                   std::string& error) {
    std::error_code ec;
    if (!configured.empty()) {
        if (std::filesystem::is_directory(configured, ec)) {
            return configured;
        }
        error = configured.string() + " is not a folder";
        return {};
    }
    auto found = find_asset(name);
    if (!found) {
        error = found.error;
        return {};
    }
    return found.path;
}

} // namespace engage::kiosk
