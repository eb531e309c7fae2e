#pragma once
// Raw TCP connections for the abuse tests: from a chosen loopback source
// address (127.0.0.0/8 is all loopback), so a test can play many clients on
// different addresses; non-blocking sends for floods. Plus the server's peak
// memory from /proc. One owner per descriptor; movable, not copyable.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <sys/types.h>

namespace engage::test {

class RawSocket {
public:
    // Connects to 127.0.0.1:port from `source` (e.g. "127.0.0.9"), blocking
    // until connected. After a failure is_open() is false.
    RawSocket(std::uint16_t port, const std::string& source);
    ~RawSocket();
    RawSocket(RawSocket&& other) noexcept;
    RawSocket& operator=(RawSocket&& other) noexcept;
    RawSocket(const RawSocket&) = delete;
    RawSocket& operator=(const RawSocket&) = delete;

    bool is_open() const { return fd_ >= 0; }
    int fd() const { return fd_; }
    // Sends what the socket takes now without blocking; the bytes sent, or
    // -1 once the peer has closed or reset.
    long send_some(std::string_view bytes);
    // Reads what is there without blocking into `into`; false once the peer
    // closed (end of stream or reset).
    bool receive_some(std::string& into);
    void close();

private:
    int fd_ = -1;
};

// VmHWM (peak resident set) of process `pid` in KiB, or 0 when unreadable.
std::uint64_t peak_rss_kib(pid_t pid);

// "127.0.0.N" for N in 2..250, cycling: a distinct loopback source per index.
std::string loopback_source(std::size_t index);

} // namespace engage::test

namespace engage::test {

// A reply read off a RawSocket: its status and its whole text.
struct RawReply {
    int status = 0;
    std::string text;
};
// Waits up to `timeout` for one whole reply (head, then Content-Length body)
// in `pending` (bytes already received and not yet consumed, kept across
// calls); consumes it. nullopt when the peer closed or time ran out first.
std::optional<RawReply> read_reply(RawSocket& socket, std::string& pending,
                                   std::chrono::milliseconds timeout);
// The status code of the first reply in `text`, or 0.
int status_of(std::string_view text);

} // namespace engage::test
