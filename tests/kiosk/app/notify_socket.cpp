#include "notify_socket.hpp"

#include <cerrno>
#include <cstring>
#include <poll.h>
#include <stdexcept>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace engage::test {

namespace {
// sd_notify messages are short; systemd itself reads at most a page or so.
constexpr std::size_t max_message = 4096;
} // namespace

NotifySocket::NotifySocket(std::filesystem::path path) : path_(std::move(path)) {
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    if (path_.native().size() >= sizeof(addr.sun_path))
        throw std::runtime_error("notify socket path too long: " + path_.string());
    std::memcpy(addr.sun_path, path_.c_str(), path_.native().size());
    fd_ = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd_ < 0)
        throw std::runtime_error(std::string("socket: ") + std::strerror(errno));
    const int on = 1;
    if (setsockopt(fd_, SOL_SOCKET, SO_PASSCRED, &on, sizeof on) != 0 ||
        bind(fd_, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) {
        const std::string why = std::strerror(errno);
        close(fd_);
        throw std::runtime_error("notify socket " + path_.string() + ": " + why);
    }
}

NotifySocket::~NotifySocket() {
    close(fd_);
    std::error_code ec;
    std::filesystem::remove(path_, ec);
}

std::optional<NotifyMessage> NotifySocket::receive(std::chrono::milliseconds timeout) {
    pollfd p{fd_, POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(timeout.count())) != 1)
        return std::nullopt;
    char buf[max_message];
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(ucred))];
    iovec iov{buf, sizeof buf};
    msghdr msg{};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control;
    msg.msg_controllen = sizeof control;
    const ssize_t n = recvmsg(fd_, &msg, 0);
    if (n < 0)
        return std::nullopt;
    NotifyMessage m;
    m.text.assign(buf, static_cast<std::size_t>(n));
    while (!m.text.empty() && m.text.back() == '\n')
        m.text.pop_back();
    for (cmsghdr* c = CMSG_FIRSTHDR(&msg); c != nullptr; c = CMSG_NXTHDR(&msg, c)) {
        if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_CREDENTIALS) {
            ucred cred{};
            std::memcpy(&cred, CMSG_DATA(c), sizeof cred);
            m.sender = cred.pid;
        }
    }
    return m;
}

std::optional<NotifyMessage> NotifySocket::wait_for(const std::string& text,
                                                    std::chrono::milliseconds timeout) {
    const auto end = std::chrono::steady_clock::now() + timeout;
    while (true) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            end - std::chrono::steady_clock::now());
        if (left.count() <= 0)
            return std::nullopt;
        auto m = receive(left);
        if (!m)
            return std::nullopt;
        if (m->text == text)
            return m;
    }
}

} // namespace engage::test
