#pragma once
// The HTTP(S) server: a listener and one coroutine per connection over the
// API handlers (STYLE 10). No Beast or Asio types in this header.

#include "api/services.hpp"
#include "http/limits.hpp"

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace engage::http {

struct TlsFiles {
    std::string cert_chain;  // PEM
    std::string private_key; // PEM
};

struct ServerConfig {
    std::string host = "127.0.0.1";
    std::uint16_t port = 8080; // 0 picks a free port
    std::optional<TlsFiles> tls;
    std::chrono::seconds read_timeout{10};
    std::chrono::seconds idle_timeout{30};
    std::size_t max_connections = 256;
    unsigned threads = 2;
    // How often submission counts are logged and /metrics' values are
    // published. Only tests shorten it (serve --test-mode): see
    // submission_log_interval for why it is an hour.
    std::chrono::milliseconds counter_interval = http_limits::submission_log_interval;
    // The address of the one reverse proxy (a load balancer in front of
    // several servers, issue 12) whose X-Forwarded-For header is believed:
    // requests from it count against the client address the proxy appended,
    // for the per-address limits, and its own connections are not capped
    // per address (it carries everyone's). Empty: no header is believed, so
    // a client cannot pick the address its limits count against.
    std::string trusted_proxy;
    // Called once with the bound port before the first connection is
    // accepted (with --listen HOST:0 only the bind knows it).
    std::function<void(unsigned short port)> on_listening;
};

// `text` as the address key trusted_proxy compares with (an IPv4 address,
// or an IPv6 one as its /64), or nullopt when it is not an IP address.
std::optional<std::string> proxy_address_key(std::string_view text);

// Binds, prints "listening on http(s)://ADDR:PORT" to stdout, serves until
// SIGINT or SIGTERM, lets requests in flight finish (bounded), stops the
// writer, and returns 0. On a bind or TLS set-up failure prints why to stderr
// and returns 1.
int run_server(const ServerConfig& config, api::Services& services);

} // namespace engage::http
