#pragma once
// The retention sweep on a schedule (issue 8): at start and then every
// `interval` (a day), one write transaction on the store's writer deletes the
// anonymous items older than the retention period (store/retention.hpp)
// and the sign-ups past theirs (Store::sweep_signups, issue 10);
// after a sweep that deleted rows the writer checkpoints with TRUNCATE at
// once, so the WAL does not keep their pages. The deleting never happens on
// an I/O thread: this class only keeps time and hands the job to the Writer.
//
// Thread safety: construct and stop from one thread. The observer runs on
// the sweeper's own thread, once per sweep, after the writer has answered.

#include "engage/date.hpp"
#include "store/writer.hpp"

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace engage::store {

struct SweepResult {
    std::string first_kept_month; // items of earlier months were to go
    std::int64_t deleted = 0;     // rows deleted (0 when committed with nothing to do)
    // Sign-ups past their retention (Store::sweep_signups, issue 10): the
    // stored ids, for the audit log's references. Empty when rolled back.
    std::vector<std::string> signups_deleted;
    WriteResult result; // how the writer's job ended
};

class RetentionSweeper {
public:
    // Today's date (UTC) for the sweep; tests pass a fixed one.
    using Today = std::function<Date()>;
    using Observer = std::function<void(const SweepResult&)>;

    // A day: the period is counted in months, so a daily sweep deletes an
    // expired month within a day of the day it expires. A failed sweep (a
    // full disk) is tried again at the next one.
    static constexpr std::chrono::milliseconds default_interval = std::chrono::hours(24);

    // Starts the thread and sweeps at once. `writer` must outlive this
    // object; `months` is within retention::min_months..max_months.
    RetentionSweeper(Writer& writer, int months, Today today, Observer observer = {},
                     std::chrono::milliseconds interval = default_interval);
    RetentionSweeper(const RetentionSweeper&) = delete;
    RetentionSweeper& operator=(const RetentionSweeper&) = delete;
    // stop().
    ~RetentionSweeper();

    // Waits for a sweep in progress to be answered, then ends the thread.
    // Idempotent. Call before stopping the writer.
    void stop();

    // Sweeps answered so far, committed or not.
    std::uint64_t sweeps() const;

private:
    void run();
    SweepResult sweep_once();

    Writer& writer_;
    const int months_;
    const Today today_;
    const Observer observer_;
    const std::chrono::milliseconds interval_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::uint64_t sweeps_ = 0;
    std::thread thread_;
};

} // namespace engage::store
