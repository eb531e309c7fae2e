// Exports, `engage-admin report` and the quarterly report (issue 10) on the
// real program: answers sent by two enrolled kiosks, a quarter closed by
// the web app's test clock. The CSV is RFC 4180 (read back by a strict
// parser here), the command line prints byte for byte what the web export
// gives for the same filters and clock, no count from 1 to k-1 appears in
// any view, export or report of a dataset built to tempt one out, and only
// board, staff and admin open the new pages.

#include "engage/date.hpp"
#include "engage/sealing.hpp"
#include "engage/sqlite/database.hpp"
#include "server_fixture.hpp"
#include "support/admin_cli.hpp"
#include "web/render.hpp"
#include "web/results_table.hpp"
#include "web_client.hpp"

#include <boost/json.hpp>
#include <catch2/catch.hpp>
#include <optional>
#include <regex>
#include <string>
#include <vector>

using namespace engage;
using namespace engage::test;

namespace {

constexpr std::string_view feedback = "day-centre-feedback";
constexpr std::string_view poll = "ebe-poll-winter";

bool contains(const std::string& text, std::string_view part) {
    return text.find(part) != std::string::npos;
}

// RFC 4180 read strictly: records end in CRLF, a field is quoted or plain,
// a quoted field may hold commas, CRLF and doubled quotes, nothing else
// may follow a closing quote. nullopt when the text breaks a rule.
std::optional<std::vector<std::vector<std::string>>> parse_csv(std::string_view text) {
    std::vector<std::vector<std::string>> records;
    std::vector<std::string> record;
    std::string fieldtext;
    std::size_t i = 0;
    while (i < text.size()) {
        if (text[i] == '"') {
            ++i;
            for (;;) {
                if (i >= text.size()) {
                    return std::nullopt; // unterminated quote
                }
                if (text[i] == '"') {
                    if (i + 1 < text.size() && text[i + 1] == '"') {
                        fieldtext += '"';
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                fieldtext += text[i++];
            }
        } else {
            while (i < text.size() && text[i] != ',' && text[i] != '\r' && text[i] != '\n') {
                if (text[i] == '"') {
                    return std::nullopt; // a quote inside a plain field
                }
                fieldtext += text[i++];
            }
        }
        record.push_back(std::move(fieldtext));
        fieldtext.clear();
        if (i < text.size() && text[i] == ',') {
            ++i;
            continue;
        }
        if (text.substr(i, 2) != "\r\n") {
            return std::nullopt; // a bare LF, or text after a closing quote
        }
        i += 2;
        records.push_back(std::move(record));
        record.clear();
    }
    if (!record.empty()) {
        return std::nullopt; // the last record lacks its CRLF
    }
    return records;
}

// Two sites; the numbers are chosen to tempt: 3 "no" at east, 4 people at
// west who do not trust a worker, a poll with 2 "not sure", 3 sign-ups.
struct ReportServer {
    TempDir data{"engage-reports"};
    std::optional<ServerProcess> server;
    Date today = today_utc();
    std::int64_t clock = 0; // the first day of next quarter, 10:00 UTC
    std::string quarter;
    std::string month;

    ReportServer() {
        const int next_q_month = ((today.month - 1) / 3 + 1) * 3 + 1; // 4, 7, 10 or 13
        const Date first =
            next_q_month > 12 ? Date{today.year + 1, 1, 1} : Date{today.year, next_q_month, 1};
        clock = days_since_epoch(first) * 86400 + 10 * 3600;
        month = to_string(today).substr(0, 7);
        quarter = results::quarter_of(month);
        set_test_clock(data.path(), clock);
        server.emplace(data.path(), web_server_options(true));
        const Kiosk east = enrol_kiosk(port(), data.path(), "east");
        const Kiosk west = enrol_kiosk(port(), data.path(), "west");
        const auto content = fetch_content(port(), east.token);
        const FormVersion& fb = form_named(content, feedback);
        const FormVersion& pl = form_named(content, poll);
        auto people = [&](int n, std::string_view safe, bool trust, boost::json::array& items) {
            for (int i = 0; i < n; ++i) {
                items.push_back(answered_item(fb, today, {{"safe", safe}, {"trust", trust}}));
            }
        };
        boost::json::array east_items;
        people(20, "yes", true, east_items);
        people(3, "no", true, east_items);
        REQUIRE(post_batch(port(), east.token, east_items).status == 200);
        boost::json::array west_items;
        people(15, "yes", true, west_items);
        people(8, "no", false, west_items);
        for (int i = 0; i < 4; ++i) { // 4 "no" to trust at west, total 12
            west_items.push_back(
                answered_item(fb, today, {{"safe", "sometimes"}, {"trust", false}}));
        }
        for (int i = 0; i < 9; ++i) {
            west_items.push_back(answered_item(pl, today, {{"open-earlier", "yes"}}));
        }
        for (int i = 0; i < 2; ++i) {
            west_items.push_back(answered_item(pl, today, {{"open-earlier", "not-sure"}}));
        }
        REQUIRE(post_batch(port(), west.token, west_items).status == 200);
        // Sign-ups in a batch of their own, as kiosks send them.
        const FormVersion& signup = form_of_kind(content, FormKind::signup);
        boost::json::array sealed;
        for (int i = 0; i < 3; ++i) {
            const auto box = seal(R"({"name": "test"})", content.coordinator_public_key);
            REQUIRE(box);
            sealed.push_back(sealed_item(signup, today, *box));
        }
        REQUIRE(post_batch(port(), east.token, sealed).status == 200);
    }
    std::uint16_t port() const { return server->port(); }
    WebClient signed_in(const std::string& name, const std::string& roles) {
        return signed_in_client(port(), add_web_user(data.path(), name, roles), clock);
    }
    CommandResult report(const std::vector<std::string>& extra) {
        std::vector<std::string> args{"report", "--data", data.path().string(), "--test-mode"};
        args.insert(args.end(), extra.begin(), extra.end());
        return run_admin(args);
    }
};

// Every number in a place that shows a count (table cells, definition
// values, chart labels, sentences, CSV and JSON counts), as text.
std::vector<std::string> shown_numbers_html(const std::string& html) {
    std::vector<std::string> out;
    static const std::regex places(
        R"(<td>([^<]*)</td>|<dd>([^<]*)</dd>|<text class="chart-value"[^>]*>([^<]*)</text>|<p class="sentence">([^<]*)</p>)");
    static const std::regex number(R"((\d+)(%?))");
    for (auto it = std::sregex_iterator(html.begin(), html.end(), places);
         it != std::sregex_iterator(); ++it) {
        std::string text;
        for (std::size_t g = 1; g < it->size(); ++g) {
            text += (*it)[g].str();
        }
        for (auto n = std::sregex_iterator(text.begin(), text.end(), number);
             n != std::sregex_iterator(); ++n) {
            if ((*n)[2].str().empty()) { // a share ("4%") is not a count of people
                out.push_back((*n)[1].str());
            }
        }
    }
    return out;
}

void check_no_small_number(const std::vector<std::string>& numbers, std::int64_t k,
                           const std::string& where) {
    for (const auto& n : numbers) {
        const long long v = std::stoll(n);
        INFO(where << ": " << n);
        // Years (the sentences name the period) are far above any k.
        CHECK((v == 0 || v >= k));
    }
}

} // namespace

TEST_CASE("a results CSV is RFC 4180 whatever the question text holds", "[web][reports][csv]") {
    const web::Renderer words("en");
    web::ResultsTable t;
    t.status = web::ResultsTable::Status::ok;
    t.slug = "tricky";
    t.k = 5;
    t.selection.period = "2026-11";
    t.selection.site = "east, \"old\" hall";
    results::QuestionView q;
    q.id = "q1";
    q.type = QuestionType::choice;
    q.text = "Was it \"good\", or bad?\r\nSay so,\nplease";
    q.answers.push_back({"yes", "Yes, \"very\"", results::Shown{12, false}});
    q.answers.push_back({"no", "No\nway", results::Shown{0, true}});
    q.total = results::Shown{0, true};
    t.questions.push_back(q);
    const std::string csv = web::results_csv(words, t);

    SECTION("every record parses back to the fields that went in") {
        const auto records = parse_csv(csv);
        REQUIRE(records);
        REQUIRE(records->size() == 4); // header, two answers, the total
        for (const auto& r : *records) {
            CHECK(r.size() == 10);
        }
        CHECK((*records)[0][0] == "form");
        CHECK((*records)[1][2] == "east, \"old\" hall");
        CHECK((*records)[1][5] == q.text);
        CHECK((*records)[1][7] == "Yes, \"very\"");
        CHECK((*records)[1][8] == "12");
        CHECK((*records)[2][7] == "No\nway");
    }
    SECTION("a hidden number is the words, never a number") {
        const auto records = parse_csv(csv);
        REQUIRE(records);
        CHECK((*records)[2][8] == "fewer than 5, or hidden");
        CHECK((*records)[3][8] == "fewer than 5, or hidden");
        CHECK((*records)[1][9] == "not shown"); // no share without the total
    }
    SECTION("lines end in CRLF, and the strict parser refuses what breaks the rules") {
        CHECK(csv.ends_with("\r\n"));
        CHECK_FALSE(parse_csv("\"a\",\"b\"\n"));
        CHECK_FALSE(parse_csv("\"a\"x,\"b\"\r\n"));
        CHECK_FALSE(parse_csv("a\"b\r\n"));
        CHECK_FALSE(parse_csv("\"a\r\n"));
    }
    SECTION("a file name keeps only letters, digits and hyphens") {
        CHECK(web::export_file_name(t, "csv") == "tricky-2026-11-east---old--hall.csv");
    }
}

TEST_CASE("the export, the command line and the quarterly report show what the page shows",
          "[server][web][reports]") {
    ReportServer s;
    WebClient board = s.signed_in("bea", "board");
    const std::string base = "/results/" + std::string(feedback) + "/export?format=";

    SECTION("the page links its CSV, which comes as an attachment with hidden cells as words") {
        const auto page =
            board.get("/results/" + std::string(feedback) + "?site=east&period=" + s.month);
        REQUIRE(page.status == 200);
        CHECK(contains(page.body, "Download this table (CSV)"));
        CHECK(contains(page.body, "/export?format=csv&amp;period=" + s.month + "&amp;site=east"));
        const auto r = board.get(base + "csv&site=east&period=" + s.month);
        REQUIRE(r.status == 200);
        CHECK(r.header("Content-Type").value_or("").starts_with("text/csv"));
        CHECK(r.header("Content-Disposition").value_or("") ==
              "attachment; filename=\"day-centre-feedback-" + s.month + "-east.csv\"");
        CHECK(r.header("Cache-Control").value_or("") == "no-store");
        const auto records = parse_csv(r.body);
        REQUIRE(records);
        bool saw_no = false;
        for (const auto& rec : *records) {
            REQUIRE(rec.size() == 10);
            if (rec[4] == "safe" && rec[6] == "no") {
                saw_no = true;
                CHECK(rec[8] == "fewer than 5, or hidden"); // east's 3 "no"
            }
        }
        CHECK(saw_no);
    }
    SECTION("the JSON export parses and hides the same cells as null") {
        const auto r = board.get(base + "json&site=east&period=" + s.month);
        REQUIRE(r.status == 200);
        const auto doc = boost::json::parse(r.body).as_object();
        CHECK(doc.at("suppression").at("k").as_int64() == 5);
        bool saw_no = false;
        for (const auto& q : doc.at("questions").as_array()) {
            for (const auto& a : q.at("answers").as_array()) {
                if (q.at("id") == "safe" && a.at("id") == "no") {
                    saw_no = true;
                    CHECK(a.at("count").is_null());
                    CHECK(a.at("shown") == "fewer than 5, or hidden");
                }
            }
        }
        CHECK(saw_no);
    }
    SECTION("a bad format or filter is refused, and no export exists for a sign-up form") {
        CHECK(board.get(base + "xml&period=" + s.month).status == 400);
        CHECK(board.get(base + "csv&period=1999-01").status == 400);
        CHECK(board.get(base + "csv&site=nowhere&period=" + s.month).status == 400);
        CHECK(board.get("/results/peer-mentoring/export?format=csv").status == 404);
    }
    SECTION("engage-admin report prints the web export byte for byte, while the server runs") {
        const std::vector<std::vector<std::string>> filters{
            {"--period", s.month},
            {"--site", "east", "--period", s.month},
            {"--site", "west", "--period", s.quarter},
            {"--period", s.quarter, "--version", "1"}};
        for (const auto& f : filters) {
            std::string query;
            for (std::size_t i = 0; i + 1 < f.size(); i += 2) {
                query += "&" + f[i].substr(2) + "=" + f[i + 1];
            }
            for (const std::string format : {"csv", "json"}) {
                std::vector<std::string> args{"--form", std::string(feedback), "--format", format};
                args.insert(args.end(), f.begin(), f.end());
                const auto cli = s.report(args);
                INFO(query << " " << format << "\n" << cli.err);
                REQUIRE(cli.exit_code == 0);
                const auto web = board.get(base + format + query);
                REQUIRE(web.status == 200);
                CHECK(cli.out == web.body);
            }
        }
        const auto html = s.report({"--form", std::string(feedback), "--format", "html", "--site",
                                    "east", "--period", s.month});
        REQUIRE(html.exit_code == 0);
        CHECK(contains(html.out, "fewer than 5, or hidden"));
    }
    SECTION("engage-admin report names the argument it cannot use") {
        const auto bad_period =
            s.report({"--form", std::string(feedback), "--format", "csv", "--period", "2026-13x"});
        CHECK(bad_period.exit_code == 2);
        CHECK(contains(bad_period.err, "--period"));
        const auto open_period =
            s.report({"--form", std::string(feedback), "--format", "csv", "--period", "2999-01"});
        CHECK(open_period.exit_code == 2);
        CHECK(contains(open_period.err, "--period 2999-01"));
        const auto site = s.report({"--form", std::string(feedback), "--format", "csv", "--site",
                                    "nowhere", "--period", s.month});
        CHECK(site.exit_code == 2);
        CHECK(contains(site.err, "--site nowhere"));
        const auto form = s.report({"--form", "peer-mentoring", "--format", "csv"});
        CHECK(form.exit_code == 2);
        CHECK(contains(form.err, "--form peer-mentoring"));
        const auto format = s.report({"--form", std::string(feedback), "--format", "pdf"});
        CHECK(format.exit_code == 2);
        CHECK(contains(format.err, "--format"));
        const auto k =
            s.report({"--form", std::string(feedback), "--format", "csv", "--suppression-k", "3"});
        CHECK(k.exit_code == 2);
        CHECK(contains(k.err, "--suppression-k"));
    }
    SECTION("the quarterly report: sentences first, headline measures, polls, sign-ups") {
        const auto list = board.get("/reports");
        REQUIRE(list.status == 200);
        CHECK(contains(list.body, "href=\"/reports/" + s.quarter + "\""));
        const auto r = board.get("/reports/" + s.quarter);
        INFO(r.body);
        REQUIRE(r.status == 200);
        CHECK(contains(r.body, "This report says what people told us"));
        // 50 people answered "safe" and "trust" (23 at east, 27 at west), but
        // each site's month holds a small count (3 "no" at east, 4
        // "sometimes" at west), and the joint suppression over a form's
        // questions hides a site's whole month with it, so no total of this
        // form may be shown: the sentence says so instead of a number.
        CHECK(contains(r.body, "people answered “Tell us about this"));
        CHECK_FALSE(contains(r.body, "At least 50 people answered"));
        CHECK(contains(r.body, "I feel safe here"));
        CHECK(contains(r.body, "I trust at least one worker here"));
        CHECK(contains(r.body, "Should the day centre open earlier at weekends?"));
        CHECK(contains(r.body, "Fewer than 5 people asked to talk to a peer mentor"));
        CHECK(contains(r.body, "The Board recorded or updated no decisions in this quarter."));
        CHECK_FALSE(contains(r.body, "test\"}")); // no sign-up is opened
        CHECK(board.get("/reports/1999-Q1").status == 404);
        CHECK(board.get("/reports/not-a-quarter").status == 404);
    }
    SECTION("the report's sign-up figures stay when the sign-ups are handled and deleted") {
        const auto handled_cell = [&] {
            const auto r = board.get("/reports/" + s.quarter);
            REQUIRE(r.status == 200);
            const std::string dt = "<dt>Sign-ups handled</dt><dd>";
            const auto at = r.body.find(dt);
            REQUIRE(at != std::string::npos);
            return r.body.substr(at + dt.size(), r.body.find("</dd>", at) - at - dt.size());
        };
        CHECK(handled_cell() == "0");
        {
            // As the coordinators' pages and the retention sweep do it, from
            // another connection: one handled, then every sign-up deleted.
            auto db = engage::sqlite::Database::open(
                s.data.path() / "engage.db", engage::sqlite::OpenMode::read_write,
                engage::sqlite::Pragmas{.busy_timeout_ms = 5000});
            db.exec("UPDATE sealed_signups SET handled_date = received_date "
                    "WHERE id = (SELECT min(id) FROM sealed_signups)");
            REQUIRE(db.changes() == 1);
            db.exec("DELETE FROM sealed_signups");
            REQUIRE(db.changes() == 3);
        }
        CHECK(handled_cell() == "fewer than 5, or hidden");
        const auto r = board.get("/reports/" + s.quarter);
        CHECK(contains(r.body, "Fewer than 5 people asked to talk to a peer mentor"));
    }
    SECTION("no count from 1 to 4 in any view, export or report of this data") {
        std::vector<std::string> periods{s.month, s.quarter};
        for (const std::string site : {"", "east", "west"}) {
            for (const auto& period : periods) {
                for (const std::string& slug : {std::string(feedback), std::string(poll)}) {
                    const std::string q = "?site=" + site + "&period=" + period;
                    const auto page = board.get("/results/" + slug + q);
                    if (page.status != 200) {
                        continue; // the poll has no answers at east
                    }
                    check_no_small_number(shown_numbers_html(page.body), 5, slug + q);
                    const auto csv =
                        parse_csv(board
                                      .get("/results/" + slug + "/export?format=csv&site=" + site +
                                           "&period=" + period)
                                      .body);
                    REQUIRE(csv);
                    std::vector<std::string> counts;
                    for (std::size_t i = 1; i < csv->size(); ++i) {
                        const auto& people = (*csv)[i][8];
                        if (people != "fewer than 5, or hidden") {
                            counts.push_back(people);
                        }
                    }
                    check_no_small_number(counts, 5, "csv " + slug + q);
                    const auto json = boost::json::parse(
                        board
                            .get("/results/" + slug + "/export?format=json&site=" + site +
                                 "&period=" + period)
                            .body);
                    std::vector<std::string> json_counts;
                    for (const auto& qv : json.at("questions").as_array()) {
                        for (const auto& a : qv.at("answers").as_array()) {
                            if (!a.at("count").is_null()) {
                                json_counts.push_back(std::to_string(a.at("count").as_int64()));
                            }
                        }
                        if (!qv.at("total").at("count").is_null()) {
                            json_counts.push_back(
                                std::to_string(qv.at("total").at("count").as_int64()));
                        }
                    }
                    check_no_small_number(json_counts, 5, "json " + slug + q);
                }
            }
        }
        const auto report = board.get("/reports/" + s.quarter);
        REQUIRE(report.status == 200);
        const auto numbers = shown_numbers_html(report.body);
        CHECK(numbers.size() > 10); // the scan sees the report's tables
        check_no_small_number(numbers, 5, "report");
    }
}

TEST_CASE("exports and reports open for board, staff and admin, never a coordinator alone",
          "[server][web][reports]") {
    ReportServer s;
    const auto roles = GENERATE(table<std::string, int>({{"board", 200},
                                                         {"staff", 200},
                                                         {"admin", 200},
                                                         {"coordinator", 403},
                                                         {"coordinator,board", 200}}));
    WebClient c = s.signed_in("user", std::get<0>(roles));
    INFO(std::get<0>(roles));
    CHECK(c.get("/reports").status == std::get<1>(roles));
    CHECK(c.get("/reports/" + s.quarter).status == std::get<1>(roles));
    CHECK(c.get("/results/day-centre-feedback/export?format=csv&period=" + s.month).status ==
          std::get<1>(roles));
    const bool nav = contains(c.get("/").body, "href=\"/reports\"");
    CHECK(nav == (std::get<1>(roles) == 200));
}
