// Unit tests of the app's pure parts: theme contrast, the script parser and
// the widget registry.
#include "kiosk/script/script.hpp"
#include "kiosk/widgets/theme.hpp"
#include "kiosk/widgets/widget_registry.hpp"

#include <catch2/catch.hpp>

using namespace engage::kiosk;

TEST_CASE("every text colour pair of both themes has a contrast of at least 7:1",
          "[kiosk][theme]") {
    for (const Theme* t : {&standard_theme(), &high_contrast_theme()}) {
        for (const auto& pair : text_pairs(*t)) {
            INFO(t->name << " / " << pair.name);
            CHECK(contrast_ratio(pair.fg, pair.bg) >= 7.0);
        }
        INFO(t->name);
        // The focus ring is not text but must stand out from the screen (WCAG 1.4.11: 3:1).
        CHECK(contrast_ratio(t->focus, t->background) >= 3.0);
        // QR codes are always dark on light, whatever the theme.
        CHECK(contrast_ratio(t->qr_dark, t->qr_light) >= 15.0);
    }
    CHECK(contrast_ratio(rgb(0x000000), rgb(0xFFFFFF)) == Approx(21.0));
    CHECK(contrast_ratio(rgb(0x777777), rgb(0xFFFFFF)) < 4.5);
}

TEST_CASE("targets are at least the minimum size at every screen size and text size",
          "[kiosk][theme]") {
    const auto [w, h] = GENERATE(table<float, float>({{1280, 800}, {1920, 1080}, {800, 1280}}));
    const int step = GENERATE(0, 1, 2, 3);
    const Metrics m = metrics_for(w, h, 1.0f, step);
    CAPTURE(w, h, step);
    CHECK(m.min_target >= 92.0f * std::min(w / 1280.0f, h / 800.0f) - 0.5f);
    // 15 mm at 96 dpi is 57 px: the design size is well above it everywhere.
    CHECK(m.min_target >= 57.0f);
    CHECK(m.text_px >= 24.0f);
}

TEST_CASE("the script parser accepts every command and skips comments", "[kiosk][script]") {
    const auto p = parse_script("# a visit\n\ntap Give feedback\nkey Tab\nwait 250\nshot home\n"
                                "language pl\nsync\nhold top.corner 3500\ntype hello there\n"
                                "dump w.json\nexpect Send\nframes 10\nquit\n");
    REQUIRE(p.error_line == 0);
    REQUIRE(p.commands.size() == 12);
    CHECK(p.commands[0].verb == "tap");
    CHECK(p.commands[0].arg == "Give feedback");
    CHECK(p.commands[0].line == 3);
    CHECK(p.commands[2].number == 250);
    CHECK(p.commands[6].arg == "top.corner");
    CHECK(p.commands[6].number == 3500);
    CHECK(p.commands[7].arg == "hello there");
}

TEST_CASE("the script parser names the line of an unknown command or a bad argument",
          "[kiosk][script]") {
    SECTION("unknown command") {
        const auto p = parse_script("tap Start\nclick Start\n");
        CHECK(p.error_line == 2);
        CHECK(p.error.find("click") != std::string::npos);
    }
    SECTION("wait without a number") {
        const auto p = parse_script("wait soon\n");
        CHECK(p.error_line == 1);
    }
    SECTION("tap without a label") {
        const auto p = parse_script("\n\ntap\n");
        CHECK(p.error_line == 3);
    }
    SECTION("quit with an argument") {
        CHECK(parse_script("quit now\n").error_line == 1);
    }
    SECTION("hold without a duration") {
        CHECK(parse_script("hold top.corner\n").error_line == 1);
    }
}

TEST_CASE("the widget registry finds a widget by id first, then by English label",
          "[kiosk][script]") {
    WidgetRegistry r;
    r.add({"nav.next", "Next", {10, 10, 100, 100}});
    r.add({"top.help_now", "Help now", {200, 0, 100, 100}});
    r.add({"home.help", "Help now", {0, 300, 400, 200}});
    CHECK(r.find("nav.next")->id == "nav.next");
    CHECK(r.find("  next ")->id == "nav.next");
    CHECK(r.find("HELP NOW")->id == "top.help_now"); // first in drawing order
    CHECK(r.find("home.help")->id == "home.help");
    CHECK_FALSE(r.find("Send"));
    CHECK(r.to_json().find("\"id\":\"home.help\"") != std::string::npos);
}
