// The Board's decisions on the real program (issue 10, "Decisions: you said,
// we did"): who may open and post each page (board records, staff edit,
// admins as staff, a coordinator alone nothing), a results page's "Record a
// decision about this" filling in its link, links that are not results
// links refused with nothing saved, and a service change reaching the
// kiosks of its site only, at once, when it is in progress, then leaving
// them when taken off or found not possible, with every change in the audit
// log. Each case starts `serve --sample --test-mode` with two kiosks.

#include "engage/date.hpp"
#include "engage/ids.hpp"
#include "engage/protocol.hpp"
#include "server_fixture.hpp"
#include "web_client.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <string>

using namespace engage;
using namespace engage::test;

namespace {

// The web app's clock: the first day of next month, 10:00 UTC, so this
// month's answers are in a closed period the Board can read.
std::int64_t next_month_start() {
    const Date today = today_utc();
    const Date first =
        today.month == 12 ? Date{today.year + 1, 1, 1} : Date{today.year, today.month + 1, 1};
    return days_since_epoch(first) * 86400 + 10 * 3600;
}
const std::int64_t t0 = next_month_start();

using FormFields = std::vector<std::pair<std::string, std::string>>;

struct DecisionServer {
    TempDir data{"engage-decisions"};
    std::optional<ServerProcess> server;
    Kiosk east, west;

    DecisionServer() {
        set_test_clock(data.path(), t0);
        server.emplace(data.path(), web_server_options(true));
        east = enrol_kiosk(port(), data.path(), "east");
        west = enrol_kiosk(port(), data.path(), "west");
    }
    std::uint16_t port() const { return server->port(); }
    WebClient signed_in(const std::string& name, const std::string& roles) const {
        return signed_in_client(port(), add_web_user(data.path(), name, roles), t0);
    }
    ContentBundle bundle(const Kiosk& k) const { return fetch_content(port(), k.token); }
};

bool contains(const std::string& text, std::string_view part) {
    return text.find(part) != std::string::npos;
}

const YouSaidWeDid* item(const ContentBundle& b, std::string_view id) {
    for (const auto& y : b.you_said_we_did) {
        if (y.id == id) {
            return &y;
        }
    }
    return nullptr;
}

FormFields showers(const std::string& csrf, std::string status = "agreed") {
    return {{"csrf", csrf},
            {"title", "Sunday showers"},
            {"decided", "Ask the day centre to open the showers on Sunday mornings."},
            {"results", "/results/day-centre-feedback?period=2026-12"},
            {"site-0", "east"},
            {"status", std::move(status)},
            {"service_change", "on"},
            {"you_said", "You asked for showers on Sundays."},
            {"we_did", "The showers are open 9 to 12 on Sundays."}};
}

// Records the showers decision as `board` and returns its page's path.
std::string record(WebClient& board, std::string status = "agreed") {
    const auto r = board.post("/decisions/new", showers(board.session_csrf(), std::move(status)));
    INFO(r.body);
    REQUIRE(r.status == 303);
    const std::string location = r.header("Location").value_or("");
    REQUIRE(location.starts_with("/decisions/"));
    return location.substr(0, location.find('?'));
}

} // namespace

TEST_CASE("decision pages: board records, staff and admins edit, a coordinator alone nothing",
          "[server][web][decisions][roles]") {
    const DecisionServer s;
    WebClient first = s.signed_in("bob", "board");
    const std::string page = record(first);

    // What each role may do: GET list, view, edit; GET new; POST new, update;
    // POST edit, kiosk.
    struct Row {
        std::string roles;
        bool read;   // list, view, edit form, POST edit, POST kiosk
        bool record; // new form, POST new, POST update
    };
    const auto row = GENERATE(values<Row>({{"board", true, true},
                                           {"staff", true, false},
                                           {"admin", true, false},
                                           {"coordinator", false, false},
                                           {"coordinator,board", true, true}}));
    INFO(row.roles);
    WebClient c = s.signed_in("user", row.roles);
    const int read = row.read ? 200 : 403;
    const int record_status = row.record ? 200 : 403;
    CHECK(c.get("/decisions").status == read);
    CHECK(c.get("/decisions?status=agreed&site=east").status == read);
    CHECK(c.get(page).status == read);
    CHECK(c.get(page + "/edit").status == read);
    CHECK(c.get("/decisions/new").status == record_status);
    CHECK(contains(c.get("/").body, "href=\"/decisions\"") == row.read);
    const std::string csrf = c.session_csrf();
    CHECK(c.post("/decisions/new", showers(csrf)).status == (row.record ? 303 : 403));
    CHECK(
        c.post(page + "/update", {{"csrf", csrf}, {"status", "agreed"}, {"note", "Met"}}).status ==
        (row.record ? 303 : 403));
    auto edit = showers(csrf);
    edit[1].second = "Sunday showers (fixed)";
    CHECK(c.post(page + "/edit", edit).status == (row.read ? 303 : 403));
    CHECK(c.post(page + "/kiosk", {{"csrf", csrf}, {"action", "end"}}).status ==
          (row.read ? 303 : 403));
    // Only the Board is offered the forms that record.
    if (row.read) {
        CHECK(contains(c.get("/decisions").body, "href=\"/decisions/new\"") == row.record);
        CHECK(contains(c.get(page).body, "/update\"") == row.record);
    }

    SECTION("signed out: every page sends to sign-in, every post is refused") {
        WebClient stranger(s.port());
        for (const auto& p :
             {std::string("/decisions"), std::string("/decisions/new"), page, page + "/edit"}) {
            const auto r = stranger.get(p);
            CHECK(r.status == 303);
            CHECK(r.header("Location") == "/login");
        }
        CHECK(stranger.post("/decisions/new", showers("x")).status == 403);
    }
}

TEST_CASE("a service change reaches its site's kiosks when in progress, and leaves them",
          "[server][web][decisions]") {
    const DecisionServer s;
    WebClient board = s.signed_in("bea", "board");
    const std::string page = record(board);
    const std::string id = "decision-" + page.substr(page.rfind('/') + 1);

    // Agreed is not done: no "we did" yet.
    CHECK(item(s.bundle(s.east), id) == nullptr);
    CHECK(contains(board.get(page).body, "will show this"));

    const std::string csrf = board.session_csrf();
    auto r = board.post(page + "/update",
                        {{"csrf", csrf}, {"status", "in_progress"}, {"note", "Rota agreed"}});
    REQUIRE(r.status == 303);
    const auto east = s.bundle(s.east);
    REQUIRE(item(east, id) != nullptr);
    CHECK(item(east, id)->you_said.get("en") == "You asked for showers on Sundays.");
    CHECK(item(east, id)->we_did.get("en") == "The showers are open 9 to 12 on Sundays.");
    CHECK(item(s.bundle(s.west), id) == nullptr); // another site's kiosks never see it
    const auto shown = board.get(page).body;
    CHECK(contains(shown, "Kiosks at east show this"));
    CHECK(contains(shown, "Agreed → In progress"));
    CHECK(contains(shown, "Rota agreed"));
    // The results it drew on, named in words, linked to the view.
    CHECK(contains(shown, "<a href=\"/results/day-centre-feedback?period=2026-12\">"));
    CHECK(contains(shown, "All sites, December 2026</a>"));
    CHECK_FALSE(contains(shown, "Why it was not possible"));

    SECTION("staff fix a typo: the kiosks get the new words, translations stay") {
        WebClient staff = s.signed_in("sam", "staff");
        // The kiosk item is translated on the "you said, we did" pages.
        CHECK(contains(staff.get(page).body, "/you-said-we-did/" + id + "/translations"));
        const auto t = staff.post("/you-said-we-did/" + id + "/translations",
                                  {{"csrf", staff.session_csrf()},
                                   {"lang", "pl"},
                                   {"you_said", "Prosiliście o prysznice w niedziele."},
                                   {"we_did", "Prysznice są czynne w niedziele."}});
        REQUIRE(t.status == 303);
        auto fields = showers(staff.session_csrf());
        fields[8].second = "The showers are open 9 to 1 on Sundays.";
        REQUIRE(staff.post(page + "/edit", fields).status == 303);
        const auto b = s.bundle(s.east);
        REQUIRE(item(b, id) != nullptr);
        CHECK(item(b, id)->we_did.get("en") == "The showers are open 9 to 1 on Sundays.");
        CHECK(item(b, id)->you_said.get("pl") == "Prosiliście o prysznice w niedziele.");
    }
    SECTION("deleting the item on the 'you said, we did' pages takes it off for good") {
        WebClient staff = s.signed_in("sam", "staff");
        CHECK(contains(staff.get("/you-said-we-did/" + id).body, "comes from a Board decision"));
        const auto d = staff.post("/you-said-we-did/" + id + "/delete",
                                  {{"csrf", staff.session_csrf()}, {"confirm", "yes"}});
        REQUIRE(d.status == 303);
        CHECK(item(s.bundle(s.east), id) == nullptr);
        // The decision knows: its next update does not bring the item back.
        CHECK(contains(board.get(page).body, "Someone took this off the kiosks"));
        REQUIRE(board.post(page + "/update", {{"csrf", csrf}, {"status", "done"}}).status == 303);
        CHECK(item(s.bundle(s.east), id) == nullptr);
    }
    SECTION("taken off the kiosks and shown again") {
        REQUIRE(board.post(page + "/kiosk", {{"csrf", csrf}, {"action", "end"}}).status == 303);
        CHECK(item(s.bundle(s.east), id) == nullptr);
        CHECK(contains(board.get(page).body, "Someone took this off the kiosks"));
        REQUIRE(board.post(page + "/kiosk", {{"csrf", csrf}, {"action", "show"}}).status == 303);
        CHECK(item(s.bundle(s.east), id) != nullptr);
    }
    SECTION("not possible needs a reason, then the item leaves the kiosks") {
        r = board.post(page + "/update", {{"csrf", csrf}, {"status", "not_possible"}});
        CHECK(r.status == 400);
        CHECK(contains(r.body, "Say why it is not possible."));
        CHECK(item(s.bundle(s.east), id) != nullptr);
        r = board.post(
            page + "/update",
            {{"csrf", csrf}, {"status", "not_possible"}, {"reason", "No staff on Sundays."}});
        REQUIRE(r.status == 303);
        CHECK(item(s.bundle(s.east), id) == nullptr);
        const auto body = board.get(page).body;
        CHECK(contains(body, "No staff on Sundays."));
        CHECK(contains(body, "the change was not possible"));
        CHECK(contains(board.get("/decisions?status=not_possible").body, "Sunday showers"));
        CHECK_FALSE(contains(board.get("/decisions?status=done").body, "Sunday showers"));
    }
    SECTION("every change is in the audit log, by name") {
        WebClient admin = s.signed_in("alice", "admin");
        const auto audit = admin.get("/audit").body;
        CHECK(contains(audit, "Recorded a decision"));
        CHECK(contains(audit, "Added an update to a decision"));
        CHECK(contains(audit, "<td>bea</td>"));
    }
    SECTION("filters: by site, a decision for east is not listed for west") {
        CHECK(contains(board.get("/decisions?site=east").body, "Sunday showers"));
        CHECK_FALSE(contains(board.get("/decisions?site=west").body, "Sunday showers"));
    }
}

TEST_CASE("a decision's results are links to results pages, nothing else",
          "[server][web][decisions]") {
    const DecisionServer s;
    WebClient board = s.signed_in("bea", "board");
    const std::string csrf = board.session_csrf();

    SECTION("a link elsewhere is refused naming the field, nothing saved") {
        auto fields = showers(csrf);
        fields[3].second = "https://evil.example/results/x";
        const auto r = board.post("/decisions/new", fields);
        CHECK(r.status == 400);
        CHECK(contains(r.body, "href=\"#results\""));
        CHECK(contains(r.body, "aria-invalid=\"true\""));
        CHECK(contains(board.get("/decisions").body, "No decisions match."));
    }
    SECTION("without the CSRF token nothing is saved") {
        auto fields = showers("wrong");
        CHECK(board.post("/decisions/new", fields).status == 403);
        CHECK(contains(board.get("/decisions").body, "No decisions match."));
    }
    SECTION("a service change without its kiosk words is refused") {
        auto fields = showers(csrf);
        fields[7].second = "";
        const auto r = board.post("/decisions/new", fields);
        CHECK(r.status == 400);
        CHECK(contains(r.body, "Enter what people said, for the kiosks."));
    }
    SECTION("'Record a decision about this' fills in the results page's link") {
        const auto r =
            board.get("/decisions/new?result=%2Fresults%2Fday-centre-feedback%3Fsite%3Deast"
                      "%26period%3D2026-12");
        REQUIRE(r.status == 200);
        CHECK(contains(r.body, "/results/day-centre-feedback?site=east&amp;period=2026-12"));
        // Something that is not a results link is not filled in.
        CHECK_FALSE(contains(board.get("/decisions/new?result=https%3A%2F%2Fevil.example").body,
                             "evil.example"));
    }
}

TEST_CASE("a results page offers the Board 'Record a decision about this'",
          "[server][web][decisions][results]") {
    const DecisionServer s;
    // Six answers today, read next month (a closed period).
    const std::string month = to_string(today_utc()).substr(0, 7);
    const auto content = s.bundle(s.east);
    const auto form =
        std::find_if(content.forms.begin(), content.forms.end(),
                     [](const FormVersion& f) { return f.slug == "day-centre-feedback"; });
    REQUIRE(form != content.forms.end());
    boost::json::array items;
    for (int i = 0; i < 6; ++i) {
        boost::json::object one;
        one["id"] = random_uuid_v4();
        one["form"] = form->slug;
        one["version"] = form->version;
        one["date"] = to_string(today_utc());
        one["language"] = "en";
        one["answers"] = boost::json::object{{"safe", "yes"}};
        items.push_back(std::move(one));
    }
    REQUIRE(post_batch(s.port(), s.east.token, items).status == 200);
    WebClient board = s.signed_in("bea", "board");
    const auto r = board.get("/results/day-centre-feedback?site=east&period=" + month);
    INFO(r.body);
    REQUIRE(r.status == 200);
    CHECK(contains(r.body, "href=\"/decisions/new?result=%2Fresults%2Fday-centre-feedback%3Fsite%"
                           "3Deast%26period%3D" +
                               month + "\""));
    // Staff read results too, but do not record decisions: no link for them.
    WebClient staff = s.signed_in("sam", "staff");
    CHECK_FALSE(contains(staff.get("/results/day-centre-feedback?site=east&period=" + month).body,
                         "/decisions/new"));
}
