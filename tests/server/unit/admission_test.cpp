// Deciding from a request's head (api/admission.*), the per-address token
// bucket (api/rate_limiter.*) and the kiosk token cache's handling of unknown
// tokens (api/kiosk_auth.*): no sockets, a test clock for the bucket.
#include "api/admission.hpp"
#include "api/rate_limiter.hpp"
#include "engage/limits.hpp"
#include "harness.hpp"
#include "support/kiosk_api.hpp"

#include <catch2/catch.hpp>
#include <vector>

using namespace engage;
using engage::test::Harness;
using namespace std::chrono_literals;

TEST_CASE("the rate limiter allows a burst, then one try per refill interval",
          "[server-unit][abuse]") {
    api::RateLimiter limiter(3, 60); // 3 at once, then one a second
    const auto t0 = api::RateLimiter::Clock::time_point{} + 1h;
    CHECK(limiter.try_take("192.0.2.1", t0) == 0);
    CHECK(limiter.try_take("192.0.2.1", t0) == 0);
    CHECK(limiter.try_take("192.0.2.1", t0) == 0);
    SECTION("the next try is refused with the seconds to wait") {
        CHECK(limiter.try_take("192.0.2.1", t0) == 1);
    }
    SECTION("other addresses have their own bucket") {
        CHECK(limiter.try_take("192.0.2.2", t0) == 0);
    }
    SECTION("the bucket refills with time, up to the burst") {
        CHECK(limiter.try_take("192.0.2.1", t0 + 1s) == 0);
        CHECK(limiter.try_take("192.0.2.1", t0 + 1s) != 0);
        const auto later = t0 + 1h;
        for (int i = 0; i < 3; ++i) {
            CHECK(limiter.try_take("192.0.2.1", later) == 0);
        }
        CHECK(limiter.try_take("192.0.2.1", later) != 0);
    }
    SECTION("a slow refill names a longer wait") {
        api::RateLimiter slow(1, 6); // one every 10 s
        CHECK(slow.try_take("a", t0) == 0);
        CHECK(slow.try_take("a", t0) == 10);
    }
}

TEST_CASE("the rate limiter stays bounded under many addresses", "[server-unit][abuse]") {
    api::RateLimiter limiter(1, 1, 100);
    const auto t0 = api::RateLimiter::Clock::time_point{} + 1h;
    for (int i = 0; i < 1000; ++i) {
        CHECK(limiter.try_take("addr-" + std::to_string(i), t0) == 0);
    }
    // The newest addresses are still remembered as spent.
    CHECK(limiter.try_take("addr-999", t0) != 0);
}

TEST_CASE("an unknown token is looked up in the store once, never from memory alone",
          "[server-unit][abuse][auth]") {
    Harness h;
    const std::string token = h.enrol();
    auto& auth = *h.kiosks;

    SECTION("a known token is answered from memory") {
        const auto c = auth.authenticate_cached("Bearer " + token);
        CHECK(c.kiosk.has_value());
        CHECK_FALSE(c.needs_lookup);
    }
    SECTION("an unknown token needs a lookup, and after it is known to be unknown") {
        const std::string made_up = "Bearer made-up-token-0123456789";
        const auto first = auth.authenticate_cached(made_up);
        CHECK_FALSE(first.kiosk.has_value());
        REQUIRE(first.needs_lookup);
        const auto before = auth.store_lookups();
        CHECK_FALSE(auth.lookup_stored(first.hash).has_value());
        CHECK(auth.store_lookups() == before + 1);
        const auto again = auth.authenticate_cached(made_up);
        CHECK_FALSE(again.kiosk.has_value());
        CHECK_FALSE(again.needs_lookup);
        CHECK_FALSE(auth.authenticate(made_up).has_value());
        CHECK(auth.store_lookups() == before + 1);
    }
    SECTION("the set of unknown tokens is bounded; the oldest is looked up again") {
        const auto first = auth.authenticate_cached("Bearer unknown-0");
        REQUIRE(first.needs_lookup);
        (void)auth.lookup_stored(first.hash);
        for (std::size_t i = 1; i <= api::KioskAuth::max_unknown_hashes; ++i) {
            const auto c = auth.authenticate_cached("Bearer unknown-" + std::to_string(i));
            REQUIRE(c.needs_lookup);
            (void)auth.lookup_stored(c.hash);
        }
        CHECK(auth.authenticate_cached("Bearer unknown-0").needs_lookup);
        CHECK_FALSE(auth.authenticate_cached("Bearer unknown-1").needs_lookup);
    }
    SECTION("malformed headers need no lookup") {
        for (const std::string& header :
             std::vector<std::string>{"", "Basic abc", "Bearer ", std::string(300, 'x')}) {
            INFO(header);
            const auto c = auth.authenticate_cached(header);
            CHECK_FALSE(c.kiosk.has_value());
            CHECK_FALSE(c.needs_lookup);
        }
    }
}

TEST_CASE("admission decides from the head: token, enrol rate and body limits",
          "[server-unit][abuse]") {
    Harness h;
    const std::string token = h.enrol();
    api::RateLimiter enrol_attempts(2, 1);
    auto admit = [&](std::string_view method, std::string_view target, std::string auth,
                     std::string peer = "192.0.2.1") {
        return api::admit(api::RequestHead{method, target, auth, std::move(peer)}, *h.services,
                          enrol_attempts);
    };
    SECTION("kiosk endpoints with a known token take a body up to max_body_bytes") {
        const auto a = admit("POST", "/api/v1/submissions", "Bearer " + token);
        CHECK_FALSE(a.refusal);
        CHECK(a.kiosk);
        CHECK(a.body_limit == limits::max_body_bytes);
    }
    SECTION("a GET takes no body") {
        const auto a = admit("GET", "/api/v1/content", "Bearer " + token);
        CHECK_FALSE(a.refusal);
        CHECK(a.body_limit == 0);
    }
    SECTION("a missing token is refused with 401 before any body, whatever the path") {
        for (const auto* target : {"/api/v1/submissions", "/api/v1/nothing-here"}) {
            const auto a = admit("POST", target, "");
            REQUIRE(a.refusal);
            CHECK(a.refusal->status == 401);
        }
    }
    SECTION("an unknown token asks for a lookup first") {
        CHECK(admit("POST", "/api/v1/submissions", "Bearer not-ours").needs_token_lookup);
    }
    SECTION("enrolment takes max_enrol_body_bytes and is rate-limited per address") {
        const auto a = admit("POST", "/api/v1/enrol", "");
        CHECK_FALSE(a.refusal);
        CHECK(a.body_limit == limits::max_enrol_body_bytes);
        CHECK(a.body_limit_name == "max_enrol_body_bytes");
        CHECK_FALSE(admit("POST", "/api/v1/enrol", "").refusal);
        const auto third = admit("POST", "/api/v1/enrol", "");
        REQUIRE(third.refusal);
        CHECK(third.refusal->status == 429);
        CHECK(third.refusal->body.find("too_many_enrol_attempts") != std::string::npos);
        CHECK_FALSE(admit("POST", "/api/v1/enrol", "", "192.0.2.2").refusal);
    }
    SECTION("paths outside the API take no body and need no token") {
        const auto a = admit("GET", "/healthz", "");
        CHECK_FALSE(a.refusal);
        CHECK(a.body_limit == 0);
    }
}

TEST_CASE("an enrolment body over 1 KiB is 413 naming max_enrol_body_bytes",
          "[server-unit][abuse]") {
    Harness h;
    const auto r = h.post("/api/v1/enrol", R"({"code": ")" + std::string(2000, 'A') + R"("})");
    CHECK(r.status == 413);
    CHECK(r.body.find("max_enrol_body_bytes") != std::string::npos);
    CHECK(r.body.find("1024") != std::string::npos);
}
