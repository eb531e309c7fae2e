#include "kiosk/config/device_profile.hpp"

#include "engage/assets.hpp"
#include "engage/text.hpp"
#include "kiosk/config/options.hpp"
#include "kiosk/flow/text_size.hpp"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <set>
#include <sstream>

namespace engage::kiosk {

namespace {

using text::trim;

// Larger than any panel a kiosk uses (8K), and no smaller than the UI can lay out.
constexpr int min_side = 320;
constexpr int max_side = 7680;
// 0.5: a 48 dpi wall screen; 4: a 384 dpi phone-class panel.
constexpr float min_scale = 0.5f;
constexpr float max_scale = 4.0f;
// A profile is a few dozen lines; anything bigger is not one.
constexpr std::uintmax_t max_profile_bytes = 64 * 1024;

bool parse_int(std::string_view s, int min, int max, int& out) {
    int v = 0;
    const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc{} || p != s.data() + s.size() || v < min || v > max)
        return false;
    out = v;
    return true;
}

bool parse_float(std::string_view s, float min, float max, float& out) {
    float v = 0;
    const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc{} || p != s.data() + s.size() || !(v >= min && v <= max))
        return false;
    out = v;
    return true;
}

// Six numbers, as libinput's LIBINPUT_CALIBRATION_MATRIX takes them.
bool valid_matrix(std::string_view s) {
    std::istringstream in{std::string(s)};
    int count = 0;
    for (std::string word; in >> word; ++count) {
        float v = 0;
        const auto [p, ec] = std::from_chars(word.data(), word.data() + word.size(), v);
        if (ec != std::errc{} || p != word.data() + word.size())
            return false;
    }
    return count == 6;
}

bool apply(DeviceProfile& p, std::string_view key, std::string_view value, std::string& error) {
    if (key == "description") {
        p.description = value;
    } else if (key == "width" || key == "height") {
        if (!parse_int(value, min_side, max_side, key == "width" ? p.width : p.height)) {
            error = std::string(key) + " must be a number of pixels from " +
                    std::to_string(min_side) + " to " + std::to_string(max_side);
            return false;
        }
    } else if (key == "orientation") {
        if (value != "landscape" && value != "portrait") {
            error = "orientation must be landscape or portrait";
            return false;
        }
        p.portrait = value == "portrait";
    } else if (key == "scale") {
        if (!parse_float(value, min_scale, max_scale, p.scale)) {
            error = "scale must be a number from 0.5 to 4 (the panel's dpi / 96)";
            return false;
        }
    } else if (key == "text_size") {
        if (!parse_int(value, 0, max_text_size_step, p.text_size_step)) {
            error = "text_size must be 0 (normal) to " + std::to_string(max_text_size_step) +
                    " (largest)";
            return false;
        }
    } else if (key == "renderer") {
        if (value == "software")
            p.renderer = RendererChoice::software;
        else if (value == "gl")
            p.renderer = RendererChoice::gl;
        else {
            error = "renderer must be software or gl";
            return false;
        }
    } else if (key == "rotation") {
        if (!parse_int(value, 0, 3, p.rotation)) {
            error = "rotation must be 0 to 3 quarter turns";
            return false;
        }
    } else if (key == "touch_calibration") {
        if (!valid_matrix(value)) {
            error = "touch_calibration must be six numbers (a libinput calibration matrix)";
            return false;
        }
        p.touch_calibration = value;
    } else {
        error = "unknown profile setting '" + std::string(key) + "'";
        return false;
    }
    return true;
}

// A name is a file name, never a path: `--profile ../../x` must not escape.
bool valid_name(std::string_view name) {
    return !name.empty() && name.size() <= 64 && std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    });
}

} // namespace

std::optional<DeviceProfile> read_device_profile(const std::filesystem::path& file,
                                                 std::string& error) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(file, ec);
    if (ec || size > max_profile_bytes) {
        error = file.string() + ": " + (ec ? ec.message() : "too big for a profile");
        return std::nullopt;
    }
    std::ifstream in(file);
    if (!in) {
        error = file.string() + ": cannot be read";
        return std::nullopt;
    }
    DeviceProfile p;
    p.name = file.stem().string();
    bool orientation_given = false;
    std::string line;
    for (int line_no = 1; std::getline(in, line); ++line_no) {
        const auto t = trim(line);
        if (t.empty() || t.front() == '#')
            continue;
        const auto eq = t.find('=');
        std::string why = "expected 'key = value'";
        if (eq == std::string_view::npos ||
            !apply(p, trim(t.substr(0, eq)), trim(t.substr(eq + 1)), why)) {
            error = file.string() + ":" + std::to_string(line_no) + ": " + why;
            return std::nullopt;
        }
        orientation_given |= trim(t.substr(0, eq)) == "orientation";
    }
    if (orientation_given && p.portrait != (p.height > p.width)) {
        error = file.string() + ": orientation " + (p.portrait ? "portrait" : "landscape") +
                " disagrees with " + std::to_string(p.width) + "x" + std::to_string(p.height);
        return std::nullopt;
    }
    p.portrait = p.height > p.width;
    return p;
}

std::vector<std::filesystem::path> profile_dirs() {
    // A centre's own profiles first, then the shipped ones wherever the
    // assets are (installed, or the build tree's links to hardware/profiles).
    std::vector<std::filesystem::path> dirs{"/etc/engage-kiosk/profiles"};
    if (auto shipped = find_asset("profiles"); !shipped.path.empty())
        dirs.push_back(shipped.path);
    return dirs;
}

std::vector<std::string> known_profiles(const std::vector<std::filesystem::path>& dirs) {
    std::set<std::string> names;
    for (const auto& dir : dirs) {
        std::error_code ec;
        for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
            const auto& path = entry.path();
            if (path.extension() == ".conf" && valid_name(path.stem().string()))
                names.insert(path.stem().string());
        }
    }
    return {names.begin(), names.end()};
}

std::optional<DeviceProfile> load_device_profile(std::string_view name,
                                                 const std::vector<std::filesystem::path>& dirs,
                                                 std::string& error) {
    if (valid_name(name)) {
        for (const auto& dir : dirs) {
            const auto file = dir / (std::string(name) + ".conf");
            std::error_code ec;
            if (std::filesystem::is_regular_file(file, ec))
                return read_device_profile(file, error);
        }
    }
    const auto known = known_profiles(dirs);
    error = "unknown device profile '" + std::string(name) + "'; known profiles: ";
    if (known.empty())
        error += "none (looked in";
    for (std::size_t i = 0; i < known.size(); ++i) {
        if (i > 0)
            error += ", ";
        error += known[i];
    }
    if (known.empty()) {
        for (const auto& dir : dirs) {
            error += ' ';
            error += dir.string();
        }
        error += ")";
    }
    return std::nullopt;
}

} // namespace engage::kiosk
