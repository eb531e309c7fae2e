#include "api/rate_limiter.hpp"

#include <algorithm>
#include <cmath>

namespace engage::api {

RateLimiter::RateLimiter(double burst, double per_minute, std::size_t max_addresses)
    : burst_(burst), per_second_(per_minute / 60.0),
      max_addresses_(std::max<std::size_t>(1, max_addresses)) {}

void RateLimiter::make_room(Clock::time_point now) {
    // Full buckets carry no state worth keeping: a new bucket starts full.
    std::erase_if(buckets_, [&](const auto& entry) {
        const double elapsed = std::chrono::duration<double>(now - entry.second.updated).count();
        return entry.second.tokens + elapsed * per_second_ >= burst_;
    });
    if (buckets_.size() < max_addresses_) {
        return;
    }
    // Still full (a flood from many addresses): forget the stalest bucket. O(n),
    // but only when max_addresses distinct addresses are all mid-burst.
    const auto oldest =
        std::min_element(buckets_.begin(), buckets_.end(), [](const auto& a, const auto& b) {
            return a.second.updated < b.second.updated;
        });
    buckets_.erase(oldest);
}

unsigned RateLimiter::try_take(const std::string& address, Clock::time_point now) {
    std::lock_guard lock(mutex_);
    auto it = buckets_.find(address);
    if (it == buckets_.end()) {
        if (buckets_.size() >= max_addresses_) {
            make_room(now);
        }
        it = buckets_.emplace(address, Bucket{burst_, now}).first;
    }
    Bucket& b = it->second;
    if (now > b.updated) {
        const double elapsed = std::chrono::duration<double>(now - b.updated).count();
        b.tokens = std::min(burst_, b.tokens + elapsed * per_second_);
        b.updated = now;
    }
    if (b.tokens >= 1.0) {
        b.tokens -= 1.0;
        return 0;
    }
    const double wait = (1.0 - b.tokens) / per_second_;
    return static_cast<unsigned>(std::max(1.0, std::ceil(wait)));
}

} // namespace engage::api
