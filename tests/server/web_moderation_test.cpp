// Moderation of free text and safeguarding concerns (issue 10) on the real
// program: two kiosks send answers with free text; staff approve, edit,
// reject and flag comments in the web app; the Board reads only approved
// comments, and none from a site-month where fewer than k people answered
// the question; a rejected comment's words leave the database and its WAL;
// a flagged concern shows on staff pages and the site's page until its
// response is recorded; only staff may moderate.

#include "engage/date.hpp"
#include "engage/ids.hpp"
#include "engage/sqlite/database.hpp"
#include "engage/sqlite/statement.hpp"
#include "server_fixture.hpp"
#include "web_client.hpp"

#include <catch2/catch.hpp>
#include <map>
#include <string>

using namespace engage;
using namespace engage::test;

namespace {

constexpr std::string_view feedback = "day-centre-feedback";

bool contains(const std::string& text, std::string_view part) {
    return text.find(part) != std::string::npos;
}

struct ModerationServer {
    TempDir data{"engage-moderation"};
    std::optional<ServerProcess> server;
    Date today = today_utc();
    std::int64_t next_month = 0; // the first day of next month, 10:00 UTC: this month is closed
    WebUser staff, admin, board;

    ModerationServer() {
        next_month = next_month_start(today);
        set_test_clock(data.path(), next_month);
        staff = add_web_user(data.path(), "sam", "staff");
        admin = add_web_user(data.path(), "alice", "admin");
        board = add_web_user(data.path(), "bea", "board");
        server.emplace(data.path(), web_server_options(true));
        const Kiosk east = enrol_kiosk(port(), data.path(), "east");
        const Kiosk west = enrol_kiosk(port(), data.path(), "west");
        const auto content = fetch_content(port(), east.token);
        const FormVersion* form = nullptr;
        for (const auto& f : content.forms) {
            if (f.slug == feedback) {
                form = &f;
            }
        }
        REQUIRE(form != nullptr);
        // East: 6 people wrote something (enough to show); west: 3 (too few).
        auto send = [&](const Kiosk& k, const std::string& site, int people) {
            boost::json::array items;
            for (int i = 1; i <= people; ++i) {
                auto item = anonymous_item(*form, today);
                std::string text = site + " comment " + std::to_string(i);
                if (i == 1) {
                    text += ", ring 07700 900321 or mail kim.canary@example.org";
                }
                item["answers"].as_object()["anything-else"] = text;
                items.push_back(std::move(item));
            }
            const auto r = post_batch(port(), k.token, items);
            REQUIRE(r.status == 200);
        };
        send(east, "east", 6);
        send(west, "west", 3);
    }
    std::uint16_t port() const { return server->port(); }
    WebClient signed_in(const WebUser& u) const { return signed_in_client(port(), u, next_month); }
    std::string month() const { return to_string(today).substr(0, 7); }
    // Comment text -> id, read from the database as an outsider would.
    std::map<std::string, std::string> comment_ids() const {
        auto db = sqlite::Database::open(data.path() / "engage.db", sqlite::OpenMode::read_only,
                                         sqlite::Pragmas{.busy_timeout_ms = 5000});
        sqlite::Statement st(db, "SELECT text, id FROM comments");
        std::map<std::string, std::string> out;
        while (st.step()) {
            out[st.text(0)] = st.text(1);
        }
        return out;
    }
    std::string id_of(std::string_view start) const {
        for (const auto& [text, id] : comment_ids()) {
            if (text.starts_with(start)) {
                return id;
            }
        }
        FAIL("no comment starts with " << start);
        return {};
    }
    // A site row for `slug` (kiosks enrolled by code only name it), as
    // migration 8 makes one, written beside the running server (WAL).
    void add_site(const std::string& slug) const {
        auto db = sqlite::Database::open(data.path() / "engage.db", sqlite::OpenMode::read_write,
                                         sqlite::server_pragmas);
        std::string hours = "{";
        for (const char* day : {"mon", "tue", "wed", "thu", "fri", "sat", "sun"}) {
            hours += std::string(hours.size() > 1 ? "," : "") + "\"" + day + "\":[\"00:00-24:00\"]";
        }
        hours += "}";
        sqlite::Statement st(db,
                             "INSERT OR IGNORE INTO sites(slug, name, hours) VALUES(?1, ?1, ?2)");
        st.bind(1, slug).bind(2, hours);
        st.run();
    }
    std::string bytes() const {
        std::string all;
        for (const char* name : {"engage.db", "engage.db-wal"}) {
            all += read_file(data.path() / name);
        }
        return all;
    }
    std::string results(WebClient& c, std::string_view site = {}) const {
        std::string target =
            std::string("/results/") + std::string(feedback) + "?period=" + month();
        if (!site.empty()) {
            target += "&site=" + std::string(site);
        }
        const auto r = c.get(target);
        REQUIRE(r.status == 200);
        return r.body;
    }
};

} // namespace

TEST_CASE("staff approve, edit and reject comments, and the Board reads only approved ones from "
          "site-months with enough people",
          "[server][web][moderation]") {
    ModerationServer s;
    WebClient staff = s.signed_in(s.staff);
    WebClient board = s.signed_in(s.board);
    const std::string csrf = staff.session_csrf();

    const auto queue = staff.get("/moderation");
    REQUIRE(queue.status == 200);
    CHECK(contains(queue.body, "<td>9</td>")); // 9 comments wait for the sample feedback form
    CHECK(contains(queue.body, "east comment 1, ring [removed] or mail [removed]"));
    CHECK_FALSE(contains(queue.body, "900321"));
    CHECK_FALSE(contains(s.bytes(), "kim.canary"));
    // Nothing approved yet: the Board reads no words at all.
    CHECK_FALSE(contains(s.results(board), "east comment"));
    CHECK_FALSE(contains(s.results(board), "west comment"));

    const std::string east1 = s.id_of("east comment 1");
    const std::string east2 = s.id_of("east comment 2");
    const std::string east3 = s.id_of("east comment 3");

    SECTION("an approved comment reaches the Board; waiting ones do not") {
        REQUIRE(staff.post("/moderation/" + east2 + "/approve", {{"csrf", csrf}}).status == 303);
        const auto all_sites = s.results(board);
        CHECK(contains(all_sites, "<li>east comment 2</li>"));
        CHECK_FALSE(contains(all_sites, "east comment 4"));
        CHECK(contains(s.results(board, "east"), "<li>east comment 2</li>"));
        CHECK_FALSE(contains(s.results(board, "west"), "east comment 2"));
        CHECK(contains(all_sites, "at least 5 people answered this question"));
        // Audited with who and what, never the words.
        WebClient admin = s.signed_in(s.admin);
        const auto audit = admin.get("/audit?action=approve_comment");
        CHECK(contains(audit.body, "<td>Approved a comment</td>"));
        CHECK(contains(audit.body, "<td>sam</td>"));
        CHECK_FALSE(contains(audit.body, "east comment"));
    }
    SECTION("a small site-month's approved comments stay hidden in every view") {
        for (const char* w : {"west comment 1", "west comment 2", "west comment 3"}) {
            REQUIRE(staff.post("/moderation/" + s.id_of(w) + "/approve", {{"csrf", csrf}}).status ==
                    303);
        }
        for (const std::string& view : {s.results(board), s.results(board, "west")}) {
            CHECK_FALSE(contains(view, "west comment"));
            CHECK(contains(view, "No comments to show"));
            CHECK_FALSE(contains(view, "rejected"));
        }
    }
    SECTION("an edit is redacted again before it is stored") {
        const auto r = staff.post("/moderation/" + east1,
                                  {{"csrf", csrf}, {"text", "east one, now call 07700 900777"}});
        REQUIRE(r.status == 303);
        const auto page = staff.get("/moderation/" + east1);
        CHECK(contains(page.body, "east one, now call [removed]"));
        CHECK_FALSE(contains(s.bytes(), "900777"));
        CHECK_FALSE(contains(s.bytes(), "east comment 1,"));
    }
    SECTION("a rejected comment is gone from the pages, the database and its WAL") {
        REQUIRE(contains(s.bytes(), "east comment 3"));
        REQUIRE(staff.post("/moderation/" + east3 + "/reject", {{"csrf", csrf}}).status == 303);
        CHECK(staff.get("/moderation/" + east3).status == 404);
        CHECK_FALSE(contains(staff.get("/moderation").body, "east comment 3"));
        CHECK_FALSE(contains(s.bytes(), "east comment 3"));
        CHECK(contains(staff.get("/moderation").body, "<td>8</td>"));
    }
    SECTION("a POST without the session's CSRF token changes nothing, and a GET never does") {
        CHECK(staff.post("/moderation/" + east2 + "/approve", {{"csrf", "wrong"}}).status == 403);
        CHECK(staff.post("/moderation/" + east2 + "/reject", {}).status == 403);
        CHECK(staff.get("/moderation/" + east2 + "/approve").status == 405);
        CHECK(contains(staff.get("/moderation").body, "east comment 2"));
        CHECK_FALSE(contains(s.results(board), "east comment 2"));
    }
}

TEST_CASE("a safeguarding concern shows on staff pages and its site's page until the response "
          "is recorded",
          "[server][web][moderation][safeguarding]") {
    ModerationServer s;
    WebClient staff = s.signed_in(s.staff);
    WebClient admin = s.signed_in(s.admin);
    const std::string csrf = staff.session_csrf();
    const std::string id = s.id_of("west comment 2");
    s.add_site("west");
    s.add_site("east");
    CHECK_FALSE(contains(staff.get("/").body, "safeguarding concern"));

    REQUIRE(staff.post("/moderation/" + id + "/flag", {{"csrf", csrf}}).status == 303);
    CHECK(contains(staff.get("/").body, "1 safeguarding concern needs a response"));
    CHECK(contains(staff.get("/safeguarding").body, "west comment 2"));
    CHECK(contains(admin.get("/sites/west").body, "waiting for a response: 1"));
    CHECK_FALSE(contains(admin.get("/sites/east").body, "waiting for a response"));
    // Its words are kept until the service has responded.
    CHECK(staff.post("/moderation/" + id + "/reject", {{"csrf", csrf}}).status == 409);

    const auto empty =
        staff.post("/moderation/" + id + "/respond", {{"csrf", csrf}, {"response", " "}});
    CHECK(empty.status == 400);
    const auto done = staff.post(
        "/moderation/" + id + "/respond",
        {{"csrf", csrf}, {"response", "Manager reviewed the rota; call 07700 900888 for more"}});
    REQUIRE(done.status == 303);
    const auto page = staff.get("/moderation/" + id);
    CHECK(contains(page.body, "Manager reviewed the rota; call [removed] for more"));
    CHECK_FALSE(contains(s.bytes(), "900888"));
    CHECK_FALSE(contains(staff.get("/").body, "safeguarding concern"));
    CHECK_FALSE(contains(admin.get("/sites/west").body, "waiting for a response"));
    CHECK(staff.post("/moderation/" + id + "/reject", {{"csrf", csrf}}).status == 303);

    const auto audit = admin.get("/audit?action=flag_concern");
    CHECK(contains(audit.body, "<td>Flagged a safeguarding concern</td>"));
    CHECK(contains(admin.get("/audit?action=respond_concern").body,
                   "<td>Recorded a safeguarding response</td>"));
    CHECK_FALSE(contains(admin.get("/audit").body, "rota"));
}

TEST_CASE("only staff moderate: board, admin and coordinator are refused every moderation page",
          "[server][web][moderation][roles]") {
    ModerationServer s;
    const std::string id = s.id_of("east comment 2");
    const auto roles = GENERATE(table<std::string, int>({{"staff", 200},
                                                         {"admin", 403},
                                                         {"board", 403},
                                                         {"coordinator", 403},
                                                         {"admin,staff", 200}}));
    const WebUser u = add_web_user(s.data.path(), "user", std::get<0>(roles));
    WebClient c = s.signed_in(u);
    INFO(std::get<0>(roles));
    CHECK(c.get("/moderation").status == std::get<1>(roles));
    CHECK(c.get("/moderation/" + id).status == std::get<1>(roles));
    CHECK(c.get("/safeguarding").status == std::get<1>(roles));
    const int post = std::get<1>(roles) == 200 ? 303 : 403;
    CHECK(c.post("/moderation/" + id + "/flag", {{"csrf", c.session_csrf()}}).status == post);
    CHECK(contains(c.get("/").body, "href=\"/moderation\"") == (std::get<1>(roles) == 200));
}
