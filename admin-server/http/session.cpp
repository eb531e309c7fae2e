// One coroutine per connection (STYLE 10-13): read a request head with a
// deadline and explicit limits, decide from the head alone whether the body
// is worth reading (issue 8), read it within a global budget, hand the
// request to the API router, await the group-commit writer when the request
// writes, answer, repeat while keep-alive.
//
// [SECTION] Connection admission
// [SECTION] Wiping
// [SECTION] Writer and token-lookup bridges
// [SECTION] Conversions
// [SECTION] Request framing
// [SECTION] Session loop
#include "http/session.hpp"

#include "api/admission.hpp"
#include "api/errors.hpp"
#include "api/refusals.hpp"
#include "api/router.hpp"
#include "http/limits.hpp"
#include "log/journal_log.hpp"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <chrono>
#include <cstdio>
#include <sodium.h>

namespace engage::http {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using asio::use_awaitable;
constexpr auto tuple_awaitable = asio::as_tuple(use_awaitable);

// [SECTION] Connection admission ---------------------------------------------

ServerState::ServerState(const ServerConfig& c, api::Services& s)
    : config(c), services(s), enrol_attempts(api::enrol_rate::burst, api::enrol_rate::per_minute) {}

bool ServerState::near_cap() const {
    return admitted.load() * 100 >= config.max_connections * http_limits::near_cap_percent;
}

std::string address_key(const asio::ip::address& address) {
    if (address.is_v6()) {
        const auto v6 = address.to_v6();
        if (v6.is_v4_mapped()) {
            return asio::ip::make_address_v4(asio::ip::v4_mapped, v6).to_string();
        }
        auto bytes = v6.to_bytes();
        std::fill(bytes.begin() + 8, bytes.end(), 0);
        return asio::ip::address_v6(bytes).to_string() + "/64";
    }
    return address.to_string();
}

std::optional<std::string> proxy_address_key(std::string_view text) {
    beast::error_code ec;
    const auto address = asio::ip::make_address(std::string(text), ec);
    if (ec) {
        return std::nullopt;
    }
    return address_key(address);
}

std::string client_address(const std::string& connection, const std::string& trusted_proxy,
                           std::string_view forwarded_for) {
    if (trusted_proxy.empty() || connection != trusted_proxy || forwarded_for.empty()) {
        return connection;
    }
    // Only the last entry: the proxy appended it; earlier ones are whatever
    // the client wrote.
    auto last = forwarded_for.substr(forwarded_for.rfind(',') + 1);
    while (!last.empty() && (last.front() == ' ' || last.front() == '\t')) {
        last.remove_prefix(1);
    }
    while (!last.empty() && (last.back() == ' ' || last.back() == '\t')) {
        last.remove_suffix(1);
    }
    beast::error_code ec;
    const auto address = asio::ip::make_address(std::string(last), ec);
    return ec ? connection : address_key(address);
}

namespace {

// The oldest evictable connection (from `address` only, when given), or null.
// Linear in the admitted connections (at most --max-connections), under the lock.
std::shared_ptr<SessionControl> oldest_evictable(ServerState& state, const std::string* address) {
    std::shared_ptr<SessionControl> oldest;
    for (const auto& s : state.sessions) {
        if (s->kiosk || !s->evictable || (address != nullptr && s->address != *address)) {
            continue;
        }
        if (!oldest || s->serial < oldest->serial) {
            oldest = s;
        }
    }
    return oldest;
}

// Forgets `s` (under the lock); true when it was still admitted.
bool forget(ServerState& state, const std::shared_ptr<SessionControl>& s) {
    if (state.sessions.erase(s) == 0) {
        return false;
    }
    state.admitted = state.sessions.size();
    if (auto it = state.per_address.find(s->address); it != state.per_address.end()) {
        if (--it->second == 0) {
            state.per_address.erase(it);
        }
    }
    return true;
}

} // namespace

std::shared_ptr<SessionControl> admit_connection(ServerState& state, std::string address,
                                                 asio::any_io_executor strand) {
    std::shared_ptr<SessionControl> victim;
    auto control = std::make_shared<SessionControl>();
    {
        std::lock_guard lock(state.mutex);
        const auto here = state.per_address.find(address);
        // The trusted proxy carries every client's connections: only the
        // global cap applies to it.
        const std::size_t from_here =
            here == state.per_address.end() || address == state.config.trusted_proxy ? 0
                                                                                     : here->second;
        if (from_here >= http_limits::max_connections_per_address) {
            victim = oldest_evictable(state, &address);
        } else if (state.sessions.size() >= state.config.max_connections) {
            victim = oldest_evictable(state, nullptr);
        }
        const bool full = from_here >= http_limits::max_connections_per_address ||
                          state.sessions.size() >= state.config.max_connections;
        if (full && !victim) {
            return nullptr;
        }
        if (victim) {
            forget(state, victim);
            victim->evicted = true;
        }
        control->strand = std::move(strand);
        control->address = std::move(address);
        control->serial = state.next_serial++;
        control->evictable = true; // until its first request head is admitted
        state.sessions.insert(control);
        ++state.per_address[control->address];
        state.admitted = state.sessions.size();
    }
    if (victim) {
        asio::post(victim->strand, [victim] {
            if (victim->close) {
                victim->close();
            }
        });
    }
    return control;
}

namespace {

// [SECTION] Wiping -----------------------------------------------

// A request's bytes (a coordinator's passphrase, a kiosk's answers) stay in
// memory after they are read: in the body string the handler was given, and
// in the read buffer's storage after the parser has consumed them. Both are
// zeroed once the request is answered, so freed memory or a core dump does
// not hold a passphrase the sign-up pages have already wiped from their form.
void wipe(std::string& s) {
    sodium_memzero(s.data(), s.size());
}

// The read buffer's whole storage, when it holds no bytes of a next request
// (after consume() its readable part is empty and prepare() hands back the
// storage from its start). Pipelined bytes are left alone: they are the next
// request, and are wiped after it.
void wipe_consumed(beast::flat_buffer& b) {
    if (b.size() != 0) {
        return;
    }
    const auto room = b.prepare(std::min(b.capacity(), b.max_size()));
    sodium_memzero(room.data(), room.size());
}

// [SECTION] Writer and token-lookup bridges -----------------------------------

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

// Looks an unknown token's hash up in the store on the lookup thread, never
// on an I/O thread (issue 7), and completes on the caller's executor. The
// answer is remembered by KioskAuth, so the caller admits the request again.
template <class Token>
auto async_token_lookup(ServerState& state, std::string hash, Token&& token) {
    return asio::async_initiate<Token, void()>(
        [&state](auto handler, std::string h) {
            auto ex = asio::get_associated_executor(handler);
            auto guard = asio::make_work_guard(ex);
            auto shared = std::make_shared<decltype(handler)>(std::move(handler));
            asio::post(state.lookups, [&state, h = std::move(h), shared, ex, guard]() mutable {
                try {
                    (void)state.services.kiosks.lookup_stored(h);
                } catch (const std::exception& e) {
                    // A store fault: the token stays unknown and the request gets 401.
                    journal::write(journal::Priority::err, "token_lookup_failed",
                                   std::string("token lookup failed: ") + e.what());
                }
                --state.pending_lookups;
                asio::post(ex, [shared]() mutable { std::move (*shared)(); });
                guard.reset();
            });
        },
        token, std::move(hash));
}

// Runs the web app on the web thread, never on an I/O thread, and completes
// on the caller's executor with its response.
template <class Token>
auto async_web(ServerState& state, api::Request request, Token&& token) {
    return asio::async_initiate<Token, void(api::Response)>(
        [&state](auto handler, api::Request r) {
            auto ex = asio::get_associated_executor(handler);
            auto guard = asio::make_work_guard(ex);
            auto shared = std::make_shared<decltype(handler)>(std::move(handler));
            asio::post(state.web, [&state, r = std::move(r), shared, ex, guard]() mutable {
                api::Response response = state.services.web(r); // never throws (WebApp::handle)
                wipe(r.body);
                asio::post(ex, [shared, res = std::move(response)]() mutable {
                    std::move (*shared)(std::move(res));
                });
                guard.reset();
            });
        },
        token, std::move(request));
}

// Holds part of the global body budget for one request's body.
class BodyReservation {
public:
    BodyReservation() = default;
    BodyReservation(const BodyReservation&) = delete;
    BodyReservation& operator=(const BodyReservation&) = delete;
    ~BodyReservation() {
        if (pool_ != nullptr) {
            pool_->fetch_sub(bytes_);
        }
    }
    // Reserves `bytes` from `pool` unless that would pass `budget`.
    bool take(std::atomic<std::size_t>& pool, std::size_t bytes, std::size_t budget) {
        std::size_t used = pool.load();
        do {
            if (bytes > budget || used > budget - bytes) {
                return false;
            }
        } while (!pool.compare_exchange_weak(used, used + bytes));
        pool_ = &pool;
        bytes_ = bytes;
        return true;
    }

private:
    std::atomic<std::size_t>* pool_ = nullptr;
    std::size_t bytes_ = 0;
};

// [SECTION] Conversions ------------------------------------------

api::Request to_api(bhttp::request_parser<bhttp::string_body>& parser, bool body_read) {
    auto& req = parser.get();
    api::Request r;
    r.method = std::string(req.method_string());
    r.target = std::string(req.target());
    r.authorization = std::string(req[bhttp::field::authorization]);
    r.content_type = std::string(req[bhttp::field::content_type]);
    r.if_none_match = std::string(req[bhttp::field::if_none_match]);
    r.cookie = std::string(req[bhttp::field::cookie]);
    r.accept_language = std::string(req[bhttp::field::accept_language]);
    r.has_body = parser.content_length().has_value() || parser.chunked();
    if (body_read) {
        r.body = std::move(req.body());
    }
    return r;
}

bhttp::response<bhttp::string_body> to_beast(api::Response&& r, unsigned version, bool keep_alive) {
    bhttp::response<bhttp::string_body> res{static_cast<bhttp::status>(r.status), version};
    if (!r.content_type.empty()) {
        res.set(bhttp::field::content_type, r.content_type);
    }
    for (auto& [name, value] : r.headers) {
        res.insert(name, value); // insert, not set: a page may send two Set-Cookie
    }
    res.body() = std::move(r.body);
    res.keep_alive(keep_alive);
    // A 304 has no body; a Content-Length on it would describe the 200's body.
    if (r.status != 304) {
        res.prepare_payload();
    }
    return res;
}

bool is_parse_error(const beast::error_code& ec) {
    return ec.category() == bhttp::make_error_code(bhttp::error::bad_method).category() &&
           ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message;
}

// [SECTION] Request framing ------------------------------------------------------

// Raw head bytes a server must refuse before parsing (RFC 9112 §5.2, §2.2):
// obs-fold (a field line starting with a space or tab) and a bare LF. Both
// are read differently by different parsers, which is what smuggling needs.
std::optional<std::string> raw_head_fault(std::string_view head) {
    for (std::size_t i = 0; i < head.size(); ++i) {
        if (head[i] != '\n') {
            continue;
        }
        if (i == 0 || head[i - 1] != '\r') {
            return "a line ends in a bare LF; lines end in CRLF";
        }
        if (i + 1 < head.size() && (head[i + 1] == ' ' || head[i + 1] == '\t')) {
            return "a header line is folded (obs-fold); send each field on one line";
        }
    }
    return std::nullopt;
}

bool all_digits(std::string_view s) {
    return !s.empty() &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Framing Beast accepts but a server must not guess at (RFC 9112 §3.2, §6.1,
// §6.3): each a 400 and a close, since the next request's start is unknown.
std::optional<std::string> framing_fault(const bhttp::request_parser<bhttp::string_body>& parser) {
    const auto& req = parser.get();
    if (req.version() != 11 && req.version() != 10) {
        return "only HTTP/1.1 and HTTP/1.0 are served";
    }
    const auto hosts = req.count(bhttp::field::host);
    if (hosts > 1 || (hosts == 0 && req.version() == 11)) {
        return "an HTTP/1.1 request needs exactly one Host header";
    }
    const auto te = req.count(bhttp::field::transfer_encoding);
    if (te > 0) {
        if (req.version() == 10) {
            return "Transfer-Encoding is not allowed in HTTP/1.0";
        }
        if (te > 1 || !beast::iequals(req[bhttp::field::transfer_encoding], "chunked")) {
            return "the only Transfer-Encoding served is exactly \"chunked\"";
        }
        if (req.count(bhttp::field::content_length) > 0) {
            return "Content-Length and Transfer-Encoding together";
        }
    }
    const auto cl = req.count(bhttp::field::content_length);
    if (cl > 1 || (cl == 1 && !all_digits(req[bhttp::field::content_length]))) {
        return "Content-Length must be one header with one decimal number";
    }
    return std::nullopt;
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
    std::array<char, http_limits::drain_chunk_bytes> scratch{};
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

enum class HeadRead { complete, too_large, bad, failed };

// Reads until the buffer holds a whole request head (up to CRLFCRLF), so its
// raw bytes can be checked before Beast parses them. `fault` says why on bad.
template <class Stream>
asio::awaitable<HeadRead> read_head(Stream& stream, beast::flat_buffer& buffer,
                                    std::optional<std::string>& fault) {
    std::size_t searched = 0;
    for (;;) {
        const std::string_view data(static_cast<const char*>(buffer.data().data()), buffer.size());
        const std::size_t from = searched >= 3 ? searched - 3 : 0;
        const auto end = data.find("\r\n\r\n", from);
        const std::string_view head =
            data.substr(0, end == std::string_view::npos ? data.size() : end + 4);
        if ((fault = raw_head_fault(head))) {
            co_return HeadRead::bad;
        }
        if (end != std::string_view::npos) {
            co_return end + 4 > http_limits::header_bytes ? HeadRead::too_large
                                                          : HeadRead::complete;
        }
        if (data.size() >= http_limits::header_bytes) {
            co_return HeadRead::too_large;
        }
        searched = data.size();
        const std::size_t room = std::min<std::size_t>(4096, buffer.max_size() - buffer.size());
        auto [ec, n] = co_await stream.async_read_some(buffer.prepare(room), tuple_awaitable);
        if (ec) {
            co_return HeadRead::failed;
        }
        buffer.commit(n);
    }
}

template <class Stream>
asio::awaitable<void> write_response(Stream& stream, api::Response&& response, unsigned version,
                                     bool keep_alive, bool head_only, bool& ok) {
    auto res = to_beast(std::move(response), version, keep_alive);
    if (head_only) {
        res.body().clear(); // the headers, Content-Length included, describe the GET
    }
    beast::get_lowest_layer(stream).expires_after(http_limits::write_timeout);
    auto [wec, wn] = co_await bhttp::async_write(stream, res, tuple_awaitable);
    (void)wn;
    ok = !wec;
}

// Refuses a connection over the caps: 503 at once, nothing read.
template <class Stream>
asio::awaitable<void> refuse(Stream& stream) {
    bool ok = false;
    co_await write_response(stream, api::too_many_connections(), 11, false, false, ok);
    if (ok) {
        co_await drain_and_close(tcp_of(stream));
    }
}

template <class Stream>
asio::awaitable<void> serve(Stream& stream, ServerState& state, SessionControl& control) {
    const ServerConfig& cfg = state.config;
    beast::tcp_stream& tcp = tcp_of(stream);
    beast::flat_buffer buffer{http_limits::read_buffer_bytes};
    // Strangers get short deadlines when slots run low; kiosks never do.
    auto deadline = [&](std::chrono::seconds usual) {
        return !control.kiosk && state.near_cap() ? std::min(usual, http_limits::short_idle_timeout)
                                                  : usual;
    };
    for (std::size_t served = 0; served < http_limits::max_requests_per_connection; ++served) {
        // Wait for the first bytes of the next request: a new connection must
        // start promptly (read timeout), a kept-alive one may idle longer.
        if (buffer.size() == 0) {
            control.idle = true;
            control.evictable = true;
            if (state.stopping || control.evicted) {
                co_return;
            }
            tcp.expires_after(deadline(served == 0 ? cfg.read_timeout : cfg.idle_timeout));
            auto [ec, n] = co_await stream.async_read_some(
                buffer.prepare(std::min<std::size_t>(4096, buffer.max_size())), tuple_awaitable);
            control.idle = false;
            if (ec || control.evicted) {
                co_return; // closed, timed out, evicted or shut down: nothing to answer
            }
            buffer.commit(n);
        }
        control.idle = false;
        control.evictable = !control.kiosk; // a stranger's head may be cut off
        const auto started = std::chrono::steady_clock::now();

        api::Response response;
        unsigned version = 11;
        std::string method = "-";
        std::string target = "-";
        bool keep_alive = false;
        bool have_response = false;
        bool body_unread = false; // the connection's framing is lost: close after answering
        auto answer = [&](api::Response r) {
            response = std::move(r);
            have_response = true;
        };

        std::optional<std::string> fault;
        tcp.expires_after(deadline(cfg.read_timeout));
        const HeadRead head = co_await read_head(stream, buffer, fault);
        if (control.evicted || head == HeadRead::failed) {
            co_return; // stalled past the deadline, reset, closed or evicted
        }
        bhttp::request_parser<bhttp::string_body> parser;
        parser.header_limit(static_cast<std::uint32_t>(http_limits::header_bytes));
        parser.body_limit(http_limits::body_bytes);
        if (head == HeadRead::too_large) {
            answer(api::header_too_large());
        } else if (head == HeadRead::bad) {
            answer(api::bad_framing(*fault));
        } else {
            // The whole head is buffered: this parses it without reading.
            auto [rec, rn] =
                co_await bhttp::async_read_header(stream, buffer, parser, tuple_awaitable);
            (void)rn;
            if (rec == bhttp::error::body_limit) {
                answer(api::body_too_large());
            } else if (rec == bhttp::error::header_limit) {
                answer(api::header_too_large());
            } else if (rec && is_parse_error(rec)) {
                answer(api::bad_framing("the request is not valid HTTP/1.1"));
            } else if (rec) {
                co_return;
            } else if (auto why = framing_fault(parser)) {
                answer(api::bad_framing(std::move(*why)));
            }
        }

        BodyReservation reservation;
        std::string peer = control.address; // whom this request's limits count against
        if (!have_response) {
            auto& req = parser.get();
            version = req.version();
            method = std::string(req.method_string());
            target = std::string(req.target());
            keep_alive = req.keep_alive();
            const bool has_body =
                parser.chunked() || (parser.content_length() && *parser.content_length() > 0);
            peer =
                client_address(control.address, state.config.trusted_proxy, req["X-Forwarded-For"]);
            api::RequestHead h{req.method_string(), req.target(), req[bhttp::field::authorization],
                               peer};
            auto admission = api::admit(h, state.services, state.enrol_attempts);
            if (admission.needs_token_lookup) {
                if (++state.pending_lookups > http_limits::max_pending_token_lookups) {
                    --state.pending_lookups;
                    admission.refusal = api::server_busy("max_pending_token_lookups");
                } else {
                    const auto cached = state.services.kiosks.authenticate_cached(h.authorization);
                    co_await async_token_lookup(state, cached.hash, use_awaitable);
                    if (control.evicted) {
                        co_return;
                    }
                    admission = api::admit(h, state.services, state.enrol_attempts);
                    if (admission.needs_token_lookup) {
                        // Forgotten again at once (a flood of unknown tokens): unknown.
                        admission = api::Admission{};
                        admission.refusal = api::unauthorized();
                    }
                }
            }
            if (admission.kiosk) {
                control.kiosk = true;
            }
            control.evictable = false; // admitted: let it finish
            if (admission.refusal) {
                answer(std::move(*admission.refusal));
                body_unread = has_body;
            } else if (has_body && admission.body_limit == 0) {
                // A body this request does not take: answer from the head.
                body_unread = true;
            } else if (has_body) {
                const std::size_t declared =
                    parser.chunked() ? admission.body_limit
                                     : static_cast<std::size_t>(*parser.content_length());
                if (!parser.chunked() && *parser.content_length() > admission.body_limit) {
                    answer(api::body_over_limit(admission.body_limit_name, admission.body_limit));
                    body_unread = true;
                } else if (!reservation.take(state.body_bytes_in_flight, declared,
                                             http_limits::body_budget_bytes)) {
                    answer(api::server_busy("body_budget_bytes"));
                    body_unread = true;
                } else {
                    parser.body_limit(admission.body_limit);
                    // curl and others wait (about a second) for this before sending a
                    // larger body; the read deadline still bounds the whole request.
                    if (beast::iequals(req[bhttp::field::expect], "100-continue")) {
                        bhttp::response<bhttp::empty_body> go_on{bhttp::status::continue_, 11};
                        auto [cec, cn] =
                            co_await bhttp::async_write(stream, go_on, tuple_awaitable);
                        (void)cn;
                        if (cec) {
                            co_return;
                        }
                    }
                    tcp.expires_after(cfg.read_timeout);
                    auto [bec, bn] =
                        co_await bhttp::async_read(stream, buffer, parser, tuple_awaitable);
                    (void)bn;
                    if (bec == bhttp::error::body_limit) {
                        answer(
                            api::body_over_limit(admission.body_limit_name, admission.body_limit));
                        body_unread = true;
                    } else if (bec && is_parse_error(bec)) {
                        answer(api::bad_framing("the request body is not valid HTTP/1.1 framing"));
                        body_unread = true;
                    } else if (bec) {
                        co_return; // stalled past the read timeout, reset or closed mid-body
                    }
                }
            }
            if (!have_response && state.services.web && api::is_web_path(api::path_of(target))) {
                api::Request request = to_api(parser, !body_unread);
                request.peer = peer;
                request.tls = !std::is_same_v<Stream, beast::tcp_stream>;
                response = co_await async_web(state, std::move(request), use_awaitable);
                have_response = true;
            }
            if (!have_response) {
                api::Request request = to_api(parser, !body_unread);
                api::Outcome outcome = api::route(request, state.services);
                if (auto* deferred = std::get_if<api::DeferredWrite>(&outcome)) {
                    const store::WriteResult committed = co_await async_commit(
                        state.services.writer, std::move(deferred->work), use_awaitable);
                    response = deferred->finish(committed);
                } else {
                    response = std::move(std::get<api::Response>(outcome));
                }
                wipe(request.body);
                have_response = true;
            }
        }
        // After 400, 411 and 413 the client and we may disagree on where the
        // next request starts (RFC 9112 §6.3): close rather than guess.
        const int status = response.status;
        const bool framing_lost = body_unread || status == 400 || status == 411 || status == 413;
        const bool closing = response.close || framing_lost;
        keep_alive = keep_alive && !closing && !state.stopping;
        bool written = false;
        co_await write_response(stream, std::move(response), version, keep_alive, method == "HEAD",
                                written);
        wipe_consumed(buffer);
        if (auto* m = state.services.metrics) {
            m->observe_request(metrics::classify(api::path_of(target)),
                               std::chrono::steady_clock::now() - started);
        }
        // No line per request: /metrics times it, and the hourly counters
        // line counts it (issue 8: a line's time says when someone pressed Send).
        if (!written) {
            co_return;
        }
        if (closing) {
            control.evictable = !control.kiosk;
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

// Serves an admitted connection and gives its slot back when it ends; or
// refuses one that was not admitted.
template <class Stream>
asio::awaitable<void> run_admitted(Stream& stream, ServerState& state,
                                   std::shared_ptr<SessionControl> control, bool tls) {
    if (control) {
        control->close = [&stream] {
            // Shutting down both ways also ends a session between two reads.
            beast::error_code ignored;
            tcp_of(stream).socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
            tcp_of(stream).socket().cancel(ignored);
        };
    }
    struct Release {
        ServerState& state;
        std::shared_ptr<SessionControl> control;
        ~Release() {
            if (!control) {
                --state.refusing;
                return;
            }
            control->close = nullptr;
            std::lock_guard lock(state.mutex);
            forget(state, control);
        }
    } release{state, control};
    if (control && control->evicted) {
        co_return;
    }
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
    if (!control) {
        co_await refuse(stream);
        co_return;
    }
    co_await serve(stream, state, *control);
}

} // namespace

asio::awaitable<void> run_session(beast::tcp_stream stream, ServerState& state,
                                  std::shared_ptr<SessionControl> control) {
    co_await run_admitted(stream, state, std::move(control), false);
}

asio::awaitable<void> run_session(beast::ssl_stream<beast::tcp_stream> stream, ServerState& state,
                                  std::shared_ptr<SessionControl> control) {
    co_await run_admitted(stream, state, std::move(control), true);
}

} // namespace engage::http
