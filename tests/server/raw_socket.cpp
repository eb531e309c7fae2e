#include "raw_socket.hpp"

#include <arpa/inet.h>
#include <cctype>
#include <cerrno>
#include <fcntl.h>
#include <fstream>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>
#include <utility>

namespace engage::test {

RawSocket::RawSocket(std::uint16_t port, const std::string& source) {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd_ < 0) {
        return;
    }
    sockaddr_in from{};
    from.sin_family = AF_INET;
    ::inet_pton(AF_INET, source.c_str(), &from.sin_addr);
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(port);
    ::inet_pton(AF_INET, "127.0.0.1", &to.sin_addr);
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&from), sizeof from) != 0 ||
        ::connect(fd_, reinterpret_cast<sockaddr*>(&to), sizeof to) != 0) {
        close();
        return;
    }
    ::fcntl(fd_, F_SETFL, ::fcntl(fd_, F_GETFL) | O_NONBLOCK);
}

RawSocket::~RawSocket() {
    close();
}

RawSocket::RawSocket(RawSocket&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}

RawSocket& RawSocket::operator=(RawSocket&& other) noexcept {
    if (this != &other) {
        close();
        fd_ = std::exchange(other.fd_, -1);
    }
    return *this;
}

long RawSocket::send_some(std::string_view bytes) {
    if (fd_ < 0) {
        return -1;
    }
    const auto n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n >= 0) {
        return n;
    }
    return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR ? 0 : -1;
}

bool RawSocket::receive_some(std::string& into) {
    if (fd_ < 0) {
        return false;
    }
    char buf[4096];
    for (;;) {
        const auto n = ::recv(fd_, buf, sizeof buf, MSG_DONTWAIT);
        if (n > 0) {
            into.append(buf, static_cast<std::size_t>(n));
            continue;
        }
        if (n == 0) {
            return false;
        }
        return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR;
    }
}

void RawSocket::close() {
    if (fd_ >= 0) {
        ::close(fd_);
        fd_ = -1;
    }
}

std::uint64_t peak_rss_kib(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(in, line)) {
        if (line.starts_with("VmHWM:")) {
            return std::stoull(line.substr(6));
        }
    }
    return 0;
}

std::string loopback_source(std::size_t index) {
    return "127.0.0." + std::to_string(2 + index % 249);
}

} // namespace engage::test

namespace engage::test {

int status_of(std::string_view text) {
    // "HTTP/1.1 200 OK"
    if (text.size() < 12 || !text.starts_with("HTTP/1.")) {
        return 0;
    }
    int status = 0;
    for (std::size_t i = 9; i < 12; ++i) {
        if (text[i] < '0' || text[i] > '9') {
            return 0;
        }
        status = status * 10 + (text[i] - '0');
    }
    return status;
}

namespace {

// The length of the first whole reply in `text`, or 0 if it is not all there.
std::size_t whole_reply(std::string_view text) {
    const auto end = text.find("\r\n\r\n");
    if (end == std::string_view::npos) {
        return 0;
    }
    std::size_t length = 0;
    std::string_view head = text.substr(0, end + 2);
    for (std::size_t at = head.find("\r\n"); at != std::string_view::npos;) {
        const auto next = head.find("\r\n", at + 2);
        if (next == std::string_view::npos) {
            break;
        }
        const std::string_view line = head.substr(at + 2, next - at - 2);
        constexpr std::string_view name = "content-length:";
        if (line.size() > name.size()) {
            std::string lower(line.substr(0, name.size()));
            for (char& c : lower) {
                c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            }
            if (lower == name) {
                length = std::stoul(std::string(line.substr(name.size())));
            }
        }
        at = next;
    }
    return text.size() >= end + 4 + length ? end + 4 + length : 0;
}

} // namespace

std::optional<RawReply> read_reply(RawSocket& socket, std::string& pending,
                                   std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        if (const auto n = whole_reply(pending); n != 0) {
            RawReply r{status_of(pending), pending.substr(0, n)};
            pending.erase(0, n);
            return r;
        }
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            return std::nullopt;
        }
        pollfd p{socket.fd(), POLLIN, 0};
        if (::poll(&p, 1, static_cast<int>(left.count())) < 0) {
            return std::nullopt;
        }
        if (!socket.receive_some(pending) && whole_reply(pending) == 0) {
            return std::nullopt;
        }
    }
}

} // namespace engage::test
