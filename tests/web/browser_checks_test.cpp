// The web app in a real browser (issue 9, "Tests"): a real `engage-admin
// serve --sample`, a user per role made with `engage-admin add-user` as an
// operator would, and Debian's chromium signing each one in through /login
// and checking every page that role may see (check-pages.mjs: axe-core, reflow
// at 320 px and 200% zoom, keyboard focus, JavaScript off, screenshots under
// build/screenshots/web/). One test case per role so ctest names the role that
// fails and can run two at once.
//
// While a build has no web app yet (/login answers 404) each case says so
// with "engage-web-skip:", which CMake turns into a ctest skip; anything else
// that stops the checks from running is a failure.

#include "engage/date.hpp"
#include "engage/sqlite/database.hpp"
#include "engage/sqlite/statement.hpp"
#include "otpauth_line.hpp"
#include "support/admin_cli.hpp"
#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using namespace engage::test;
namespace fs = std::filesystem;

namespace {

// A role's whole run: chromium start, sign-in, every page at three sizes.
// Far above what it takes (tens of seconds) so only a hang trips it, on a
// 2-core machine that may be running other tests at the same time.
constexpr auto check_timeout = std::chrono::minutes(5);

const fs::path web_dir = fs::path(ENGAGE_SOURCE_DIR) / "tests" / "web";

// The `otpauth://totp/…` line add-user prints, or "" when it printed none
// (a role for which the second factor is optional).
std::string otpauth_line(const std::string& out) {
    std::istringstream lines(out);
    for (std::string line; std::getline(lines, line);) {
        if (line.rfind("otpauth://totp/", 0) == 0) {
            return line;
        }
    }
    return {};
}

void seed_month(const fs::path& data, int y, int m);

// Answers for the results pages (issue 10): counts as ingest keeps them, for
// last month (closed, so shown) at two sites, with 3 "no" at one of them so
// the pages show hidden numbers. The same again for the last month of the
// last closed quarter (when that is another month), so /reports has a
// quarter. Written beside the running server, as another process may (WAL).
void seed_results(const fs::path& data) {
    const engage::Date today = engage::today_utc();
    const int y = today.month == 1 ? today.year - 1 : today.year;
    const int m = today.month == 1 ? 12 : today.month - 1;
    const int quarter_start = (today.month - 1) / 3 * 3 + 1;
    const int qy = quarter_start == 1 ? today.year - 1 : today.year;
    const int qm = quarter_start == 1 ? 12 : quarter_start - 1;
    seed_month(data, y, m);
    if (qy != y || qm != m) {
        seed_month(data, qy, qm);
    }
}

void seed_month(const fs::path& data, int y, int m) {
    char month[32]; // room for any int year, so the format cannot truncate
    std::snprintf(month, sizeof month, "%04d-%02d", y, m);
    auto db = engage::sqlite::Database::open(
        data / "engage.db", engage::sqlite::OpenMode::read_write, engage::sqlite::server_pragmas);
    engage::sqlite::Statement item(db, "INSERT INTO item_counts VALUES('day-centre-feedback', 1, "
                                       "?1, ?2, ?3)");
    engage::sqlite::Statement answer(db, "INSERT INTO answer_counts VALUES('day-centre-feedback', "
                                         "1, ?1, ?2, ?3, ?4, ?5)");
    const struct {
        const char* site;
        std::int64_t yes, no;
    } sites[] = {{"east", 20, 3}, {"west", 15, 8}};
    // Free text (issue 10): 6 people answered it at east, 2 at west, and three
    // comments for the moderation pages (ids fixed so pages.json can name
    // them): one waiting, one approved (the Board reads it: east has 6), and
    // one with an open safeguarding concern at a sample site (the banner on
    // staff pages, the count on that site's page).
    for (const auto& [site, n] : {std::pair{"east", 6}, std::pair{"west", 2}}) {
        answer.bind(1, site).bind(2, month).bind(3, "anything-else").bind(4, "");
        answer.bind(5, std::int64_t{n});
        answer.run();
        answer.reset();
    }
    engage::sqlite::Statement comment(
        db, "INSERT OR IGNORE INTO comments(id, form, version, site, month, question, text, state, "
            "concern) "
            "VALUES(?1, 'day-centre-feedback', 1, ?2, ?3, 'anything-else', ?4, ?5, ?6)");
    const struct {
        const char *id, *site, *text, *state, *concern;
    } comments[] = {
        {"c0ffee00000000000000000000000001", "east",
         "The tea was cold on Tuesday and nobody listened when I said so. Call me on [removed].",
         "waiting", "none"},
        {"c0ffee00000000000000000000000002", "east",
         "Staff were kind to me. More evening opening, please.", "approved", "none"},
        {"c0ffee00000000000000000000000003", "example-day-centre",
         "I do not feel safe in the dorm at night since the new rota.", "waiting", "open"},
    };
    for (const auto& c : comments) {
        comment.bind(1, c.id).bind(2, c.site).bind(3, month).bind(4, c.text).bind(5, c.state);
        comment.bind(6, c.concern);
        comment.run();
        comment.reset();
    }
    for (const auto& s : sites) {
        item.bind(1, s.site).bind(2, month).bind(3, s.yes + s.no);
        item.run();
        item.reset();
        const std::pair<const char*, std::int64_t> cells[] = {
            {"", s.yes + s.no}, {"yes", s.yes}, {"no", s.no}};
        for (const auto& [a, n] : cells) {
            answer.bind(1, s.site).bind(2, month).bind(3, "safe").bind(4, a).bind(5, n);
            answer.run();
            answer.reset();
        }
    }
}

// A Board decision for the decision pages (issue 10): a service change at
// east, in progress, drawn from the results seeded above, with two updates.
void seed_decision(const fs::path& data) {
    auto db = engage::sqlite::Database::open(
        data / "engage.db", engage::sqlite::OpenMode::read_write, engage::sqlite::server_pragmas);
    db.exec("INSERT INTO decisions(id, title, decided, results, sites, status, service_change, "
            "you_said, we_did, recorded_date) VALUES(1, 'Feeling safe at east', "
            "'Ask east to add a second worker on the door in the evenings.', "
            "'[\"/results/day-centre-feedback?site=east\"]', '[\"east\"]', 'in_progress', 1, "
            "'Some of you do not feel safe in the evenings.', "
            "'There are now two workers on the door after 6 pm.', '2026-11-02')");
    db.exec("INSERT INTO decision_updates(decision, date, status_from, status_to, note, by_user) "
            "VALUES(1, '2026-11-02', '', 'agreed', '', 'web-board'), "
            "(1, '2026-11-16', 'agreed', 'in_progress', 'Rota changed from Monday.', 'web-board')");
}

// Makes `user` with `roles` on the running server's data, then runs
// check-pages.mjs for them. Its output goes to build/screenshots/web/USER.txt
// beside the screenshots, and into the failure message.
void check_role(const std::string& user, const std::string& roles, bool sign_in_pages) {
    REQUIRE(fs::is_directory(web_dir / "node_modules" / "playwright-core"));
    REQUIRE(fs::is_directory(web_dir / "node_modules" / "axe-core"));
    REQUIRE(fs::exists(ENGAGE_CHROMIUM));

    TempDir data("engage-web-data");
    ServerProcess server(data.path());
    {
        HttpConnection http(server.port());
        const auto login = http.get("/login");
        REQUIRE(login);
        if (login->status == 404) {
            WARN("engage-web-skip: /login answers 404: this build has no web app yet, so there "
                 "are no pages to check");
            return;
        }
    }

    seed_results(data.path());
    seed_decision(data.path());
    // Long enough, not on the shipped list of common passwords, and without
    // the user's name in it.
    const std::string password = "tall ships pass the harbour lights 4f7Q";
    const auto made =
        run_admin({"add-user", "--data", data.path().string(), "--user", user, "--role", roles},
                  password + "\n");
    INFO("add-user printed:\n" << made.out << made.err);
    REQUIRE(made.exit_code == 0);
    const std::string otpauth = otpauth_line(made.out);

    const fs::path shots = ENGAGE_SCREENSHOT_DIR;
    fs::remove_all(shots / user); // no stale screenshots from an earlier run
    if (sign_in_pages) {
        fs::remove_all(shots / "signed-out");
    }
    std::vector<std::string> argv{ENGAGE_NODE,     (web_dir / "check-pages.mjs").string(),
                                  "--base",        server.url(),
                                  "--user",        user,
                                  "--roles",       roles,
                                  "--screenshots", shots.string(),
                                  "--chromium",    ENGAGE_CHROMIUM};
    if (!otpauth.empty()) {
        argv.insert(argv.end(), {"--otpauth", otpauth});
    }
    if (sign_in_pages) {
        argv.emplace_back("--sign-in-page");
    }
    const auto run = run_program(argv, password + "\n", check_timeout);
    fs::create_directories(shots);
    std::ofstream(shots / (user + ".txt")) << run.out << run.err;

    INFO("check-pages.mjs printed:\n" << run.out << run.err);
    INFO("server printed:\n" << server.output());
    CHECK(run.exit_code == 0);
}

} // namespace

TEST_CASE("the sign-in pages and every admin page pass the browser checks", "[web]") {
    check_role("web-admin", "admin", true);
}

TEST_CASE("every staff page passes the browser checks", "[web]") {
    check_role("web-staff", "staff", false);
}

TEST_CASE("every coordinator page passes the browser checks", "[web]") {
    check_role("web-coordinator", "coordinator", false);
}

TEST_CASE("every board page passes the browser checks", "[web]") {
    check_role("web-board", "board", false);
}

TEST_CASE("a person with several roles sees every page of each in the browser", "[web]") {
    check_role("web-admin-staff", "admin,staff", false);
}
