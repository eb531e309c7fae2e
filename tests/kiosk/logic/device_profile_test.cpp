// Device profiles (hardware/profiles/*.conf): the shipped ones read and say
// what the README promises; bad files and names are refused plainly.
#include "kiosk/config/device_profile.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>
#include <fstream>

using namespace engage::kiosk;

namespace {

const std::filesystem::path shipped =
    std::filesystem::path(ENGAGE_SOURCE_DIR) / "hardware/profiles";

void write(const std::filesystem::path& file, std::string_view text) {
    std::ofstream(file) << text;
}

} // namespace

TEST_CASE("the shipped device profiles read and describe their panels", "[config][profile]") {
    const std::vector<std::filesystem::path> dirs{shipped};
    CHECK(known_profiles(dirs) ==
          std::vector<std::string>{"aio-15", "aio-22", "panel-10", "totem-portrait"});
    struct Want {
        const char* name;
        int width, height;
        bool portrait;
    };
    for (const Want w :
         {Want{"panel-10", 1280, 800, false}, Want{"aio-15", 1920, 1080, false},
          Want{"aio-22", 1920, 1080, false}, Want{"totem-portrait", 1080, 1920, true}}) {
        INFO(w.name);
        std::string error;
        const auto p = load_device_profile(w.name, dirs, error);
        REQUIRE(p);
        CHECK(error.empty());
        CHECK(p->name == w.name);
        CHECK(p->width == w.width);
        CHECK(p->height == w.height);
        CHECK(p->portrait == w.portrait);
        CHECK(p->renderer != RendererChoice::automatic); // each profile chooses
        CHECK(!p->description.empty());
        CHECK(!p->touch_calibration.empty());
    }
}

TEST_CASE("an unknown or bad device profile is refused with a clear message", "[config][profile]") {
    engage::test::TempDir dir("engage-profiles");
    const std::vector<std::filesystem::path> dirs{dir.path(), shipped};
    std::string error;

    SECTION("an unknown name lists the known profiles") {
        CHECK_FALSE(load_device_profile("tablet-7", dirs, error));
        CHECK(error == "unknown device profile 'tablet-7'; known profiles: aio-15, aio-22, "
                       "panel-10, totem-portrait");
    }
    SECTION("a name is never a path") {
        write(dir / "x.conf", "width = 800\n");
        CHECK_FALSE(
            load_device_profile("../" + dir.path().filename().string() + "/x", dirs, error));
        CHECK(error.starts_with("unknown device profile"));
    }
    SECTION("a local profile comes before the shipped one of the same name") {
        write(dir / "panel-10.conf", "width = 1024\nheight = 768\nrenderer = gl\n");
        const auto p = load_device_profile("panel-10", dirs, error);
        REQUIRE(p);
        CHECK(p->width == 1024);
        CHECK(p->renderer == RendererChoice::gl);
    }
    SECTION("bad values name the file and line") {
        using Row = std::tuple<std::string, std::string>;
        const auto [text, why] = GENERATE(table<std::string, std::string>({
            Row{"width = 100\n", ":1: width must be a number of pixels from 320 to 7680"},
            Row{"# c\nscale = 9\n", ":2: scale must be a number from 0.5 to 4"},
            Row{"renderer = vulkan\n", ":1: renderer must be software or gl"},
            Row{"text_size = 5\n", ":1: text_size must be 0 (normal) to 4 (largest)"},
            Row{"touch_calibration = 1 0 0\n", ":1: touch_calibration must be six numbers"},
            Row{"colour = red\n", ":1: unknown profile setting 'colour'"},
            Row{"just words\n", ":1: expected 'key = value'"},
        }));
        write(dir / "bad.conf", text);
        CHECK_FALSE(load_device_profile("bad", dirs, error));
        INFO(error);
        CHECK(error.find(why) != std::string::npos);
    }
    SECTION("an orientation that disagrees with the size is refused") {
        write(dir / "bad.conf", "width = 1920\nheight = 1080\norientation = portrait\n");
        CHECK_FALSE(load_device_profile("bad", dirs, error));
        CHECK(error.find("orientation portrait disagrees with 1920x1080") != std::string::npos);
    }
}
