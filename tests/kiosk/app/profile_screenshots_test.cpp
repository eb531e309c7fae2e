// engage-kiosk --profile NAME, headless: the home screen on each device
// profile, saved in <build>/screenshots/profiles/ for people to look at.
#include "kiosk/config/device_profile.hpp"
#include "kiosk_app_fixture.hpp"

#include <catch2/catch.hpp>
#include <cmath>

using namespace engage::test;
using namespace engage::kiosk;

namespace {

std::filesystem::path profile_shots(const std::string& name) {
    const auto dir =
        std::filesystem::path(ENGAGE_BIN_DIR).parent_path() / "screenshots" / "profiles" / name;
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
    std::filesystem::create_directories(dir);
    return dir;
}

} // namespace

TEST_CASE("each device profile draws the home screen at its size with 15 mm targets",
          "[kiosk][screens][profile]") {
    const auto data = make_kiosk_data();
    const std::string name = GENERATE("panel-10", "aio-15", "aio-22", "totem-portrait");
    INFO(name);
    std::string error;
    const auto profile = load_device_profile(
        name, {std::filesystem::path(ENGAGE_SOURCE_DIR) / "hardware/profiles"}, error);
    REQUIRE(profile);
    const auto shots = profile_shots(name);
    const auto r = run_kiosk_script(*data, R"(tap Touch to start
tap English
shot home
dump home.json
quit
)",
                                    shots, {"--profile", name});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const auto home = read_png(shots / "home.png");
    REQUIRE(home);
    CHECK(home->width == profile->width);
    CHECK(home->height == profile->height);
    // theme.cpp's floor: 15 mm at the profile's density (scale = dpi / 96).
    const double fifteen_mm = std::round(15.0 / 25.4 * 96.0 * profile->scale);
    const auto widgets = read_widgets(shots / "home.json");
    const auto* tile = find_widget(widgets, "home.feedback");
    REQUIRE(tile);
    CHECK(tile->full_h >= fifteen_mm);
    CHECK(tile->full_w >= fifteen_mm);
}

TEST_CASE("an unknown profile name stops the kiosk and lists the known ones", "[kiosk][profile]") {
    const auto data = make_kiosk_data();
    const auto r = run_program({kiosk_program().string(), "--headless", "--data",
                                data->dir.path().string(), "--profile", "tablet-7"});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("unknown device profile 'tablet-7'; known profiles: aio-15, aio-22, "
                     "panel-10, totem-portrait") != std::string::npos);
}
