// `engage-admin migrate-store` (issue 12): an installation on SQLite, with
// answers from two kiosks, sign-ups and staff, moved into an empty
// PostgreSQL database. The Board's report is byte for byte what it was, the
// sign-ups still open with the coordinators' passphrase, and a target that
// is not empty, or a folder a server holds, is refused with nothing copied.

#include "engage/coordinator_keyring.hpp"
#include "engage/date.hpp"
#include "engage/pg/connection.hpp"
#include "engage/sealing.hpp"
#include "server_fixture.hpp"
#include "support/pg_cluster.hpp"
#include "web_client.hpp"

#include <catch2/catch.hpp>

using namespace engage;
using namespace engage::test;

namespace {

std::string line(std::string_view s) {
    return std::string(s) + "\n";
}

} // namespace

TEST_CASE("an installation moves from SQLite to PostgreSQL with its reports unchanged",
          "[server][pg][migrate]") {
    TempDir data{"engage-migrate"};
    const Date today = today_utc();
    // The clock on the first day of next month: this month's results are closed.
    const Date next =
        today.month == 12 ? Date{today.year + 1, 1, 1} : Date{today.year, today.month + 1, 1};
    const std::int64_t clock = days_since_epoch(next) * 86400 + 10 * 3600;
    set_test_clock(data.path(), clock);
    add_web_user(data.path(), "bea", "board");
    std::optional<ServerProcess> server;
    server.emplace(data.path(), web_server_options(true));
    const Kiosk east = enrol_kiosk(server->port(), data.path(), "east");
    const Kiosk west = enrol_kiosk(server->port(), data.path(), "west");
    const auto content = fetch_content(server->port(), east.token);
    const FormVersion& fb = form_named(content, "day-centre-feedback");
    boost::json::array east_items;
    for (int i = 0; i < 23; ++i) {
        east_items.push_back(
            answered_item(fb, today, {{"safe", i < 3 ? "no" : "yes"}, {"trust", true}}));
    }
    REQUIRE(post_batch(server->port(), east.token, east_items).status == 200);
    boost::json::array west_items;
    for (int i = 0; i < 12; ++i) {
        west_items.push_back(
            answered_item(fb, today, {{"safe", "sometimes"}, {"trust", i % 3 == 0}}));
    }
    REQUIRE(post_batch(server->port(), west.token, west_items).status == 200);
    const FormVersion& signup = form_of_kind(content, FormKind::signup);
    boost::json::array sealed;
    for (int i = 0; i < 3; ++i) {
        const auto box = seal(
            R"({"sealed_payload_version": 1, "form": "peer-mentoring", "version": 1,)"
            R"( "language": "en", "answers": {"want": "find-mentor", "name": "Robin )" +
                std::to_string(i) + R"(", "contact": "phone", "contact-detail": "07700 900123"}})",
            content.coordinator_public_key);
        REQUIRE(box);
        sealed.push_back(sealed_item(signup, today, *box));
    }
    REQUIRE(post_batch(server->port(), east.token, sealed).status == 200);

    const std::string dir = data.path().string();
    auto report = [&dir](const std::string& format, std::vector<std::string> extra = {}) {
        std::vector<std::string> args{"report",      "--data", dir,
                                      "--test-mode", "--form", "day-centre-feedback",
                                      "--format",    format};
        args.insert(args.end(), extra.begin(), extra.end());
        const auto r = run_admin(args);
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
        return r.out;
    };
    const std::string csv = report("csv");
    const std::string json = report("json");
    const std::string html = report("html");
    const std::string east_csv = report("csv", {"--site", "east"});
    REQUIRE(csv.find("day-centre-feedback") != std::string::npos);

    const std::string uri = PgCluster::shared().create_database("moved");

    SECTION("refused while a server holds the folder, nothing copied") {
        const auto r = run_admin({"migrate-store", "--data", dir, "--to", uri});
        CHECK(r.exit_code == 1);
        CHECK(r.err.find("Stop the server first") != std::string::npos);
        auto c = pg::Connection::open(uri);
        CHECK(c.query("SELECT to_regclass('submissions') IS NULL").boolean(0, 0));
    }

    server->terminate();
    const auto moved =
        run_admin({"migrate-store", "--data", dir, "--to", uri}, {}, std::chrono::minutes(2));
    INFO(moved.out << moved.err);
    REQUIRE(moved.exit_code == 0);
    CHECK(moved.out.find("checksums verified") != std::string::npos);

    SECTION("the Board's report is byte for byte the same from PostgreSQL") {
        CHECK(report("csv", {"--store", uri}) == csv);
        CHECK(report("json", {"--store", uri}) == json);
        CHECK(report("html", {"--store", uri}) == html);
        CHECK(report("csv", {"--store", uri, "--site", "east"}) == east_csv);
    }
    SECTION("every row arrived, and the sign-ups open with the coordinators' passphrase") {
        auto c = pg::Connection::open(uri);
        CHECK(c.query("SELECT count(*) FROM submissions").integer(0, 0) == 35);
        CHECK(c.query("SELECT count(*) FROM sealed_signups").integer(0, 0) == 3);
        // Counted once: the trigger did not count the copied sign-ups again.
        CHECK(c.query("SELECT sum(received) FROM signup_counts").integer(0, 0) == 3);
        CHECK(c.query("SELECT count(*) FROM users WHERE name = 'bea'").integer(0, 0) == 1);
        const auto listed =
            run_admin({"signups", "--data", dir, "--store", uri, "list"}, line(sample_passphrase));
        INFO(listed.err);
        CHECK(listed.exit_code == 0);
        CHECK(listed.out.find("A first name or nickname we can use: Robin 2") != std::string::npos);
        CHECK(listed.out.find("3 sign-ups.") != std::string::npos);
    }
    SECTION("a target that is not empty is refused, nothing copied twice") {
        const auto again = run_admin({"migrate-store", "--data", dir, "--to", uri});
        CHECK(again.exit_code == 1);
        CHECK(again.err.find("is not empty") != std::string::npos);
        auto c = pg::Connection::open(uri);
        CHECK(c.query("SELECT count(*) FROM submissions").integer(0, 0) == 35);
    }
    SECTION("backup names pg_dump instead of copying a database it does not own") {
        const auto r = run_admin(
            {"backup", "--data", dir, "--store", uri, "--to", (data.path() / "copy").string()});
        CHECK(r.exit_code == 1);
        CHECK(r.err.find("pg_dump --format=custom") != std::string::npos);
    }
}
