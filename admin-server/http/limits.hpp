#pragma once
// Connection limits of the HTTP layer (STYLE 11): never Beast's defaults.

#include "engage/limits.hpp"

#include <chrono>
#include <cstddef>

namespace engage::http_limits {

// Same limits the kiosk never exceeds (core limits.hpp).
inline constexpr std::size_t header_bytes = limits::max_header_bytes;
inline constexpr std::size_t body_bytes = limits::max_body_bytes;
// The read buffer of one connection: a whole request head (header_bytes) and
// a little of what follows it. Bodies go straight into their request, so this
// bounds what an idle or refused connection costs (2,000 of them: 32 MiB).
inline constexpr std::size_t read_buffer_bytes = 2 * header_bytes;
// Body bytes being received by all connections together. Each accepted
// request reserves its declared length (or, chunked, its limit) before its
// body is read; when the budget is spent the next one gets 503 server_busy.
// 64 full batches at once is far more than a fleet uploads at the same
// moment, and 64 MiB of bodies fits any machine we run on.
inline constexpr std::size_t body_budget_bytes = 64 * limits::max_body_bytes;
// Unknown kiosk tokens waiting for their database lookup (which runs off the
// I/O threads). A real kiosk is in memory after its first request, so a long
// queue is a flood of made-up tokens: those past it get 503 server_busy.
inline constexpr std::size_t max_pending_token_lookups = 64;
// Connections one address may hold. A site's kiosks behind one NAT are a
// handful; a quarter of the default cap leaves room for every other site.
// A connection over it first evicts that address's oldest idle stranger.
inline constexpr std::size_t max_connections_per_address = 64;
// When this share of the cap is in use, connections that have not shown a
// kiosk token get short_idle_timeout instead of --idle-timeout/--read-timeout,
// so idle strangers cannot hold the slots kiosks need.
inline constexpr std::size_t near_cap_percent = 75;
inline constexpr std::chrono::seconds short_idle_timeout{2};
// Over the cap, a refused connection is answered 503 without reading it; past
// this many extra connections being refused at once, the rest are closed
// without a word (answering costs a coroutine and a write each).
inline constexpr std::size_t max_refusing_connections = 1024;
// A response (at most a content bundle) to a slow kiosk link.
inline constexpr std::chrono::seconds write_timeout{30};
// TLS handshake: a kiosk does it at once; a stalled one holds a slot.
inline constexpr std::chrono::seconds handshake_timeout{10};
// After refusing a request (400, 411, 413, 431, 503) we read and drop what
// the client is still sending for this long, so it sees our answer rather
// than a reset. Dropped bytes pass through drain_chunk_bytes of scratch.
inline constexpr std::chrono::seconds drain_timeout{2};
inline constexpr std::size_t drain_bytes = 2 * limits::max_body_bytes;
inline constexpr std::size_t drain_chunk_bytes = 4 * 1024;
// On SIGINT/SIGTERM, requests in flight get this long to finish (STYLE 14).
inline constexpr std::chrono::seconds shutdown_grace{5};
// Requests served on one keep-alive connection before it is closed, so one
// client cannot hold a connection slot for ever by pipelining.
inline constexpr std::size_t max_requests_per_connection = 100000;
// Submissions are logged as counts per this interval, never one line per
// request: a line's time and size would say when people pressed Send and how
// many answers a batch held (issue 8). An hour says nothing the date does not
// say once uploads run on their own timer.
inline constexpr std::chrono::minutes submission_log_interval{60};

} // namespace engage::http_limits
