// What PgStore does that SqliteStore has no counterpart for (the shared
// behaviour is tested on both engines in the other store tests): arrival
// evidence erased by the idle rewrite, a restarted database server, two
// servers on one database, the read-only schema check and pg_dump advice.

#include "engage/ids.hpp"
#include "engage/pg/connection.hpp"
#include "engage/pg/transaction.hpp"
#include "store/migrations.hpp"
#include "store/pg_insert_batch.hpp"
#include "store/pg_store.hpp"
#include "store/writer.hpp"
#include "support/pg_cluster.hpp"

#include <catch2/catch.hpp>
#include <chrono>
#include <future>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

using namespace engage;

namespace {

Submission anonymous(int n, std::string text = {}) {
    char id[40];
    std::snprintf(id, sizeof id, "0b8e6a2c-1234-4abc-8def-%012d", n);
    Submission item{.id = std::string(id),
                    .form = std::string("feedback"),
                    .version = 1,
                    .date = Date{2026, 11, 23},
                    .language = n % 2 == 0 ? std::string("en") : std::string("pl"),
                    .answers = {},
                    .sealed = std::nullopt,
                    .sealed_key_id = {}};
    item.answers.emplace("q", Answer{Choice(n % 3 == 0 ? "good" : "bad")});
    if (!text.empty()) {
        item.answers.emplace("t", Answer{FreeText{std::move(text)}});
    }
    return item;
}

Submission signup(int n) {
    char id[40];
    std::snprintf(id, sizeof id, "5e1f0000-0000-4000-8000-%012d", n);
    return Submission{.id = std::string(id),
                      .form = std::string("peer-mentoring"),
                      .version = 1,
                      .date = Date{2026, 11, 23},
                      .language = std::string("en"),
                      .answers = {},
                      .sealed = std::string("c2VhbGVk"),
                      .sealed_key_id = {}};
}

// Waits for `done` to hold; false after a generous bound (a loaded machine),
// never a timing claim.
template <class Pred>
bool eventually(Pred done) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (!done()) {
        if (std::chrono::steady_clock::now() > deadline) {
            return false;
        }
        std::this_thread::yield();
    }
    return true;
}

std::int64_t distinct_xmins(pg::Connection& c, const std::string& table) {
    return c.query("SELECT count(DISTINCT xmin::text) FROM " + table).integer(0, 0);
}

} // namespace

TEST_CASE("after the writer goes idle, rows from different commits share no arrival evidence",
          "[server-unit][store][pg][privacy]") {
    const auto uri = test::PgCluster::shared().create_database("unlink");
    auto s = store::PgStore::open(uri);
    auto look = pg::Connection::open(uri); // what someone with a copy of the database sees
    // 30 group commits of 1 to 4 items, some with a comment, a sign-up in
    // every fifth: arrival order is the items' numbers.
    std::vector<std::string> arrival;
    int n = 0;
    const auto write_batches = [&] {
        for (int batch = 0; batch < 30; ++batch) {
            s->write([&](store::WriteTransaction& tx) {
                for (int k = 0; k <= batch % 4; ++k) {
                    ++n;
                    const auto item = anonymous(n, n % 3 == 0 ? "words " + std::to_string(n) : "");
                    arrival.push_back(item.id);
                    REQUIRE(tx.insert_submission(item, "east", item.date));
                }
                if (batch % 5 == 0) {
                    REQUIRE(tx.insert_submission(signup(batch), "east", Date{2026, 11, 24}));
                }
            });
        }
    };
    write_batches();
    // The evidence is there before the rewrite: one xmin per group commit,
    // and physical order is arrival order.
    REQUIRE(distinct_xmins(look, "submissions") == 30);
    REQUIRE(look.query("SELECT id FROM submissions ORDER BY ctid LIMIT 1").string(0, 0) ==
            arrival.front());

    SECTION("the writer's idle checkpoint rewrites every ingest table at random") {
        store::Writer writer(*s, std::chrono::milliseconds(10));
        // One more batch through the writer, so it has something to be idle after.
        std::promise<store::WriteResult> done;
        const auto last = anonymous(++n);
        arrival.push_back(last.id);
        writer.submit(
            [&](store::WriteTransaction& tx) { tx.insert_submission(last, "east", last.date); },
            [&](store::WriteResult r) { done.set_value(r); });
        REQUIRE(done.get_future().get());
        REQUIRE(eventually([&] { return writer.checkpoints() >= 1; }));

        // One xmin for every row of every table ingest writes: which rows
        // came in one commit, and which commit came first, is gone.
        std::set<std::string> xmins;
        for (const auto& table : store::PgStore::shuffled_tables()) {
            INFO(table);
            const auto r = look.query("SELECT DISTINCT xmin::text FROM " + table);
            CHECK(r.rows() <= 1);
            for (int i = 0; i < r.rows(); ++i) {
                xmins.insert(r.string(i, 0));
            }
        }
        CHECK(xmins.size() == 1);
        // Physical order is random: in arrival order every neighbour pair
        // ascends; in random order about half do (91 items: 50% ± 5% for one
        // standard deviation).
        std::map<std::string, std::size_t> arrived_at;
        for (std::size_t i = 0; i < arrival.size(); ++i) {
            arrived_at[arrival[i]] = i;
        }
        const auto rows = look.query("SELECT id FROM submissions ORDER BY ctid");
        REQUIRE(static_cast<std::size_t>(rows.rows()) == arrival.size());
        std::size_t ascending = 0;
        for (int i = 1; i < rows.rows(); ++i) {
            ascending += arrived_at.at(rows.string(i, 0)) > arrived_at.at(rows.string(i - 1, 0));
        }
        const double share = static_cast<double>(ascending) / static_cast<double>(rows.rows() - 1);
        CAPTURE(share);
        CHECK(share > 0.25);
        CHECK(share < 0.75);
        // Nothing lost or counted twice by the rewrite.
        CHECK(s->status().submissions_total == static_cast<std::int64_t>(arrival.size()) + 6);
        CHECK(look.query("SELECT sum(count) FROM item_counts").integer(0, 0) ==
              static_cast<std::int64_t>(arrival.size()));
        CHECK(s->signup_month_counts().at(0).received == 6);
        CHECK(s->comments().waiting("", 1000).size() == static_cast<std::size_t>(n / 3));
    }
    SECTION("a store opened on the database rewrites it when its writer first goes idle") {
        // A server that stopped before it went idle left the evidence.
        s.reset();
        auto again = store::PgStore::open(uri);
        again->write([](store::WriteTransaction&) {}); // the writer's next batch, however small
        REQUIRE(again->checkpoint());
        CHECK(distinct_xmins(look, "submissions") == 1);
    }
}

TEST_CASE("a database server that stops answers writes with 503 and is reconnected when back",
          "[server-unit][store][pg][crash]") {
    test::PgCluster cluster; // its own: this test stops it
    const auto uri = cluster.create_database("restart");
    auto s = store::PgStore::open(uri);
    const auto write = [&](int n) {
        s->write([&](store::WriteTransaction& tx) {
            tx.insert_submission(anonymous(n), "east", Date{2026, 11, 23});
        });
    };
    write(1); // acknowledged: committed with synchronous_commit on
    cluster.stop_immediately();
    try {
        write(2);
        FAIL("a write to a stopped server succeeded");
    } catch (const store::StorageUnavailable& e) {
        CHECK_FALSE(e.full());
    }
    CHECK_THROWS(s->status()); // reads fail too, and do not hang
    cluster.start();
    write(2); // not acknowledged before, so sent again
    write(1); // a resend of an acknowledged one: a duplicate, stored once
    CHECK(s->status().submissions_total == 2);
    CHECK(s->answer_counts("feedback").size() > 0);
}

TEST_CASE("two servers on one database see one content version and one set of ids",
          "[server-unit][store][pg]") {
    const auto uri = test::PgCluster::shared().create_database("two");
    auto a = store::PgStore::open(uri);
    auto b = store::PgStore::open(uri); // migrations found done, version kept
    CHECK(a->load_content().version == b->load_content().version);
    std::vector<Submission> batch;
    for (int i = 0; i < 10; ++i) {
        batch.push_back(anonymous(i));
    }
    a->write([&](store::WriteTransaction& tx) {
        for (const auto& item : batch) {
            CHECK(tx.insert_submission(item, "east", item.date));
        }
    });
    // The kiosk did not hear the answer and sends the batch to the other server.
    b->write([&](store::WriteTransaction& tx) {
        for (const auto& item : batch) {
            CHECK_FALSE(tx.insert_submission(item, "east", item.date));
        }
    });
    CHECK(b->status().submissions_total == 10);
    HelpEntry help;
    help.id = "h1";
    help.name.by_language["en"] = "Emergency";
    b->replace_help_entries({help});
    CHECK(a->load_content().version == b->load_content().version);
    CHECK(a->load_content().help.size() == 1);
}

TEST_CASE("a read-only PostgreSQL store refuses a database that is not at this schema",
          "[server-unit][store][pg]") {
    const auto uri = test::PgCluster::shared().create_database("readonly");
    try {
        store::PgStore::open_read_only(uri);
        FAIL("an empty database was opened");
    } catch (const std::runtime_error& e) {
        CHECK(std::string(e.what()) == "the database is at schema 0, this program reads schema " +
                                           std::to_string(store::schema_version) +
                                           " (start `engage-admin serve` once to upgrade it)");
    }
    store::PgStore::open(uri);
    auto c = pg::Connection::open(uri);
    c.query("UPDATE engage_schema SET version = $1", std::int64_t{store::schema_version + 1});
    CHECK_THROWS_WITH(store::PgStore::open_read_only(uri),
                      Catch::Contains("(a newer engage-admin made it)"));
}

TEST_CASE("a backup on PostgreSQL gives the pg_dump command, without the password",
          "[server-unit][store][pg]") {
    // Trust authentication on the private socket ignores the password.
    const auto uri = test::PgCluster::shared().create_database("backup") + "&password=hunter2";
    auto s = store::PgStore::open(uri);
    try {
        s->backup_to("/var/backups/engage.dump");
        FAIL("a backup was made");
    } catch (const std::runtime_error& e) {
        const std::string message = e.what();
        CHECK_THAT(message, Catch::Contains("pg_dump --format=custom "
                                            "--file=/var/backups/engage.dump 'postgresql:///"));
        CHECK_THAT(message, !Catch::Contains("hunter2"));
        CHECK_THAT(message, !Catch::Contains("password"));
    }
}

TEST_CASE("ANALYZE keeps no sample of comments, sign-ups or answers in pg_statistic",
          "[server-unit][store][pg][privacy]") {
    const auto uri = test::PgCluster::shared().create_database("stats");
    auto s = store::PgStore::open(uri);
    s->write([&](store::WriteTransaction& tx) {
        for (int i = 0; i < 200; ++i) {
            tx.insert_submission(anonymous(i, "STATCANARY words " + std::to_string(i % 7)), "east",
                                 Date{2026, 11, 23});
            tx.insert_submission(signup(i), "east", Date{2026, 11, 23});
        }
    });
    auto c = pg::Connection::open(uri);
    c.exec("ANALYZE"); // as autovacuum would, any time
    const auto sampled = [&](std::string_view table, std::string_view column) {
        return c
            .query("SELECT count(*) FROM pg_stats WHERE tablename = $1 AND attname = $2", table,
                   column)
            .integer(0, 0);
    };
    CHECK(sampled("comments", "month") == 1); // the check can see a sampled column
    CHECK(sampled("comments", "text") == 0);
    CHECK(sampled("comments", "response") == 0);
    CHECK(sampled("sealed_signups", "id") == 0);
    CHECK(sampled("sealed_signups", "sealed") == 0);
    CHECK(sampled("submissions", "answers") == 0);
    CHECK(c.query("SELECT count(*) FROM pg_stats WHERE most_common_vals::text LIKE "
                  "'%STATCANARY%' OR histogram_bounds::text LIKE '%STATCANARY%'")
              .integer(0, 0) == 0);
}

TEST_CASE("a rejected comment's VACUUM waits for another session's report, then runs",
          "[server-unit][store][pg][comments][privacy]") {
    const auto uri = test::PgCluster::shared().create_database("vacuum");
    auto s = store::PgStore::open(uri);
    s->write([&](store::WriteTransaction& tx) {
        tx.insert_submission(anonymous(1, "LOCKCANARY words"), "east", Date{2026, 11, 23});
    });
    REQUIRE(s->checkpoint());
    const auto id = s->comments().waiting("", 10).at(0).id;
    auto report = pg::Connection::open(uri); // a long report on another server
    auto stored = [&] {
        auto c = pg::Connection::open(uri);
        c.exec("CHECKPOINT");
        // The words in the comments table's current file, or in a dead
        // row version of it, as a scan of the file would find them.
        return c.query("SELECT count(*) FROM comments WHERE text LIKE '%LOCKCANARY%'")
                   .integer(0, 0) +
               c.query("SELECT count(*) FROM generate_series(0, pg_relation_size('comments') / "
                       "current_setting('block_size')::bigint - 1) AS page, "
                       "heap_page_items(get_raw_page('comments', page::int)) "
                       "WHERE t_data IS NOT NULL AND position('LOCKCANARY'::bytea in t_data) > 0")
                   .integer(0, 0);
    };
    {
        auto probe = pg::Connection::open(uri);
        probe.exec("CREATE EXTENSION IF NOT EXISTS pageinspect");
    }
    REQUIRE(stored() == 2); // the live row, seen twice: as a row and on its page
    pg::Transaction reading(report, pg::Transaction::Isolation::repeatable_read);
    report.query("SELECT count(*) FROM comments");

    REQUIRE(s->comments().reject(id)); // deleted at once; its VACUUM gives way
    CHECK_FALSE(s->comments().find(id));
    CHECK_FALSE(s->checkpoint()); // still held: not yet gone from the file
    CHECK(stored() == 1);         // the dead version is still on the page
    reading.commit();
    CHECK(s->checkpoint());
    CHECK(stored() == 0);
}

TEST_CASE("an insert batch past PostgreSQL's parameter limit goes in several statements and "
          "returns every id",
          "[server-unit][pg]") {
    const auto uri = test::PgCluster::shared().create_database("batch");
    auto c = pg::Connection::open(uri);
    c.exec("CREATE TABLE a (id text PRIMARY KEY, x text, y text, z text, w text, v text, u text);"
           "CREATE TABLE b (id text PRIMARY KEY)");
    c.exec("INSERT INTO a(id, x, y, z, w, v, u) VALUES ('0', '', '', '', '', '', '')");
    // 7 columns per row: 12,000 rows are 84,000 parameters, more than one
    // statement may carry.
    std::vector<std::string> rows;
    for (int i = 0; i < 12000; ++i) {
        rows.push_back(std::to_string(i));
    }
    std::set<std::string> returned;
    int statements = 0;
    pg::Transaction tx(c);
    store::InsertBatch batch(c, [&](const pg::Result& r) {
        ++statements;
        for (int i = 0; i < r.rows(); ++i) {
            returned.insert(r.string(i, 0));
        }
    });
    const auto seven = [](pg::Params& p, const std::string& id) {
        p.add(id).add("x").add("y").add("z").add("w").add("v").add("u");
    };
    batch.insert("INSERT INTO a(id, x, y, z, w, v, u) VALUES ",
                 " ON CONFLICT(id) DO NOTHING RETURNING id", 7, rows, seven, true);
    batch.insert(
        "INSERT INTO b(id) VALUES ", " RETURNING 'b' || id", 1, std::vector<std::string>{"1", "2"},
        [](pg::Params& p, const std::string& id) { p.add(id); }, true);
    batch.send();
    tx.commit();
    CHECK(statements == 2);
    CHECK(returned.size() == 11999 + 2); // "0" was there already
    CHECK(returned.count("0") == 0);
    CHECK(returned.count("11999") == 1);
    CHECK(returned.count("b2") == 1);
    CHECK(c.query("SELECT count(*) FROM a").integer(0, 0) == 12000);
    CHECK(c.query("SELECT count(*) FROM b").integer(0, 0) == 2);
}
