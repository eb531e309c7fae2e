#include "support/child_process.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdexcept>
#include <sys/wait.h>
#include <thread>

extern char** environ;

namespace engage::test {
namespace {

// Owns a posix_spawn_file_actions_t so every exit path destroys it.
class FileActions {
public:
    FileActions() { ::posix_spawn_file_actions_init(&actions_); }
    ~FileActions() { ::posix_spawn_file_actions_destroy(&actions_); }
    FileActions(const FileActions&) = delete;
    FileActions& operator=(const FileActions&) = delete;
    posix_spawn_file_actions_t* get() { return &actions_; }

private:
    posix_spawn_file_actions_t actions_{};
};

void open_stream(FileActions& actions, int fd, const std::filesystem::path& file, bool input) {
    const std::string path = file.empty() ? std::string("/dev/null") : file.string();
    const int flags = input ? O_RDONLY : (O_WRONLY | O_CREAT | O_TRUNC);
    const int rc = ::posix_spawn_file_actions_addopen(actions.get(), fd, path.c_str(), flags, 0600);
    if (rc != 0) {
        throw std::runtime_error("posix_spawn_file_actions_addopen: " +
                                 std::string(std::strerror(rc)));
    }
}

ExitStatus decode(int wstatus) {
    ExitStatus s;
    if (WIFEXITED(wstatus)) {
        s.exited = true;
        s.code = WEXITSTATUS(wstatus);
    } else if (WIFSIGNALED(wstatus)) {
        s.signal = WTERMSIG(wstatus);
    }
    return s;
}

} // namespace

ChildProcess::ChildProcess(const std::vector<std::string>& argv, const ChildIo& io) {
    if (argv.empty()) {
        throw std::runtime_error("ChildProcess: empty argv");
    }
    FileActions actions;
    open_stream(actions, STDIN_FILENO, io.stdin_file, true);
    open_stream(actions, STDOUT_FILENO, io.stdout_file, false);
    open_stream(actions, STDERR_FILENO, io.stderr_file, false);

    std::vector<char*> args;
    args.reserve(argv.size() + 1);
    for (const auto& a : argv) {
        args.push_back(const_cast<char*>(a.c_str())); // posix_spawn does not modify them
    }
    args.push_back(nullptr);
    pid_t pid = -1;
    const int rc =
        ::posix_spawn(&pid, argv[0].c_str(), actions.get(), nullptr, args.data(), environ);
    if (rc != 0) {
        throw std::runtime_error("posix_spawn " + argv[0] + ": " + std::strerror(rc));
    }
    pid_ = pid;
}

ChildProcess::~ChildProcess() {
    release();
}

ChildProcess::ChildProcess(ChildProcess&& other) noexcept
    : pid_(other.pid_), status_(other.status_) {
    other.pid_ = -1;
    other.status_.reset();
}

ChildProcess& ChildProcess::operator=(ChildProcess&& other) noexcept {
    if (this != &other) {
        release();
        pid_ = other.pid_;
        status_ = other.status_;
        other.pid_ = -1;
        other.status_.reset();
    }
    return *this;
}

void ChildProcess::release() noexcept {
    if (pid_ > 0 && !status_) {
        ::kill(pid_, SIGKILL);
        int wstatus = 0;
        while (::waitpid(pid_, &wstatus, 0) < 0 && errno == EINTR) {
        }
    }
    pid_ = -1;
}

bool ChildProcess::reap(bool block) {
    if (status_) {
        return true;
    }
    if (pid_ <= 0) {
        return false;
    }
    int wstatus = 0;
    pid_t r = 0;
    do {
        r = ::waitpid(pid_, &wstatus, block ? 0 : WNOHANG);
    } while (r < 0 && errno == EINTR);
    if (r == pid_) {
        status_ = decode(wstatus);
        return true;
    }
    if (r < 0) { // not our child any more (ECHILD): treat as gone
        status_ = ExitStatus{};
        return true;
    }
    return false;
}

bool ChildProcess::running() {
    return pid_ > 0 && !reap(false);
}

bool ChildProcess::send_signal(int sig) {
    if (!running()) {
        return false;
    }
    return ::kill(pid_, sig) == 0;
}

std::optional<ExitStatus> ChildProcess::wait_for(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    // Polling keeps this free of signal handlers (SIGCHLD) in the test process.
    while (!reap(false)) {
        if (std::chrono::steady_clock::now() >= deadline) {
            return std::nullopt;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return status_;
}

ExitStatus ChildProcess::kill_and_wait() {
    if (!status_ && pid_ > 0) {
        ::kill(pid_, SIGKILL);
        reap(true);
    }
    return status_.value_or(ExitStatus{});
}

} // namespace engage::test
