// Wording and behaviour fixes from review (issue 9) on the real program:
// roles shown as words, an admin cannot disable themself, invitation links
// are absolute from --public-url (never the Host header), and the audit log
// pages with plain links and shows actions as words. (The publish close date
// and the editor's "skip" line are in web_forms_test.cpp, beside its editor
// helpers.) Each case starts its own `serve --test-mode`.

#include "support/admin_cli.hpp"
#include "support/server_process.hpp"
#include "support/temp_dir.hpp"
#include "web_client.hpp"

#include <catch2/catch.hpp>
#include <string>

using namespace engage::test;

namespace {

// 2027-01-15 08:00:15 UTC.
constexpr std::int64_t t0 = 1'800'000'015;

struct PolishServer {
    TempDir data{"engage-polish"};
    WebUser admin, staff, both;
    std::optional<ServerProcess> server;

    explicit PolishServer(std::vector<std::string> extra = {}) {
        set_test_clock(data.path(), t0);
        admin = add_web_user(data.path(), "alice", "admin");
        staff = add_web_user(data.path(), "sam", "staff");
        both = add_web_user(data.path(), "ada", "admin,staff");
        server.emplace(data.path(), web_server_options(true, std::move(extra)));
    }
    std::uint16_t port() const { return server->port(); }
    WebClient signed_in(const WebUser& u) const { return signed_in_client(port(), u, t0); }
};

bool contains(const std::string& haystack, std::string_view needle) {
    return haystack.find(needle) != std::string::npos;
}

// The href of the first link whose text is `label` ("" when none).
std::string link_to(const std::string& html, std::string_view label) {
    std::string end(">");
    end.append(label).append("</a>");
    const auto at = html.find(end);
    if (at == std::string::npos) {
        return {};
    }
    const auto href = html.rfind("href=\"", at);
    const auto start = href + 6;
    const std::string raw = html.substr(start, html.find('"', start) - start);
    // Built anew rather than replaced in place (GCC 12 warns falsely on that).
    std::string link;
    for (std::size_t i = 0; i < raw.size(); ++i) {
        link += raw[i];
        if (raw.compare(i, 5, "&amp;") == 0) {
            i += 4;
        }
    }
    return link;
}

} // namespace

TEST_CASE("the users list shows roles as words, and an admin cannot disable themself",
          "[web][users]") {
    const PolishServer s;
    WebClient admin = s.signed_in(s.both);
    const auto users = admin.get("/users");
    REQUIRE(users.status == 200);
    CHECK(contains(users.body, "<td>Admin, Staff</td>"));
    CHECK(contains(users.body, "<td>Staff</td>"));
    CHECK_FALSE(contains(users.body, "admin,staff"));

    SECTION("disabling one's own account is refused with a clear message") {
        const auto r =
            admin.post("/users/disable", {{"csrf", admin.session_csrf()}, {"user", "ada"}});
        CHECK(r.status == 403);
        CHECK(contains(r.body, "You cannot disable your own account"));
        CHECK(admin.get("/users").status == 200); // still signed in, still enabled
    }
    SECTION("disabling someone else works and is audit-logged in words") {
        const auto r =
            admin.post("/users/disable", {{"csrf", admin.session_csrf()}, {"user", "alice"}});
        CHECK(r.status == 303);
        const auto audit = admin.get("/audit?action=disable_user");
        CHECK(contains(audit.body, "<td>Disabled a user</td>"));
        CHECK(contains(audit.body, "<td>alice</td>"));
    }
}

TEST_CASE("an invitation link is absolute, from --public-url and never from the Host header",
          "[web][invite]") {
    const PolishServer s({"--public-url", "https://engage.example.org/"});
    WebClient admin = s.signed_in(s.admin);
    const auto made =
        admin.post("/users/invite",
                   {{"csrf", admin.session_csrf()}, {"role_staff", "on"}, {"role_board", "on"}});
    REQUIRE(made.status == 200);
    CHECK(contains(made.body, "href=\"https://engage.example.org/invite?token="));
    CHECK(contains(made.body, "<strong>Staff, Board</strong>"));

    SECTION("a --public-url that is not an http(s) address is refused at start") {
        const TempDir data("engage-polish-url");
        const auto r = run_admin({"serve", "--data", data.path().string(), "--sample", "--listen",
                                  "127.0.0.1:0", "--public-url", "engage.example.org"});
        CHECK(r.exit_code != 0);
        CHECK(contains(r.err, "--public-url must be like https://"));
    }
}

TEST_CASE("the audit log pages newest first with plain links that keep the filter",
          "[web][audit]") {
    const PolishServer s;
    WebClient admin = s.signed_in(s.admin);
    const std::string csrf = admin.session_csrf();
    // 120 entries of one action (ending the sessions of someone with none),
    // plus the sign-ins: three pages of 50 for the filter.
    for (int i = 0; i < 120; ++i) {
        REQUIRE(admin.post("/users/end-sessions", {{"csrf", csrf}, {"user", "sam"}}).status == 303);
    }
    const auto first = admin.get("/audit?action=end_sessions");
    REQUIRE(first.status == 200);
    CHECK(contains(first.body, "<td>Ended sessions</td>"));
    CHECK_FALSE(contains(first.body, "<td>end_sessions</td>"));
    CHECK_FALSE(contains(first.body, "<td>Signed in</td>")); // filtered out
    const std::string older = link_to(first.body, "Older entries");
    REQUIRE(older.starts_with("/audit?before="));
    CHECK(contains(older, "&action=end_sessions"));
    CHECK(link_to(first.body, "Newer entries").empty());

    const auto second = admin.get(older);
    REQUIRE(second.status == 200);
    const std::string oldest = link_to(second.body, "Older entries");
    REQUIRE_FALSE(oldest.empty());
    const std::string newer = link_to(second.body, "Newer entries");
    REQUIRE(newer.starts_with("/audit?after="));

    const auto third = admin.get(oldest);
    CHECK(link_to(third.body, "Older entries").empty());
    // 120 = 50 + 50 + 20 rows.
    std::size_t rows = 0;
    for (auto at = third.body.find("<td>Ended sessions</td>"); at != std::string::npos;
         at = third.body.find("<td>Ended sessions</td>", at + 1)) {
        ++rows;
    }
    CHECK(rows == 20);
    // "Newer" from page two is page one again.
    CHECK(admin.get(newer).body == first.body);

    SECTION("a mistyped paging key shows the newest page") {
        CHECK(admin.get("/audit?action=end_sessions&before=x1").body == first.body);
    }
}

namespace {

// What a browser posts from the translation page: each textarea's text and
// each select's selected option (no regex: the page is long).
std::vector<std::pair<std::string, std::string>> translation_fields(const std::string& html) {
    std::vector<std::pair<std::string, std::string>> fields;
    for (auto at = html.find("<textarea name=\""); at != std::string::npos;
         at = html.find("<textarea name=\"", at + 1)) {
        const auto name_start = at + 16;
        const std::string name = html.substr(name_start, html.find('"', name_start) - name_start);
        const auto text_start = html.find('>', at) + 1;
        fields.emplace_back(name,
                            html.substr(text_start, html.find("</textarea>", at) - text_start));
    }
    for (auto at = html.find("<select name=\"mark-"); at != std::string::npos;
         at = html.find("<select name=\"mark-", at + 1)) {
        const auto name_start = at + 14;
        const std::string name = html.substr(name_start, html.find('"', name_start) - name_start);
        const std::string options = html.substr(at, html.find("</select>", at) - at);
        const auto sel = options.find(" selected>");
        std::string value = "none";
        if (sel != std::string::npos) {
            const auto v = options.rfind("value=\"", sel) + 7;
            value = options.substr(v, options.find('"', v) - v);
        }
        fields.emplace_back(name, value);
    }
    return fields;
}

std::string field_value(const std::vector<std::pair<std::string, std::string>>& fields,
                        const std::string& name) {
    for (const auto& [n, v] : fields) {
        if (n == name) {
            return v;
        }
    }
    return {};
}

} // namespace

TEST_CASE("a translated string is marked needs review, then reviewed, and publishing keeps it",
          "[web][forms][translations]") {
    const PolishServer s;
    WebClient staff = s.signed_in(s.staff);
    const std::string page_path = "/forms/ebe-poll-winter/translations?lang=pl";
    auto page = staff.get(page_path);
    REQUIRE(page.status == 200);
    // The sample's Polish is there, nothing is marked yet.
    CHECK(contains(page.body, "reviewed 0, needs review 0"));
    auto fields = translation_fields(page.body);
    REQUIRE_FALSE(field_value(fields, "q0-text").empty());
    REQUIRE(field_value(fields, "mark-q0-text") == "none");
    auto post = [&](std::vector<std::pair<std::string, std::string>> f, std::string action) {
        f.emplace_back("csrf", staff.session_csrf());
        f.emplace_back("lang", "pl");
        f.emplace_back("action", std::move(action));
        return staff.post("/forms/ebe-poll-winter/translations", f);
    };
    for (auto& [n, v] : fields) {
        if (n == "mark-q0-text" || n == "mark-title") {
            v = "needs_review";
        }
    }
    REQUIRE(post(fields, "save").status == 303);
    page = staff.get(page_path);
    CHECK(contains(page.body, "reviewed 0, needs review 2"));
    CHECK(field_value(translation_fields(page.body), "mark-q0-text") == "needs_review");
    WebClient admin = s.signed_in(s.admin);
    const auto audit = admin.get("/audit?action=mark_translations");
    CHECK(contains(audit.body, "ebe-poll-winter v2 pl: 2 needs review, 0 reviewed, 0 unmarked"));
    CHECK(contains(audit.body, "<td>sam</td>"));

    SECTION("an unknown mark is refused and nothing changes") {
        auto bad = translation_fields(page.body);
        for (auto& [n, v] : bad) {
            if (n == "mark-q0-text") {
                v = "approved";
            }
        }
        CHECK(post(bad, "save").status == 400);
        CHECK(contains(staff.get(page_path).body, "reviewed 0, needs review 2"));
    }
    SECTION("clearing a translation clears its mark") {
        auto cleared = translation_fields(page.body);
        for (auto& [n, v] : cleared) {
            if (n == "q0-text") {
                v.clear();
            }
        }
        REQUIRE(post(cleared, "save").status == 303);
        CHECK(contains(staff.get(page_path).body, "needs review 1"));
    }
    SECTION("mark all reviewed, then publish: the published version and the next draft keep it") {
        REQUIRE(post(translation_fields(page.body), "all_reviewed").status == 303);
        page = staff.get(page_path);
        // Polish's coverage line: every translated string reviewed.
        const auto pl = page.body.find(">pl</a>:");
        REQUIRE(pl != std::string::npos);
        const std::string line = page.body.substr(pl, page.body.find("</li>", pl) - pl);
        CHECK(contains(line, "needs review 0"));
        CHECK_FALSE(contains(line, "reviewed 0,"));
        CHECK(field_value(translation_fields(page.body), "mark-title") == "reviewed");
        REQUIRE(
            staff.post("/forms/ebe-poll-winter/publish", {{"csrf", staff.session_csrf()}}).status ==
            303);
        // The page now shows the next draft (version 3), marks inherited.
        page = staff.get(page_path);
        CHECK(contains(page.body, "needs review 0"));
        CHECK(field_value(translation_fields(page.body), "mark-title") == "reviewed");
        // Exported with the version they were made on.
        const auto r = run_admin({"content", "export", "--data", s.data.path().string()});
        REQUIRE(r.exit_code == 0);
        CHECK(contains(r.out, "\"translation_marks\""));
        CHECK(contains(r.out, "\"state\": \"reviewed\""));
    }
}
