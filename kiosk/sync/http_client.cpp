#include "kiosk/sync/http_client.hpp"

#include "engage/version.hpp"

#include <atomic>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <optional>

namespace engage::kiosk {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
using boost::system::error_code;

namespace {

// The content bundle is the largest reply (forms in nine languages plus the
// help directory); 16 MiB is far above any real one and bounds memory.
constexpr std::uint64_t max_response_body_bytes = 16U * 1024 * 1024;
// Our server's headers are a few hundred bytes.
constexpr std::uint32_t max_response_header_bytes = 16U * 1024;

std::string describe(const error_code& ec) {
    if (ec == beast::error::timeout) {
        return "the server did not answer in time";
    }
    if (ec == asio::error::connection_refused) {
        return "the server is not reachable (connection refused)";
    }
    if (ec == asio::error::host_not_found || ec == asio::error::host_not_found_try_again) {
        return "the server's name could not be found";
    }
    if (ec == asio::error::operation_aborted) {
        return "stopped";
    }
    return ec.message();
}

// A reused keep-alive connection the server had already closed fails in one
// of these ways; a fresh connection is then worth one more try.
bool is_stale_connection(const error_code& ec) {
    return ec == http::error::end_of_stream || ec == asio::error::connection_reset ||
           ec == asio::error::broken_pipe || ec == asio::error::eof ||
           ec == ssl::error::stream_truncated;
}

} // namespace

struct HttpClient::Impl {
    ServerUrl url;
    std::chrono::milliseconds timeout;
    asio::io_context ioc;
    ssl::context ctx{ssl::context::tls_client};
    std::optional<beast::tcp_stream> plain;
    std::optional<beast::ssl_stream<beast::tcp_stream>> tls;
    beast::flat_buffer buffer;
    bool connected = false;
    std::string ctx_error;
    std::atomic<bool> aborted{false};

    beast::tcp_stream& lowest() { return url.tls ? beast::get_lowest_layer(*tls) : *plain; }

    // Runs one asynchronous step to completion on this thread; the
    // tcp_stream's expiry turns a stall into beast::error::timeout.
    template <class Start>
    error_code run(Start&& start) {
        if (aborted) {
            return asio::error::operation_aborted;
        }
        error_code result = asio::error::would_block;
        lowest().expires_after(timeout);
        start([&result](error_code ec, auto&&...) { result = ec; });
        ioc.restart();
        ioc.run();
        if (aborted) {
            return asio::error::operation_aborted;
        }
        return result;
    }

    void reset_streams() {
        connected = false;
        buffer.clear();
        tls.reset();
        plain.reset();
        if (url.tls) {
            tls.emplace(ioc, ctx);
        } else {
            plain.emplace(ioc);
        }
    }

    bool connect(std::string& error) {
        if (!ctx_error.empty()) {
            error = ctx_error;
            return false;
        }
        reset_streams();
        tcp::resolver resolver(ioc);
        error_code ec;
        // Resolution of a numeric or /etc/hosts name is immediate; DNS is
        // bounded by the resolver's own timeout.
        const auto endpoints = resolver.resolve(url.host, url.port, ec);
        if (ec) {
            error = describe(ec);
            return false;
        }
        ec = run([&](auto handler) { lowest().async_connect(endpoints, handler); });
        if (ec) {
            error = describe(ec);
            return false;
        }
        if (url.tls) {
            if (!SSL_set_tlsext_host_name(tls->native_handle(), url.host.c_str())) {
                error = "could not set the TLS server name";
                return false;
            }
            tls->set_verify_callback(ssl::host_name_verification(url.host));
            ec =
                run([&](auto handler) { tls->async_handshake(ssl::stream_base::client, handler); });
            if (ec) {
                error = "secure connection failed: " + describe(ec);
                return false;
            }
        }
        connected = true;
        return true;
    }

    error_code exchange(const http::request<http::string_body>& req,
                        http::response<http::string_body>& res) {
        error_code ec;
        if (url.tls) {
            ec = run([&](auto handler) { http::async_write(*tls, req, handler); });
        } else {
            ec = run([&](auto handler) { http::async_write(*plain, req, handler); });
        }
        if (ec) {
            return ec;
        }
        http::response_parser<http::string_body> parser;
        parser.body_limit(max_response_body_bytes);
        parser.header_limit(max_response_header_bytes);
        if (url.tls) {
            ec = run([&](auto handler) { http::async_read(*tls, buffer, parser, handler); });
        } else {
            ec = run([&](auto handler) { http::async_read(*plain, buffer, parser, handler); });
        }
        if (!ec) {
            res = parser.release();
        }
        return ec;
    }
};

HttpClient::HttpClient(ServerUrl url, std::filesystem::path ca_file,
                       std::chrono::milliseconds timeout)
    : impl_(std::make_unique<Impl>()) {
    impl_->url = std::move(url);
    impl_->timeout = timeout;
    if (impl_->url.tls) {
        error_code ec;
        impl_->ctx.set_verify_mode(ssl::verify_peer, ec);
        impl_->ctx.set_default_verify_paths(ec);
        if (!ca_file.empty()) {
            impl_->ctx.load_verify_file(ca_file.string(), ec);
            if (ec) {
                impl_->ctx_error = "cannot load the CA file " + ca_file.string();
            }
        }
    }
}

HttpClient::~HttpClient() = default;

void HttpClient::close() {
    if (impl_->connected) {
        error_code ec;
        impl_->lowest().socket().shutdown(tcp::socket::shutdown_both, ec);
        impl_->lowest().close();
    }
    impl_->connected = false;
}

void HttpClient::abort() {
    impl_->aborted = true;
    // The close runs on the sync thread inside its next or current run(), so
    // an abort that lands between two steps cannot be lost; stop() ends a
    // run() that is waiting right now.
    asio::post(impl_->ioc, [impl = impl_.get()] {
        if (impl->plain || impl->tls) {
            impl->lowest().close();
        }
    });
    impl_->ioc.stop();
}

bool HttpClient::send(const HttpRequest& request, HttpResponse& response, std::string& error,
                      bool may_retry) {
    if (impl_->aborted) {
        error = "stopped";
        return false;
    }
    http::request<http::string_body> req;
    req.method(request.method == "POST" ? http::verb::post : http::verb::get);
    req.target(impl_->url.base + request.target);
    req.version(11);
    const bool default_port = impl_->url.port == (impl_->url.tls ? "443" : "80");
    // IPv6 goes in brackets (RFC 9112 §3.2), or "::1:8080" would be ambiguous.
    const auto host = host_for_header(impl_->url);
    req.set(http::field::host, default_port ? host : host + ":" + impl_->url.port);
    req.set(http::field::user_agent, std::string("engage-kiosk/") + app_version);
    req.keep_alive(true);
    for (const auto& [name, value] : request.headers) {
        req.set(name, value);
    }
    if (req.method() == http::verb::post) {
        req.set(http::field::content_type, "application/json");
        req.body() = request.body;
    }
    req.prepare_payload();

    for (int attempt = 0; attempt < 2; ++attempt) {
        const bool reused = impl_->connected;
        if (!impl_->connected && !impl_->connect(error)) {
            return false;
        }
        http::response<http::string_body> res;
        const auto ec = impl_->exchange(req, res);
        if (!ec) {
            response.status = static_cast<int>(res.result_int());
            response.etag = std::string(res[http::field::etag]);
            response.body = std::move(res.body());
            if (!res.keep_alive()) {
                close();
            }
            return true;
        }
        impl_->connected = false;
        if (impl_->aborted || !(reused && may_retry && is_stale_connection(ec))) {
            error = describe(ec);
            return false;
        }
    }
    error = "the server closed the connection";
    return false;
}

} // namespace engage::kiosk
