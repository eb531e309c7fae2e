#pragma once
// The single writer with group commit (DESIGN §9). Request handlers never
// write the database: they hand work to the writer and wait. The writer
// thread takes everything queued, runs it in ONE transaction, commits
// (synchronous=FULL), and only then calls each job's completion. Under
// concurrency many requests share one fsync, which is what makes durable
// single-item ingest fast.
//
// Thread safety: submit() may be called from any thread; completions run on
// the writer thread and must only hand the result on (e.g. post to an
// executor), never block.

#include "store/store.hpp"

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace engage::store {

class Writer {
public:
    // Runs inside the shared transaction. May be run a second time, alone,
    // when the shared transaction failed, so it must reset any results it
    // records before recording them.
    using Work = std::function<void(WriteTransaction&)>;
    // Called once, after the commit (true) or after it failed (false).
    using Done = std::function<void(bool committed)>;

    // Starts the writer thread on `store`, which must outlive the writer.
    explicit Writer(Store& store);
    Writer(const Writer&) = delete;
    Writer& operator=(const Writer&) = delete;
    // Finishes what is queued, then joins the thread.
    ~Writer();

    // Queues `work`; `done` follows the commit. After stop(), done(false) at once.
    void submit(Work work, Done done);
    // Finishes everything queued, then ends the thread. Idempotent.
    void stop();

    // Transactions committed so far (for logs and benchmarks).
    std::uint64_t commits() const;
    // Jobs committed so far; jobs() / commits() is the mean group size.
    std::uint64_t jobs() const;

private:
    struct Job {
        Work work;
        Done done;
    };
    void run();
    void write_batch(std::deque<Job>& jobs);

    Store& store_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<Job> queue_;
    bool stopping_ = false;
    std::uint64_t commits_ = 0;
    std::uint64_t jobs_ = 0;
    std::thread thread_;
};

} // namespace engage::store
