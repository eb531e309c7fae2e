// Opening hours in the visit's state machine (issue 9): outside them the
// attract screen becomes the closed screen, which still offers Help now and
// staff mode; a visit in progress is never cut off at closing time. Time is
// an argument: no clock.

#include "kiosk/flow/flow.hpp"
#include "logic/sample_content.hpp"

#include <catch2/catch.hpp>

using namespace engage;
using namespace engage::kiosk;
using engage::test::sample_bundle;
using engage::test::sample_day;
using engage::test::shared;

namespace {

constexpr int monday = 0;
constexpr int friday = 4;

int at(int h, int m) {
    return h * 60 + m;
}

// The sample content at a site open Monday to Friday 09:00-17:00.
std::shared_ptr<const ContentBundle> bundle_with_hours(const KeyPair& key) {
    ContentBundle b = sample_bundle(key);
    SiteInfo site;
    site.name = "Hub North";
    std::string error;
    for (int wd = monday; wd <= friday; ++wd) {
        REQUIRE(site.hours.set_day(wd, {{at(9, 0), at(17, 0)}}, error));
    }
    b.site_info = site;
    return shared(std::move(b));
}

} // namespace

TEST_CASE("outside opening hours the kiosk shows the closed screen, and attract when open",
          "[flow][sites]") {
    const auto key = make_sealing_keypair();
    Flow flow(bundle_with_hours(key), hash_password("2468"), sample_day);
    std::int64_t t = 1000;
    SECTION("closed before opening, naming when it opens; open at opening time") {
        CHECK(flow.set_local_time({monday, at(8, 0), 30}, t));
        CHECK(flow.state().screen == Screen::closed);
        CHECK(flow.closed_now());
        CHECK(flow.next_opening() == NextOpening{monday, at(9, 0), 0});
        // The kiosk wakes at 09:00 (59 min 30 s later) to open, not before.
        CHECK(flow.next_deadline() == t + (59 * 60 + 30) * 1000);
        flow.start(t); // a touch does not start a visit
        CHECK(flow.state().screen == Screen::closed);
        CHECK(flow.set_local_time({monday, at(9, 0), 0}, t += 3'570'000));
        CHECK(flow.state().screen == Screen::attract);
        // and at 17:00 it will close again
        CHECK(flow.next_deadline() == t + 8 * 3600 * 1000);
    }
    SECTION("Friday evening names Monday morning") {
        flow.set_local_time({friday, at(18, 0), 0}, t);
        CHECK(flow.state().screen == Screen::closed);
        CHECK(flow.next_opening() == NextOpening{monday, at(9, 0), 3});
    }
    SECTION("Help now is offered from the closed screen and returns to it") {
        flow.set_local_time({monday, at(20, 0), 0}, t);
        flow.open_help(t += 100);
        CHECK(flow.state().screen == Screen::help_now);
        flow.close_help(t += 100);
        CHECK(flow.state().screen == Screen::closed);
    }
    SECTION("staff mode is still reachable, and leaving it goes back to closed") {
        flow.set_local_time({monday, at(20, 0), 0}, t);
        flow.staff_requested(t += 100);
        CHECK(flow.state().screen == Screen::staff_pin);
        flow.leave_staff(t += 100);
        CHECK(flow.state().screen == Screen::closed);
    }
    SECTION("a text size chosen on the closed screen is put back after the usual pause") {
        flow.set_local_time({monday, at(20, 0), 0}, t);
        flow.set_text_size_step(2, t += 100);
        const auto inactivity = std::int64_t{flow.content()->settings.inactivity_seconds} * 1000;
        CHECK(flow.next_deadline() == t + inactivity);
        flow.tick(t + inactivity);
        CHECK(flow.state().screen == Screen::closed);
        CHECK(flow.state().settings.text_size_step == 0);
    }
    SECTION("the language can be changed on the closed screen") {
        flow.set_local_time({monday, at(20, 0), 0}, t);
        flow.open_language(t += 100);
        flow.choose_language("pl", t += 100);
        CHECK(flow.state().screen == Screen::closed);
        CHECK(flow.state().settings.language == "pl");
    }
}

TEST_CASE("a visit in progress at closing time is not cut off", "[flow][sites]") {
    const auto key = make_sealing_keypair();
    Flow flow(bundle_with_hours(key), "", sample_day);
    std::int64_t t = 1000;
    flow.set_local_time({monday, at(16, 58), 0}, t);
    REQUIRE(flow.state().screen == Screen::attract);
    flow.start(t += 100);
    flow.choose_language("en", t += 100);
    flow.open_feedback(t += 100);
    const Screen during = flow.state().screen;
    REQUIRE(during != Screen::attract);
    // 17:01: closed, but the person carries on.
    CHECK_FALSE(flow.set_local_time({monday, at(17, 1), 0}, t += 180'000));
    CHECK(flow.state().screen == during);
    SECTION("it ends as usual (Start again), then the kiosk shows closed") {
        flow.start_again(t += 100);
        CHECK(flow.state().screen == Screen::closed);
    }
    SECTION("or it times out as usual, then the kiosk shows closed") {
        const auto& settings = flow.content()->settings;
        flow.tick(t += std::int64_t{settings.inactivity_seconds} * 1000);
        CHECK(flow.state().screen == Screen::still_there);
        flow.tick(t += std::int64_t{settings.countdown_seconds} * 1000);
        CHECK(flow.state().screen == Screen::closed);
    }
}

TEST_CASE("a kiosk without site hours behaves as before", "[flow][sites]") {
    const auto key = make_sealing_keypair();
    SECTION("no site_info: never closed, no timer on attract") {
        Flow flow(shared(sample_bundle(key)), "", sample_day);
        CHECK_FALSE(flow.set_local_time({monday, at(3, 0), 0}, 1000));
        CHECK(flow.state().screen == Screen::attract);
        CHECK_FALSE(flow.next_deadline());
        CHECK_FALSE(flow.next_opening());
    }
    SECTION("new content with hours takes effect at once on an idle kiosk") {
        Flow flow(shared(sample_bundle(key)), "", sample_day);
        flow.set_local_time({monday, at(3, 0), 0}, 1000);
        flow.offer_content(bundle_with_hours(key));
        CHECK(flow.state().screen == Screen::closed);
        // and content without hours opens it again
        flow.offer_content(shared(sample_bundle(key)));
        CHECK(flow.state().screen == Screen::attract);
    }
}
