// When waiting items may be uploaded (issue 8, DESIGN §6), on a hand-moved
// clock: each item waits the full delay, anonymous items go only min_batch at
// a time (or after max_wait), sign-ups never share a batch with them.

#include "kiosk/sync/upload_rules.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <limits>

using namespace engage::kiosk;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

// An arbitrary start that is not the clock's epoch.
const Clock::time_point t0 = Clock::time_point{} + 1000h;

WaitingItem anon(const std::string& id, Clock::time_point since) {
    return {id, false, since};
}
WaitingItem signup(const std::string& id, Clock::time_point since) {
    return {id, true, since};
}

bool holds(const std::vector<std::string>& ids, const std::string& id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
}

} // namespace

TEST_CASE("only items that each waited the full delay go", "[sync][upload-rules][privacy]") {
    UploadRules rules{30min, 2, 7 * 24h};
    const std::vector<WaitingItem> items{anon("a", t0), anon("b", t0 + 5min),
                                         anon("c", t0 + 20min)};
    SECTION("before the delay nothing goes, and staff see how long is left") {
        const auto c = choose_uploads(items, t0 + 29min, rules);
        CHECK(c.anonymous.empty());
        CHECK(c.answers_needed == 0); // three are waiting: enough, once they have waited
        REQUIRE(c.delay_left_seconds);
        CHECK(*c.delay_left_seconds == 60);
    }
    SECTION("once two have waited, those two go and the third keeps waiting") {
        const auto c = choose_uploads(items, t0 + 35min, rules);
        CHECK(c.anonymous.size() == 2);
        CHECK(holds(c.anonymous, "a"));
        CHECK(holds(c.anonymous, "b"));
        CHECK_FALSE(holds(c.anonymous, "c"));
    }
    SECTION("one item that has waited is not enough on its own") {
        const auto c = choose_uploads(items, t0 + 31min, rules);
        CHECK(c.anonymous.empty());
    }
}

TEST_CASE("a batch never holds fewer than min_batch anonymous items until max_wait",
          "[sync][upload-rules][privacy]") {
    UploadRules rules{30min, 5, 7 * 24h};
    std::vector<WaitingItem> items{anon("a", t0), anon("b", t0)};
    SECTION("two of five: staff see 'waiting for 3 more answers'") {
        const auto c = choose_uploads(items, t0 + 24h, rules);
        CHECK(c.anonymous.empty());
        CHECK(c.answers_needed == 3);
    }
    SECTION("after max_wait they go anyway, with no answers needed") {
        const auto c = choose_uploads(items, t0 + 7 * 24h, rules);
        CHECK(c.anonymous.size() == 2);
        CHECK(c.answers_needed == 0);
    }
    SECTION("an overdue item takes the others that waited the delay along, not the fresh ones") {
        items.push_back(anon("fresh", t0 + 7 * 24h - 1min));
        items.push_back(anon("ripe", t0 + 7 * 24h - 31min));
        const auto c = choose_uploads(items, t0 + 7 * 24h, rules);
        CHECK(c.anonymous.size() == 3);
        CHECK(holds(c.anonymous, "ripe"));
        CHECK_FALSE(holds(c.anonymous, "fresh"));
    }
    SECTION("a max_wait shorter than the delay still leaves the delay in force") {
        rules.max_wait = 1min;
        const auto c = choose_uploads(items, t0 + 10min, rules);
        CHECK(c.anonymous.empty());
    }
}

TEST_CASE("sign-ups never share a batch with anonymous items", "[sync][upload-rules][privacy]") {
    const UploadRules rules{30min, 2, 7 * 24h};
    const std::vector<WaitingItem> items{anon("a", t0), signup("s", t0), anon("b", t0)};
    SECTION("they wait the same delay") {
        const auto c = choose_uploads(items, t0 + 10min, rules);
        CHECK(c.signups.empty());
    }
    SECTION("after it they go on their own, without a minimum count") {
        const auto c = choose_uploads(items, t0 + 31min, rules);
        CHECK(c.signups == std::vector<std::string>{"s"});
        CHECK_FALSE(holds(c.anonymous, "s"));
        CHECK(c.anonymous.size() == 2);
    }
    SECTION("a sign-up does not count towards the anonymous minimum") {
        const std::vector<WaitingItem> one{anon("a", t0), signup("s", t0)};
        const auto c = choose_uploads(one, t0 + 31min, rules);
        CHECK(c.anonymous.empty());
        CHECK(c.answers_needed == 1);
        CHECK(c.signups.size() == 1);
    }
}

TEST_CASE("a delay near the type's limit never overflows into 'upload at once'",
          "[sync][upload-rules][privacy]") {
    const auto huge = std::chrono::seconds(std::numeric_limits<std::chrono::seconds::rep>::max());
    const auto hundred_years = std::chrono::seconds(100LL * 365 * 24 * 3600);
    for (const auto delay : {huge, huge - 1s, hundred_years}) {
        CAPTURE(delay.count());
        CHECK_FALSE(has_waited(t0, t0 + 1h, delay));
        const UploadRules rules{delay, 1, 7 * 24h};
        const auto c = choose_uploads({anon("a", t0)}, t0 + 365 * 24h, rules);
        CHECK(c.anonymous.empty());
        REQUIRE(c.delay_left_seconds);
        CHECK(*c.delay_left_seconds > 0);
    }
    CHECK(has_waited(t0, t0 + 30min, 30min));
    CHECK_FALSE(has_waited(t0, t0 + 30min - 1ms, 30min));
    CHECK_FALSE(has_waited(t0 + 1h, t0, 1s)); // a clock that went back is not a wait
}

TEST_CASE("upload checks fall uniformly at random between their bounds", "[sync][upload-rules]") {
    std::mt19937_64 rng(42);
    auto lo = std::chrono::milliseconds::max();
    auto hi = std::chrono::milliseconds::min();
    for (int i = 0; i < 1000; ++i) {
        const auto d = jittered_interval(10min, 30min, rng);
        REQUIRE(d >= 10min);
        REQUIRE(d <= 30min);
        lo = std::min(lo, d);
        hi = std::max(hi, d);
    }
    // Spread over the range, not one fixed period a watcher could learn.
    CHECK(lo < 11min);
    CHECK(hi > 29min);
    CHECK(jittered_interval(5s, 1s, rng) == 5s);
}
