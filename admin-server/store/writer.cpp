#include "store/writer.hpp"

#include <cstdio>
#include <exception>
#include <vector>

namespace engage::store {
namespace {

// What reaches the log is SQLite's message (table and constraint names),
// never a bound value, so it carries nothing personal.
void log_failure(const char* what) {
    std::fprintf(stderr, "writer: transaction failed: %s\n", what);
}

} // namespace

Writer::Writer(Store& store) : store_(store), thread_([this] { run(); }) {}

Writer::~Writer() {
    stop();
}

void Writer::submit(Work work, Done done) {
    {
        std::lock_guard lock(mutex_);
        if (!stopping_) {
            queue_.push_back(Job{std::move(work), std::move(done)});
            wake_.notify_one();
            return;
        }
    }
    done(false);
}

void Writer::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        wake_.notify_one();
    }
    if (thread_.joinable()) {
        thread_.join();
    }
}

std::uint64_t Writer::commits() const {
    std::lock_guard lock(mutex_);
    return commits_;
}

std::uint64_t Writer::jobs() const {
    std::lock_guard lock(mutex_);
    return jobs_;
}

void Writer::run() {
    for (;;) {
        std::deque<Job> jobs;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
            if (queue_.empty()) {
                return; // stopping, and everything queued is written
            }
            jobs.swap(queue_);
        }
        write_batch(jobs);
    }
}

void Writer::write_batch(std::deque<Job>& jobs) {
    std::uint64_t committed = 0;
    bool all_committed = false;
    try {
        store_.write([&](WriteTransaction& tx) {
            for (auto& job : jobs) {
                job.work(tx);
            }
        });
        all_committed = true;
        committed = 1;
    } catch (const std::exception& e) {
        log_failure(e.what());
    } catch (...) {
        log_failure("unknown error");
    }
    std::vector<char> ok(jobs.size(), all_committed ? 1 : 0);
    if (!all_committed && jobs.size() > 1) {
        // One bad job must not sink the others: after a failed shared
        // transaction each job is retried in its own, so only the faulty one
        // is answered with a failure.
        for (std::size_t i = 0; i < jobs.size(); ++i) {
            try {
                store_.write(jobs[i].work);
                ok[i] = 1;
                ++committed;
            } catch (const std::exception& again) {
                log_failure(again.what());
            } catch (...) {
                log_failure("unknown error");
            }
        }
    }
    {
        // Counted before anyone is told, so a caller that saw its completion
        // also sees it counted.
        std::lock_guard lock(mutex_);
        commits_ += committed;
        for (const char k : ok) {
            jobs_ += k ? 1 : 0;
        }
    }
    for (std::size_t i = 0; i < jobs.size(); ++i) {
        jobs[i].done(ok[i] != 0);
    }
}

} // namespace engage::store
