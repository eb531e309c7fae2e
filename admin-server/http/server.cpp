// The listener (STYLE 10, 14): accepts connections, spawns a session per
// connection on its own strand, and on SIGINT/SIGTERM stops accepting, closes
// idle connections, gives requests in flight a bounded time, then stops.
// Each accepted connection is admitted (per-address and total caps, evicting
// idle strangers first) or answered 503 without reading it. On SIGHUP it
// reads the TLS certificate and key again: new connections get the new pair,
// established ones keep theirs, and a pair that does not load changes nothing.
#include "http/server.hpp"

#include "http/limits.hpp"
#include "http/session.hpp"
#include "log/journal_log.hpp"

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/ssl.hpp>
#include <cstdio>
#include <memory>
#include <mutex>
#include <openssl/ssl.h>
#include <stdexcept>
#include <thread>
#include <vector>

namespace engage::http {
namespace asio = boost::asio;
namespace beast = boost::beast;
using asio::ip::tcp;
constexpr auto tuple_awaitable = asio::as_tuple(asio::use_awaitable);

namespace {

// The TLS context new connections are given. SIGHUP swaps it; each session's
// completion handler holds the context it was made with, so an established
// connection never sees its context destroyed under it.
class TlsContexts {
public:
    explicit TlsContexts(std::shared_ptr<asio::ssl::context> first) : current_(std::move(first)) {}
    std::shared_ptr<asio::ssl::context> current() const {
        std::lock_guard lock(mutex_);
        return current_;
    }
    void replace(std::shared_ptr<asio::ssl::context> next) {
        std::lock_guard lock(mutex_);
        current_ = std::move(next);
    }

private:
    mutable std::mutex mutex_; // accept loop and SIGHUP handler may run on two threads
    std::shared_ptr<asio::ssl::context> current_;
};

// Logs what ended a session abnormally. Checked before rethrowing anything:
// a null exception_ptr means the coroutine finished normally (STYLE 13).
void on_session_end(ServerState& state, std::exception_ptr e) {
    --state.active;
    if (!e) {
        return;
    }
    try {
        std::rethrow_exception(e);
    } catch (const std::exception& ex) {
        journal::write(journal::Priority::err, "session_error",
                       std::string("session ended by an error: ") + ex.what());
    } catch (...) {
        journal::write(journal::Priority::err, "session_error",
                       "session ended by an unknown error");
    }
}

asio::awaitable<void> accept_loop(tcp::acceptor& acceptor, ServerState& state, TlsContexts* tls) {
    auto ioc_ex = acceptor.get_executor();
    for (;;) {
        auto [ec, socket] =
            co_await acceptor.async_accept(asio::make_strand(ioc_ex), tuple_awaitable);
        if (ec) {
            if (state.stopping || ec == asio::error::operation_aborted) {
                co_return;
            }
            // Out of descriptors or similar: pause instead of spinning.
            asio::steady_timer pause(ioc_ex, std::chrono::milliseconds(100));
            co_await pause.async_wait(tuple_awaitable);
            continue;
        }
        ++state.active;
        beast::error_code peer_ec;
        const auto peer = socket.remote_endpoint(peer_ec);
        if (peer_ec) {
            --state.active; // already gone
            continue;
        }
        auto ex = socket.get_executor();
        auto control = admit_connection(state, address_key(peer.address()), ex);
        if (!control && ++state.refusing > http_limits::max_refusing_connections) {
            // Too many being answered already: close without a word.
            --state.refusing;
            --state.active;
            continue;
        }
        if (tls) {
            auto context = tls->current();
            asio::ssl::context& ctx = *context;
            // `context` rides in the handler: it outlives the session's stream.
            auto done = [&state, context = std::move(context)](std::exception_ptr e) {
                on_session_end(state, e);
            };
            asio::co_spawn(ex,
                           run_session(beast::ssl_stream<beast::tcp_stream>(
                                           beast::tcp_stream(std::move(socket)), ctx),
                                       state, std::move(control)),
                           std::move(done));
        } else {
            auto done = [&state](std::exception_ptr e) { on_session_end(state, e); };
            asio::co_spawn(
                ex, run_session(beast::tcp_stream(std::move(socket)), state, std::move(control)),
                done);
        }
    }
}

// Logs the running totals /metrics shows, as it shows them (items rounded
// down to a multiple of k, requests per endpoint class), right after each
// publication: operators see traffic in the journal, never a single upload,
// and the log says nothing a scrape does not (issue 8). Quiet until the
// first request.
void log_counters(const metrics::Registry& m) {
    const auto t = m.published_totals();
    std::uint64_t requests = 0;
    for (const auto n : t.requests) {
        requests += n;
    }
    if (requests == 0) {
        return;
    }
    std::uint64_t rejected = 0;
    std::string reasons;
    for (const auto& [reason, n] : t.rejected) {
        rejected += n;
        reasons += (reasons.empty() ? "" : " ") + std::string(reason) + "=" + std::to_string(n);
    }
    const auto count = [&t](metrics::EndpointClass c) {
        return std::to_string(t.requests[static_cast<std::size_t>(c)]);
    };
    const std::string message =
        "counters since start: items accepted " + std::to_string(t.accepted) + ", duplicate " +
        std::to_string(t.duplicate) + ", rejected " + std::to_string(rejected) +
        (reasons.empty() ? "" : " (" + reasons + ")") + " (items rounded down to a multiple of " +
        std::to_string(limits::min_suppression_k) + "); requests api " +
        count(metrics::EndpointClass::api) + ", web " + count(metrics::EndpointClass::web) +
        ", healthz " + count(metrics::EndpointClass::healthz) + ", metrics " +
        count(metrics::EndpointClass::metrics);
    journal::write(journal::Priority::info, "counters", message,
                   {{"ENGAGE_ITEMS_ACCEPTED", std::to_string(t.accepted)},
                    {"ENGAGE_ITEMS_DUPLICATE", std::to_string(t.duplicate)},
                    {"ENGAGE_ITEMS_REJECTED", std::to_string(rejected)},
                    {"ENGAGE_ITEMS_REJECTED_BY_REASON", reasons},
                    {"ENGAGE_REQUESTS_API", count(metrics::EndpointClass::api)},
                    {"ENGAGE_REQUESTS_WEB", count(metrics::EndpointClass::web)}});
}

// Publishes /metrics' values, with the kiosks' last-seen ages read from the
// store on the lookup thread (never an I/O thread).
void publish_metrics(ServerState& state) {
    auto* m = state.services.metrics;
    if (m == nullptr) {
        return;
    }
    asio::post(state.lookups, [&state, m] {
        try {
            std::vector<std::string> seen;
            for (auto& k : state.services.store.status().kiosks) {
                seen.push_back(std::move(k.last_seen_date));
            }
            m->set_kiosk_ages(metrics::age_kiosks(seen, state.services.today()));
        } catch (const std::exception& e) {
            // The ages stay as they were; the counters are published anyway.
            journal::write(journal::Priority::warning, "metrics_kiosk_ages_failed",
                           std::string("metrics: kiosk ages not read: ") + e.what());
        }
        m->publish();
        log_counters(*m);
    });
}

// Publishes /metrics and logs its totals on one schedule, so neither says
// more about when batches came than the other (issue 8).
asio::awaitable<void> counters_loop(ServerState& state) {
    asio::steady_timer timer(co_await asio::this_coro::executor);
    publish_metrics(state); // zeros and kiosk ages from the start
    while (!state.stopping) {
        timer.expires_after(state.config.counter_interval);
        auto [ec] = co_await timer.async_wait(tuple_awaitable);
        if (ec) {
            co_return;
        }
        publish_metrics(state);
    }
}

asio::awaitable<void> shutdown_on_signal(asio::signal_set& signals, tcp::acceptor& acceptor,
                                         ServerState& state, asio::io_context& ioc) {
    auto [ec, signo] = co_await signals.async_wait(tuple_awaitable);
    (void)signo;
    if (ec) {
        co_return;
    }
    state.stopping = true;
    beast::error_code ignored;
    acceptor.close(ignored);
    {
        std::lock_guard lock(state.mutex);
        for (const auto& s : state.sessions) {
            asio::post(s->strand, [s] {
                if (s->idle && s->close) {
                    s->close();
                }
            });
        }
    }
    // Requests in flight finish and their sessions close; wait for that,
    // but not for ever.
    const auto deadline = std::chrono::steady_clock::now() + http_limits::shutdown_grace;
    asio::steady_timer tick(ioc);
    while (state.active > 0 && std::chrono::steady_clock::now() < deadline) {
        tick.expires_after(std::chrono::milliseconds(20));
        co_await tick.async_wait(tuple_awaitable);
    }
    ioc.stop();
}

// TLS 1.2 suites: forward secrecy (ECDHE) and AEAD only, no static RSA key
// exchange and no CBC (issue 8); Mozilla's "intermediate" list for 1.2.
constexpr const char* tls12_ciphers = "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
                                      "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
                                      "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305";

// Nothing below TLS 1.2; TLS 1.3 (all of whose suites are AEAD with forward
// secrecy) whenever the client offers it, which OpenSSL prefers by itself.
std::shared_ptr<asio::ssl::context> make_tls_context(const TlsFiles& files) {
    auto ctx = std::make_shared<asio::ssl::context>(asio::ssl::context::tls_server);
    ctx->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                     asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                     asio::ssl::context::no_tlsv1_1 | asio::ssl::context::single_dh_use);
    SSL_CTX* native = ctx->native_handle();
    if (SSL_CTX_set_min_proto_version(native, TLS1_2_VERSION) != 1 ||
        SSL_CTX_set_cipher_list(native, tls12_ciphers) != 1) {
        throw std::runtime_error("OpenSSL refused the TLS protocol or cipher settings");
    }
    // Renegotiation only helps an attacker make the server work.
    SSL_CTX_set_options(native, SSL_OP_NO_RENEGOTIATION);
    ctx->use_certificate_chain_file(files.cert_chain);
    ctx->use_private_key_file(files.private_key, asio::ssl::context::pem);
    // A key from another pair must not replace a working one on reload.
    if (SSL_CTX_check_private_key(native) != 1) {
        throw std::runtime_error("the private key does not match the certificate");
    }
    return ctx;
}

// Reads the certificate and key again on every SIGHUP (systemd's
// ExecReload=kill -HUP, or after a certificate renewal). Without TLS there is
// nothing to reload, but SIGHUP must still not end the server (its default
// action), so it is always caught.
asio::awaitable<void> reload_on_sighup(asio::signal_set& hup, const ServerConfig& config,
                                       TlsContexts* tls) {
    for (;;) {
        auto [ec, signo] = co_await hup.async_wait(tuple_awaitable);
        (void)signo;
        if (ec) {
            co_return; // the server is stopping
        }
        if (tls == nullptr || !config.tls) {
            journal::write(journal::Priority::notice, "sighup_no_tls",
                           "SIGHUP: no TLS certificate to reload (plain HTTP)");
            continue;
        }
        try {
            tls->replace(make_tls_context(*config.tls));
            journal::write(journal::Priority::notice, "tls_reloaded",
                           "SIGHUP: TLS certificate and key reloaded from " +
                               config.tls->cert_chain,
                           {{"ENGAGE_TLS_CERT", config.tls->cert_chain}});
        } catch (const std::exception& e) {
            journal::write(journal::Priority::err, "tls_reload_refused",
                           std::string("SIGHUP: TLS certificate or key refused, the previous "
                                       "pair stays in use: ") +
                               e.what(),
                           {{"ENGAGE_TLS_CERT", config.tls->cert_chain}});
        }
    }
}

std::string url_host(const tcp::endpoint& ep) {
    const auto a = ep.address();
    return a.is_v6() ? "[" + a.to_string() + "]" : a.to_string();
}

} // namespace

int run_server(const ServerConfig& config, api::Services& services) {
    // Declared before the io_context so they outlive it: destroying it
    // destroys unfinished session frames, which still refer to both.
    ServerState state{config, services};
    std::unique_ptr<TlsContexts> tls;
    asio::io_context ioc(static_cast<int>(std::max(1u, config.threads)));
    tcp::acceptor acceptor(ioc);
    try {
        if (config.tls) {
            tls = std::make_unique<TlsContexts>(make_tls_context(*config.tls));
        }
    } catch (const std::exception& e) {
        journal::write(journal::Priority::err, "tls_failed",
                       std::string("engage-admin: cannot use the TLS certificate or key: ") +
                           e.what());
        services.writer.stop();
        return 1;
    }
    try {
        tcp::resolver resolver(ioc);
        const auto results = resolver.resolve(config.host, std::to_string(config.port));
        const tcp::endpoint endpoint = *results.begin();
        acceptor.open(endpoint.protocol());
        acceptor.set_option(asio::socket_base::reuse_address(true));
        acceptor.bind(endpoint);
        acceptor.listen(asio::socket_base::max_listen_connections);
    } catch (const std::exception& e) {
        journal::write(journal::Priority::err, "listen_failed",
                       "engage-admin: cannot listen on " + config.host + ":" +
                           std::to_string(config.port) + ": " + e.what());
        services.writer.stop();
        return 1;
    }

    asio::signal_set signals(ioc, SIGINT, SIGTERM);
    asio::signal_set hup(ioc, SIGHUP);
    auto rethrow = [](std::exception_ptr e) {
        if (e) {
            std::rethrow_exception(e);
        }
    };
    asio::co_spawn(ioc, accept_loop(acceptor, state, tls.get()), rethrow);
    asio::co_spawn(ioc, shutdown_on_signal(signals, acceptor, state, ioc), rethrow);
    asio::co_spawn(ioc, reload_on_sighup(hup, config, tls.get()), rethrow);
    if (services.metrics != nullptr) {
        services.metrics->set_connections_source([&state] {
            return metrics::Connections{state.admitted.load(), state.refusing.load()};
        });
    }
    asio::co_spawn(ioc, counters_loop(state), rethrow);

    const auto local = acceptor.local_endpoint();
    std::printf("listening on %s://%s:%u\n", tls ? "https" : "http", url_host(local).c_str(),
                static_cast<unsigned>(local.port()));
    std::fflush(stdout);
    if (config.on_listening) {
        config.on_listening(local.port());
    }

    std::vector<std::thread> workers;
    for (unsigned i = 1; i < std::max(1u, config.threads); ++i) {
        workers.emplace_back([&ioc] { ioc.run(); });
    }
    ioc.run();
    for (auto& t : workers) {
        t.join();
    }
    // Lookups still queued post into the stopped io_context and are dropped.
    state.lookups.join();
    if (services.metrics != nullptr) {
        services.metrics->set_connections_source({}); // `state` ends here
    }
    if (services.metrics != nullptr) {
        // The final totals, as the next scrape would have shown them.
        services.metrics->publish();
        log_counters(*services.metrics);
    }
    // Finish queued writes; their completions are posted to the stopped
    // io_context and dropped with it, after the data is committed.
    services.writer.stop();
    return 0;
}

} // namespace engage::http
