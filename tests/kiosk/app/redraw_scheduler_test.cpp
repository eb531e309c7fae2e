// The main loop's redraw decisions, driven with plain numbers: no window.
#include "kiosk/platform/redraw_scheduler.hpp"

#include <catch2/catch.hpp>

using engage::kiosk::RedrawScheduler;

namespace {

// Draws frames until none is owed; returns how many were drawn.
int drain(RedrawScheduler& r) {
    int n = 0;
    while (r.wants_frame() && n < 100) {
        r.frame_drawn();
        ++n;
    }
    return n;
}

} // namespace

TEST_CASE("the redraw scheduler draws only when something changed", "[kiosk][redraw]") {
    RedrawScheduler r;
    REQUIRE(r.wants_frame());
    CHECK(r.sleep_ms(0, std::nullopt) == 0); // a frame is owed: do not sleep
    CHECK(drain(r) == RedrawScheduler::kSettleFrames);

    SECTION("an idle kiosk with no timer sleeps until an event") {
        CHECK(r.sleep_ms(1000, std::nullopt) == -1);
        CHECK_FALSE(r.wants_frame());
    }
    SECTION("a timer bounds the sleep, and a far one is capped") {
        CHECK(r.sleep_ms(1000, 1250) == 250);
        CHECK(r.sleep_ms(1000, 900) == 0); // already due
        CHECK(r.sleep_ms(0, 10 * RedrawScheduler::kMaxSleepMs) == RedrawScheduler::kMaxSleepMs);
    }
    SECTION("a change owes two frames, a timer one, and neither lowers the other") {
        r.changed();
        r.once();
        CHECK(drain(r) == RedrawScheduler::kChangeFrames);
        r.once_if_due(2000, 1999); // not yet due
        CHECK_FALSE(r.wants_frame());
        r.once_if_due(2000, 2000);
        CHECK(drain(r) == 1);
        r.once_if_due(std::nullopt, 5000);
        CHECK_FALSE(r.wants_frame());
    }
    SECTION("speech starting and stopping each redraw once, staying the same does not") {
        r.speaking(true);
        CHECK(drain(r) == 1);
        r.speaking(true);
        CHECK_FALSE(r.wants_frame());
        r.speaking(false);
        CHECK(drain(r) == 1);
    }
}

TEST_CASE("a script runs only on a settled screen and sleeps until its wait is over",
          "[kiosk][redraw]") {
    RedrawScheduler r;
    r.attach_script();
    CHECK_FALSE(r.script_turn_now()); // the settling frames come first
    drain(r);
    REQUIRE(r.script_turn_now());

    SECTION("a step that wants frames gets its next turn after them") {
        r.script_step_done(2, std::nullopt);
        CHECK_FALSE(r.script_turn_now());
        CHECK(drain(r) == 2);
        CHECK(r.script_turn_now());
    }
    SECTION("a step that waits sleeps until its time, then gets a frame and a turn") {
        r.script_step_done(0, 5000);
        CHECK_FALSE(r.script_turn_now());
        CHECK(r.sleep_ms(1000, std::nullopt) == 4000);
        CHECK(r.sleep_ms(1000, 3000) == 2000); // an earlier timer still wins
        r.woke(4999);
        CHECK_FALSE(r.wants_frame());
        r.woke(5000);
        CHECK(r.wants_frame());
        CHECK(drain(r) == 1);
        CHECK(r.script_turn_now());
    }
    SECTION("a step that asks for nothing gets another turn after one frame") {
        r.script_step_done(0, std::nullopt);
        CHECK(drain(r) == 1);
        CHECK(r.script_turn_now());
    }
}
