#pragma once
// A token bucket per client address, for requests that cost a write whether
// or not they succeed (enrolment attempts: each one is a transaction).
//
// Thread safety: every method may be called from any thread.

#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>

namespace engage::api {

// Enrolment attempts per address. Staff enrol a site's kiosks one after
// another: a burst of 10 and then one every 6 s is more than anyone types
// codes, while a guesser gets 14,400 tries a day per address instead of the
// 3,400 a second measured before (issue 8).
namespace enrol_rate {
inline constexpr double burst = 10;
inline constexpr double per_minute = 10;
} // namespace enrol_rate

class RateLimiter {
public:
    using Clock = std::chrono::steady_clock;

    // `burst` tries at once, refilled at `per_minute`. At most `max_addresses`
    // buckets are kept; when full, buckets that have refilled are dropped
    // (they would allow a full burst anyway), then the least recently used.
    RateLimiter(double burst, double per_minute, std::size_t max_addresses = 10000);

    // Takes one try for `address` at `now`: 0 when allowed, otherwise the
    // whole seconds (at least 1) until the next try is allowed.
    unsigned try_take(const std::string& address, Clock::time_point now = Clock::now());

private:
    struct Bucket {
        double tokens;
        Clock::time_point updated;
    };
    void make_room(Clock::time_point now);

    const double burst_;
    const double per_second_;
    const std::size_t max_addresses_;
    std::mutex mutex_;
    std::unordered_map<std::string, Bucket> buckets_;
};

} // namespace engage::api
