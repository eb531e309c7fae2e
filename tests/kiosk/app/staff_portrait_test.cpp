// Staff screens on a portrait panel (issue 11): the PIN pad and the
// enrolment-code keyboard (seven rows tall there) had never been looked at
// on one. The PIN pad's keys were 425 px wide, ran off both sides of an
// 800 px screen and lay under Cancel. Staff screens start a new visit's
// settings (the visit is wiped first), so their text size is the device
// profile's: a profile for an 800x1280 panel at size 0 and at size 4.
// Screenshots: <build>/screenshots/kiosk-app/staff-portrait-size<N>/.
#include "kiosk/widgets/theme.hpp"
#include "kiosk_app_fixture.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

using namespace engage::test;
namespace kiosk = engage::kiosk;

namespace {

constexpr int kWidth = 800;
constexpr int kHeight = 1280;
constexpr double kTolerance = 1.0;
constexpr std::string_view kPin = "246813";

std::string describe(const DumpedBox& b) {
    std::ostringstream o;
    o << b.id << " [" << b.x << "," << b.y << " " << b.full_w << "x" << b.full_h << "]";
    return o.str();
}

bool starts_with(std::string_view s, std::string_view p) {
    return s.rfind(p, 0) == 0;
}

// Faults of the widgets whose ids start with one of `prefixes`: smaller than
// the minimum target (`targets` only), not wholly in the window, or on top
// of another.
std::vector<std::string> faults_of(const std::vector<DumpedBox>& all,
                                   const std::vector<std::string_view>& prefixes,
                                   const std::vector<std::string_view>& targets,
                                   double min_target) {
    std::vector<std::string> faults;
    std::vector<const DumpedBox*> mine;
    for (const auto& b : all) {
        if (b.text)
            continue;
        if (std::none_of(prefixes.begin(), prefixes.end(),
                         [&b](std::string_view p) { return starts_with(b.id, p); }))
            continue;
        mine.push_back(&b);
        const bool target = std::any_of(targets.begin(), targets.end(),
                                        [&b](std::string_view p) { return starts_with(b.id, p); });
        if (target && std::min(b.full_w, b.full_h) < min_target - 0.5)
            faults.push_back(describe(b) + " is smaller than the minimum target");
        if (!b.visible || b.w < b.full_w - kTolerance || b.h < b.full_h - kTolerance ||
            b.x < -kTolerance || b.y < -kTolerance || b.x + b.w > kWidth + kTolerance ||
            b.y + b.h > kHeight + kTolerance)
            faults.push_back(describe(b) + " is not wholly in the window");
    }
    if (mine.empty())
        faults.push_back("none of the widgets");
    for (std::size_t i = 0; i < mine.size(); ++i)
        for (std::size_t j = i + 1; j < mine.size(); ++j) {
            if (boxes_overlap(*mine[i], *mine[j], kTolerance))
                faults.push_back(describe(*mine[i]) + " overlaps " + describe(*mine[j]));
        }
    return faults;
}

std::string joined(const std::vector<std::string>& faults) {
    std::string all;
    for (const auto& f : faults)
        all += "  " + f + "\n";
    return all;
}

} // namespace

TEST_CASE("on a portrait screen the staff PIN pad and the enrolment-code keyboard keep every key "
          "whole, apart and at least the minimum target, with the code box in view, at text "
          "sizes 0 and 4",
          "[kiosk][screens][staff][portrait]") {
    KioskDataOptions options;
    options.staff_pin = std::string(kPin);
    const auto data = make_kiosk_data(options);
    const int step = GENERATE(0, static_cast<int>(kiosk::kTextScales.size()) - 1);
    CAPTURE(step);
    // A device profile sets the text size staff screens start at; it is read
    // from the assets' profiles/, so the assets here are the build's with a
    // profile of our own beside them.
    const TempDir assets_dir("engage-staff-portrait");
    const std::filesystem::path assets = assets_dir.path();
    const auto shipped = std::filesystem::path(ENGAGE_BIN_DIR).parent_path() / "share" / "engage";
    for (const auto& entry : std::filesystem::directory_iterator(shipped))
        if (entry.path().filename() != "profiles")
            std::filesystem::create_directory_symlink(std::filesystem::canonical(entry.path()),
                                                      assets / entry.path().filename());
    std::filesystem::create_directories(assets / "profiles");
    std::ofstream(assets / "profiles" / "tall.conf")
        << "description = an 800x1280 portrait panel for a test\nwidth = " << kWidth
        << "\nheight = " << kHeight << "\norientation = portrait\nscale = 1\ntext_size = " << step
        << "\nrenderer = software\n";
    std::ostringstream script;
    script << "tap attract.start\nhold top.corner 3300\nshot pin\ndump pin.json\n";
    for (const char d : kPin)
        script << "tap pin." << d << "\n";
    script << "tap pin.ok\nawait staff.close 30000\nshot staff\ntap staff.reenrol\n"
              "tap code.a\ntap code.b\nshot code\ndump code.json\nquit\n";
    const auto shots = screenshot_dir("staff-portrait-size" + std::to_string(step));
    const auto r = run_kiosk_script(*data, script.str(), shots, {"--profile", "tall"},
                                    {"ENGAGE_ASSETS_DIR=" + assets.string()});
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    const double min_target = kiosk::metrics_for(kWidth, kHeight, 1.0f, step).min_target;

    SECTION("the PIN pad's keys and Cancel") {
        const auto faults = faults_of(read_layout(shots / "pin.json"), {"pin.", "staff.cancel"},
                                      {"pin.", "staff.cancel"}, min_target);
        INFO(joined(faults));
        CHECK(faults.empty());
    }
    SECTION("the enrolment code's keys, its box and the buttons under them") {
        const auto dump = read_layout(shots / "code.json");
        const auto faults = faults_of(dump, {"code.", "staff.code_"},
                                      {"code.", "staff.code_ok", "staff.code_cancel"}, min_target);
        INFO(joined(faults));
        CHECK(faults.empty());
        // The box above the first row of keys.
        const auto box = std::find_if(dump.begin(), dump.end(), [](const DumpedBox& b) {
            return !b.text && b.id == "staff.code_box";
        });
        REQUIRE(box != dump.end());
        double keys_top = kHeight;
        for (const auto& b : dump)
            if (!b.text && starts_with(b.id, "code."))
                keys_top = std::min(keys_top, b.y);
        CHECK(box->y + box->h <= keys_top + kTolerance);
    }
}
