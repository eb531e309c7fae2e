#pragma once
// A blocking HTTP/1.1 client over one loopback TCP connection, for tests and
// benchmarks: keep-alive requests with Content-Length bodies, and raw bytes
// for malformed or slow clients. Every receive has a timeout, so a test never
// hangs on a silent server. Errors are values: a failed call returns nullopt
// and error() says why. One connection per thread; movable, not copyable.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace engage::test {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct HttpResponse {
    int status = 0;
    std::string reason;
    Headers headers;
    std::string body;
    // The first header with this name (case-insensitive), or nullopt.
    std::optional<std::string> header(std::string_view name) const;
};

// {"Authorization", "Bearer <token>"}.
std::pair<std::string, std::string> bearer(std::string_view token);

class HttpConnection {
public:
    // Connects to 127.0.0.1:port. After a failure is_open() is false and
    // error() says why. `timeout` bounds every connect, send and receive.
    explicit HttpConnection(std::uint16_t port,
                            std::chrono::milliseconds timeout = std::chrono::seconds(10));
    ~HttpConnection();
    HttpConnection(HttpConnection&& other) noexcept;
    HttpConnection& operator=(HttpConnection&& other) noexcept;
    HttpConnection(const HttpConnection&) = delete;
    HttpConnection& operator=(const HttpConnection&) = delete;

    bool is_open() const { return fd_ >= 0; }
    const std::string& error() const { return error_; }

    // Sends one request and reads its response. Adds Host, and for a body
    // Content-Length and (unless `headers` has one) Content-Type:
    // application/json. nullopt on a network error, timeout or unparsable reply.
    std::optional<HttpResponse> request(std::string_view method, std::string_view target,
                                        const Headers& headers = {},
                                        std::optional<std::string_view> body = std::nullopt);
    std::optional<HttpResponse> get(std::string_view target, const Headers& headers = {}) {
        return request("GET", target, headers);
    }
    std::optional<HttpResponse> post(std::string_view target, std::string_view body,
                                     const Headers& headers = {}) {
        return request("POST", target, headers, body);
    }

    // Writes bytes as they are; false on error (e.g. the server closed).
    bool send_raw(std::string_view bytes);
    // Reads one response (status line, headers, body by Content-Length or
    // chunked, or to end of stream). After a response with "Connection:
    // close" the connection stays open on this side so that wait_closed()
    // can see the server close it; server_said_close() is then true.
    std::optional<HttpResponse> read_response();
    // Waits up to `timeout` for the server to close the connection (end of
    // stream or reset), discarding anything it sends; true when it closed.
    bool wait_closed(std::chrono::milliseconds timeout);
    // True when a response (or the end of stream) is ready to read within `wait`.
    bool readable(std::chrono::milliseconds wait);
    // True once a response carried "Connection: close".
    bool server_said_close() const { return server_said_close_; }
    // Closes this side.
    void close();

private:
    std::size_t unread() const { return end_ - begin_; }
    std::string_view unread_view() const { return {buffer_.data() + begin_, unread()}; }
    // Receives more bytes into buffer_; false on end of stream, error or timeout.
    bool receive_some();
    // Ensures at least `n` unread bytes; false on end of stream/error/timeout.
    bool fill(std::size_t n);
    // Receives until `delimiter` is unread (its offset from begin_ in `found`)
    // or `limit` unread bytes have no delimiter.
    bool fill_until(std::string_view delimiter, std::size_t& found, std::size_t limit);
    bool read_chunked(std::string& body);
    bool fail(std::string message);

    int fd_ = -1;
    std::chrono::milliseconds timeout_;
    std::string buffer_; // storage; bytes [begin_, end_) are received, unread
    std::size_t begin_ = 0;
    std::size_t end_ = 0;
    std::string out_; // request being built (kept to reuse its capacity)
    std::string error_;
    bool peer_closed_ = false;
    bool server_said_close_ = false;
};

} // namespace engage::test
