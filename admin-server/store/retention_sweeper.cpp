#include "store/retention_sweeper.hpp"

#include "store/retention.hpp"

#include <cassert>
#include <future>
#include <memory>

namespace engage::store {

RetentionSweeper::RetentionSweeper(Writer& writer, int months, Today today, Observer observer,
                                   std::chrono::milliseconds interval)
    : writer_(writer), months_(months), today_(std::move(today)), observer_(std::move(observer)),
      interval_(interval), thread_([this] { run(); }) {
    assert(months >= retention::min_months && months <= retention::max_months);
}

RetentionSweeper::~RetentionSweeper() {
    stop();
}

void RetentionSweeper::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        wake_.notify_one();
    }
    if (thread_.joinable()) {
        thread_.join();
    }
}

std::uint64_t RetentionSweeper::sweeps() const {
    std::lock_guard lock(mutex_);
    return sweeps_;
}

void RetentionSweeper::run() {
    for (;;) {
        const SweepResult result = sweep_once();
        {
            std::lock_guard lock(mutex_);
            ++sweeps_;
        }
        if (observer_) {
            observer_(result);
        }
        std::unique_lock lock(mutex_);
        if (wake_.wait_for(lock, interval_, [this] { return stopping_; })) {
            return;
        }
    }
}

SweepResult RetentionSweeper::sweep_once() {
    const Date today = today_();
    // Shared with the job: the writer may run the work a second time alone
    // (after a failed group transaction), and it assigns, never adds.
    auto result = std::make_shared<SweepResult>();
    result->first_kept_month = retention::first_kept_month(today, months_);
    std::promise<void> answered;
    auto done = answered.get_future();
    writer_.submit(
        [result, today, months = months_](WriteTransaction& tx) {
            result->deleted = tx.sweep_retention(today, months);
            result->signups_deleted = tx.sweep_signups(today).deleted_ids;
        },
        [this, result, &answered](WriteResult r) {
            result->result = r;
            if (!r) {
                result->deleted = 0; // rolled back: nothing was deleted
                result->signups_deleted.clear();
            } else if (result->deleted > 0 || !result->signups_deleted.empty()) {
                writer_.request_checkpoint();
            }
            answered.set_value();
        });
    // Always answered: after the commit, after a failure, or at once when the
    // writer has stopped. Waiting here keeps `answered` and `this` alive for
    // the completion.
    done.wait();
    return *result;
}

} // namespace engage::store
