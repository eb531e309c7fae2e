// Request-level refusals: malformed or mis-shaped bodies and every named
// limit (body, batch, header), missing length and wrong media type.

#include "engage/limits.hpp"
#include "engage/protocol.hpp"
#include "server_fixture.hpp"

#include <catch2/catch.hpp>
#include <thread>

namespace paths = engage::protocol::paths;

using namespace engage;
using namespace engage::test;

namespace {

bool has_digit(std::string_view s) {
    return s.find_first_of("0123456789") != std::string_view::npos;
}

// Sends a request head and then the body in pieces, stopping as soon as the
// server answers: a server may refuse an oversized body before reading it,
// and writing on into a closed socket would lose its reply.
std::optional<HttpResponse> send_large(HttpConnection& c, std::string_view head,
                                       std::string_view body) {
    if (!c.send_raw(head)) {
        return std::nullopt;
    }
    constexpr std::size_t piece = 64 * 1024;
    for (std::size_t at = 0; at < body.size(); at += piece) {
        if (c.readable(std::chrono::milliseconds(0))) {
            break;
        }
        if (!c.send_raw(body.substr(at, piece))) {
            break; // the server closed: read what it said
        }
    }
    return c.read_response();
}

} // namespace

TEST_CASE("a body that is not JSON is refused with 400 malformed_json saying where",
          "[server][limits][engines]") {
    TestServer s;
    // One server for the whole table: a server per row would only cost time.
    for (const std::string body : {R"({"submissions": [)", R"({"submissions": [], })",
                                   "not json at all", R"({"submissions": [{"id": 'x'}]})",
                                   "{\"submissions\": [\"\xff\xfe\"]}" /* invalid UTF-8 */}) {
        INFO("body " << body);
        HttpConnection c(s.port());
        const auto r = must(c.post(paths::submissions, body, s.auth()), c);
        INFO(r.body);
        CHECK(r.status == 400);
        const auto e = error_of(r);
        CHECK(e.code == "malformed_json");
        CHECK(has_digit(e.message)); // the position
    }
}

TEST_CASE("a batch body with the wrong shape is refused with 400 bad_request",
          "[server][limits][engines]") {
    TestServer s;
    for (const std::string body :
         {R"([])", R"({"items": []})", R"({"submissions": 3})", R"("submissions")"}) {
        INFO("body " << body);
        HttpConnection c(s.port());
        const auto r = must(c.post(paths::submissions, body, s.auth()), c);
        INFO(r.body);
        CHECK(r.status == 400);
        CHECK(error_of(r).code == "bad_request");
    }
}

TEST_CASE("a body over 1 MiB is refused with 413 body_too_large naming the limit",
          "[server][limits][engines]") {
    TestServer s;
    // Valid JSON, just too big: one long string in an otherwise fine batch.
    const std::string body = R"({"submissions": [], "padding": ")" +
                             std::string(limits::max_body_bytes + 1000, 'a') + "\"}";
    const std::string head =
        "POST /api/v1/submissions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        "Authorization: Bearer " +
        s.kiosk.token +
        "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
        "\r\n\r\n";
    HttpConnection c(s.port());
    const auto r = send_large(c, head, body);
    INFO(c.error());
    REQUIRE(r);
    INFO(r->body);
    CHECK(r->status == 413);
    const auto e = error_of(*r);
    CHECK(e.code == "body_too_large");
    CHECK(e.message.find("max_body_bytes") != std::string::npos);
    CHECK(e.message.find(std::to_string(limits::max_body_bytes)) != std::string::npos);
}

TEST_CASE("a batch of 501 items is refused with 413 too_many_items naming the limit",
          "[server][limits][engines]") {
    TestServer s;
    const auto& feedback = form_of_kind(s.content, FormKind::feedback);
    boost::json::array items;
    for (std::size_t i = 0; i < limits::max_batch_items + 1; ++i) {
        auto item = anonymous_item(feedback, today());
        item["answers"] = boost::json::object{};
        items.push_back(std::move(item));
    }
    const auto r = post_batch(s.port(), s.kiosk.token, items);
    INFO(r.body.substr(0, 500));
    CHECK(r.status == 413);
    const auto e = error_of(r);
    CHECK(e.code == "too_many_items");
    CHECK(e.message.find("max_batch_items") != std::string::npos);
    CHECK(e.message.find("500") != std::string::npos);
    // Nothing of a refused batch is stored.
    CHECK(status_total(admin_status(s.data.path())) == 0);
}

TEST_CASE("a request header over 8 KiB is refused with 431 header_too_large naming the limit",
          "[server][limits][engines]") {
    TestServer s;
    auto headers = s.auth();
    headers.emplace_back("X-Filler", std::string(limits::max_header_bytes + 100, 'x'));
    HttpConnection c(s.port());
    const auto r = must(c.get(paths::content, headers), c);
    INFO(r.body);
    CHECK(r.status == 431);
    const auto e = error_of(r);
    CHECK(e.code == "header_too_large");
    CHECK(e.message.find("max_header_bytes") != std::string::npos);
}

TEST_CASE("a POST without Content-Length is refused with 411 length_required",
          "[server][limits][engines]") {
    TestServer s;
    const auto target =
        GENERATE(as<std::string>{}, std::string(paths::submissions), std::string(paths::heartbeat));
    INFO(target);
    HttpConnection c(s.port());
    REQUIRE(c.send_raw("POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " +
                       s.kiosk.token + "\r\nContent-Type: application/json\r\n\r\n"));
    const auto r = must(c.read_response(), c);
    INFO(r.body);
    CHECK(r.status == 411);
    CHECK(error_of(r).code == "length_required");
}

TEST_CASE("a POST body that is not application/json is refused with 415 unsupported_media_type",
          "[server][limits][engines]") {
    TestServer s;
    const auto type =
        GENERATE(as<std::string>{}, "text/plain", "application/x-www-form-urlencoded");
    INFO(type);
    auto headers = s.auth();
    headers.emplace_back("Content-Type", type);
    HttpConnection c(s.port());
    const auto r = must(c.post(paths::submissions, R"({"submissions": []})", headers), c);
    INFO(r.body);
    CHECK(r.status == 415);
    CHECK(error_of(r).code == "unsupported_media_type");
}

TEST_CASE("application/json with a charset parameter is accepted", "[server][limits][engines]") {
    TestServer s;
    auto headers = s.auth();
    headers.emplace_back("Content-Type", "application/json; charset=utf-8");
    HttpConnection c(s.port());
    const auto r = must(c.post(paths::submissions, R"({"submissions": []})", headers), c);
    INFO(r.body);
    CHECK(r.status == 200);
}

TEST_CASE("JSON nested deeper than the limit is refused with 400 and the server carries on",
          "[server][limits][engines]") {
    TestServer s;
    const std::string body =
        R"({"submissions": )" + std::string(200, '[') + std::string(200, ']') + "}";
    HttpConnection c(s.port());
    const auto r = must(c.post(paths::submissions, body, s.auth()), c);
    INFO(r.body);
    CHECK(r.status == 400);
    CHECK(error_of(r).code == "malformed_json");
    HttpConnection other(s.port());
    CHECK(must(other.get("/healthz"), other).status == 200);
}

TEST_CASE("a declared Content-Length over the limit is refused with 413 before any body",
          "[server][limits][engines]") {
    TestServer s;
    HttpConnection c(s.port());
    REQUIRE(
        c.send_raw("POST /api/v1/submissions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                   "Authorization: Bearer " +
                   s.kiosk.token +
                   "\r\nContent-Type: application/json\r\nContent-Length: 10737418240\r\n\r\n"));
    const auto r = must(c.read_response(), c);
    INFO(r.body);
    CHECK(r.status == 413);
    CHECK(error_of(r).code == "body_too_large");
}

TEST_CASE("bytes that are not HTTP get a 4xx or a close, and the server carries on",
          "[server][limits][engines]") {
    TestServer s;
    const std::vector<std::string> garbage{
        std::string("\x00\x01\x02\x03\xff\xfe\r\n\r\n", 10),
        "GET / HTTP/9.9\r\n\r\n",
        "GET\r\n\r\n",
        "POST /api/v1/submissions HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n",
        "POST /api/v1/submissions HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n"
        "Content-Length: 7\r\n\r\n12345",
        "GET /healthz HTTP/1.1\r\nHost: x\r\nBad Header Without Colon\r\n\r\n",
        "POST /api/v1/submissions HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
        "zz\r\n"};
    for (const auto& bytes : garbage) {
        INFO("sent [" << bytes << "]");
        HttpConnection c(s.port(), std::chrono::seconds(10));
        REQUIRE(c.send_raw(bytes));
        if (const auto r = c.read_response()) {
            CHECK(r->status >= 400);
            CHECK(r->status < 500);
        } else {
            CHECK(c.wait_closed(std::chrono::seconds(10)));
        }
    }
    CHECK(s.server.running());
    HttpConnection after(s.port());
    CHECK(must(after.get("/healthz"), after).status == 200);
}
