// The closed screen's display dimming (issue 13): when the kiosk asks for
// "dim" and "wake", and what it writes for the privileged script to read.
#include "kiosk/runtime/display_dimmer.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace kiosk = engage::kiosk;
using kiosk::DisplayLevel;

namespace {

std::string read_all(const std::filesystem::path& p) {
    std::ifstream in(p);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

struct TempDir {
    std::filesystem::path path;
    TempDir() {
        std::string tmpl = (std::filesystem::temp_directory_path() / "engage-dim-XXXXXX").string();
        path = ::mkdtemp(tmpl.data());
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
};

} // namespace

TEST_CASE("the display dims only on the closed screen after the quiet time", "[kiosk][display]") {
    const kiosk::DimPolicy policy(120'000);
    SECTION("open: always bright, and nothing to wake for") {
        CHECK(policy.wanted(false, 0, 10'000'000) == DisplayLevel::bright);
        CHECK_FALSE(policy.next_change(false, 0, 10'000'000));
    }
    SECTION("closed: bright until two minutes after the last touch, then dim") {
        CHECK(policy.wanted(true, 1'000, 120'999) == DisplayLevel::bright);
        CHECK(policy.wanted(true, 1'000, 121'000) == DisplayLevel::dim);
        CHECK(policy.next_change(true, 1'000, 50'000) == 121'000);
        CHECK_FALSE(policy.next_change(true, 1'000, 121'000)); // a touch or opening wakes it
    }
    SECTION("a touch on the dimmed closed screen brings the light back at once") {
        CHECK(policy.wanted(true, 500'000, 500'000) == DisplayLevel::bright);
    }
}

TEST_CASE("the kiosk writes one word per change to the request file", "[kiosk][display]") {
    TempDir dir;
    const auto file = dir.path / "display";
    kiosk::DisplayDimmer dimmer(file, 1'000);

    dimmer.update(false, 0, 10);
    REQUIRE(read_all(file) == "wake\n"); // a restarted kiosk lights the screen first
    std::filesystem::remove(file);
    dimmer.update(false, 0, 20);
    CHECK_FALSE(std::filesystem::exists(file)); // no change, no write

    dimmer.update(true, 0, 999);
    CHECK_FALSE(std::filesystem::exists(file));
    CHECK(dimmer.next_deadline(true, 0, 999) == 1'000);
    dimmer.update(true, 0, 1'000);
    CHECK(read_all(file) == "dim\n");
    CHECK(dimmer.asked() == DisplayLevel::dim);

    dimmer.update(true, 1'500, 1'500); // touched
    CHECK(read_all(file) == "wake\n");
    dimmer.update(true, 1'500, 2'600);
    CHECK(read_all(file) == "dim\n");
    dimmer.update(false, 1'500, 3'000); // opening time
    CHECK(read_all(file) == "wake\n");
}

TEST_CASE("no request file: the dimmer never writes and never wakes the loop", "[kiosk][display]") {
    kiosk::DisplayDimmer dimmer({}, 1'000);
    dimmer.update(true, 0, 5'000);
    CHECK_FALSE(dimmer.asked());
    CHECK_FALSE(dimmer.next_deadline(true, 0, 10));
}

TEST_CASE("a link in place of the request file is not followed", "[kiosk][display]") {
    TempDir dir;
    const auto target = dir.path / "elsewhere";
    { std::ofstream(target) << "keep\n"; }
    std::filesystem::create_symlink(target, dir.path / "display");
    kiosk::DisplayDimmer dimmer(dir.path / "display", 1'000);
    dimmer.update(false, 0, 10);
    CHECK(read_all(target) == "keep\n");
}
