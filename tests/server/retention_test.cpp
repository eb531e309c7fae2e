// The retention period on the real `engage-admin serve` (issue 8): per-item
// anonymous rows older than --retention-months are deleted at start (and
// daily), their counts stay, and the deleted text leaves the data folder.
#include "engage/sqlite/database.hpp"
#include "engage/sqlite/statement.hpp"
#include "server_fixture.hpp"

#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

using namespace engage;
using namespace engage::test;

namespace {

// Polls the server's output for `line`; false after a generous bound (a cold
// start on a loaded machine), never a timing claim.
bool wait_for_output(const ServerProcess& server, std::string_view line) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (server.output().find(line) == std::string::npos) {
        if (std::chrono::steady_clock::now() > deadline) {
            return false;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return true;
}

std::int64_t single_integer(sqlite::Database& db, const std::string& sql) {
    sqlite::Statement st(db, sql);
    REQUIRE(st.step());
    return st.integer(0);
}

} // namespace

TEST_CASE("serve refuses a retention period outside 1 to 120 months with exit 2",
          "[server][retention]") {
    const auto months = GENERATE(as<std::string>{}, "0", "121", "-1", "two", "");
    TempDir data("engage-data");
    const auto r = run_admin({"serve", "--data", data.path().string(), "--listen", "127.0.0.1:0",
                              "--retention-months", months},
                             {}, std::chrono::seconds(10));
    INFO("months '" << months << "' stdout: " << r.out << "\nstderr: " << r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("--retention-months") != std::string::npos);
    CHECK(r.out.find("listening on") == std::string::npos);
}

TEST_CASE("serve deletes answers older than the retention period at start and keeps their counts",
          "[server][retention][privacy]") {
    TestServer s;
    const auto& feedback = form_of_kind(s.content, FormKind::feedback);
    const std::string old_text = "OLDCANARY serve sweep";
    auto old_item = anonymous_item(feedback, today());
    old_item["answers"].as_object()["anything-else"] = old_text;
    const std::string old_id(old_item.at("id").as_string());
    const auto new_item = anonymous_item(feedback, today());
    const std::string new_id(new_item.at("id").as_string());
    const auto reply = post_batch(s.port(), s.kiosk.token, boost::json::array{old_item, new_item});
    REQUIRE(reply.status == 200);
    for (const auto& r : results_of(reply)) {
        REQUIRE(r.status == "accepted");
    }
    REQUIRE(s.server.terminate().code == 0);

    // Age one answer as if it had been given in January 2001, long before
    // any retention period, by rewriting its month in place.
    const auto db_path = s.data.path() / "engage.db";
    {
        auto db =
            sqlite::Database::open(db_path, sqlite::OpenMode::read_write, sqlite::server_pragmas);
        sqlite::Statement age(db, "UPDATE submissions SET month = '2001-01' WHERE id = ?1");
        age.bind(1, old_id);
        age.run();
        REQUIRE(db.changes() == 1);
        // Its free text is a comment of its own (migration 10), which no
        // column links to the item: aged by its words.
        sqlite::Statement age_comment(db, "UPDATE comments SET month = '2001-01' WHERE text = ?1");
        age_comment.bind(1, old_text);
        age_comment.run();
        REQUIRE(db.changes() == 1);
    }
    REQUIRE(read_file(db_path).find(old_text) != std::string::npos);

    ServerProcess again(s.data.path(), ServerOptions{.extra_args = {"--retention-months", "24"}});
    INFO(again.output());
    REQUIRE(wait_for_output(again, "retention: deleted the answers given before "));
    REQUIRE(again.terminate().code == 0);

    auto db = sqlite::Database::open(db_path, sqlite::OpenMode::read_only,
                                     sqlite::Pragmas{.busy_timeout_ms = 5000});
    CHECK(single_integer(db, "SELECT count(*) FROM submissions WHERE id = '" + old_id + "'") == 0);
    CHECK(single_integer(db, "SELECT count(*) FROM submissions WHERE id = '" + new_id + "'") == 1);
    // Both stay counted: results outlive the rows.
    CHECK(single_integer(db, "SELECT sum(count) FROM item_counts") == 2);
    CHECK(single_integer(db, "SELECT count FROM answer_counts WHERE question = 'anything-else' "
                             "AND answer = ''") == 2);
    // The deleted text is gone from the folder, not just unlisted.
    const auto bytes = read_file(db_path) + read_file(s.data.path() / "engage.db-wal");
    CHECK(bytes.find(old_text) == std::string::npos);
    // The log says that it happened, never how many.
    CHECK(again.output().find("retention: deleted the answers given before ") != std::string::npos);
}
