// The PostgreSQL schema (store/pg_migrations.hpp) on a private cluster.

#include "engage/pg/connection.hpp"
#include "engage/sqlite/error.hpp"
#include "store/migrations.hpp"
#include "store/pg_migrations.hpp"
#include "support/pg_cluster.hpp"

#include <catch2/catch.hpp>
#include <future>

using namespace engage;

TEST_CASE("the PostgreSQL schema is made once, at the SQLite schema's version", "[pg][store]") {
    const auto uri = test::PgCluster::shared().create_database("schema");
    auto c = pg::Connection::open(uri);
    CHECK(store::read_pg_schema_version(c) == 0);
    CHECK(store::apply_pg_migrations(c) == store::schema_version);
    CHECK(store::apply_pg_migrations(c) == store::schema_version); // nothing to do
    CHECK(store::read_pg_schema_version(c) == store::schema_version);
    CHECK(c.query("SELECT count(*) FROM engage_schema").integer(0, 0) == 1);
    // The same tables as SQLite's schema, e.g. the sign-up counting trigger.
    c.query("INSERT INTO sealed_signups(id, form, version, site, date, sealed, received_date) "
            "VALUES('s1', 'f', 1, 'east', '2026-11-02', 'x', '2026-11-03')");
    c.query("UPDATE sealed_signups SET handled_date = '2026-12-01' WHERE id = 's1'");
    c.query("UPDATE sealed_signups SET handled_date = '2026-12-05' WHERE id = 's1'");
    const auto counts =
        c.query("SELECT month, received, handled FROM signup_counts ORDER BY month");
    REQUIRE(counts.rows() == 2);
    CHECK(counts.string(0, 0) == "2026-11");
    CHECK(counts.integer(0, 1) == 1);
    CHECK(counts.integer(1, 2) == 1); // handled once, whatever the later edits
}

TEST_CASE("two servers starting together make the schema once", "[pg][store]") {
    const auto uri = test::PgCluster::shared().create_database("race");
    auto start = [&uri] {
        auto c = pg::Connection::open(uri);
        return store::apply_pg_migrations(c);
    };
    auto a = std::async(std::launch::async, start);
    auto b = std::async(std::launch::async, start);
    CHECK(a.get() == store::schema_version);
    CHECK(b.get() == store::schema_version);
    auto c = pg::Connection::open(uri);
    CHECK(c.query("SELECT count(*) FROM engage_schema").integer(0, 0) == 1);
}

TEST_CASE("a PostgreSQL database newer than the program is refused", "[pg][store]") {
    const auto uri = test::PgCluster::shared().create_database("newer");
    auto c = pg::Connection::open(uri);
    store::apply_pg_migrations(c);
    c.query("UPDATE engage_schema SET version = $1", std::int64_t{store::schema_version + 1});
    CHECK_THROWS_AS(store::apply_pg_migrations(c), sqlite::NewerSchemaError);
}
