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
    // Called once with the bound port before the first connection is
    // accepted (with --listen HOST:0 only the bind knows it).
    std::function<void(unsigned short port)> on_listening;
};

// Binds, prints "listening on http(s)://ADDR:PORT" to stdout, serves until
// SIGINT or SIGTERM, lets requests in flight finish (bounded), stops the
// writer, and returns 0. On a bind or TLS set-up failure prints why to stderr
// and returns 1.
int run_server(const ServerConfig& config, api::Services& services);

} // namespace engage::http
