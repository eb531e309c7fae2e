// engage_pg on a real PostgreSQL (a private cluster per test program,
// support/pg_cluster.hpp): parameters, NULLs, the error model, transactions,
// notifications, durability across an immediate stop.

#include "engage/pg/connection.hpp"
#include "engage/pg/error.hpp"
#include "engage/pg/transaction.hpp"
#include "support/pg_cluster.hpp"

#include <catch2/catch.hpp>
#include <poll.h>

using namespace engage;

namespace {

pg::Connection fresh(std::string_view prefix = "layer") {
    return pg::Connection::open(test::PgCluster::shared().create_database(prefix));
}

} // namespace

TEST_CASE("values are sent apart from the SQL and come back byte for byte", "[pg]") {
    auto c = fresh();
    c.exec("CREATE TABLE t(id bigint PRIMARY KEY, s text, n text)");
    const std::string awkward =
        "it's \"quoted\"; DROP TABLE t; -- \xd8\xb3\xd9\x84\xd8\xa7\xd9\x85";
    c.query("INSERT INTO t VALUES($1, $2, $3)", std::int64_t{7}, awkward, std::nullopt);
    const auto r = c.query("SELECT id, s, n FROM t");
    REQUIRE(r.rows() == 1);
    CHECK(r.integer(0, 0) == 7);
    CHECK(r.string(0, 1) == awkward);
    CHECK(r.is_null(0, 2));
    CHECK_THROWS_AS(r.integer(0, 1), pg::Error); // text is not read as 0
}

TEST_CASE("a duplicate key is a unique violation with its SQLSTATE", "[pg]") {
    auto c = fresh();
    c.exec("CREATE TABLE t(id text PRIMARY KEY)");
    c.query("INSERT INTO t VALUES($1)", "a");
    try {
        c.query("INSERT INTO t VALUES($1)", "a");
        FAIL("the second insert was accepted");
    } catch (const pg::Error& e) {
        CHECK(e.sqlstate() == "23505");
        CHECK(e.unique_violation());
        CHECK_FALSE(e.storage_unavailable());
        // The message names the constraint, never the key's value.
        CHECK(std::string(e.what()).find("t_pkey") != std::string::npos);
    }
    CHECK(c.query("INSERT INTO t VALUES($1) ON CONFLICT DO NOTHING", "a").affected() == 0);
}

TEST_CASE("a transaction not committed is rolled back", "[pg]") {
    auto c = fresh();
    c.exec("CREATE TABLE t(id text PRIMARY KEY)");
    {
        pg::Transaction tx(c);
        c.query("INSERT INTO t VALUES($1)", "gone");
    }
    {
        pg::Transaction tx(c);
        c.query("INSERT INTO t VALUES($1)", "kept");
        tx.commit();
    }
    const auto r = c.query("SELECT id FROM t");
    REQUIRE(r.rows() == 1);
    CHECK(r.text(0, 0) == "kept");
}

TEST_CASE("every connection commits synchronously whatever the database's default", "[pg]") {
    const auto uri = test::PgCluster::shared().create_database("sync");
    {
        auto admin = pg::Connection::open(uri);
        const auto name = admin.query("SELECT current_database()").string(0, 0);
        admin.exec("ALTER DATABASE " + pg::quote_identifier(name) +
                   " SET synchronous_commit = off");
    }
    auto c = pg::Connection::open(uri);
    CHECK(c.query("SHOW synchronous_commit").text(0, 0) == "on");
}

TEST_CASE("a connection that cannot be made says where, without the password", "[pg]") {
    const auto uri = "postgresql://engage:s3cret@/nowhere?host=" +
                     test::PgCluster::shared().socket_dir().string() + "/missing";
    try {
        (void)pg::Connection::open(uri);
        FAIL("connected to a folder with no server");
    } catch (const pg::Error& e) {
        const std::string what = e.what();
        CHECK(e.storage_unavailable());
        CHECK(what.find("s3cret") == std::string::npos);
        CHECK(what.find("engage:***@") != std::string::npos);
    }
    CHECK(pg::redact_conninfo("host=/x password=abc dbname=e") == "host=/x password=*** dbname=e");
    CHECK(pg::redact_conninfo("postgresql:///e?host=/x&password=abc") ==
          "postgresql:///e?host=/x&password=***");
}

TEST_CASE("a NOTIFY reaches a listening connection", "[pg]") {
    const auto uri = test::PgCluster::shared().create_database("notify");
    auto listener = pg::Connection::open(uri);
    auto sender = pg::Connection::open(uri);
    listener.exec("LISTEN engage_content");
    sender.query("SELECT pg_notify('engage_content', $1)", "v42");
    pollfd fd{listener.socket(), POLLIN, 0};
    REQUIRE(::poll(&fd, 1, 10'000) == 1);
    listener.read_input();
    const auto got = listener.notifications();
    REQUIRE(got.size() == 1);
    CHECK(got[0].channel == "engage_content");
    CHECK(got[0].payload == "v42");
}

TEST_CASE("a committed row survives an immediate stop of the server", "[pg][crash]") {
    test::PgCluster own; // not the shared one: this test stops it
    const auto uri = own.create_database("crash");
    {
        auto c = pg::Connection::open(uri);
        c.exec("CREATE TABLE t(id text PRIMARY KEY)");
        pg::Transaction tx(c);
        c.query("INSERT INTO t VALUES($1)", "acknowledged");
        tx.commit();
        own.stop_immediately();
        CHECK_THROWS_AS(c.query("SELECT 1"), pg::Error);
    }
    own.start();
    auto c = pg::Connection::open(uri);
    CHECK(c.query("SELECT count(*) FROM t WHERE id = $1", "acknowledged").integer(0, 0) == 1);
}
