// The coordinators' sign-up pages (issue 10) on the real program: a kiosk
// sends sealed sign-ups, a coordinator unlocks the key for their session,
// opens one, marks it contacted and handled, and deletes one; the audit log
// says who did what to which reference, never what a sign-up says. Only
// coordinators open these pages. With `serve --test-mode` the web app's
// clock also drives the retention sweep: a handled sign-up goes 30 days
// later and an unhandled one 90 days after it arrived, and their bytes are
// in neither the database file nor its WAL.

#include "engage/coordinator_keyring.hpp"
#include "engage/date.hpp"
#include "server_fixture.hpp"
#include "support/memory_scan.hpp"
#include "web_client.hpp"

#include <catch2/catch.hpp>
#include <regex>
#include <string>
#include <thread>

using namespace engage;
using namespace engage::test;

namespace {

bool contains(const std::string& text, std::string_view part) {
    return text.find(part) != std::string::npos;
}

// The kiosk's sealed payload (kiosk/flow/signup_sealing.hpp).
std::string payload(std::string_view name, std::string_view phone) {
    return R"({"sealed_payload_version": 1, "form": "peer-mentoring", "version": 1,)"
           R"( "language": "pl", "answers": {"want": "find-mentor", "name": ")" +
           std::string(name) + R"(", "contact": "phone", "contact-detail": ")" +
           std::string(phone) + R"("}})";
}

struct SignupServer {
    TempDir data{"engage-signups"};
    std::optional<ServerProcess> server;
    std::int64_t clock = 0;
    Kiosk kiosk;
    ContentBundle content;

    SignupServer() {
        clock = api_now();
        set_test_clock(data.path(), clock);
        // --sample: the keyring under the published sample passphrase.
        server.emplace(data.path(), web_server_options(true));
        kiosk = enrol_kiosk(port(), data.path(), "east");
        content = fetch_content(port(), kiosk.token);
    }
    static std::int64_t api_now() {
        return std::chrono::duration_cast<std::chrono::seconds>(
                   std::chrono::system_clock::now().time_since_epoch())
            .count();
    }
    std::uint16_t port() const { return server->port(); }
    void advance(std::int64_t seconds) {
        clock += seconds;
        set_test_clock(data.path(), clock);
    }
    // Seals and posts a sign-up as a kiosk does; returns what is stored.
    std::string send(std::string_view name, std::string_view phone, std::string* id = nullptr) {
        const auto sealed = seal(payload(name, phone), content.coordinator_public_key);
        REQUIRE(sealed);
        auto item = sealed_item(form_of_kind(content, FormKind::signup), today(), *sealed);
        item["key_id"] = content.coordinator_key_id;
        if (id != nullptr) {
            *id = std::string(item["id"].as_string());
        }
        const auto reply = post_batch(port(), kiosk.token, boost::json::array{item});
        REQUIRE(reply.status == 200);
        REQUIRE(results_of(reply).at(0).status == "accepted");
        return *sealed;
    }
    WebClient signed_in(const std::string& name, const std::string& roles) {
        const WebUser u = add_web_user(data.path(), name, roles);
        users.emplace(name, u);
        return sign_in_again(name);
    }
    WebClient sign_in_again(const std::string& name) {
        const WebUser& u = users.at(name);
        // A fresh 30 s step each time: a TOTP step is accepted once.
        advance(30);
        return signed_in_client(port(), u, clock);
    }
    std::map<std::string, WebUser> users;
};

// The references the list shows, in its order.
std::vector<std::string> references(const std::string& list_html) {
    std::vector<std::string> out;
    const std::regex ref(R"(<code>([0-9a-z]{4}-[0-9a-z]{4})</code>)");
    for (std::sregex_iterator it(list_html.begin(), list_html.end(), ref), end; it != end; ++it) {
        out.push_back((*it)[1]);
    }
    return out;
}

std::string header(const HttpResponse& r, std::string_view name) {
    return r.header(name).value_or("");
}

} // namespace

TEST_CASE("only coordinators open the sign-up pages, only admins set their retention",
          "[server][web][signups]") {
    SignupServer s;
    s.send("Sam", "07700 900123");
    const auto roles =
        GENERATE(as<std::string>{}, "admin", "staff", "board", "coordinator", "admin,staff,board");
    WebClient c = s.signed_in("user", roles);
    INFO(roles);
    const bool coordinator = roles == "coordinator";
    const int page = coordinator ? 200 : 403;
    CHECK(c.get("/signups").status == page);
    CHECK(c.get("/signups/key").status == page);
    CHECK(c.get("/signups/zzzz-zzzz").status == (coordinator ? 303 : 403));
    const std::string csrf = c.session_csrf();
    for (const auto* path : {"/signups/unlock", "/signups/lock", "/signups/key/passphrase",
                             "/signups/key/rotate", "/signups/zzzz-zzzz/contacted",
                             "/signups/zzzz-zzzz/handled", "/signups/zzzz-zzzz/delete"}) {
        INFO(path);
        const auto r = c.post(path, {{"csrf", csrf}});
        CHECK((r.status == 403) == !coordinator);
    }
    const bool admin = contains(roles, "admin");
    CHECK(c.get("/settings/signups").status == (admin ? 200 : 403));
    const auto home = c.get("/").body;
    CHECK(contains(home, "href=\"/signups\"") == coordinator);
    CHECK(contains(home, "href=\"/settings/signups\"") == admin);
}

TEST_CASE("a coordinator unlocks, opens, marks contacted and handled, and deletes a sign-up",
          "[server][web][signups][privacy]") {
    SignupServer s;
    std::string sam_id;
    const std::string sam = s.send("Sam", "07700 900123", &sam_id);
    s.send("Alex", "07700 900456");
    WebClient coord = s.signed_in("cora", "coordinator");

    auto list = coord.get("/signups");
    REQUIRE(list.status == 200);
    const auto refs = references(list.body);
    REQUIRE(refs.size() == 2);
    // The list shows dates, site, form and status, never what a sign-up says.
    CHECK(contains(list.body, "east"));
    CHECK(contains(list.body, "New"));
    CHECK_FALSE(contains(list.body, "Sam"));
    CHECK_FALSE(contains(list.body, "07700"));
    CHECK(contains(list.body, "name=\"passphrase\""));

    SECTION("a sign-up does not open before the key is unlocked") {
        const auto r = coord.get("/signups/" + refs[0]);
        CHECK(r.status == 303);
        CHECK(header(r, "Location") == "/signups?done=need_unlock");
    }
    SECTION("a wrong passphrase opens nothing and is audited") {
        const auto r =
            coord.post("/signups/unlock", {{"csrf", coord.session_csrf()}, {"passphrase", "nope"}});
        CHECK(r.status == 200);
        CHECK(contains(r.body, "That is not the coordinators"));
        CHECK(coord.get("/signups/" + refs[0]).status == 303);
    }

    SECTION("unlocked, it opens one at a time, uncached, and each action is audited") {
        const auto unlocked =
            coord.post("/signups/unlock", {{"csrf", coord.session_csrf()},
                                           {"passphrase", std::string(sample_passphrase)}});
        REQUIRE(unlocked.status == 303);
        std::string sam_ref;
        for (const auto& ref : refs) {
            const auto r = coord.get("/signups/" + ref);
            REQUIRE(r.status == 200);
            CHECK(header(r, "Cache-Control") == "no-store");
            if (contains(r.body, "Sam")) {
                sam_ref = ref;
                CHECK(contains(r.body, "07700 900123"));
                CHECK(contains(r.body, "Find a peer mentor"));
                CHECK_FALSE(contains(r.body, "cannot be read"));
                CHECK_FALSE(contains(r.body, "Alex")); // one at a time
            }
        }
        REQUIRE_FALSE(sam_ref.empty());
        const std::string csrf = coord.session_csrf();
        CHECK(coord.post("/signups/" + sam_ref + "/contacted", {{"csrf", csrf}}).status == 303);
        CHECK(
            contains(coord.get("/signups/" + sam_ref).body, "Contacted on " + to_string(today())));
        CHECK(coord.post("/signups/" + sam_ref + "/handled", {{"csrf", csrf}}).status == 303);
        CHECK(contains(coord.get("/signups").body, "Handled on " + to_string(today())));

        WebClient admin = s.signed_in("ada", "admin");
        const auto audit = admin.get("/audit").body;
        CHECK(contains(audit, "Unlocked the sign-ups"));
        CHECK(contains(audit, "Sign-up opened"));
        CHECK(contains(audit, "Sign-up contacted"));
        CHECK(contains(audit, "Sign-up handled"));
        CHECK(contains(audit, sam_ref));
        CHECK(contains(audit, "cora"));
        CHECK_FALSE(contains(audit, "Sam"));
        CHECK_FALSE(contains(audit, "07700"));

        SECTION("deleting needs the box ticked, then takes it out of the file and the WAL") {
            const auto unticked = coord.post("/signups/" + sam_ref + "/delete", {{"csrf", csrf}});
            CHECK(header(unticked, "Location") == "/signups/" + sam_ref + "?error=confirm");
            const auto r =
                coord.post("/signups/" + sam_ref + "/delete", {{"csrf", csrf}, {"confirm", "yes"}});
            CHECK(header(r, "Location") == "/signups?done=deleted");
            CHECK(references(coord.get("/signups").body).size() == 1);
            CHECK(coord.get("/signups/" + sam_ref).status == 404);
            CHECK(contains(admin.get("/audit").body, "Sign-up deleted"));
            REQUIRE(s.server->terminate().code == 0);
            for (const auto* file : {"engage.db", "engage.db-wal"}) {
                INFO(file);
                const auto bytes = read_file(s.data.path() / file);
                CHECK(bytes.find(sam.substr(0, 40)) == std::string::npos);
                CHECK(bytes.find(sam.substr(sam.size() / 2, 40)) == std::string::npos);
                CHECK(bytes.find(sam_id) == std::string::npos);
            }
        }
        SECTION("signing out wipes the key: the next session must unlock again") {
            CHECK(coord.post("/logout", {{"csrf", csrf}}).status == 303);
            WebClient again = s.sign_in_again("cora");
            CHECK(again.get("/signups/" + sam_ref).status == 303);
        }
        SECTION("15 idle minutes wipe the key while the session lives on") {
            s.advance(15 * 60 + 1);
            const auto r = coord.get("/signups/" + sam_ref);
            CHECK(r.status == 303);
            CHECK(header(r, "Location") == "/signups?done=need_unlock");
            CHECK(coord.get("/signups").status == 200); // still signed in
        }
        SECTION("\"Lock now\" wipes it at once") {
            CHECK(coord.post("/signups/lock", {{"csrf", csrf}}).status == 303);
            CHECK(coord.get("/signups/" + sam_ref).status == 303);
        }
    }
}

TEST_CASE("handled sign-ups go 30 days later, unhandled ones are flagged at 14 days and go at 90",
          "[server][web][signups][retention][privacy]") {
    SignupServer s;
    std::string sam_id;
    std::string alex_id;
    const std::string sam = s.send("Sam", "07700 900123", &sam_id);
    const std::string alex = s.send("Alex", "07700 900456", &alex_id);
    WebClient coord = s.signed_in("cora", "coordinator");
    REQUIRE(coord
                .post("/signups/unlock", {{"csrf", coord.session_csrf()},
                                          {"passphrase", std::string(sample_passphrase)}})
                .status == 303);
    std::string sam_ref;
    for (const auto& ref : references(coord.get("/signups").body)) {
        if (contains(coord.get("/signups/" + ref).body, "Sam")) {
            sam_ref = ref;
        }
    }
    REQUIRE_FALSE(sam_ref.empty());
    REQUIRE(
        coord.post("/signups/" + sam_ref + "/handled", {{"csrf", coord.session_csrf()}}).status ==
        303);

    // Waits (the observable event: the audit line) for the sweep, which runs
    // every half second under --test-mode with the test clock's day.
    auto wait_for_deletions = [&](std::size_t n) {
        WebClient admin = s.signed_in("ada" + std::to_string(s.clock), "admin");
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
        std::size_t seen = 0;
        while (std::chrono::steady_clock::now() < deadline) {
            const auto body = admin.get("/audit?action=signup_deleted_retention").body;
            seen = 0;
            for (std::size_t at = body.find("Sign-up deleted (retention)"); at != std::string::npos;
                 at = body.find("Sign-up deleted (retention)", at + 1)) {
                ++seen;
            }
            if (seen >= n) {
                break;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        return seen;
    };

    s.advance(15 * 86400);
    WebClient later = s.signed_in("cole", "coordinator");
    const auto flagged = later.get("/signups").body;
    CHECK(contains(flagged, "Waiting too long")); // Alex, unhandled for 15 days
    CHECK(references(flagged).size() == 2);

    s.advance(16 * 86400); // 31 days after Sam was handled
    CHECK(wait_for_deletions(1) == 1);
    WebClient month = s.signed_in("cleo", "coordinator");
    const auto after = month.get("/signups").body;
    CHECK(references(after).size() == 1);
    CHECK_FALSE(contains(after, sam_ref));

    s.advance(60 * 86400); // 91 days after both arrived
    CHECK(wait_for_deletions(2) == 2);
    REQUIRE(s.server->terminate().code == 0);
    for (const auto* file : {"engage.db", "engage.db-wal"}) {
        INFO(file);
        const auto bytes = read_file(s.data.path() / file);
        for (const auto& sealed : {sam, alex}) {
            CHECK(bytes.find(sealed.substr(0, 40)) == std::string::npos);
            CHECK(bytes.find(sealed.substr(sealed.size() / 2, 40)) == std::string::npos);
        }
        CHECK(bytes.find(sam_id) == std::string::npos);
        CHECK(bytes.find(alex_id) == std::string::npos);
    }
}

TEST_CASE("admins set how long sign-ups are kept, within bounds", "[server][web][signups]") {
    SignupServer s;
    WebClient admin = s.signed_in("ada", "admin");
    const auto page = admin.get("/settings/signups");
    REQUIRE(page.status == 200);
    CHECK(contains(page.body, "value=\"30\""));
    CHECK(contains(page.body, "value=\"14\""));
    CHECK(contains(page.body, "value=\"90\""));
    const std::string csrf = admin.session_csrf();
    auto save = [&](std::string h, std::string f, std::string m) {
        return admin.post("/settings/signups",
                          {{"csrf", csrf}, {"handled_days", h}, {"flag_days", f}, {"max_days", m}});
    };
    SECTION("a flag after deletion is refused and nothing changes") {
        const auto r = save("30", "90", "60");
        CHECK(r.status == 200);
        CHECK(contains(r.body, "before they are deleted"));
        CHECK(contains(admin.get("/settings/signups").body, "value=\"90\""));
    }
    SECTION("not a number is refused") {
        CHECK(contains(save("thirty", "14", "90").body, "whole number"));
    }
    SECTION("allowed values are saved and audited") {
        const auto r = save("7", "3", "30");
        CHECK(header(r, "Location") == "/settings/signups?done=saved");
        const auto again = admin.get("/settings/signups?done=saved").body;
        CHECK(contains(again, "value=\"7\""));
        CHECK(contains(again, "value=\"3\""));
        CHECK(contains(again, "value=\"30\""));
        CHECK(contains(admin.get("/audit").body, "handled 7, flagged 3, at most 30 days"));
    }
}

TEST_CASE("a coordinator changes the passphrase and rotates the key from the web, as the command "
          "line does",
          "[server][web][signups][coordinator-key]") {
    SignupServer s;
    s.send("Sam", "07700 900123");
    WebClient coord = s.signed_in("cora", "coordinator");
    const std::string csrf = coord.session_csrf();
    const std::string old_key = s.content.coordinator_key_id;
    constexpr std::string_view fresh = "our new coordinators passphrase";

    const auto sample_rotate = coord.post(
        "/signups/key/rotate", {{"csrf", csrf}, {"current", std::string(sample_passphrase)}});
    CHECK(sample_rotate.status == 200);
    CHECK(contains(sample_rotate.body, "Change the sample passphrase first"));
    CHECK(contains(coord
                       .post("/signups/key/passphrase", {{"csrf", csrf},
                                                         {"current", "wrong one"},
                                                         {"new", std::string(fresh)},
                                                         {"again", std::string(fresh)}})
                       .body,
                   "That is not the coordinators"));
    CHECK(
        contains(coord
                     .post("/signups/key/passphrase", {{"csrf", csrf},
                                                       {"current", std::string(sample_passphrase)},
                                                       {"new", std::string(fresh)},
                                                       {"again", "something else"}})
                     .body,
                 "not the same"));

    const auto changed =
        coord.post("/signups/key/passphrase", {{"csrf", csrf},
                                               {"current", std::string(sample_passphrase)},
                                               {"new", std::string(fresh)},
                                               {"again", std::string(fresh)}});
    REQUIRE(header(changed, "Location") == "/signups/key?done=passphrase");
    // The session holds the re-locked keys: sign-ups open without unlocking again.
    const auto refs = references(coord.get("/signups").body);
    REQUIRE(refs.size() == 1);
    CHECK(contains(coord.get("/signups/" + refs[0]).body, "Sam"));

    const auto rotated =
        coord.post("/signups/key/rotate", {{"csrf", csrf}, {"current", std::string(fresh)}});
    REQUIRE(header(rotated, "Location") == "/signups/key?done=rotated");
    // Kiosks get the new key at once; the old one stays while Sam's sign-up needs it.
    const auto content = fetch_content(s.port(), s.kiosk.token);
    CHECK(content.coordinator_key_id != old_key);
    const auto key_page = coord.get("/signups/key").body;
    CHECK(contains(key_page, content.coordinator_key_id));
    CHECK(contains(key_page, old_key));
    CHECK(contains(coord.get("/signups/" + refs[0]).body, "Sam"));

    // The command line reads the same keyring under the new passphrase.
    REQUIRE(s.server->terminate().code == 0);
    const auto listed = run_admin({"signups", "--data", s.data.path().string(), "list"},
                                  std::string(fresh) + "\n", std::chrono::seconds(120));
    INFO(listed.err);
    CHECK(listed.exit_code == 0);
    CHECK(contains(listed.out, "Sam"));
}

// The server's memory plays the attacker: after a coordinator changes the
// passphrase to a canary and unlocks with it, the test reads the whole
// engage-admin process (/proc/PID/mem, as root or its parent) and fails if
// the canary is anywhere in it: in a request body, the read buffer, the
// parsed form or freed memory that has not been handed back. The session's
// CSRF token, which came in the same bodies and which the server keeps,
// must be found, or the scan could not see the server's heap.
TEST_CASE("a coordinator's passphrase is gone from the server's memory once it has been used",
          "[server][web][signups][privacy]") {
    SignupServer s;
    WebClient coord = s.signed_in("cora", "coordinator");
    const std::string csrf = coord.session_csrf();
    // Long, with its telling part past the first 24 bytes: free() writes its
    // own pointers over a freed block's first 16 bytes, so only the tail of
    // a freed copy is still there to find.
    const std::string canary_tail = std::string("CANARYpass") + "phrase-q81";
    const std::string canary = std::string(24, 'p') + canary_tail;

    const auto changed =
        coord.post("/signups/key/passphrase", {{"csrf", csrf},
                                               {"current", std::string(sample_passphrase)},
                                               {"new", canary},
                                               {"again", canary}});
    REQUIRE(header(changed, "Location") == "/signups/key?done=passphrase");
    REQUIRE(
        coord.post("/signups/unlock", {{"csrf", csrf}, {"passphrase", "not it at all"}}).status ==
        200);
    REQUIRE(coord.post("/signups/unlock", {{"csrf", csrf}, {"passphrase", canary}}).status == 303);
    REQUIRE(coord.get("/signups").status == 200);

    const auto hits = scan_memory(s.server->pid(), {canary_tail, csrf});
    std::string where;
    bool control_found = false;
    for (const auto& h : hits) {
        if (h.needle == 0) {
            where += h.region + "\n";
        }
        control_found = control_found || h.needle == 1;
    }
    CHECK(control_found);
    INFO("the passphrase is in:\n" << where);
    CHECK(where.empty());
}
