// engage_sqlite: one error model, checked binds and steps, a transaction
// guard that rolls back, migrations that refuse gaps and newer files, and the
// named pragma sets actually in force. Real files in temp dirs.

#include "engage/sqlite/database.hpp"
#include "engage/sqlite/error.hpp"
#include "engage/sqlite/migrations.hpp"
#include "engage/sqlite/statement.hpp"
#include "engage/sqlite/transaction.hpp"
#include "support/fault_vfs.hpp"
#include "support/temp_dir.hpp"

#include <array>
#include <catch2/catch.hpp>
#include <sqlite3.h>

using namespace engage;

namespace {

std::int64_t one_number(sqlite::Database& db, std::string_view sql) {
    sqlite::Statement st(db, sql);
    REQUIRE(st.step());
    return st.integer(0);
}

std::string one_text(sqlite::Database& db, std::string_view sql) {
    sqlite::Statement st(db, sql);
    REQUIRE(st.step());
    return st.text(0);
}

constexpr std::array<sqlite::Migration, 2> good_table{{
    {1, "CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT);"},
    {2, "ALTER TABLE t ADD COLUMN w TEXT;"},
}};
static_assert(sqlite::numbered_in_order(good_table));

constexpr std::array<sqlite::Migration, 2> gap_table{{
    {1, "CREATE TABLE t(id INTEGER PRIMARY KEY);"},
    {3, "ALTER TABLE t ADD COLUMN w TEXT;"},
}};
constexpr std::array<sqlite::Migration, 2> swapped_table{{
    {2, "ALTER TABLE t ADD COLUMN w TEXT;"},
    {1, "CREATE TABLE t(id INTEGER PRIMARY KEY);"},
}};
// What a static_assert at a table's definition rejects at compile time.
static_assert(!sqlite::numbered_in_order(gap_table));
static_assert(!sqlite::numbered_in_order(swapped_table));

} // namespace

TEST_CASE("the server and kiosk pragma sets are in force after open", "[sqlite]") {
    test::TempDir dir("engage-sqlite");
    const auto pragmas = GENERATE(sqlite::server_pragmas, sqlite::kiosk_pragmas);
    auto db = sqlite::Database::open(dir / "x.db", sqlite::OpenMode::create, pragmas);
    CHECK(one_text(db, "PRAGMA journal_mode") == "wal");
    CHECK(one_number(db, "PRAGMA synchronous") == 2); // FULL
    CHECK(one_number(db, "PRAGMA foreign_keys") == 1);
    CHECK(one_number(db, "PRAGMA secure_delete") == 1);
    CHECK(one_number(db, "PRAGMA busy_timeout") == pragmas.busy_timeout_ms);
    CHECK(one_number(db, "PRAGMA journal_size_limit") == pragmas.journal_size_limit);
}

TEST_CASE("every failure throws one error type with the primary and extended code", "[sqlite]") {
    test::TempDir dir("engage-sqlite");
    auto db =
        sqlite::Database::open(dir / "x.db", sqlite::OpenMode::create, sqlite::server_pragmas);
    db.exec("CREATE TABLE t(id TEXT PRIMARY KEY)");
    db.exec("INSERT INTO t VALUES('a')");
    SECTION("a constraint on step") {
        sqlite::Statement st(db, "INSERT INTO t VALUES(?1)");
        st.bind(1, "a");
        try {
            st.run();
            FAIL("a duplicate key was stored");
        } catch (const sqlite::Error& e) {
            CHECK(e.code() == SQLITE_CONSTRAINT);
            CHECK(e.extended() == SQLITE_CONSTRAINT_PRIMARYKEY);
            CHECK_FALSE(e.storage_unavailable());
            // The message never carries the bound value.
            CHECK(std::string(e.what()).find("'a'") == std::string::npos);
        }
    }
    SECTION("a bind to an index the statement does not have") {
        sqlite::Statement st(db, "INSERT INTO t VALUES(?1)");
        try {
            st.bind(2, "b");
            FAIL("a bind out of range was accepted");
        } catch (const sqlite::Error& e) {
            CHECK(e.code() == SQLITE_RANGE);
        }
    }
    SECTION("a statement that does not prepare") {
        CHECK_THROWS_AS(sqlite::Statement(db, "SELECT * FROM no_such_table"), sqlite::Error);
    }
    SECTION("a file that cannot be opened") {
        CHECK_THROWS_AS(sqlite::Database::open(dir / "missing" / "x.db", sqlite::OpenMode::create,
                                               sqlite::server_pragmas),
                        sqlite::Error);
    }
}

TEST_CASE("a transaction rolls back unless committed", "[sqlite]") {
    test::TempDir dir("engage-sqlite");
    auto db =
        sqlite::Database::open(dir / "x.db", sqlite::OpenMode::create, sqlite::server_pragmas);
    db.exec("CREATE TABLE t(v INTEGER)");
    SECTION("left without commit") {
        {
            sqlite::Transaction tx(db);
            db.exec("INSERT INTO t VALUES(1)");
        }
        CHECK(one_number(db, "SELECT count(*) FROM t") == 0);
    }
    SECTION("left by an exception") {
        try {
            sqlite::Transaction tx(db);
            db.exec("INSERT INTO t VALUES(1)");
            throw std::runtime_error("fault");
        } catch (const std::runtime_error&) {
        }
        CHECK(one_number(db, "SELECT count(*) FROM t") == 0);
    }
    SECTION("committed") {
        {
            sqlite::Transaction tx(db);
            db.exec("INSERT INTO t VALUES(1)");
            tx.commit();
        }
        CHECK(one_number(db, "SELECT count(*) FROM t") == 1);
    }
    // Either way the connection is usable: no transaction left open.
    sqlite::Transaction next(db);
    next.commit();
}

TEST_CASE("migrations run in order, each with its version bump, and refuse gaps and newer files",
          "[sqlite][migrations]") {
    test::TempDir dir("engage-sqlite");
    auto db =
        sqlite::Database::open(dir / "x.db", sqlite::OpenMode::create, sqlite::server_pragmas);
    SECTION("a new file reaches the last version; again changes nothing") {
        CHECK(sqlite::migrate(db, good_table) == 2);
        CHECK(sqlite::migrate(db, good_table) == 2);
        CHECK(sqlite::schema_version(db) == 2);
        db.exec("INSERT INTO t(v, w) VALUES('a', 'b')");
    }
    SECTION("a target stops early, and a later run continues") {
        CHECK(sqlite::migrate(db, good_table, 1) == 1);
        CHECK(sqlite::migrate(db, good_table) == 2);
    }
    SECTION("a failing step leaves the file at the version before it") {
        constexpr std::array<sqlite::Migration, 2> failing{{
            {1, "CREATE TABLE t(id INTEGER PRIMARY KEY);"},
            {2, "CREATE TABLE u(x); INSERT INTO no_such_table VALUES(1);"},
        }};
        CHECK_THROWS_AS(sqlite::migrate(db, failing), sqlite::Error);
        CHECK(sqlite::schema_version(db) == 1);
        // Step 2 left nothing: its first statement was rolled back with it.
        CHECK(one_number(db, "SELECT count(*) FROM sqlite_master WHERE name = 'u'") == 0);
    }
    SECTION("a misnumbered table fails loudly at start and changes nothing") {
        CHECK_THROWS_AS(sqlite::migrate(db, gap_table), std::logic_error);
        CHECK_THROWS_AS(sqlite::migrate(db, swapped_table), std::logic_error);
        CHECK(sqlite::schema_version(db) == 0);
    }
    SECTION("a newer file is refused and left as it is") {
        db.exec("PRAGMA user_version = 3");
        CHECK_THROWS_AS(sqlite::migrate(db, good_table), sqlite::NewerSchemaError);
        CHECK(sqlite::schema_version(db) == 3);
    }
}

TEST_CASE("a full or failing disk is a storage fault, the transaction leaves nothing, and the "
          "connection works once the disk does",
          "[sqlite][disk-full]") {
    test::TempDir dir("engage-sqlite");
    test::FaultVfs vfs("engage-fault-sqlite");
    auto db = sqlite::Database::open(dir / "x.db", sqlite::OpenMode::create, sqlite::server_pragmas,
                                     vfs.name());
    db.exec("CREATE TABLE t(v TEXT)");
    const auto [arm, full] = GENERATE(
        table<int, bool>({{0, true}, {SQLITE_IOERR_WRITE, false}, {SQLITE_IOERR_FSYNC, false}}));
    CAPTURE(arm);
    if (full) {
        vfs.full_after(0);
    } else if (arm == SQLITE_IOERR_FSYNC) {
        vfs.fail_syncs(arm);
    } else {
        vfs.fail_writes(arm);
    }
    try {
        sqlite::Transaction tx(db);
        sqlite::Statement st(db, "INSERT INTO t VALUES(?1)");
        st.bind(1, std::string(8000, 'x')); // more than a page: the WAL must grow
        st.run();
        tx.commit();
        FAIL("the write succeeded on a failing disk");
    } catch (const sqlite::Error& e) {
        CHECK(e.storage_unavailable());
        CHECK(e.storage_full() == full);
        if (!full) {
            CHECK(e.extended() == arm);
        }
    }
    vfs.heal();
    CHECK(one_number(db, "SELECT count(*) FROM t") == 0);
    db.exec("INSERT INTO t VALUES('after')");
    CHECK(one_number(db, "SELECT count(*) FROM t") == 1);
}
