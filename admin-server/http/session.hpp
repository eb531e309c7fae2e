#pragma once
// Private to http/: the state the listener shares with its sessions, and the
// per-connection coroutines. The only header that may include Beast/Asio.

#include "api/rate_limiter.hpp"
#include "api/services.hpp"
#include "http/server.hpp"

#include <atomic>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <unordered_map>

namespace engage::http {

// One admitted connection, as the listener and shutdown see it.
struct SessionControl {
    boost::asio::any_io_executor strand;
    std::string address;      // the client's address key (see address_key); immutable
    std::uint64_t serial = 0; // accept order (oldest first); immutable
    // Touched only on the session's strand:
    bool idle = false;           // waiting for the next request
    std::function<void()> close; // ends the session's I/O; empty after it ends
    // Read by the listener from any thread:
    std::atomic<bool> kiosk{false};     // showed a known kiosk token: never evicted
    std::atomic<bool> evictable{false}; // idle, in a request head, or draining
    std::atomic<bool> evicted{false};   // chosen to make room; ends at its next step
};

// Shared by the listener and every session; outlives them all.
struct ServerState {
    ServerState(const ServerConfig& c, api::Services& s);
    const ServerConfig& config;
    api::Services& services;
    std::atomic<std::size_t> active{0};   // sessions running, refused ones included
    std::atomic<std::size_t> refusing{0}; // of those, being answered 503 at once
    std::atomic<bool> stopping{false};
    // Admitted sessions and their count per address, under `mutex`.
    std::mutex mutex;
    std::set<std::shared_ptr<SessionControl>> sessions;
    std::unordered_map<std::string, std::size_t> per_address;
    std::uint64_t next_serial = 0;
    std::atomic<std::size_t> admitted{0}; // sessions.size(), readable without the mutex
    // Body bytes reserved by requests whose bodies are being read.
    std::atomic<std::size_t> body_bytes_in_flight{0};
    // Unknown-token lookups queued or running on `lookups` (never an I/O thread).
    std::atomic<std::size_t> pending_lookups{0};
    boost::asio::thread_pool lookups{1};
    // The web app's thread (Services::web): one, so sign-in's argon2id never
    // runs twice at once and the I/O threads never touch the database.
    boost::asio::thread_pool web{1};
    api::RateLimiter enrol_attempts;

    // True when connections that showed no kiosk token get short timeouts.
    bool near_cap() const;
};

// The key connections are counted and rate-limited by: an IPv4 address as
// text, an IPv6 address by its /64 (one host usually holds a whole /64).
std::string address_key(const boost::asio::ip::address& address);
// The address a request's limits count against: `connection` (an
// address_key), unless it is `trusted_proxy`, in which case the last entry
// of `forwarded_for` (the one that proxy appended), when it is an IP
// address; otherwise the proxy's own.
std::string client_address(const std::string& connection, const std::string& trusted_proxy,
                           std::string_view forwarded_for);

// Admits a new connection from `address` (the caller holds no lock): a
// control to serve it with, or nullptr when it must be refused. Admitting may
// evict the oldest idle connection that never showed a kiosk token, from the
// same address when that address is at its cap, else from anyone when the
// server is at --max-connections.
std::shared_ptr<SessionControl> admit_connection(ServerState& state, std::string address,
                                                 boost::asio::any_io_executor strand);

// Serves one connection until it closes, times out, is evicted or the server
// stops. A null `control`: answer 503 too_many_connections at once, without
// reading the request, and close.
boost::asio::awaitable<void> run_session(boost::beast::tcp_stream stream, ServerState& state,
                                         std::shared_ptr<SessionControl> control);
boost::asio::awaitable<void> run_session(boost::beast::ssl_stream<boost::beast::tcp_stream> stream,
                                         ServerState& state,
                                         std::shared_ptr<SessionControl> control);

} // namespace engage::http
