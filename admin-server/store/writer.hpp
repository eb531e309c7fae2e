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

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace engage::store {

// How a job ended. Converts to true only when committed, so callers that ask
// no more than "committed?" may keep taking a bool.
struct WriteResult {
    enum class Kind {
        committed,
        storage_full,        // the disk is full: nothing written, try again later
        storage_unavailable, // read-only, an I/O error or locked: nothing written
        failed,              // anything else (a bug, a constraint): nothing written
    };
    Kind kind = Kind::failed;
    operator bool() const noexcept { return kind == Kind::committed; } // NOLINT: see above
};

class Writer {
public:
    // Runs inside the shared transaction. May be run a second time, alone,
    // when the shared transaction failed, so it must reset any results it
    // records before recording them.
    using Work = std::function<void(WriteTransaction&)>;
    // Called once, after the commit or after it failed.
    using Done = std::function<void(WriteResult)>;
    // Told, on the writer thread, how many queued jobs one group took and
    // how long its transaction (fsync included) took; must not block.
    using CommitObserver = std::function<void(std::size_t jobs, std::chrono::nanoseconds took)>;

    // After this long without a job, the writer checkpoints the WAL with
    // TRUNCATE (issue 8: the WAL must not keep old pages, and so the order
    // of old writes, for ever). 2 s: idle by any kiosk's measure, and short
    // enough that a copy of the folder taken at a quiet moment holds one file.
    static constexpr std::chrono::milliseconds default_idle_checkpoint{2000};

    // Starts the writer thread on `store`, which must outlive the writer.
    explicit Writer(Store& store,
                    std::chrono::milliseconds idle_checkpoint = default_idle_checkpoint);
    Writer(const Writer&) = delete;
    Writer& operator=(const Writer&) = delete;
    // Finishes what is queued, then joins the thread.
    ~Writer();

    // Queues `work`; `done` follows the commit. After stop(), done(false) at once.
    void submit(Work work, Done done);
    // Finishes everything queued, then ends the thread. Idempotent.
    void stop();
    // Asks the writer thread to checkpoint with TRUNCATE as soon as the jobs
    // it is writing are done, without waiting to be idle: after a sweep that
    // deleted rows, so the WAL stops holding their pages (secure_delete does
    // not reach the WAL). Never blocks; may be called from a completion. A
    // checkpoint a reader holds back is finished when next idle, as usual.
    void request_checkpoint();

    // Replaces the commit observer (for /metrics); empty: none.
    void observe_commits(CommitObserver observer);

    // Transactions committed so far (for logs and benchmarks).
    std::uint64_t commits() const;
    // Jobs committed so far; jobs() / commits() is the mean group size.
    std::uint64_t jobs() const;
    // Checkpoints (idle or requested) that emptied the WAL so far (for tests).
    std::uint64_t checkpoints() const;

private:
    struct Job {
        Work work;
        Done done;
    };
    void run();
    void write_batch(std::deque<Job>& jobs);
    void checkpoint_wal(); // TRUNCATE; wal_dirty_ stays set if a reader held part back

    Store& store_;
    const std::chrono::milliseconds idle_checkpoint_;
    bool wal_dirty_ = false; // writer thread only: commits since the last full checkpoint
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<Job> queue_;
    CommitObserver observer_;
    bool stopping_ = false;
    bool checkpoint_requested_ = false;
    std::uint64_t commits_ = 0;
    std::uint64_t jobs_ = 0;
    std::uint64_t checkpoints_ = 0;
    std::thread thread_;
};

} // namespace engage::store
