#pragma once
// The kiosk API (DESIGN §5) as synchronous handlers with no I/O.
//
// route() answers at once, or, for requests that write, returns the write to
// hand to the group-commit writer and how to answer once it is committed.
// The HTTP session does that asynchronously; handle() does it blocking, for
// tests and tools.

#include "api/http_types.hpp"
#include "api/services.hpp"
#include "store/writer.hpp"

#include <functional>
#include <variant>

namespace engage::api {

// A write to commit before answering.
struct DeferredWrite {
    store::Writer::Work work;
    // Builds the response once the writer reports (converts to true when
    // committed; see store::WriteResult for why it failed).
    std::function<Response(store::WriteResult)> finish;
};

using Outcome = std::variant<Response, DeferredWrite>;

// Routes and handles one request. Never throws for bad input (4xx); a store
// fault while reading becomes 500.
Outcome route(const Request& request, Services& services);

// route(), then for a DeferredWrite submits it and blocks until committed.
Response handle(const Request& request, Services& services);

// The path part of a request target (without "?query").
std::string_view path_of(std::string_view target);
// The endpoint under /api/v1/ ("enrol", "content", ...; "" outside it).
std::string_view api_endpoint(std::string_view path);

} // namespace engage::api
