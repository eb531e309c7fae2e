#include "support/http_client.hpp"

#include <arpa/inet.h>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace engage::test {
namespace {

// A response head larger than this is not from our server.
constexpr std::size_t max_response_head_bytes = 64 * 1024;
// Receive in pieces this big; also the initial buffer size.
constexpr std::size_t receive_chunk_bytes = 64 * 1024;

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        const auto la = (a[i] >= 'A' && a[i] <= 'Z') ? a[i] - 'A' + 'a' : a[i];
        const auto lb = (b[i] >= 'A' && b[i] <= 'Z') ? b[i] - 'A' + 'a' : b[i];
        if (la != lb) {
            return false;
        }
    }
    return true;
}

bool icontains(std::string_view haystack, std::string_view needle) {
    for (std::size_t i = 0; i + needle.size() <= haystack.size(); ++i) {
        if (iequals(haystack.substr(i, needle.size()), needle)) {
            return true;
        }
    }
    return false;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
        s.remove_prefix(1);
    }
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
        s.remove_suffix(1);
    }
    return s;
}

timeval to_timeval(std::chrono::milliseconds t) {
    timeval tv{};
    tv.tv_sec = static_cast<time_t>(t.count() / 1000);
    tv.tv_usec = static_cast<suseconds_t>((t.count() % 1000) * 1000);
    return tv;
}

} // namespace

std::optional<std::string> HttpResponse::header(std::string_view name) const {
    for (const auto& [k, v] : headers) {
        if (iequals(k, name)) {
            return v;
        }
    }
    return std::nullopt;
}

std::pair<std::string, std::string> bearer(std::string_view token) {
    return {"Authorization", "Bearer " + std::string(token)};
}

HttpConnection::HttpConnection(std::uint16_t port, std::chrono::milliseconds timeout)
    : timeout_(timeout) {
    buffer_.resize(receive_chunk_bytes);
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd_ < 0) {
        fail(std::string("socket: ") + std::strerror(errno));
        return;
    }
    // SO_RCVTIMEO/SO_SNDTIMEO bound every recv, send and (on Linux) connect.
    const timeval tv = to_timeval(timeout);
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    ::setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    const int one = 1;
    ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    int rc = 0;
    do {
        rc = ::connect(fd_, reinterpret_cast<const sockaddr*>(&addr), sizeof addr);
    } while (rc < 0 && errno == EINTR);
    if (rc < 0) {
        fail(std::string("connect: ") + std::strerror(errno));
        close();
    }
}

HttpConnection::~HttpConnection() {
    close();
}

HttpConnection::HttpConnection(HttpConnection&& other) noexcept
    : fd_(other.fd_), timeout_(other.timeout_), buffer_(std::move(other.buffer_)),
      begin_(other.begin_), end_(other.end_), out_(std::move(other.out_)),
      error_(std::move(other.error_)), peer_closed_(other.peer_closed_),
      server_said_close_(other.server_said_close_) {
    other.fd_ = -1;
    other.begin_ = other.end_ = 0;
}

HttpConnection& HttpConnection::operator=(HttpConnection&& other) noexcept {
    if (this != &other) {
        close();
        fd_ = other.fd_;
        timeout_ = other.timeout_;
        buffer_ = std::move(other.buffer_);
        begin_ = other.begin_;
        end_ = other.end_;
        out_ = std::move(other.out_);
        error_ = std::move(other.error_);
        peer_closed_ = other.peer_closed_;
        server_said_close_ = other.server_said_close_;
        other.fd_ = -1;
        other.begin_ = other.end_ = 0;
    }
    return *this;
}

void HttpConnection::close() {
    if (fd_ >= 0) {
        ::close(fd_);
        fd_ = -1;
    }
}

bool HttpConnection::fail(std::string message) {
    error_ = std::move(message);
    return false;
}

bool HttpConnection::send_raw(std::string_view bytes) {
    if (fd_ < 0) {
        return fail("connection is closed");
    }
    while (!bytes.empty()) {
        // MSG_NOSIGNAL: a server that closed early must not kill the test with SIGPIPE.
        const auto n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            if (errno == EAGAIN || errno == EWOULDBLOCK) {
                return fail("send timed out");
            }
            return fail(std::string("send: ") + std::strerror(errno));
        }
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

bool HttpConnection::receive_some() {
    if (fd_ < 0) {
        return fail("connection is closed");
    }
    if (peer_closed_) {
        return fail("connection closed by server");
    }
    if (begin_ == end_) {
        begin_ = end_ = 0;
    } else if (begin_ > 0 && buffer_.size() - end_ < receive_chunk_bytes / 4) {
        std::memmove(buffer_.data(), buffer_.data() + begin_, unread());
        end_ -= begin_;
        begin_ = 0;
    }
    if (buffer_.size() - end_ < receive_chunk_bytes / 4) {
        buffer_.resize(buffer_.size() * 2);
    }
    for (;;) {
        const auto n = ::recv(fd_, buffer_.data() + end_, buffer_.size() - end_, 0);
        if (n > 0) {
            end_ += static_cast<std::size_t>(n);
            return true;
        }
        if (n == 0) {
            peer_closed_ = true;
            return fail("connection closed by server");
        }
        if (errno == EINTR) {
            continue;
        }
        if (errno == EAGAIN || errno == EWOULDBLOCK) {
            return fail("receive timed out");
        }
        if (errno == ECONNRESET) {
            peer_closed_ = true;
        }
        return fail(std::string("recv: ") + std::strerror(errno));
    }
}

bool HttpConnection::fill(std::size_t n) {
    while (unread() < n) {
        if (!receive_some()) {
            return false;
        }
    }
    return true;
}

bool HttpConnection::fill_until(std::string_view delimiter, std::size_t& found, std::size_t limit) {
    std::size_t searched = 0;
    for (;;) {
        const auto view = unread_view();
        const auto from = searched >= delimiter.size() ? searched - delimiter.size() + 1 : 0;
        const auto at = view.find(delimiter, from);
        if (at != std::string_view::npos) {
            found = at;
            return true;
        }
        searched = view.size();
        if (view.size() > limit) {
            return fail("response head is over " + std::to_string(limit) + " bytes");
        }
        if (!receive_some()) {
            return false;
        }
    }
}

bool HttpConnection::read_chunked(std::string& body) {
    for (;;) {
        std::size_t eol = 0;
        if (!fill_until("\r\n", eol, 1024)) {
            return false;
        }
        const auto line = unread_view().substr(0, eol);
        std::size_t size = 0;
        const auto [p, ec] = std::from_chars(line.data(), line.data() + line.size(), size, 16);
        if (ec != std::errc{} || p == line.data()) {
            return fail("bad chunk size line");
        }
        begin_ += eol + 2;
        if (size == 0) {
            // Trailers (none expected) end with an empty line.
            for (;;) {
                if (!fill_until("\r\n", eol, 8192)) {
                    return false;
                }
                begin_ += eol + 2;
                if (eol == 0) {
                    return true;
                }
            }
        }
        if (!fill(size + 2)) {
            return false;
        }
        body.append(buffer_.data() + begin_, size);
        begin_ += size + 2;
    }
}

std::optional<HttpResponse> HttpConnection::read_response() {
    std::size_t head_end = 0;
    if (!fill_until("\r\n\r\n", head_end, max_response_head_bytes)) {
        return std::nullopt;
    }
    HttpResponse r;
    std::string_view head = unread_view().substr(0, head_end + 2);
    auto next_line = [&head]() {
        const auto eol = head.find("\r\n");
        const auto line = head.substr(0, eol);
        head.remove_prefix(eol == std::string_view::npos ? head.size() : eol + 2);
        return line;
    };
    const auto status_line = next_line();
    // "HTTP/1.1 200 OK"
    if (status_line.substr(0, 5) != "HTTP/" || status_line.size() < 12) {
        fail("bad status line: " + std::string(status_line));
        return std::nullopt;
    }
    const auto code = status_line.substr(9, 3);
    const auto [p, ec] = std::from_chars(code.data(), code.data() + code.size(), r.status);
    if (ec != std::errc{} || p != code.data() + code.size()) {
        fail("bad status code: " + std::string(status_line));
        return std::nullopt;
    }
    r.reason = std::string(trim(status_line.substr(12)));
    while (!head.empty()) {
        const auto line = next_line();
        const auto colon = line.find(':');
        if (colon == std::string_view::npos) {
            fail("bad header line: " + std::string(line));
            return std::nullopt;
        }
        r.headers.emplace_back(std::string(trim(line.substr(0, colon))),
                               std::string(trim(line.substr(colon + 1))));
    }
    begin_ += head_end + 4;

    const bool no_body = (r.status >= 100 && r.status < 200) || r.status == 204 || r.status == 304;
    if (!no_body) {
        const auto te = r.header("Transfer-Encoding");
        const auto cl = r.header("Content-Length");
        if (te && icontains(*te, "chunked")) {
            if (!read_chunked(r.body)) {
                return std::nullopt;
            }
        } else if (cl) {
            std::size_t length = 0;
            const auto [q, lec] = std::from_chars(cl->data(), cl->data() + cl->size(), length);
            if (lec != std::errc{} || q != cl->data() + cl->size()) {
                fail("bad Content-Length: " + *cl);
                return std::nullopt;
            }
            if (!fill(length)) {
                return std::nullopt;
            }
            r.body.assign(buffer_.data() + begin_, length);
            begin_ += length;
        } else {
            // No length: the body runs to the end of the stream.
            while (receive_some()) {
            }
            if (!peer_closed_) {
                return std::nullopt;
            }
            r.body.assign(unread_view());
            begin_ = end_;
        }
    }
    if (const auto c = r.header("Connection"); c && icontains(*c, "close")) {
        server_said_close_ = true;
    }
    return r;
}

std::optional<HttpResponse> HttpConnection::request(std::string_view method,
                                                    std::string_view target, const Headers& headers,
                                                    std::optional<std::string_view> body) {
    out_.clear();
    out_.append(method).append(" ").append(target).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    bool has_type = false;
    for (const auto& [k, v] : headers) {
        has_type = has_type || iequals(k, "Content-Type");
        out_.append(k).append(": ").append(v).append("\r\n");
    }
    if (body) {
        if (!has_type) {
            out_.append("Content-Type: application/json\r\n");
        }
        out_.append("Content-Length: ").append(std::to_string(body->size())).append("\r\n");
    }
    out_.append("\r\n");
    if (body) {
        out_.append(*body);
    }
    if (!send_raw(out_)) {
        return std::nullopt;
    }
    return read_response();
}

bool HttpConnection::readable(std::chrono::milliseconds wait) {
    if (unread() > 0 || peer_closed_) {
        return true;
    }
    if (fd_ < 0) {
        return false;
    }
    pollfd p{fd_, POLLIN, 0};
    const int rc = ::poll(&p, 1, static_cast<int>(wait.count()));
    return rc > 0;
}

bool HttpConnection::wait_closed(std::chrono::milliseconds timeout) {
    if (peer_closed_) {
        return true;
    }
    if (fd_ < 0) {
        return false;
    }
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    char scratch[4096];
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            return false;
        }
        pollfd p{fd_, POLLIN, 0};
        const int rc = ::poll(&p, 1, static_cast<int>(left.count()));
        if (rc < 0 && errno == EINTR) {
            continue;
        }
        if (rc <= 0) {
            return false;
        }
        const auto n = ::recv(fd_, scratch, sizeof scratch, MSG_DONTWAIT);
        if (n == 0 || (n < 0 && errno == ECONNRESET)) {
            peer_closed_ = true;
            return true;
        }
    }
}

} // namespace engage::test
