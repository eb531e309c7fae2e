// bench-board: how long the server takes to answer the Board's main results
// page (GET /results/day-centre-feedback, all sites, the last closed month)
// with 1,000 and with 1,000,000 stored submissions, in one run. The page is
// answered by the real WebApp (session check, store read, results engine
// with joint suppression, templates) on the real SQLite store, in process,
// so the figure is server time without the network.
//
// Each size gets a fresh data folder with the sample forms. Submissions are
// stored as ingest leaves them: one row per item in `submissions` (a
// recursive CTE, so a million rows take seconds, not the minutes of real
// ingest) and the counts ingest keeps in the same transaction
// (item_counts, answer_counts), spread over 12 months and 6 sites. The
// results page reads only the counts, whose number of rows depends on
// sites x months x answers, not on how many people answered: that is the
// design (DESIGN §12) this measures.
#include "accounts/account_store.hpp"
#include "api/kiosk_auth.hpp"
#include "engage/ids.hpp"
#include "engage/sqlite/database.hpp"
#include "engage/sqlite/statement.hpp"
#include "sample/sample_content.hpp"
#include "store/sqlite_store.hpp"
#include "support/temp_dir.hpp"
#include "web/web_app.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <map>
#include <string>
#include <vector>

using namespace engage;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int sites = 6;
constexpr int months = 12;

struct Options {
    long small = 1'000;
    long large = 1'000'000;
    int runs = 21;
};

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

std::string month_of(int m) {
    char text[32]; // room for any int, so the format cannot truncate
    std::snprintf(text, sizeof text, "2026-%02d", m + 1);
    return text;
}

// Stores `n` submissions of the sample feedback form the way ingest does.
void fill(const std::filesystem::path& dir, long n) {
    auto db = sqlite::Database::open(dir / store::database_file_name, sqlite::OpenMode::read_write,
                                     sqlite::server_pragmas);
    db.exec("BEGIN");
    // Rows: random rowids as ingest makes them; the answers JSON is the same
    // for all (the page never reads it).
    sqlite::Statement rows(
        db, "WITH RECURSIVE i(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM i WHERE n + 1 < ?1) "
            "INSERT INTO submissions(rowid, id, form, version, site, month, answers, "
            "received_month) SELECT random(), printf('0b8e6a2c-1234-4abc-8def-%012d', n), "
            "'day-centre-feedback', 1, 'site-' || (n % 6), "
            "printf('2026-%02d', 1 + (n / 6) % 12), "
            "'{\"safe\":\"yes\",\"visit\":4,\"trust\":true,\"helped\":[\"food\"]}', '2027-01' "
            "FROM i");
    rows.bind(1, static_cast<std::int64_t>(n));
    rows.run();
    // Counts, per site and month: every answer of every counted question
    // gets a share, some of them small, so suppression has work to do.
    std::map<std::pair<int, int>, std::int64_t> items;
    for (long i = 0; i < n; ++i) {
        ++items[{static_cast<int>(i % sites), static_cast<int>((i / sites) % months)}];
    }
    sqlite::Statement item(db, "INSERT INTO item_counts(form, version, site, month, count) "
                               "VALUES('day-centre-feedback', 1, ?1, ?2, ?3)");
    sqlite::Statement answer(db, "INSERT INTO answer_counts(form, version, site, month, question, "
                                 "answer, count) VALUES('day-centre-feedback', 1, ?1, ?2, ?3, ?4, "
                                 "?5)");
    const std::vector<std::pair<std::string, std::vector<std::string>>> questions{
        {"visit", {"1", "2", "3", "4", "5"}},
        {"safe", {"yes", "sometimes", "no"}},
        {"trust", {"yes", "no"}},
        {"about-you-age",
         {"under-18", "18-24", "25-34", "35-44", "45-54", "55-64", "65-plus",
          "prefer-not-to-say"}}};
    for (const auto& [key, count] : items) {
        const std::string site = "site-" + std::to_string(key.first);
        const std::string month = month_of(key.second);
        item.bind(1, site).bind(2, month).bind(3, count);
        item.run();
        item.reset();
        for (const auto& [q, answers] : questions) {
            std::int64_t left = count;
            answer.bind(1, site).bind(2, month).bind(3, q).bind(4, "").bind(5, count);
            answer.run();
            answer.reset();
            for (std::size_t a = 0; a < answers.size(); ++a) {
                // Halve what is left each time; the last takes the rest.
                const std::int64_t c = a + 1 == answers.size() ? left : left / 2;
                left -= c;
                answer.bind(1, site).bind(2, month).bind(3, q).bind(4, answers[a]).bind(5, c);
                answer.run();
                answer.reset();
            }
        }
    }
    db.exec("COMMIT");
}

// Median server time of the results page, in milliseconds.
double measure(long n, int runs) {
    test::TempDir dir("engage-bench-board");
    auto store = store::SqliteStore::open(dir.path());
    store::ContentSet sample;
    std::string error;
    if (!sample::load_sample_content(sample, error)) {
        std::fprintf(stderr, "sample content: %s\n", error.c_str());
        std::exit(1);
    }
    store->add_content(sample);
    const auto fill_start = Clock::now();
    fill(dir.path(), n);
    const double fill_s = std::chrono::duration<double>(Clock::now() - fill_start).count();

    // The web app reads the system clock: the page shows the months of 2026
    // already over (all of them from 2027 on).
    const std::int64_t now = static_cast<std::int64_t>(std::time(nullptr));
    auto users = accounts::AccountStore::open(dir.path());
    accounts::User board;
    board.name = "bea";
    board.password_hash = "unused: the bench signs in by making a session";
    board.roles.add(accounts::Role::board);
    board.created = now;
    users->add_user(board, {});
    const std::string session = random_token();
    users->add_session(hash_secret(session), "bea", now, "csrf");

    api::KioskAuth kiosks(*store);
    web::WebApp app(*users, web::WebOptions{}, *store, kiosks);
    api::Request request;
    request.method = "GET";
    request.target = "/results/day-centre-feedback";
    request.cookie = std::string(web::session_cookie) + "=" + session;
    std::vector<double> ms;
    std::size_t bytes = 0;
    for (int i = 0; i <= runs; ++i) {
        const auto start = Clock::now();
        const api::Response r = app.handle(request);
        const double took = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
        if (r.status != 200) {
            std::fprintf(stderr, "results page answered %d\n", r.status);
            std::exit(1);
        }
        bytes = r.body.size();
        if (i > 0) { // the first run warms SQLite's cache
            ms.push_back(took);
        }
    }
    std::printf("%9ld submissions: stored in %.1f s; results page median %.2f ms over %d runs "
                "(%zu bytes)\n",
                n, fill_s, median(ms), runs, bytes);
    return median(ms);
}

} // namespace

int main(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--quick") {
            o.large = 20'000;
            o.runs = 3;
        } else if (a == "--runs" && i + 1 < argc) {
            o.runs = std::max(1, std::atoi(argv[++i]));
        } else {
            std::fputs("usage: bench-board [--quick] [--runs N]\n"
                       "  --quick   1,000 and 20,000 submissions, 3 runs: a smoke test\n",
                       stderr);
            return 2;
        }
    }
    const double small = measure(o.small, o.runs);
    const double large = measure(o.large, o.runs);
    std::printf("ratio %ld / %ld submissions: %.2f (target <= 3)\n", o.large, o.small,
                large / small);
    return 0;
}
