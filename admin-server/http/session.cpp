// One coroutine per connection (STYLE 10-13): read a request with a deadline
// and explicit limits, hand it to the API router, await the group-commit
// writer when the request writes, answer, repeat while keep-alive.
//
// [SECTION] Writer bridge
// [SECTION] Conversions and logging
// [SECTION] Session loop
#include "http/session.hpp"

#include "api/errors.hpp"
#include "api/router.hpp"
#include "http/limits.hpp"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <chrono>
#include <cstdio>

namespace engage::http {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using asio::use_awaitable;
constexpr auto tuple_awaitable = asio::as_tuple(use_awaitable);

// [SECTION] Writer bridge ---------------------------------------------------

namespace {

// Submits work to the writer and completes on the caller's executor once the
// commit is done. The work guard keeps the io_context alive meanwhile, so an
// acknowledged commit is never left without its answer.
template <class Token>
auto async_commit(store::Writer& writer, store::Writer::Work work, Token&& token) {
    return asio::async_initiate<Token, void(store::WriteResult)>(
        [&writer](auto handler, store::Writer::Work w) {
            auto ex = asio::get_associated_executor(handler);
            auto guard = asio::make_work_guard(ex);
            auto shared = std::make_shared<decltype(handler)>(std::move(handler));
            writer.submit(std::move(w), [shared, ex, guard](store::WriteResult ok) mutable {
                asio::post(ex, [shared, ok]() mutable { std::move (*shared)(ok); });
                guard.reset();
            });
        },
        token, std::move(work));
}

// [SECTION] Conversions and logging ------------------------------------------

api::Request to_api(bhttp::request_parser<bhttp::string_body>& parser) {
    auto& req = parser.get();
    api::Request r;
    r.method = std::string(req.method_string());
    r.target = std::string(req.target());
    r.authorization = std::string(req[bhttp::field::authorization]);
    r.content_type = std::string(req[bhttp::field::content_type]);
    r.if_none_match = std::string(req[bhttp::field::if_none_match]);
    r.has_body = parser.content_length().has_value() || parser.chunked();
    r.body = std::move(req.body());
    return r;
}

bhttp::response<bhttp::string_body> to_beast(api::Response&& r, unsigned version, bool keep_alive) {
    bhttp::response<bhttp::string_body> res{static_cast<bhttp::status>(r.status), version};
    if (!r.content_type.empty()) {
        res.set(bhttp::field::content_type, r.content_type);
    }
    for (auto& [name, value] : r.headers) {
        res.set(name, value);
    }
    res.body() = std::move(r.body);
    res.keep_alive(keep_alive);
    // A 304 has no body; a Content-Length on it would describe the 200's body.
    if (r.status != 304) {
        res.prepare_payload();
    }
    return res;
}

// Only method, path (no query), status, size and duration: never bodies,
// tokens or answers (DESIGN §6 rule 6). Control bytes are replaced so a
// crafted path cannot forge log lines.
void log_request(std::string_view method, std::string_view target, int status, std::size_t bytes,
                 std::chrono::steady_clock::duration took) {
    std::string path(api::path_of(target).substr(0, 200));
    for (char& c : path) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
            c = '?';
        }
    }
    const auto ms = std::chrono::duration<double, std::milli>(took).count();
    std::fprintf(stderr, "%.*s %s %d %zu %.1fms\n", static_cast<int>(method.size()), method.data(),
                 path.c_str(), status, bytes, ms);
}

bool is_parse_error(const beast::error_code& ec) {
    return ec.category() == bhttp::make_error_code(bhttp::error::bad_method).category() &&
           ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message;
}

// [SECTION] Session loop -------------------------------------------------------

beast::tcp_stream& tcp_of(beast::tcp_stream& s) {
    return s;
}
beast::tcp_stream& tcp_of(beast::ssl_stream<beast::tcp_stream>& s) {
    return beast::get_lowest_layer(s);
}

// After refusing a request, stop sending, then read and drop what the client
// still sends (bounded), so it reads our answer instead of a reset.
asio::awaitable<void> drain_and_close(beast::tcp_stream& tcp) {
    beast::error_code ignored;
    tcp.socket().shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
    tcp.expires_after(http_limits::drain_timeout);
    std::array<char, 16 * 1024> scratch{};
    std::size_t total = 0;
    while (total < http_limits::drain_bytes) {
        auto [ec, n] = co_await tcp.async_read_some(asio::buffer(scratch), tuple_awaitable);
        if (ec) {
            break;
        }
        total += n;
    }
    tcp.close();
}

template <class Stream>
asio::awaitable<void> serve(Stream& stream, ServerState& state, bool over_limit,
                            SessionControl& control) {
    const ServerConfig& cfg = state.config;
    beast::tcp_stream& tcp = tcp_of(stream);
    beast::flat_buffer buffer;
    for (std::size_t served = 0; served < http_limits::max_requests_per_connection; ++served) {
        // Wait for the first bytes of the next request: a new connection must
        // start promptly (read timeout), a kept-alive one may idle longer.
        if (buffer.size() == 0) {
            control.idle = true;
            if (state.stopping) {
                co_return;
            }
            tcp.expires_after(served == 0 ? cfg.read_timeout : cfg.idle_timeout);
            auto [ec, n] = co_await stream.async_read_some(buffer.prepare(4096), tuple_awaitable);
            control.idle = false;
            if (ec) {
                co_return; // closed, timed out or shut down: nothing to answer
            }
            buffer.commit(n);
        }
        control.idle = false;
        const auto started = std::chrono::steady_clock::now();

        bhttp::request_parser<bhttp::string_body> parser;
        parser.header_limit(static_cast<std::uint32_t>(http_limits::header_bytes));
        parser.body_limit(http_limits::body_bytes);
        tcp.expires_after(cfg.read_timeout);
        auto [rec, rn] = co_await bhttp::async_read_header(stream, buffer, parser, tuple_awaitable);
        (void)rn;
        if (!rec && !parser.is_done()) {
            // curl and others wait (about a second) for this before sending a
            // larger body; the read deadline above still bounds the whole request.
            if (beast::iequals(parser.get()[bhttp::field::expect], "100-continue")) {
                bhttp::response<bhttp::empty_body> go_on{bhttp::status::continue_, 11};
                auto [cec, cn] = co_await bhttp::async_write(stream, go_on, tuple_awaitable);
                (void)cn;
                if (cec) {
                    co_return;
                }
            }
            auto [bec, bn] = co_await bhttp::async_read(stream, buffer, parser, tuple_awaitable);
            (void)bn;
            rec = bec;
        }

        api::Response response;
        unsigned version = 11;
        std::string method = "-";
        std::string target = "-";
        bool keep_alive = false;
        if (rec == bhttp::error::body_limit) {
            response = api::body_too_large();
        } else if (rec == bhttp::error::header_limit) {
            response = api::header_too_large();
        } else if (rec && is_parse_error(rec)) {
            response = api::bad_request("the request is not valid HTTP/1.1");
            response.close = true;
        } else if (rec) {
            co_return; // stalled past the read timeout, reset or closed mid-request
        } else {
            auto& req = parser.get();
            version = req.version();
            method = std::string(req.method_string());
            target = std::string(req.target());
            keep_alive = req.keep_alive();
            if (over_limit) {
                response = api::too_many_connections();
            } else {
                api::Request request = to_api(parser);
                api::Outcome outcome = api::route(request, state.services);
                if (auto* deferred = std::get_if<api::DeferredWrite>(&outcome)) {
                    const store::WriteResult committed = co_await async_commit(
                        state.services.writer, std::move(deferred->work), use_awaitable);
                    response = deferred->finish(committed);
                } else {
                    response = std::move(std::get<api::Response>(outcome));
                }
            }
        }
        keep_alive = keep_alive && !response.close && !state.stopping;
        const bool refused = response.close;
        const int status = response.status;
        auto res = to_beast(std::move(response), version, keep_alive);
        if (method == "HEAD") {
            res.body().clear(); // the headers, Content-Length included, describe the GET
        }
        const std::size_t bytes = res.body().size();
        tcp.expires_after(http_limits::write_timeout);
        auto [wec, wn] = co_await bhttp::async_write(stream, res, tuple_awaitable);
        (void)wn;
        log_request(method, target, status, bytes, std::chrono::steady_clock::now() - started);
        if (wec) {
            co_return;
        }
        if (refused) {
            co_await drain_and_close(tcp);
            co_return;
        }
        if (!keep_alive) {
            break;
        }
    }
    if constexpr (!std::is_same_v<Stream, beast::tcp_stream>) {
        // close_notify, so a TLS client can tell our close from a cut line.
        tcp.expires_after(http_limits::drain_timeout);
        auto [ec] = co_await stream.async_shutdown(tuple_awaitable);
        (void)ec; // the connection ends either way
    }
    beast::error_code ignored;
    tcp.socket().shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
}

// Registers the session for shutdown, serves it, and deregisters it.
template <class Stream>
asio::awaitable<void> run_registered(Stream& stream, ServerState& state, bool over_limit,
                                     bool tls) {
    auto control = std::make_shared<SessionControl>();
    control->strand = co_await asio::this_coro::executor;
    control->close = [&stream] {
        beast::error_code ignored;
        tcp_of(stream).socket().cancel(ignored);
    };
    {
        std::lock_guard lock(state.mutex);
        state.sessions.insert(control);
    }
    struct Deregister {
        ServerState& state;
        std::shared_ptr<SessionControl> control;
        ~Deregister() {
            control->close = nullptr;
            std::lock_guard lock(state.mutex);
            state.sessions.erase(control);
        }
    } deregister{state, control};

    if (tls) {
        if constexpr (!std::is_same_v<Stream, beast::tcp_stream>) {
            tcp_of(stream).expires_after(http_limits::handshake_timeout);
            auto [ec] =
                co_await stream.async_handshake(asio::ssl::stream_base::server, tuple_awaitable);
            if (ec) {
                co_return;
            }
        }
    }
    co_await serve(stream, state, over_limit, *control);
}

} // namespace

asio::awaitable<void> run_session(beast::tcp_stream stream, ServerState& state, bool over_limit) {
    co_await run_registered(stream, state, over_limit, false);
}

asio::awaitable<void> run_session(beast::ssl_stream<beast::tcp_stream> stream, ServerState& state,
                                  bool over_limit) {
    co_await run_registered(stream, state, over_limit, true);
}

} // namespace engage::http
