#pragma once
// Connection limits of the HTTP layer (STYLE 11): never Beast's defaults.

#include "engage/limits.hpp"

#include <chrono>
#include <cstddef>

namespace engage::http_limits {

// Same limits the kiosk never exceeds (core limits.hpp).
inline constexpr std::size_t header_bytes = limits::max_header_bytes;
inline constexpr std::size_t body_bytes = limits::max_body_bytes;
// A response (at most a content bundle) to a slow kiosk link.
inline constexpr std::chrono::seconds write_timeout{30};
// TLS handshake: a kiosk does it at once; a stalled one holds a slot.
inline constexpr std::chrono::seconds handshake_timeout{10};
// After refusing a request (413, 431, 503) we read and drop what the client
// is still sending for this long, so it sees our answer rather than a reset.
inline constexpr std::chrono::seconds drain_timeout{2};
inline constexpr std::size_t drain_bytes = 2 * limits::max_body_bytes;
// On SIGINT/SIGTERM, requests in flight get this long to finish (STYLE 14).
inline constexpr std::chrono::seconds shutdown_grace{5};
// Requests served on one keep-alive connection before it is closed, so one
// client cannot hold a connection slot for ever by pipelining.
inline constexpr std::size_t max_requests_per_connection = 100000;

} // namespace engage::http_limits
