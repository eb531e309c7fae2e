// Request smuggling (RFC 9112 §6.1, §6.3): request forms that two HTTP
// parsers may frame differently, each followed on the same connection by a
// "smuggled" request. Sent as raw bytes to the real server, each must be
// answered once with 400 (or the status named) and the connection closed, so
// the smuggled request never gets an answer; or, where the framing is
// unambiguous, answered exactly as a careful parser would.

#include "engage/limits.hpp"
#include "server_fixture.hpp"

#include <catch2/catch.hpp>

using namespace engage;
using namespace engage::test;

namespace {

// A request the server would answer 200 if it ever parsed it.
constexpr std::string_view smuggled = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

struct Form {
    std::string name;
    std::string bytes;        // the whole request as sent, smuggled request included
    std::vector<int> replies; // every status the connection must produce, in order
};

std::vector<Form> corpus(const std::string& token) {
    const std::string hb = R"({"app_version": "1.0"})";
    const std::string n = std::to_string(hb.size());
    const std::string chunk = [&] {
        char size[16];
        std::snprintf(size, sizeof size, "%zx", hb.size());
        return std::string(size) + "\r\n" + hb + "\r\n0\r\n\r\n";
    }();
    const std::string start = "POST /api/v1/heartbeat HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                              "Authorization: Bearer " +
                              token + "\r\nContent-Type: application/json\r\n";
    const std::string s(smuggled);
    return {
        {"CL.TE: Content-Length then Transfer-Encoding: chunked",
         start + "Content-Length: " + n + "\r\nTransfer-Encoding: chunked\r\n\r\n" + chunk + s,
         {400}},
        {"TE.CL: Transfer-Encoding: chunked then Content-Length",
         start + "Transfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n" + chunk + s,
         {400}},
        {"TE.TE: chunked, identity",
         start + "Transfer-Encoding: chunked, identity\r\n\r\n" + chunk + s,
         {400}},
        {"TE.TE: identity, chunked",
         start + "Transfer-Encoding: identity, chunked\r\n\r\n" + chunk + s,
         {400}},
        {"TE.TE: identity alone (its body was parsed as a second request)",
         start + "Transfer-Encoding: identity\r\n\r\n" + hb + "\r\n" + s,
         {400}},
        {"TE.TE: gzip, chunked",
         start + "Transfer-Encoding: gzip, chunked\r\n\r\n" + chunk + s,
         {400}},
        {"TE.TE: xchunked", start + "Transfer-Encoding: xchunked\r\n\r\n" + chunk + s, {400}},
        {"TE.TE: chunked and a second Transfer-Encoding field",
         start + "Transfer-Encoding: chunked\r\nTransfer-encoding: cow\r\n\r\n" + chunk + s,
         {400}},
        {"TE.TE: two chunked fields",
         start + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n" + chunk + s,
         {400}},
        {"TE.TE: space before the colon",
         start + "Transfer-Encoding : chunked\r\n\r\n" + chunk + s,
         {400}},
        {"TE.TE: obs-fold continues the field",
         start + "Transfer-Encoding: identity\r\n chunked\r\n\r\n" + chunk + s,
         {400}},
        {"obs-fold in any field",
         start + "X-Note: a\r\n\tb\r\nContent-Length: " + n + "\r\n\r\n" + hb + s,
         {400}},
        {"duplicate Content-Length, same value",
         start + "Content-Length: " + n + "\r\nContent-Length: " + n + "\r\n\r\n" + hb + s,
         {400}},
        {"duplicate Content-Length, different values",
         start + "Content-Length: " + n + "\r\nContent-Length: 4\r\n\r\n" + hb + s,
         {400}},
        {"Content-Length as a list",
         start + "Content-Length: " + n + ", " + n + "\r\n\r\n" + hb + s,
         {400}},
        {"Content-Length with a space inside",
         start + "Content-Length: 2 2\r\n\r\n" + hb + s,
         {400}},
        {"Content-Length with a sign",
         start + "Content-Length: +" + n + "\r\n\r\n" + hb + s,
         {400}},
        {"Content-Length in hex", start + "Content-Length: 0x16\r\n\r\n" + hb + s, {400}},
        {"Transfer-Encoding in HTTP/1.0",
         "POST /api/v1/heartbeat HTTP/1.0\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token +
             "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n" + chunk + s,
         {400}},
        {"no Host", "GET /healthz HTTP/1.1\r\n\r\n" + s, {400}},
        {"two Host fields", "GET /healthz HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n" + s, {400}},
        {"a bare LF ends a line", "GET /healthz HTTP/1.1\nHost: a\r\n\r\n" + s, {400}},
        {"a chunk size that is not hex",
         start + "Transfer-Encoding: chunked\r\n\r\nzz\r\n" + hb + "\r\n0\r\n\r\n" + s,
         {400}},
        {"a chunk size past 64 bits",
         start + "Transfer-Encoding: chunked\r\n\r\n10000000000000000\r\n" + hb + "\r\n0\r\n\r\n" +
             s,
         {400}},
        {"a POST without a length: 411, then close",
         "POST /api/v1/heartbeat HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token +
             "\r\nContent-Type: application/json\r\n\r\n" + hb + s,
         {411}},
        {"a body over its limit: 413, then close",
         start + "Content-Length: " + std::to_string(limits::max_body_bytes + 1) + "\r\n\r\n" + hb +
             s,
         {413}},
        {"a GET with a body is answered from its head, then closed",
         "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\n\r\nhello" + s,
         {200}},
        // Unambiguous forms a careful parser reads as chunked; the request
        // after the body is then a real pipelined request.
        {"Transfer-Encoding: <TAB>chunked (HTAB is optional whitespace)",
         start + "Transfer-Encoding:\tchunked\r\n\r\n" + chunk + s,
         {200, 200}},
        {"Transfer-Encoding: CHUNKED (codings are case-insensitive)",
         start + "Transfer-Encoding: CHUNKED\r\n\r\n" + chunk + s,
         {200, 200}},
        {"Content-Length with surrounding whitespace",
         start + "Content-Length:  " + n + " \r\n\r\n" + hb + s,
         {200, 200}},
    };
}

} // namespace

TEST_CASE("request-smuggling forms are refused with 400 and never yield a second response",
          "[server][smuggling][engines]") {
    TestServer s;
    for (const auto& form : corpus(s.kiosk.token)) {
        INFO(form.name);
        HttpConnection c(s.port(), std::chrono::seconds(10));
        REQUIRE(c.send_raw(form.bytes));
        for (const int expected : form.replies) {
            const auto r = c.read_response();
            INFO(c.error());
            REQUIRE(r);
            INFO(r->body);
            CHECK(r->status == expected);
            if (expected >= 400) {
                CHECK(r->header("Connection").value_or("") == "close");
            }
        }
        if (form.replies.size() == 1) {
            // Nothing more: the smuggled request is never answered.
            const auto extra = c.read_response();
            CHECK_FALSE(extra);
            CHECK(c.wait_closed(std::chrono::seconds(10)));
        }
    }
    CHECK(s.server.running());
}
