#pragma once
// A SQLite VFS for tests that wraps the default one and fails on command,
// for the errors a file system will not produce on demand (SQLite's own
// testing does the same with its "crash" and "full" VFS shims):
//   - every write fails with a chosen code (e.g. SQLITE_IOERR_WRITE);
//   - every fsync fails (SQLITE_IOERR_FSYNC);
//   - the disk "fills up": once a budget of bytes is spent, writes that would
//     grow a file fail with SQLITE_FULL.
// Open a connection with it by name (Database::open(…, vfs.name()),
// Outbox::open(…, vfs.name())); other connections are untouched.
//
// Thread safety: the switches and counters are atomics, so a test thread may
// arm and heal while the connection is used on another (the server's
// writer). Register one FaultVfs per name; it unregisters when destroyed and
// must outlive every connection opened with it.

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

namespace engage::test {

class FaultVfs {
public:
    // Registers a VFS called `name` that forwards to the default VFS.
    explicit FaultVfs(std::string name = "engage-fault");
    ~FaultVfs();
    FaultVfs(const FaultVfs&) = delete;
    FaultVfs& operator=(const FaultVfs&) = delete;

    const char* name() const noexcept { return name_.c_str(); }

    // From now on every xWrite returns `code` (0 stops).
    void fail_writes(int code) noexcept { write_error_ = code; }
    // From now on every xRead and every shared-memory lock returns `code`
    // (0 stops): a read cannot be served even from SQLite's page cache,
    // because each read transaction takes a lock first.
    void fail_reads(int code) noexcept { read_error_ = code; }
    // From now on every xSync returns `code` (0 stops).
    void fail_syncs(int code) noexcept { sync_error_ = code; }
    // From now on at most `bytes` more bytes may be written past the current
    // end of any file; a write that would pass it fails with SQLITE_FULL.
    // Rewriting bytes a file already has costs nothing, as on a real disk.
    void full_after(std::int64_t bytes) noexcept {
        budget_ = bytes;
        limited_ = true;
    }
    // Every switch off: the disk works again.
    void heal() noexcept {
        write_error_ = 0;
        read_error_ = 0;
        sync_error_ = 0;
        limited_ = false;
    }
    // Calls that failed because of a switch, since construction.
    std::int64_t injected() const noexcept { return injected_; }

    // The wrapper's state, reached from the C callbacks.
    struct State;

private:
    std::string name_;
    std::unique_ptr<State> state_;

public: // read by the callbacks in fault_vfs.cpp
    std::atomic<int> write_error_{0};
    std::atomic<int> read_error_{0};
    std::atomic<int> sync_error_{0};
    std::atomic<bool> limited_{false};
    std::atomic<std::int64_t> budget_{0};
    std::atomic<std::int64_t> injected_{0};
};

} // namespace engage::test
