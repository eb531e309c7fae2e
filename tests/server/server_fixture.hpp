#pragma once
// Shared set-up for the server's integration tests: a fresh data directory, a
// real engage-admin serve with sample content, one enrolled kiosk and its
// content bundle; plus readers for replies. Helpers throw on transport
// failures (Catch reports the message); tests assert on what they return.

#include "engage/content.hpp"
#include "support/admin_cli.hpp"
#include "support/http_client.hpp"
#include "support/kiosk_api.hpp"
#include "support/server_process.hpp"
#include "support/stored_counts.hpp"
#include "support/temp_dir.hpp"

#include <boost/json.hpp>
#include <string>
#include <vector>

namespace engage::test {

struct TestServer {
    TempDir data{"engage-data"};
    ServerProcess server;
    Kiosk kiosk;
    ContentBundle content;

    explicit TestServer(ServerOptions options = {}, std::string_view site = "test-site");
    std::uint16_t port() const { return server.port(); }
    Headers auth() const { return {bearer(kiosk.token)}; }
};

// One entry of a submissions reply.
struct ItemResult {
    std::string id;
    std::string status; // accepted | duplicate | rejected
    std::string code;   // set for rejected
    std::string reason; // set for rejected
    bool has_code = false;
    bool has_reason = false;
};

// POSTs {"submissions": items} on a new connection; throws when no reply.
HttpResponse post_batch(std::uint16_t port, std::string_view token,
                        const boost::json::array& items);
// The results of a 200 reply, in order; throws when the shape is wrong.
std::vector<ItemResult> results_of(const HttpResponse& reply);

// {"error": {"code", "message"}} of an error reply; throws when the shape is
// wrong or the Content-Type is not application/json.
struct ErrorBody {
    std::string code;
    std::string message;
};
ErrorBody error_of(const HttpResponse& reply);

// Throws unless the connection produced a reply.
HttpResponse must(const std::optional<HttpResponse>& reply, const HttpConnection& c);

// status --json: submissions.total, submissions.by_form[slug] (0 if absent),
// sealed_signups, each as status prints it ({"count": n, "shown": "n"}).
// Throws when the count is suppressed (1 to k-1, or hidden beside one): use
// stored_counts() (support/stored_counts.hpp) where a test needs exact
// small numbers.
std::int64_t status_total(const boost::json::object& status);
std::int64_t status_by_form(const boost::json::object& status, std::string_view slug);
std::int64_t status_sealed(const boost::json::object& status);

// The server's today as the validator sees it (UTC).
Date today();

} // namespace engage::test
