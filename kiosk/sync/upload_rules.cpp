#include "kiosk/sync/upload_rules.hpp"

#include <algorithm>

namespace engage::kiosk {

bool has_waited(std::chrono::steady_clock::time_point since,
                std::chrono::steady_clock::time_point now, std::chrono::seconds delay) {
    if (delay.count() <= 0) {
        return true;
    }
    if (now < since) {
        return false;
    }
    // now - since is at most the steady clock's range; converting it down to
    // seconds cannot overflow, while converting `delay` up to nanoseconds could.
    return std::chrono::duration_cast<std::chrono::seconds>(now - since) >= delay;
}

UploadChoice choose_uploads(const std::vector<WaitingItem>& items,
                            std::chrono::steady_clock::time_point now, const UploadRules& rules) {
    UploadChoice choice;
    std::vector<std::string> ripe;
    std::size_t anonymous_total = 0;
    bool overdue = false;
    std::optional<std::chrono::steady_clock::time_point> oldest_unripe;
    const auto max_wait = std::max(rules.max_wait, rules.delay);
    for (const auto& item : items) {
        const bool waited = has_waited(item.since, now, rules.delay);
        if (item.signup) {
            if (waited) {
                choice.signups.push_back(item.id);
            }
            continue;
        }
        ++anonymous_total;
        if (waited) {
            ripe.push_back(item.id);
            overdue = overdue || has_waited(item.since, now, max_wait);
        } else if (!oldest_unripe || item.since < *oldest_unripe) {
            oldest_unripe = item.since;
        }
    }
    const std::size_t min_batch = std::max<std::size_t>(1, rules.min_batch);
    if (!ripe.empty() && (ripe.size() >= min_batch || overdue)) {
        choice.anonymous = std::move(ripe);
    } else if (anonymous_total < min_batch && !overdue) {
        choice.answers_needed = min_batch - anonymous_total;
    }
    if (oldest_unripe && choice.anonymous.empty()) {
        const auto waited =
            std::chrono::duration_cast<std::chrono::seconds>(now - *oldest_unripe).count();
        choice.delay_left_seconds = rules.delay.count() - std::max<std::int64_t>(0, waited);
    }
    return choice;
}

std::chrono::milliseconds jittered_interval(std::chrono::milliseconds low,
                                            std::chrono::milliseconds high, std::mt19937_64& rng) {
    if (high <= low) {
        return low;
    }
    std::uniform_int_distribution<std::int64_t> pick(low.count(), high.count());
    return std::chrono::milliseconds(pick(rng));
}

} // namespace engage::kiosk
