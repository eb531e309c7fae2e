#pragma once
// A child process started with posix_spawn whose standard streams go to
// files. The owner always reaps it: the destructor kills (SIGKILL) and waits
// for a child that is still running, so no test leaves a process behind.
// Not thread-safe; movable, not copyable.

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace engage::test {

// How a child ended: exited with `code`, or killed by `signal`.
struct ExitStatus {
    bool exited = false; // true: normal exit with `code`
    int code = -1;
    int signal = 0; // the terminating signal when !exited
};

// Files for the child's streams; an empty path means /dev/null.
struct ChildIo {
    std::filesystem::path stdin_file;
    std::filesystem::path stdout_file;
    std::filesystem::path stderr_file;
};

class ChildProcess {
public:
    // Starts argv[0] (a path) with argv and the current environment.
    // Throws std::runtime_error when posix_spawn fails.
    ChildProcess(const std::vector<std::string>& argv, const ChildIo& io);
    ~ChildProcess();
    ChildProcess(ChildProcess&& other) noexcept;
    ChildProcess& operator=(ChildProcess&& other) noexcept;
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    pid_t pid() const { return pid_; }
    // True until the child has been reaped (polls without blocking).
    bool running();
    // Sends `sig`; false when the child is already reaped.
    bool send_signal(int sig);
    // Waits up to `timeout` for the child to end; nullopt if it still runs.
    std::optional<ExitStatus> wait_for(std::chrono::milliseconds timeout);
    // SIGKILL, then waits for it; returns how it ended (it may have exited first).
    ExitStatus kill_and_wait();
    // The status once reaped.
    const std::optional<ExitStatus>& status() const { return status_; }

private:
    bool reap(bool block);
    void release() noexcept;
    pid_t pid_ = -1;
    std::optional<ExitStatus> status_;
};

} // namespace engage::test
