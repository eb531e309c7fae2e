// Connection-level limits: read timeout for stalled clients, idle timeout for
// keep-alive connections, and the connection cap. The bounds below are
// generous ceilings so a loaded machine cannot fail them; they check that the
// server disconnects at all, not how fast.

#include "server_fixture.hpp"

#include <catch2/catch.hpp>
#include <thread>

using namespace engage;
using namespace engage::test;

namespace {

constexpr auto close_bound = std::chrono::seconds(10);

} // namespace

TEST_CASE("a client that stalls mid-request is disconnected after --read-timeout",
          "[server][timeouts][slow]") {
    TestServer s({.extra_args = {"--read-timeout", "1", "--idle-timeout", "30"}});
    HttpConnection c(s.port(), std::chrono::seconds(15));
    const std::string head = "POST /api/v1/submissions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                             "Authorization: Bearer " +
                             s.kiosk.token +
                             "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n";
    SECTION("stalled in the headers") {
        REQUIRE(c.send_raw(head.substr(0, head.size() / 2)));
    }
    SECTION("stalled in the body") {
        REQUIRE(c.send_raw(head + R"({"submissions": [)"));
    }
    SECTION("stalled after the request line") {
        REQUIRE(c.send_raw("GET /healthz HTTP/1.1\r\n"));
    }
    CHECK(c.wait_closed(close_bound));
    // The server is still fine for everyone else.
    HttpConnection other(s.port());
    CHECK(must(other.get("/healthz"), other).status == 200);
}

TEST_CASE("an idle keep-alive connection is closed after --idle-timeout", "[server][timeouts]") {
    TestServer s({.extra_args = {"--idle-timeout", "1"}});
    HttpConnection c(s.port(), std::chrono::seconds(15));
    REQUIRE(must(c.get("/healthz"), c).status == 200);
    CHECK(c.wait_closed(close_bound));
}

TEST_CASE("a connection over --max-connections gets 503 too_many_connections and is closed",
          "[server][limits]") {
    TempDir data("engage-data");
    ServerProcess server(data.path(), {.extra_args = {"--max-connections", "2"}});
    HttpConnection a(server.port());
    HttpConnection b(server.port());
    REQUIRE(must(a.get("/healthz"), a).status == 200);
    REQUIRE(must(b.get("/healthz"), b).status == 200);

    HttpConnection third(server.port());
    REQUIRE(third.is_open()); // the kernel accepts; the server refuses
    // A server may answer at once or after reading a request; allow both
    // without writing into a socket it may already have closed.
    if (!third.readable(std::chrono::milliseconds(1000))) {
        third.send_raw("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    }
    const auto r = third.read_response();
    INFO(third.error());
    REQUIRE(r);
    INFO(r->body);
    CHECK(r->status == 503);
    CHECK(error_of(*r).code == "too_many_connections");
    CHECK(r->header("Connection").value_or("") == "close");
    CHECK(third.wait_closed(close_bound));

    // Once a connection goes, a new one is served again.
    a.close();
    bool served = false;
    for (int attempt = 0; attempt < 50 && !served; ++attempt) {
        HttpConnection next(server.port());
        const auto ok = next.get("/healthz");
        served = ok && ok->status == 200;
        if (!served) {
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    }
    CHECK(served);
}
