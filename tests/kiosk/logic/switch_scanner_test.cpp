// Switch scanning as pure logic (issue 11), driven by a test clock: the
// auto-scan's order, wrap and pause, row-then-key groups, the two-switch step
// scan and the interval limits.
#include "kiosk/input/switch_scanner.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using namespace engage::kiosk;

namespace {

// Three single items, then two keyboard rows of three keys, then Next.
std::vector<ScanItem> screen_items() {
    return {{"answer.1", ""},  {"answer.2", ""},  {"text.help_now", ""}, {"key.q", "row0"},
            {"key.w", "row0"}, {"key.e", "row0"}, {"key.a", "row1"},     {"key.s", "row1"},
            {"key.d", "row1"}, {"nav.next", ""}};
}

std::string where(const SwitchScanner& s) {
    if (s.highlight().empty())
        return "-";
    if (!s.highlight().group.empty())
        return "[" + s.highlight().group + "]";
    return s.highlight().ids.front();
}

constexpr int kInterval = 1000;

} // namespace

TEST_CASE("the one-switch auto-scan steps through items in drawing order and wraps",
          "[kiosk][switch]") {
    SwitchScanner s({kInterval, 3});
    std::int64_t t = 0;
    s.set_items({{"a", ""}, {"b", ""}, {"c", ""}}, t);
    s.set_mode(ScanMode::one_switch, t);
    CHECK(where(s) == "a");
    REQUIRE(s.next_step_ms() == kInterval);
    SECTION("nothing moves before the interval") {
        CHECK_FALSE(s.tick(kInterval - 1));
        CHECK(where(s) == "a");
    }
    SECTION("each interval moves one item, and the last wraps to the first") {
        std::vector<std::string> seen;
        for (int i = 1; i <= 4; ++i) {
            CHECK(s.tick(t + i * kInterval));
            seen.push_back(where(s));
        }
        CHECK(seen == std::vector<std::string>{"b", "c", "a", "b"});
    }
    SECTION("a press selects the highlighted item and the highlight stays a whole interval") {
        s.tick(kInterval);
        REQUIRE(where(s) == "b");
        const auto chosen = s.select(kInterval + 300);
        REQUIRE(chosen);
        CHECK(*chosen == "b");
        CHECK(where(s) == "b");
        CHECK_FALSE(s.tick(2 * kInterval + 299));
        CHECK(s.tick(2 * kInterval + 300));
        CHECK(where(s) == "c");
    }
}

TEST_CASE("the auto-scan pauses after its cycles with no press, and a press only wakes it",
          "[kiosk][switch]") {
    const int cycles = GENERATE(1, 3);
    CAPTURE(cycles);
    SwitchScanner s({kInterval, cycles});
    std::int64_t t = 0;
    s.set_items({{"a", ""}, {"b", ""}}, t);
    s.set_mode(ScanMode::one_switch, t);
    // Each full cycle is two steps; the last step of the last cycle pauses.
    for (int i = 0; i < 2 * cycles - 1; ++i) {
        t += kInterval;
        REQUIRE(s.tick(t));
        REQUIRE_FALSE(s.paused());
    }
    t += kInterval;
    CHECK(s.tick(t));
    CHECK(s.paused());
    CHECK(s.highlight().empty());
    CHECK_FALSE(s.next_step_ms()); // nothing to wake the kiosk for
    CHECK_FALSE(s.tick(t + 100 * kInterval));
    // The press wakes the scan at the first item; it does not choose anything.
    CHECK_FALSE(s.select(t + 1));
    CHECK_FALSE(s.paused());
    CHECK(where(s) == "a");
    SECTION("a press counts as activity: the cycles start again") {
        for (int i = 0; i < 2 * cycles - 1; ++i)
            REQUIRE(s.tick(t + 1 + (i + 1) * kInterval));
        CHECK_FALSE(s.paused());
    }
}

TEST_CASE("groups are scanned as one entry, then key by key (row then column)", "[kiosk][switch]") {
    SwitchScanner s({kInterval, 3});
    std::int64_t t = 0;
    s.set_items(screen_items(), t);
    s.set_mode(ScanMode::one_switch, t);
    std::vector<std::string> top;
    top.push_back(where(s));
    for (int i = 1; i <= 5; ++i)
        top.push_back((s.tick(i * kInterval), where(s)));
    CHECK(top == std::vector<std::string>{"answer.1", "answer.2", "text.help_now", "[row0]",
                                          "[row1]", "nav.next"});
    // Back to row1 and into it.
    t = 5 * kInterval;
    for (int i = 0; i < 5; ++i)
        s.tick(t += kInterval);
    REQUIRE(where(s) == "[row1]");
    CHECK(s.highlight().ids == std::vector<std::string>{"key.a", "key.s", "key.d"});
    CHECK_FALSE(s.select(t += 10)); // entering a row presses nothing
    CHECK(s.in_group());
    CHECK(where(s) == "key.a");
    SECTION("a key is chosen and the scan returns to its row") {
        s.tick(t += kInterval);
        REQUIRE(where(s) == "key.s");
        const auto chosen = s.select(t += 10);
        REQUIRE(chosen);
        CHECK(*chosen == "key.s");
        CHECK_FALSE(s.in_group());
        CHECK(where(s) == "[row1]");
    }
    SECTION("a row left alone is scanned twice, then the rows are offered again") {
        std::vector<std::string> seen;
        for (int i = 0; i < 2 * 3; ++i)
            seen.push_back((s.tick(t += kInterval), where(s)));
        CHECK(seen ==
              std::vector<std::string>{"key.s", "key.d", "key.a", "key.s", "key.d", "[row1]"});
        s.tick(t += kInterval);
        CHECK(where(s) == "nav.next");
    }
}

TEST_CASE("the two-switch step scan moves only on switch 1 and selects on switch 2",
          "[kiosk][switch]") {
    SwitchScanner s({kInterval, 1});
    std::int64_t t = 0;
    s.set_items(screen_items(), t);
    s.set_mode(ScanMode::two_switch, t);
    CHECK(where(s) == "answer.1");
    CHECK_FALSE(s.next_step_ms());
    CHECK_FALSE(s.tick(t + 60 * kInterval)); // time alone never moves it, never pauses it
    CHECK(where(s) == "answer.1");
    s.move(++t);
    s.move(++t);
    s.move(++t);
    CHECK(where(s) == "[row0]");
    CHECK_FALSE(s.select(++t));
    CHECK(where(s) == "key.q");
    s.move(++t);
    CHECK(*s.select(++t) == "key.w");
    SECTION("past a row's last key the row itself is highlighted again") {
        s.select(++t); // into row0
        s.move(++t);
        s.move(++t);
        REQUIRE(where(s) == "key.e");
        s.move(++t);
        CHECK(where(s) == "[row0]");
        s.move(++t);
        CHECK(where(s) == "[row1]");
    }
    SECTION("the last entry wraps to the first, many times over") {
        for (int i = 0; i < 3 * 6; ++i)
            s.move(++t);
        CHECK(where(s) == "[row0]");
        CHECK_FALSE(s.paused());
    }
    SECTION("switch 1 does nothing in one-switch mode") {
        s.set_mode(ScanMode::one_switch, ++t);
        REQUIRE(where(s) == "answer.1");
        s.move(++t);
        CHECK(where(s) == "answer.1");
    }
}

TEST_CASE("the highlight follows its item when the screen redraws, else starts again",
          "[kiosk][switch]") {
    SwitchScanner s({kInterval, 3});
    std::int64_t t = 0;
    s.set_items(screen_items(), t);
    s.set_mode(ScanMode::one_switch, t);
    s.tick(t += kInterval);
    REQUIRE(where(s) == "answer.2");
    SECTION("an item drawn before it (a Skip button gone) keeps it on answer.2, timer kept") {
        auto items = screen_items();
        items.erase(items.begin());
        CHECK_FALSE(s.set_items(items, t + 500));
        CHECK(where(s) == "answer.2");
        CHECK(s.next_step_ms() == 2 * kInterval);
    }
    SECTION("the item gone: the scan starts again from the first") {
        auto items = screen_items();
        items.erase(items.begin() + 1);
        CHECK(s.set_items(items, t + 500));
        CHECK(where(s) == "answer.1");
    }
    SECTION("a new screen starts at its first item with the cycles counted anew") {
        s.set_items({{"x", ""}, {"y", ""}}, t);
        s.restart(t);
        CHECK(where(s) == "x");
    }
    SECTION("scanning off clears the highlight and wakes nothing") {
        s.set_mode(ScanMode::off, t);
        CHECK(s.highlight().empty());
        CHECK_FALSE(s.next_step_ms());
        CHECK_FALSE(s.select(t));
    }
}

TEST_CASE("speech holds the highlight until the item has been heard", "[kiosk][switch]") {
    SwitchScanner s({kInterval, 3});
    s.set_items({{"a", ""}, {"b", ""}}, 0);
    s.set_mode(ScanMode::one_switch, 0);
    s.hold_until(5000);
    CHECK_FALSE(s.tick(kInterval));
    CHECK_FALSE(s.tick(4999));
    CHECK(s.tick(5000));
    CHECK(where(s) == "b");
}

TEST_CASE("the scan interval and cycles are kept within their limits", "[kiosk][switch]") {
    auto [asked, kept] = GENERATE(table<int, int>({{100, min_scan_interval_ms},
                                                   {500, 500},
                                                   {1500, 1500},
                                                   {5000, 5000},
                                                   {60000, max_scan_interval_ms}}));
    CAPTURE(asked);
    SwitchScanner s({asked, 0});
    CHECK(s.timing().interval_ms == kept);
    CHECK(s.timing().cycles == min_scan_cycles);
    s.set_timing({asked, 99});
    CHECK(s.timing().cycles == max_scan_cycles);
    CHECK(SwitchScanner{}.timing().interval_ms == 1500);
    CHECK(scan_mode_from("two-switch") == ScanMode::two_switch);
    CHECK(scan_mode_from("one-switch") == ScanMode::one_switch);
    CHECK(scan_mode_from("off") == ScanMode::off);
    CHECK_FALSE(scan_mode_from("on"));
}
