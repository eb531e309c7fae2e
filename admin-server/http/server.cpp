// The listener (STYLE 10, 14): accepts connections, spawns a session per
// connection on its own strand, and on SIGINT/SIGTERM stops accepting, closes
// idle connections, gives requests in flight a bounded time, then stops.
#include "http/server.hpp"

#include "http/limits.hpp"
#include "http/session.hpp"

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/ssl.hpp>
#include <cstdio>
#include <thread>
#include <vector>

namespace engage::http {
namespace asio = boost::asio;
namespace beast = boost::beast;
using asio::ip::tcp;
constexpr auto tuple_awaitable = asio::as_tuple(asio::use_awaitable);

namespace {

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
        std::fprintf(stderr, "session ended by an error: %s\n", ex.what());
    } catch (...) {
        std::fprintf(stderr, "session ended by an unknown error\n");
    }
}

asio::awaitable<void> accept_loop(tcp::acceptor& acceptor, ServerState& state,
                                  asio::ssl::context* tls) {
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
        const bool over_limit = ++state.active > state.config.max_connections;
        auto ex = socket.get_executor();
        auto done = [&state](std::exception_ptr e) { on_session_end(state, e); };
        if (tls) {
            asio::co_spawn(ex,
                           run_session(beast::ssl_stream<beast::tcp_stream>(
                                           beast::tcp_stream(std::move(socket)), *tls),
                                       state, over_limit),
                           done);
        } else {
            asio::co_spawn(ex, run_session(beast::tcp_stream(std::move(socket)), state, over_limit),
                           done);
        }
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

std::unique_ptr<asio::ssl::context> make_tls_context(const TlsFiles& files) {
    auto ctx = std::make_unique<asio::ssl::context>(asio::ssl::context::tls_server);
    ctx->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                     asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                     asio::ssl::context::no_tlsv1_1 | asio::ssl::context::single_dh_use);
    ctx->use_certificate_chain_file(files.cert_chain);
    ctx->use_private_key_file(files.private_key, asio::ssl::context::pem);
    return ctx;
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
    std::unique_ptr<asio::ssl::context> tls;
    asio::io_context ioc(static_cast<int>(std::max(1u, config.threads)));
    tcp::acceptor acceptor(ioc);
    try {
        if (config.tls) {
            tls = make_tls_context(*config.tls);
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "engage-admin: cannot use the TLS certificate or key: %s\n", e.what());
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
        std::fprintf(stderr, "engage-admin: cannot listen on %s:%u: %s\n", config.host.c_str(),
                     static_cast<unsigned>(config.port), e.what());
        services.writer.stop();
        return 1;
    }

    asio::signal_set signals(ioc, SIGINT, SIGTERM);
    auto rethrow = [](std::exception_ptr e) {
        if (e) {
            std::rethrow_exception(e);
        }
    };
    asio::co_spawn(ioc, accept_loop(acceptor, state, tls.get()), rethrow);
    asio::co_spawn(ioc, shutdown_on_signal(signals, acceptor, state, ioc), rethrow);

    const auto local = acceptor.local_endpoint();
    std::printf("listening on %s://%s:%u\n", tls ? "https" : "http", url_host(local).c_str(),
                static_cast<unsigned>(local.port()));
    std::fflush(stdout);

    std::vector<std::thread> workers;
    for (unsigned i = 1; i < std::max(1u, config.threads); ++i) {
        workers.emplace_back([&ioc] { ioc.run(); });
    }
    ioc.run();
    for (auto& t : workers) {
        t.join();
    }
    // Finish queued writes; their completions are posted to the stopped
    // io_context and dropped with it, after the data is committed.
    services.writer.stop();
    return 0;
}

} // namespace engage::http
