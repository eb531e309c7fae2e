#pragma once
// The service manager's end of sd_notify(3), for tests: a unix datagram
// socket bound to a fresh path (give it to a child as NOTIFY_SOCKET) that
// hands back each message with the pid that sent it, as systemd sees them.
// Not thread-safe; not copyable.

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <sys/types.h>

namespace engage::test {

struct NotifyMessage {
    std::string text; // e.g. "READY=1", "WATCHDOG=1"
    pid_t sender = 0; // from the kernel's credentials (SO_PASSCRED), not the message
};

class NotifySocket {
public:
    // Binds `path` (which must not exist). Throws std::runtime_error on failure.
    explicit NotifySocket(std::filesystem::path path);
    ~NotifySocket();
    NotifySocket(const NotifySocket&) = delete;
    NotifySocket& operator=(const NotifySocket&) = delete;

    const std::filesystem::path& path() const { return path_; }
    // The next message, or nullopt when none came within `timeout`.
    std::optional<NotifyMessage> receive(std::chrono::milliseconds timeout);
    // Waits up to `timeout` for a message equal to `text`, skipping others.
    std::optional<NotifyMessage> wait_for(const std::string& text,
                                          std::chrono::milliseconds timeout);

private:
    std::filesystem::path path_;
    int fd_ = -1;
};

} // namespace engage::test
