// Enrolment: a one-time code from `engage-admin enrol-code` buys a kiosk
// token once; wrong, reused and mistyped codes get the same refusal.

#include "engage/protocol.hpp"
#include "engage/sqlite/database.hpp"
#include "engage/sqlite/statement.hpp"
#include "server_fixture.hpp"

#include <catch2/catch.hpp>
#include <memory>

namespace paths = engage::protocol::paths;

using namespace engage::test;

namespace {

HttpResponse enrol(std::uint16_t port, std::string_view code) {
    HttpConnection c(port);
    return must(c.post(paths::enrol, engage::protocol::to_json_text(
                                         engage::protocol::EnrolRequest{std::string(code)})),
                c);
}

} // namespace

TEST_CASE("a one-time code enrols a kiosk once and is then refused with 401 invalid_code",
          "[server][enrol][engines]") {
    TempDir data("engage-data");
    ServerProcess server(data.path());
    const auto code = make_enrol_code(data.path(), "north-hub");
    INFO("code " << code);

    const auto first = enrol(server.port(), code);
    INFO(first.body);
    REQUIRE(first.status == 200);
    CHECK(first.header("Content-Type").value_or("").find("application/json") == 0);
    const auto v = parse_json(first.body);
    REQUIRE(v.is_object());
    const auto& o = v.as_object();
    REQUIRE(o.contains("kiosk"));
    REQUIRE(o.contains("site"));
    REQUIRE(o.contains("token"));
    CHECK(o.at("kiosk").as_string().starts_with("k-"));
    CHECK(o.at("site").as_string() == "north-hub");
    CHECK(o.at("token").as_string().size() >= 32);

    const auto again = enrol(server.port(), code);
    INFO(again.body);
    CHECK(again.status == 401);
    CHECK(error_of(again).code == "invalid_code");

    SECTION("a code that was never issued gets the same refusal as a used one") {
        const auto wrong = enrol(server.port(), "ABCDEFGHJK");
        INFO(wrong.body);
        CHECK(wrong.status == 401);
        CHECK(error_of(wrong).code == "invalid_code");
        CHECK(error_of(wrong).message == error_of(again).message);
    }
    SECTION("a second code makes a second, different kiosk") {
        const auto second = enrol(server.port(), make_enrol_code(data.path(), "north-hub"));
        REQUIRE(second.status == 200);
        const auto w = parse_json(second.body);
        CHECK(w.at("kiosk") != o.at("kiosk"));
        CHECK(w.at("token") != o.at("token"));
    }
}

TEST_CASE("an enrolment code is accepted as a person types it (case, spaces, dashes)",
          "[server][enrol][engines]") {
    TempDir data("engage-data");
    ServerProcess server(data.path());
    const auto code = make_enrol_code(data.path(), "south-hub");
    // "ABCDE FGH-JK" typed in lower case with a space and a dash.
    std::string typed;
    for (std::size_t i = 0; i < code.size(); ++i) {
        if (i == 5) {
            typed += ' ';
        }
        if (i == 8) {
            typed += '-';
        }
        const char c = code[i];
        typed += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
    INFO("code " << code << " typed as " << typed);
    const auto r = enrol(server.port(), typed);
    INFO(r.body);
    CHECK(r.status == 200);
}

TEST_CASE("enrolment refuses a body without a code with 400", "[server][enrol][engines]") {
    TempDir data("engage-data");
    ServerProcess server(data.path());
    HttpConnection c(server.port());
    const auto r = must(c.post(paths::enrol, R"({"kode": "ABCDEFGHJK"})"), c);
    INFO(r.body);
    CHECK(r.status == 400);
    CHECK(error_of(r).code == "bad_request");
}

TEST_CASE("a kiosk's content names the site its code was made for", "[server][enrol][engines]") {
    TestServer s({}, "east-hub");
    CHECK(s.kiosk.site == "east-hub");
    CHECK(s.content.site == "east-hub");
}

TEST_CASE("an expired code is refused with 401 invalid_code", "[server][enrol]") {
    TempDir data("engage-data");
    ServerProcess server(data.path());
    const auto code = make_enrol_code(data.path(), "north-hub", {"--valid-hours", "1"});
    {
        // Age the code instead of waiting an hour: another process writing
        // the shared database, as enrol-code itself does.
        auto db = engage::sqlite::Database::open(data.path() / "engage.db",
                                                 engage::sqlite::OpenMode::read_write,
                                                 engage::sqlite::Pragmas{.busy_timeout_ms = 5000});
        db.exec("UPDATE enrol_codes SET expires_at = 1");
        REQUIRE(db.changes() == 1);
    }
    const auto r = enrol(server.port(), code);
    INFO(r.body);
    CHECK(r.status == 401);
    CHECK(error_of(r).code == "invalid_code");
    // The same words as for a code never issued, so codes cannot be probed.
    CHECK(error_of(r).message == error_of(enrol(server.port(), "ABCDEFGHJK")).message);
}
