#pragma once
// Load on a running server over loopback: one thread per keep-alive
// connection, all starting together and stopping at a shared deadline.

#include "item_text.hpp"

#include <chrono>
#include <cstdint>
#include <string>

namespace engage::bench {

struct LoadResult {
    std::uint64_t units = 0;    // items accepted, or 304 replies
    std::uint64_t requests = 0; // requests answered
    std::uint64_t errors = 0;   // failed requests or unexpected replies
    std::string first_error;
    double seconds = 0;
    double client_cores = 0; // CPU time this process used / seconds
    double server_cores = 0; // CPU time the server used / seconds (0: no server)
    double rate() const { return seconds > 0 ? static_cast<double>(units) / seconds : 0; }
};

// POSTs batches of `batch_size` fresh items on `connections` connections for
// `duration`; units are items whose reply said accepted.
LoadResult ingest_load(std::uint16_t port, const std::string& token, const ItemTemplate& item,
                       int connections, int batch_size, std::chrono::milliseconds duration);

// GET /api/v1/content with If-None-Match: etag on `connections` connections
// for `duration`; units are 304 replies.
LoadResult content_load(std::uint16_t port, const std::string& token, const std::string& etag,
                        int connections, std::chrono::milliseconds duration);

} // namespace engage::bench
