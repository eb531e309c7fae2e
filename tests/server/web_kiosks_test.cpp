// The Kiosks pages on the real program: enrolment codes made in the
// browser, the fleet view from heartbeats, revoking a kiosk's token, and
// the roles and CSRF tokens these pages need.

#include "engage/protocol.hpp"
#include "support/kiosk_api.hpp"
#include "support/server_process.hpp"
#include "support/temp_dir.hpp"
#include "web_client.hpp"

#include <catch2/catch.hpp>
#include <chrono>
#include <optional>
#include <string>

using namespace engage;
using namespace engage::test;

namespace {

// 2027-01-15 08:00:15 UTC, as in web_auth_test.cpp: after the machine's own
// date, so the web clock can be moved back to "now" without ending sessions.
constexpr std::int64_t t0 = 1'800'000'015;
constexpr std::int64_t hour = 3600;
constexpr std::int64_t day = 24 * hour;

std::int64_t system_now() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// A server on the test clock with an admin and one user of each other role.
struct KioskWebServer : RoleUsers {
    TempDir data{"engage-web-kiosks"};
    std::optional<ServerProcess> server;

    KioskWebServer() {
        set_test_clock(data.path(), t0);
        RoleUsers::operator=(add_role_users(data.path()));
        server.emplace(data.path(), web_server_options(true));
    }
    std::uint16_t port() const { return server->port(); }
    void clock(std::int64_t t) const { set_test_clock(data.path(), t); }
    WebClient signed_in(const WebUser& u) const { return signed_in_client(port(), u, t0); }
};

bool has(const std::string& body, std::string_view text) {
    return body.find(text) != std::string::npos;
}

// The code shown on the enrolment code page ("" when none).
std::string code_in(const std::string& html) {
    constexpr std::string_view open = "<p class=\"enrol-code\"><code>";
    const auto start = html.find(open);
    if (start == std::string::npos) {
        return {};
    }
    const auto from = start + open.size();
    return html.substr(from, html.find('<', from) - from);
}

// POST /api/v1/enrol with `code`: the HTTP status.
int enrol_status(std::uint16_t port, const std::string& code) {
    HttpConnection c(port);
    const auto r =
        c.post(protocol::paths::enrol, protocol::to_json_text(protocol::EnrolRequest{code}));
    REQUIRE(r);
    return r->status;
}

int content_status(std::uint16_t port, const std::string& token) {
    HttpConnection c(port);
    const auto r = c.get(protocol::paths::content, {bearer(token)});
    REQUIRE(r);
    return r->status;
}

int heartbeat_status(std::uint16_t port, const std::string& token,
                     const protocol::HeartbeatRequest& beat = {}) {
    HttpConnection c(port);
    const auto r =
        c.post(protocol::paths::heartbeat, protocol::to_json_text(beat), {bearer(token)});
    REQUIRE(r);
    return r->status;
}

} // namespace

TEST_CASE("an enrolment code made in the browser enrols one kiosk, once, until it expires",
          "[web][kiosks]") {
    const KioskWebServer s;
    WebClient admin = s.signed_in(s.admin);
    const std::string csrf = admin.session_csrf();
    // Enrolment picks one of the sites (web_sites_test.cpp): make one.
    REQUIRE(admin.post("/sites/new", {{"csrf", csrf}, {"slug", "library"}, {"name", "library"}})
                .status == 303);
    SECTION("shown as text and QR with its expiry; the kiosk enrols at that site, once") {
        const auto made = admin.post("/kiosks/enrol",
                                     {{"csrf", csrf}, {"site", "library"}, {"valid_hours", "1"}});
        REQUIRE(made.status == 200);
        const std::string code = code_in(made.body);
        REQUIRE(!code.empty());
        CHECK(has(made.body, "<svg"));
        CHECK(has(made.body, "2027-01-15 09:00 UTC")); // t0 + 1 hour
        CHECK(has(made.body, "<strong>library</strong>"));
        HttpConnection c(s.port());
        const auto r =
            c.post(protocol::paths::enrol, protocol::to_json_text(protocol::EnrolRequest{code}));
        REQUIRE(r);
        REQUIRE(r->status == 200);
        protocol::EnrolResponse reply;
        std::string error;
        REQUIRE(protocol::read_text(r->body, reply, error));
        CHECK(reply.site == "library");
        CHECK(content_status(s.port(), reply.token) == 200);
        CHECK(enrol_status(s.port(), code) == 401); // used
        // Audit-logged without the code; the site is offered next time.
        const auto audit = admin.get("/audit?action=enrol_code");
        CHECK(has(audit.body, "library (1 h)"));
        CHECK_FALSE(has(audit.body, code));
        CHECK(has(admin.get("/kiosks").body, "<option value=\"library\">library</option>"));
    }
    SECTION("an expired code is refused") {
        // The web clock 2 hours behind the machine's: a 1-hour code made
        // "then" has expired by the time the kiosk API (on the machine's
        // clock) sees it.
        s.clock(system_now() - 2 * hour);
        const auto made = admin.post("/kiosks/enrol",
                                     {{"csrf", csrf}, {"site", "library"}, {"valid_hours", "1"}});
        REQUIRE(made.status == 200);
        CHECK(enrol_status(s.port(), code_in(made.body)) == 401);
    }
    SECTION("a missing site, one not on the list, or a validity not on the list is refused") {
        CHECK(admin.post("/kiosks/enrol", {{"csrf", csrf}, {"site", "  "}, {"valid_hours", "24"}})
                  .status == 400);
        CHECK(
            admin.post("/kiosks/enrol", {{"csrf", csrf}, {"site", "museum"}, {"valid_hours", "24"}})
                .status == 400);
        CHECK(admin
                  .post("/kiosks/enrol",
                        {{"csrf", csrf}, {"site", std::string(65, 'a')}, {"valid_hours", "24"}})
                  .status == 400);
        CHECK(admin
                  .post("/kiosks/enrol",
                        {{"csrf", csrf}, {"site", "library"}, {"valid_hours", "9999"}})
                  .status == 400);
        CHECK_FALSE(has(admin.get("/audit?action=enrol_code").body, "library"));
    }
}

TEST_CASE("the fleet view shows each kiosk's heartbeat as bands and versions, quiet ones first",
          "[web][kiosks]") {
    const KioskWebServer s;
    const Kiosk seen = enrol_kiosk(s.port(), s.data.path(), "library");
    const Kiosk silent = enrol_kiosk(s.port(), s.data.path(), "museum");
    const Date today = today_utc();
    const auto beat =
        protocol::make_heartbeat("9.8.7", 3, from_days_since_epoch(days_since_epoch(today) - 2),
                                 today, "cv-abc123", "content: the server did not answer in time");
    REQUIRE(heartbeat_status(s.port(), seen.token, beat) == 200);
    WebClient admin = s.signed_in(s.admin);

    SECTION("a kiosk seen today shows its band, oldest item, versions, error and minutes ago") {
        s.clock(system_now());
        const auto page = admin.get("/kiosks");
        REQUIRE(page.status == 200);
        CHECK(has(page.body, seen.id));
        CHECK(has(page.body, silent.id));
        CHECK(has(page.body, "<td>" + to_string(today)));
        CHECK(has(page.body, "under a minute ago")); // from memory: this server saw the heartbeat
        CHECK(has(page.body, "<td>1-4; oldest 2 days</td>"));
        CHECK_FALSE(has(page.body, "<td>3")); // never the exact depth
        CHECK(has(page.body, "<td>cv-abc123</td>"));
        CHECK(has(page.body, "<td>9.8.7</td>"));
        CHECK(has(page.body, "the server did not answer in time"));
        CHECK_FALSE(has(page.body, "Kiosks not in touch")); // enrolled today: not quiet yet
    }
    SECTION("kiosks not in touch for 2 days are named at the top and listed first") {
        s.clock(system_now() + 3 * day);
        const auto page = admin.get("/kiosks");
        REQUIRE(page.status == 200);
        const auto notice = page.body.find("Kiosks not in touch");
        REQUIRE(notice != std::string::npos);
        const auto table = page.body.find("<table");
        CHECK(notice < table);
        const auto quiet_list = page.body.substr(notice, table - notice);
        CHECK(has(quiet_list, seen.id + "</strong> at library: last seen " + to_string(today)));
        CHECK(has(quiet_list, silent.id + "</strong> at museum: last seen " + to_string(today)));
        CHECK(has(page.body, "<tr class=\"quiet\">"));
    }
}

TEST_CASE("revoking a kiosk refuses its token at once while other kiosks carry on",
          "[web][kiosks]") {
    const KioskWebServer s;
    const Kiosk gone = enrol_kiosk(s.port(), s.data.path(), "library");
    const Kiosk stays = enrol_kiosk(s.port(), s.data.path(), "library");
    REQUIRE(content_status(s.port(), gone.token) == 200);
    REQUIRE(content_status(s.port(), stays.token) == 200);
    WebClient admin = s.signed_in(s.admin);
    const std::string csrf = admin.session_csrf();

    // The confirmation page changes nothing.
    const auto confirm = admin.get("/kiosks/revoke?kiosk=" + gone.id);
    REQUIRE(confirm.status == 200);
    CHECK(has(confirm.body, "action=\"/kiosks/revoke\""));
    CHECK(content_status(s.port(), gone.token) == 200);

    const auto done = admin.post("/kiosks/revoke", {{"csrf", csrf}, {"kiosk", gone.id}});
    CHECK(done.status == 303);
    CHECK(done.header("Location") == "/kiosks?done=revoked");
    CHECK(content_status(s.port(), gone.token) == 401);
    CHECK(heartbeat_status(s.port(), gone.token) == 401);
    CHECK(content_status(s.port(), stays.token) == 200);
    CHECK(heartbeat_status(s.port(), stays.token) == 200);

    const auto fleet = admin.get("/kiosks?done=revoked");
    CHECK_FALSE(has(fleet.body, gone.id));
    CHECK(has(fleet.body, stays.id));
    CHECK(has(admin.get("/audit?action=revoke_kiosk").body, gone.id + " (library)"));
    // Twice, or an unknown kiosk: nothing to revoke.
    CHECK(admin.post("/kiosks/revoke", {{"csrf", csrf}, {"kiosk", gone.id}}).status == 404);
    CHECK(admin.get("/kiosks/revoke?kiosk=" + gone.id).status == 404);
}

TEST_CASE("only admins reach the Kiosks pages, and every POST needs the session's CSRF token",
          "[web][kiosks][roles][csrf]") {
    const KioskWebServer s;
    const Kiosk k = enrol_kiosk(s.port(), s.data.path(), "library");
    for (const WebUser* person : {&s.staff, &s.coordinator, &s.board}) {
        WebClient c = s.signed_in(*person);
        const std::string csrf = c.session_csrf();
        INFO(person->name);
        CHECK(c.get("/kiosks").status == 403);
        CHECK(c.get("/kiosks/revoke?kiosk=" + k.id).status == 403);
        CHECK(c.post("/kiosks/enrol", {{"csrf", csrf}, {"site", "x"}, {"valid_hours", "24"}})
                  .status == 403);
        CHECK(c.post("/kiosks/revoke", {{"csrf", csrf}, {"kiosk", k.id}}).status == 403);
    }
    WebClient stranger(s.port());
    for (const char* page : {"/kiosks", "/kiosks/revoke?kiosk=k-1"}) {
        const auto r = stranger.get(page);
        INFO(page);
        CHECK(r.status == 303);
        CHECK(r.header("Location") == "/login");
    }
    CHECK(stranger.post("/kiosks/revoke", {{"kiosk", k.id}}).status == 403);

    WebClient admin = s.signed_in(s.admin);
    CHECK(admin.get("/kiosks").status == 200);
    CHECK(admin.post("/kiosks/revoke", {{"kiosk", k.id}}).status == 403);
    CHECK(admin.post("/kiosks/revoke", {{"csrf", "wrong"}, {"kiosk", k.id}}).status == 403);
    CHECK(admin.post("/kiosks/enrol", {{"site", "x"}, {"valid_hours", "24"}}).status == 403);
    CHECK(admin.get("/kiosks/enrol").status == 405); // GET never makes a code
    CHECK(content_status(s.port(), k.token) == 200); // nothing was revoked
}
