// The Board's results pages (issue 10) on the real program: answers sent by
// two enrolled kiosks reach /results/{slug} once their month is over (the
// web app's test clock moves past it), small numbers read "fewer than 5, or
// hidden" in the table, the chart and the sentence, percentages appear only
// where both numbers are shown, filters are plain GET forms, and only
// board, staff and admin can open the pages (a coordinator cannot, unless
// also on the board).

#include "engage/date.hpp"
#include "server_fixture.hpp"
#include "web_client.hpp"

#include <catch2/catch.hpp>
#include <string>

using namespace engage;
using namespace engage::test;

namespace {

constexpr std::string_view feedback = "day-centre-feedback";

struct ResultsServer {
    TempDir data{"engage-results"};
    std::optional<ServerProcess> server;
    Date today = today_utc();
    // The first day of next month, 10:00 UTC: this month is then closed.
    std::int64_t next_month = 0;

    ResultsServer() {
        next_month = next_month_start(today);
        set_test_clock(data.path(), next_month);
        server.emplace(data.path(), web_server_options(true));
        const Kiosk east = enrol_kiosk(port(), data.path(), "east");
        const Kiosk west = enrol_kiosk(port(), data.path(), "west");
        const auto content = fetch_content(port(), east.token);
        const FormVersion& form = form_named(content, feedback);
        // Only "safe" answered: the other questions skipped, their totals are 0.
        auto send = [&](const Kiosk& k, int yes, int no) {
            boost::json::array items;
            for (int i = 0; i < yes; ++i) {
                items.push_back(answered_item(form, today, {{"safe", "yes"}}));
            }
            for (int i = 0; i < no; ++i) {
                items.push_back(answered_item(form, today, {{"safe", "no"}}));
            }
            const auto r = post_batch(port(), k.token, items);
            REQUIRE(r.status == 200);
        };
        send(east, 20, 3); // 3 "no": a small number at one site
        send(west, 15, 8);
    }
    std::uint16_t port() const { return server->port(); }
    WebClient signed_in(const std::string& name, const std::string& roles) {
        return signed_in_client(port(), add_web_user(data.path(), name, roles), next_month);
    }
    std::string month() const { return to_string(today).substr(0, 7); }
};

bool contains(const std::string& text, std::string_view part) {
    return text.find(part) != std::string::npos;
}

} // namespace

TEST_CASE("the Board reads a closed month's results with small numbers hidden",
          "[server][web][results]") {
    ResultsServer s;
    WebClient board = s.signed_in("bea", "board");

    SECTION("the list names the form with answers and links to its results") {
        const auto r = board.get("/results");
        REQUIRE(r.status == 200);
        CHECK(contains(r.body, "href=\"/results/day-centre-feedback\""));
        CHECK_FALSE(contains(r.body, "peer-mentoring")); // sign-ups are never counted here
    }
    SECTION("all sites: a sentence, a table with shares and a chart") {
        const auto r = board.get("/results/day-centre-feedback?period=" + s.month());
        INFO(r.body);
        REQUIRE(r.status == 200);
        // 35 of 46 said yes; 11 said no (3 + 8): both large enough.
        CHECK(contains(r.body, "35 of 46 people (76%) said “Yes”"));
        CHECK(contains(r.body, "<th scope=\"row\">No</th><td>11</td><td>24%</td>"));
        CHECK(contains(r.body, "<caption"));
        CHECK(contains(r.body, "<svg class=\"chart\" role=\"img\""));
        CHECK(contains(r.body, "35 (76%)</text>"));
        // The other questions were skipped by everyone: "Nobody answered
        // this", and no chart of zeros under it.
        CHECK(contains(r.body, "Nobody answered this"));
        std::size_t charts = 0;
        for (auto at = r.body.find("<svg"); at != std::string::npos;
             at = r.body.find("<svg", at + 1)) {
            ++charts;
        }
        CHECK(charts == 1);
    }
    SECTION("one site: its 3 'no' and its total read as hidden, everywhere") {
        const auto r = board.get("/results/day-centre-feedback?site=east&period=" + s.month());
        INFO(r.body);
        REQUIRE(r.status == 200);
        CHECK(contains(r.body, "<th scope=\"row\">No</th><td>fewer than 5, or hidden</td>"
                               "<td>not shown</td>"));
        CHECK_FALSE(contains(r.body, "<td>3</td>"));
        CHECK_FALSE(contains(r.body, "<td>23</td>")); // east's total would give the 3 away
        // Its 20 "yes" too: 23 answers received less 20 would give the 3
        // away (the engine hides a site's month whole, for every question).
        CHECK_FALSE(contains(r.body, "<td>20</td>"));
        CHECK_FALSE(contains(r.body, "20 people said “Yes”"));
        CHECK(contains(r.body, "class=\"chart-hidden\""));
        CHECK(contains(r.body, "fewer than 5, or hidden</text>"));
        // West's "no" is hidden too, or 11 - 8 would give east's 3 away.
        const auto w = board.get("/results/day-centre-feedback?site=west&period=" + s.month());
        CHECK_FALSE(contains(w.body, "<th scope=\"row\">No</th><td>8</td>"));
    }
    SECTION("a bad filter is a 400 with a plain message, not a guess") {
        CHECK(board.get("/results/day-centre-feedback?site=nowhere&period=" + s.month()).status ==
              400);
        CHECK(board.get("/results/day-centre-feedback?version=x").status == 400);
        CHECK(board.get("/results/no-such-form").status == 404);
    }
    SECTION("before the month is over, nothing of it is shown") {
        set_test_clock(s.data.path(), days_since_epoch(s.today) * 86400 + 12 * 3600);
        const auto r = board.get("/results/day-centre-feedback");
        REQUIRE(r.status == 200);
        CHECK(contains(r.body, "No month with answers is over yet"));
        CHECK_FALSE(contains(r.body, "said “Yes”"));
        CHECK(board.get("/results/day-centre-feedback?period=" + s.month()).status == 200);
        CHECK_FALSE(
            contains(board.get("/results/day-centre-feedback?period=" + s.month()).body, "<svg"));
    }
}

TEST_CASE("results pages open for board, staff and admin, never a coordinator alone",
          "[server][web][results]") {
    ResultsServer s;
    const auto roles = GENERATE(table<std::string, int>({{"board", 200},
                                                         {"staff", 200},
                                                         {"admin", 200},
                                                         {"coordinator", 403},
                                                         {"coordinator,board", 200}}));
    WebClient c = s.signed_in("user", std::get<0>(roles));
    INFO(std::get<0>(roles));
    CHECK(c.get("/results").status == std::get<1>(roles));
    CHECK(c.get("/results/day-centre-feedback").status == std::get<1>(roles));
    const bool nav = contains(c.get("/").body, "href=\"/results\"");
    CHECK(nav == (std::get<1>(roles) == 200));
}

TEST_CASE("who are we hearing from: answers by site and language, groups named in plain words",
          "[server][web][results][equality]") {
    ResultsServer s;
    // The quarter of the answers must be over: move the clock past it.
    const int last_month = (s.today.month - 1) / 3 * 3 + 3;
    const Date after =
        last_month == 12 ? Date{s.today.year + 1, 1, 2} : Date{s.today.year, last_month + 1, 2};
    set_test_clock(s.data.path(), days_since_epoch(after) * 86400 + 10 * 3600);
    WebClient board = s.signed_in("bea", "board");

    SECTION("answers received by site, the under-heard groups named") {
        const auto r = board.get("/results/hearing-from");
        INFO(r.body);
        REQUIRE(r.status == 200);
        CHECK(contains(r.body, "women, Black, Asian and minority ethnic people, LGBTQ+ people "
                               "and neurodivergent people"));
        // All sites' 46; each site's quarter holds east's 3 "no" (hidden
        // with west's, as on the results page), so both read as hidden.
        CHECK(contains(r.body, "<td>46</td><td>fewer than 5, or hidden</td>"));
        CHECK_FALSE(contains(r.body, "<td>23</td>"));
        CHECK(contains(r.body, "English: 46"));
        // The sample form asks the "About you" questions (nobody here
        // answered them): each has its table, none says nobody was asked.
        CHECK_FALSE(contains(r.body, "nobody was asked which groups they belong to"));
        CHECK(contains(r.body, "What is your ethnic group?"));
        CHECK(board.get("/results/hearing-from?form=no-such-form").status == 404);
    }
    SECTION("a form without the 'About you' questions says how to add them") {
        // The sample food form has none (the day-centre form has the set).
        const auto r = board.get("/results/day-centre-food/about-you");
        INFO(r.body);
        REQUIRE(r.status == 200);
        CHECK(contains(r.body, "This form has no ‘About you’ questions"));
        CHECK_FALSE(contains(board.get("/results/day-centre-feedback/about-you").body,
                             "This form has no ‘About you’ questions"));
        CHECK(board.get("/results/no-such-form/about-you").status == 404);
    }
}

TEST_CASE("equality pages open for board, staff and admin, never a coordinator alone",
          "[server][web][results][equality]") {
    ResultsServer s;
    const auto roles = GENERATE(table<std::string, int>({{"board", 200},
                                                         {"staff", 200},
                                                         {"admin", 200},
                                                         {"coordinator", 403},
                                                         {"coordinator,board", 200}}));
    WebClient c = s.signed_in("user", std::get<0>(roles));
    INFO(std::get<0>(roles));
    CHECK(c.get("/results/hearing-from").status == std::get<1>(roles));
    CHECK(c.get("/results/day-centre-feedback/about-you").status == std::get<1>(roles));
}
