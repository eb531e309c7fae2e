#pragma once
// Private to http/: the state the listener shares with its sessions, and the
// per-connection coroutines. The only header that may include Beast/Asio.

#include "api/services.hpp"
#include "http/server.hpp"

#include <atomic>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <functional>
#include <memory>
#include <mutex>
#include <set>

namespace engage::http {

// What shutdown needs to reach one session. Touched only on the session's
// strand (except the set membership, under ServerState::mutex).
struct SessionControl {
    boost::asio::any_io_executor strand;
    bool idle = false;           // waiting for the next request
    std::function<void()> close; // cancels the session's I/O; empty after it ends
};

// Shared by the listener and every session; outlives them all.
struct ServerState {
    ServerState(const ServerConfig& c, api::Services& s) : config(c), services(s) {}
    const ServerConfig& config;
    api::Services& services;
    std::atomic<std::size_t> active{0};
    std::atomic<bool> stopping{false};
    std::mutex mutex;
    std::set<std::shared_ptr<SessionControl>> sessions;
};

// Serves one connection until it closes, times out or the server stops.
// `over_limit`: answer the first request with 503 too_many_connections and close.
boost::asio::awaitable<void> run_session(boost::beast::tcp_stream stream, ServerState& state,
                                         bool over_limit);
boost::asio::awaitable<void> run_session(boost::beast::ssl_stream<boost::beast::tcp_stream> stream,
                                         ServerState& state, bool over_limit);

} // namespace engage::http
