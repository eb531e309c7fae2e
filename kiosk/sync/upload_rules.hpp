#pragma once
// Which waiting items may be uploaded now (DESIGN §6, issue 8). Pure: the
// sync thread calls it with the steady clock, tests with any time they like.
//
// - Every item waits the full delay, counted from when this run of the
//   kiosk first saw it (memory only: after a restart it counts again).
// - Anonymous items go together, and only when at least `min_batch` of them
//   have waited, so one upload never stands for one visit; once any has
//   waited `max_wait` the ones that have waited go anyway (by then the
//   upload's time says nothing the item's date does not).
// - Sign-ups (sealed items) never share a batch with anonymous items, so a
//   person's sign-up and feedback are never committed together. They wait
//   the same delay but need no minimum count: the sealed box names the
//   person to the coordinators anyway, and help should not wait for others.

#include <chrono>
#include <cstddef>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace engage::kiosk {

struct UploadRules {
    std::chrono::seconds delay{30 * 60};
    std::size_t min_batch = 5;
    std::chrono::seconds max_wait{7 * 24 * 3600};
};

struct WaitingItem {
    std::string id;
    bool signup = false; // a sealed sign-up
    std::chrono::steady_clock::time_point since;
};

struct UploadChoice {
    std::vector<std::string> anonymous; // ids that may go now, together
    std::vector<std::string> signups;   // ids that may go now, in their own batch
    // Anonymous items still missing before min_batch is reached (staff see
    // "waiting for N more answers"); 0 when none are missing.
    std::size_t answers_needed = 0;
    // Whole seconds until the oldest waiting anonymous item has waited the
    // delay; nullopt when none waits or it already has.
    std::optional<std::int64_t> delay_left_seconds;
};

// True once `since` lies at least `delay` before `now`. Compared in whole
// seconds, so a delay near seconds::max() cannot overflow into "at once".
bool has_waited(std::chrono::steady_clock::time_point since,
                std::chrono::steady_clock::time_point now, std::chrono::seconds delay);

UploadChoice choose_uploads(const std::vector<WaitingItem>& items,
                            std::chrono::steady_clock::time_point now, const UploadRules& rules);

// A uniformly random interval in [low, high] (high < low counts as low):
// the upload timer's next check, so uploads fall at times no visit chose.
std::chrono::milliseconds jittered_interval(std::chrono::milliseconds low,
                                            std::chrono::milliseconds high, std::mt19937_64& rng);

} // namespace engage::kiosk
