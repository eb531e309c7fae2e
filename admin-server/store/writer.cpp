#include "store/writer.hpp"

#include "log/journal_log.hpp"

#include <cstdio>
#include <exception>
#include <vector>

namespace engage::store {
namespace {

// What reaches the log is SQLite's message (table and constraint names),
// never a bound value, so it carries nothing personal.
void log_failure(const char* what) {
    journal::write(journal::Priority::err, "writer_transaction_failed",
                   std::string("writer: transaction failed: ") + what);
}

void log_checkpoint_failure(const char* what) {
    journal::write(journal::Priority::warning, "writer_checkpoint_failed",
                   std::string("writer: checkpoint failed (retried when next idle): ") + what);
}

} // namespace

Writer::Writer(Store& store, std::chrono::milliseconds idle_checkpoint)
    : store_(store), idle_checkpoint_(idle_checkpoint), thread_([this] { run(); }) {}

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
    done(WriteResult{WriteResult::Kind::failed});
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

void Writer::request_checkpoint() {
    std::lock_guard lock(mutex_);
    checkpoint_requested_ = true;
    wake_.notify_one();
}

void Writer::observe_commits(CommitObserver observer) {
    std::lock_guard lock(mutex_);
    observer_ = std::move(observer);
}

std::uint64_t Writer::commits() const {
    std::lock_guard lock(mutex_);
    return commits_;
}

std::uint64_t Writer::jobs() const {
    std::lock_guard lock(mutex_);
    return jobs_;
}

std::uint64_t Writer::checkpoints() const {
    std::lock_guard lock(mutex_);
    return checkpoints_;
}

void Writer::run() {
    for (;;) {
        std::deque<Job> jobs;
        bool checkpoint_now = false;
        {
            std::unique_lock lock(mutex_);
            const auto ready = [this] {
                return stopping_ || !queue_.empty() || checkpoint_requested_;
            };
            if (wal_dirty_) {
                if (!wake_.wait_for(lock, idle_checkpoint_, ready)) {
                    lock.unlock();
                    checkpoint_wal();
                    continue;
                }
            } else {
                wake_.wait(lock, ready);
            }
            if (checkpoint_requested_) {
                checkpoint_requested_ = false;
                checkpoint_now = true;
            } else if (queue_.empty()) {
                lock.unlock();
                if (wal_dirty_) {
                    checkpoint_wal(); // leave one file behind at shutdown
                }
                return; // stopping, and everything queued is written
            } else {
                jobs.swap(queue_);
            }
        }
        if (checkpoint_now) {
            checkpoint_wal();
            continue;
        }
        write_batch(jobs);
    }
}

void Writer::checkpoint_wal() {
    bool emptied = false;
    try {
        emptied = store_.checkpoint();
    } catch (const std::exception& e) {
        // Safe to leave: the WAL stays valid, only longer; the next idle
        // spell tries again.
        log_checkpoint_failure(e.what());
    }
    wal_dirty_ = !emptied;
    if (emptied) {
        std::lock_guard lock(mutex_);
        ++checkpoints_;
    }
}

void Writer::write_batch(std::deque<Job>& jobs) {
    using Kind = WriteResult::Kind;
    std::uint64_t committed = 0;
    Kind shared = Kind::failed;
    wal_dirty_ = true;
    const auto started = std::chrono::steady_clock::now();
    try {
        store_.write([&](WriteTransaction& tx) {
            for (auto& job : jobs) {
                job.work(tx);
            }
        });
        shared = Kind::committed;
        committed = 1;
    } catch (const StorageUnavailable& e) {
        // Logged without data: SQLite's message names the file and the fault.
        log_failure(e.what());
        shared = e.full() ? Kind::storage_full : Kind::storage_unavailable;
    } catch (const std::exception& e) {
        log_failure(e.what());
    } catch (...) {
        log_failure("unknown error");
    }
    std::vector<Kind> result(jobs.size(), shared);
    CommitObserver observer;
    // A full or unavailable disk fails every job alike; retrying each alone
    // would only hammer it. Otherwise one bad job must not sink the others.
    if (shared == Kind::failed && jobs.size() > 1) {
        // One bad job must not sink the others: after a failed shared
        // transaction each job is retried in its own, so only the faulty one
        // is answered with a failure.
        for (std::size_t i = 0; i < jobs.size(); ++i) {
            try {
                store_.write(jobs[i].work);
                result[i] = Kind::committed;
                ++committed;
            } catch (const StorageUnavailable& again) {
                log_failure(again.what());
                result[i] = again.full() ? Kind::storage_full : Kind::storage_unavailable;
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
        for (const Kind k : result) {
            jobs_ += k == Kind::committed ? 1 : 0;
        }
        observer = observer_;
    }
    if (observer) {
        observer(jobs.size(), std::chrono::steady_clock::now() - started);
    }
    for (std::size_t i = 0; i < jobs.size(); ++i) {
        jobs[i].done(WriteResult{result[i]});
    }
}

} // namespace engage::store
