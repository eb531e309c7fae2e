// Content download with ETag/304, bearer-token authentication and routing.

#include "engage/protocol.hpp"
#include "server_fixture.hpp"

#include <catch2/catch.hpp>

namespace paths = engage::protocol::paths;

using namespace engage::test;

TEST_CASE("content is served with its version as ETag and 304 when If-None-Match matches",
          "[server][content][engines]") {
    TestServer s;
    HttpConnection c(s.port());
    const auto first = must(c.get(paths::content, s.auth()), c);
    REQUIRE(first.status == 200);
    CHECK(first.header("Content-Type").value_or("").find("application/json") == 0);
    const auto etag = first.header("ETag");
    REQUIRE(etag);
    INFO("ETag " << *etag);
    CHECK(*etag == "\"" + s.content.version + "\"");
    CHECK_FALSE(s.content.forms.empty());
    CHECK_FALSE(s.content.help.empty());
    CHECK(s.content.coordinator_public_key.size() == 44); // base64 of 32 bytes

    auto headers = s.auth();
    headers.emplace_back("If-None-Match", *etag);
    const auto second = must(c.get(paths::content, headers), c);
    CHECK(second.status == 304);
    CHECK(second.body.empty());

    SECTION("a stale ETag gets the full bundle again") {
        auto stale = s.auth();
        stale.emplace_back("If-None-Match", "\"not-the-version\"");
        const auto third = must(c.get(paths::content, stale), c);
        CHECK(third.status == 200);
        CHECK(third.body == first.body);
    }
}

TEST_CASE("the API refuses a missing or wrong token with 401 unauthorized and WWW-Authenticate",
          "[server][auth][engines]") {
    TestServer s;
    struct Call {
        std::string method, target, body;
    };
    const std::vector<Call> calls{
        {"GET", std::string(paths::content), ""},
        {"POST", std::string(paths::submissions), R"({"submissions": []})"},
        {"POST", std::string(paths::heartbeat),
         engage::protocol::to_json_text(engage::protocol::HeartbeatRequest{})}};
    // One server for the whole table: starting one per row would only cost time.
    for (const auto& call : calls) {
        for (const std::string credentials :
             {"", "Bearer wrong-token", "Bearer ", "Basic dXNlcjpwYXNz"}) {
            INFO(call.method << " " << call.target << " with Authorization [" << credentials
                             << "]");
            Headers headers;
            if (!credentials.empty()) {
                headers.emplace_back("Authorization", credentials);
            }
            HttpConnection c(s.port());
            const auto r =
                must(call.body.empty() ? c.request(call.method, call.target, headers)
                                       : c.request(call.method, call.target, headers, call.body),
                     c);
            INFO(r.body);
            CHECK(r.status == 401);
            CHECK(error_of(r).code == "unauthorized");
            CHECK(r.header("WWW-Authenticate").value_or("").starts_with("Bearer"));
        }
    }
}

TEST_CASE("healthz answers ok without a token", "[server][engines]") {
    TempDir data("engage-data");
    ServerProcess server(data.path());
    HttpConnection c(server.port());
    const auto r = must(c.get("/healthz"), c);
    CHECK(r.status == 200);
    CHECK(r.body == "ok");
}

TEST_CASE("an unknown API path is 404 not_found and a wrong method 405 method_not_allowed",
          "[server][routing][engines]") {
    TestServer s;
    HttpConnection c(s.port());
    const auto missing = must(c.get("/api/v1/no-such-thing", s.auth()), c);
    INFO(missing.body);
    CHECK(missing.status == 404);
    CHECK(error_of(missing).code == "not_found");

    const auto get_submissions = must(c.get(paths::submissions, s.auth()), c);
    INFO(get_submissions.body);
    CHECK(get_submissions.status == 405);
    CHECK(error_of(get_submissions).code == "method_not_allowed");

    const auto delete_content = must(c.request("DELETE", paths::content, s.auth()), c);
    INFO(delete_content.body);
    CHECK(delete_content.status == 405);
    CHECK(error_of(delete_content).code == "method_not_allowed");
}

TEST_CASE("one keep-alive connection serves many requests in turn", "[server][http][engines]") {
    TestServer s;
    HttpConnection c(s.port());
    for (int i = 0; i < 50; ++i) {
        INFO("request " << i);
        const auto r = c.get(i % 2 == 0 ? "/healthz" : std::string(paths::content), s.auth());
        REQUIRE(r);
        CHECK(r->status == 200);
    }
    CHECK(c.is_open());
}

TEST_CASE("pipelined requests on one connection are answered in order", "[server][http][engines]") {
    TestServer s;
    HttpConnection c(s.port());
    const std::string token = s.kiosk.token;
    REQUIRE(c.send_raw("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                       "GET /api/v1/content HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " +
                       token +
                       "\r\n\r\n"
                       "GET /api/v1/nope HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " +
                       token + "\r\n\r\n"));
    const auto first = must(c.read_response(), c);
    const auto second = must(c.read_response(), c);
    const auto third = must(c.read_response(), c);
    CHECK(first.status == 200);
    CHECK(first.body == "ok");
    CHECK(second.status == 200);
    CHECK(second.header("ETag").has_value());
    CHECK(third.status == 404);
}
