// The Store on both engines (store_engines.hpp: one list, run on SQLite
// files and on the private PostgreSQL cluster), and SQLite's migrations on
// real files.
#include "engage/coordinator_keyring.hpp"
#include "engage/ids.hpp"
#include "engage/sealing.hpp"
#include "engage/sqlite/database.hpp"
#include "engage/sqlite/error.hpp"
#include "engage/sqlite/statement.hpp"
#include "store/migrations.hpp"
#include "store/sqlite_store.hpp"
#include "store_engines.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <sqlite3.h>
#include <sys/stat.h>

using namespace engage;

TEST_CASE("migrations bring a new database to schema_version and are idempotent",
          "[server-unit][store]") {
    test::TempDir dir("engage-unit");
    auto db = sqlite::Database::open(dir.path() / "x.db", sqlite::OpenMode::create,
                                     sqlite::server_pragmas);
    CHECK(store::read_schema_version(db) == 0);
    CHECK(store::apply_migrations(db) == store::schema_version);
    CHECK(store::apply_migrations(db) == store::schema_version);
    // The published INSERT works against the migrated schema.
    sqlite::Statement insert(db, store::submission_insert_sql);
    insert.bind(1, "id-1").bind(2, "f").bind(3, std::int64_t{1}).bind(4, "site");
    insert.bind(5, "2026-11").bind(6, "{}").bind(7, "2026-11");
    insert.run();
    CHECK(db.changes() == 1);
    insert.reset();
    insert.bind(1, "id-1").bind(2, "f").bind(3, std::int64_t{1}).bind(4, "site");
    insert.bind(5, "2026-11").bind(6, "{}").bind(7, "2026-11");
    insert.run();
    CHECK(db.changes() == 0); // a duplicate changes nothing
}

TEST_CASE("a database newer than this program is refused", "[server-unit][store]") {
    test::TempDir dir("engage-unit");
    auto db = sqlite::Database::open(dir.path() / "x.db", sqlite::OpenMode::create,
                                     sqlite::server_pragmas);
    db.exec("PRAGMA user_version = " + std::to_string(store::schema_version + 1));
    CHECK_THROWS_AS(store::apply_migrations(db), sqlite::NewerSchemaError);
    CHECK(store::read_schema_version(db) == store::schema_version + 1); // untouched
}

TEST_CASE("a store fault carries SQLite's extended code", "[server-unit][store]") {
    test::TempDir dir("engage-unit");
    auto db = sqlite::Database::open(dir.path() / "x.db", sqlite::OpenMode::create,
                                     sqlite::server_pragmas);
    db.exec("CREATE TABLE t (id TEXT PRIMARY KEY)");
    db.exec("INSERT INTO t VALUES ('a')");
    try {
        db.exec("INSERT INTO t VALUES ('a')");
        FAIL("a duplicate primary key was accepted");
    } catch (const sqlite::Error& e) {
        CHECK(e.code() == SQLITE_CONSTRAINT);
        CHECK(e.extended() == SQLITE_CONSTRAINT_PRIMARYKEY);
    }
}

TEST_CASE("a write that throws leaves nothing behind", "[server-unit][store][pg]") {
    const auto engine = GENERATE(test::Engine::sqlite, test::Engine::postgresql);
    INFO("engine: " << test::engine_name(engine));
    test::EngineStore s(engine);
    // Initialised, not assigned: GCC 12 -O3 warns falsely (-Wrestrict) on
    // assigning short literals to std::string members.
    const Submission item{.id = std::string("0b8e6a2c-1234-4abc-8def-0123456789ab"),
                          .form = std::string("feedback"),
                          .version = 1,
                          .date = Date{2026, 11, 23},
                          .language = std::string(),
                          .answers = {},
                          .sealed = std::nullopt,
                          .sealed_key_id = {}};
    CHECK_THROWS(s->write([&](store::WriteTransaction& tx) {
        tx.insert_submission(item, "site", item.date);
        throw std::runtime_error("fault after the insert");
    }));
    CHECK(s->status().submissions_total == 0);
    s->write([&](store::WriteTransaction& tx) { tx.insert_submission(item, "site", item.date); });
    CHECK(s->status().submissions_total == 1);
}

TEST_CASE("a new data dir is private", "[server-unit][store][privacy]") {
    test::TempDir dir("engage-unit");
    const auto data = dir.path() / "data";
    auto s = store::SqliteStore::open(data);
    struct stat st {};
    REQUIRE(::stat(data.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0700);
    // The passphrase is asked for, never made up and left beside the database.
    CHECK_FALSE(std::filesystem::exists(data / store::passphrase_file_name));
}

TEST_CASE("a new store has no coordinators' key until one is made",
          "[server-unit][store][privacy][coordinator-key][pg]") {
    const auto engine = GENERATE(test::Engine::sqlite, test::Engine::postgresql);
    INFO("engine: " << test::engine_name(engine));
    test::EngineStore s(engine);
    CHECK_FALSE(s->coordinator_keyring().has_value());
    CHECK(s->load_content().coordinator_public_key.empty());

    const auto ring = make_coordinator_keyring("unit passphrase", minimal_kdf_params());
    REQUIRE(s->create_coordinator_keyring(ring));
    CHECK(s->coordinator_keyring() == ring);
    const auto snap = s->load_content();
    CHECK(snap.coordinator_public_key == ring.current()->public_key);
    CHECK(snap.coordinator_key_id == ring.current()->key_id);
    CHECK(snap.coordinator_signing_key == ring.signing_public_key);
    CHECK(verify_box_key(snap.coordinator_public_key, snap.coordinator_key_signature,
                         snap.coordinator_signing_key));
    const auto box = seal("hello", snap.coordinator_public_key);
    REQUIRE(box);
    CHECK(unlock_keyring(*s->coordinator_keyring(), "unit passphrase")->open(*box, "") ==
          std::optional<std::string>("hello"));

    SECTION("a second first keyring is refused and changes nothing") {
        CHECK_FALSE(s->create_coordinator_keyring(
            make_coordinator_keyring("another passphrase", minimal_kdf_params())));
        CHECK(s->coordinator_keyring() == ring);
    }
    SECTION("opening again keeps the same keys and content version") {
        const auto version = snap.version;
        s.reopen();
        CHECK(s->coordinator_keyring() == ring);
        CHECK(s->load_content().version == version);
    }
    SECTION("a read-only store reads it and refuses every write") {
        const auto reader = s.open_read_only();
        CHECK(reader->coordinator_keyring() == ring);
        CHECK(reader->load_content().version == snap.version);
        CHECK(reader->status().schema_version == store::schema_version);
        store::Site east;
        east.slug = std::string("east");
        east.name = std::string("East");
        CHECK_THROWS(reader->put_site(east));
        CHECK(s->sites().empty());
    }
}

TEST_CASE("sign-ups record their key, and a rotation is new content",
          "[server-unit][store][coordinator-key][pg]") {
    const auto engine = GENERATE(test::Engine::sqlite, test::Engine::postgresql);
    INFO("engine: " << test::engine_name(engine));
    test::EngineStore s(engine);
    const auto ring = make_coordinator_keyring("unit passphrase", minimal_kdf_params());
    REQUIRE(s->create_coordinator_keyring(ring));
    const auto version = s->load_content().version;

    auto signup = [](std::string key_id) {
        Submission item;
        item.id = random_uuid_v4();
        item.form = "peer-mentoring";
        item.version = 1;
        item.date = Date{2026, 11, 23};
        item.sealed = *seal("x", make_sealing_keypair().public_key_b64);
        item.sealed_key_id = std::move(key_id);
        return item;
    };
    CHECK(s->sealed_signup_key_ids().empty());
    s->write([&](store::WriteTransaction& tx) {
        tx.insert_submission(signup(ring.current()->key_id), "site", Date{2026, 11, 23});
    });
    CHECK(s->sealed_signup_key_ids() == std::set<std::string>{ring.current()->key_id});
    s->write([&](store::WriteTransaction& tx) {
        tx.insert_submission(signup(""), "site", Date{2026, 11, 23});
    });
    CHECK(s->sealed_signup_key_ids() == std::set<std::string>{"", ring.current()->key_id});

    SECTION("a passphrase change keeps the content version") {
        auto unlocked = unlock_keyring(ring, "unit passphrase");
        REQUIRE(unlocked);
        s->replace_coordinator_keyring(
            unlocked->relock(ring, "new passphrase", minimal_kdf_params()));
        CHECK(s->load_content().version == version);
    }
    SECTION("a rotation changes the content version and the key content carries") {
        auto unlocked = unlock_keyring(ring, "unit passphrase");
        REQUIRE(unlocked);
        const auto rotated = unlocked->rotate(ring);
        s->replace_coordinator_keyring(rotated);
        const auto snap = s->load_content();
        CHECK(snap.version != version);
        CHECK(snap.coordinator_key_id == rotated.current()->key_id);
        CHECK(s->coordinator_keyring()->box_keys.size() == 2);

        SECTION("adopting unnamed sign-ups names them with the given key") {
            s->replace_coordinator_keyring(rotated, ring.current()->key_id);
            CHECK(s->sealed_signup_key_ids() == std::set<std::string>{ring.current()->key_id});
        }
    }
}

TEST_CASE("adding content changes the content version", "[server-unit][store][pg]") {
    const auto engine = GENERATE(test::Engine::sqlite, test::Engine::postgresql);
    INFO("engine: " << test::engine_name(engine));
    test::EngineStore s(engine);
    const auto before = s->load_content().version;
    CHECK(s->content_empty());
    store::ContentSet c;
    HelpEntry help;
    help.id = "h1";
    help.name.by_language["en"] = "Emergency";
    help.phone = "999";
    c.help.push_back(help);
    s->add_content(c);
    CHECK_FALSE(s->content_empty());
    CHECK(s->load_content().version != before);
    CHECK(s->load_content().help.size() == 1);
}

TEST_CASE("migrations 2 and 3 keep the submissions of a version 1 database, coarsened",
          "[server-unit][store][privacy]") {
    test::TempDir dir("engage-unit");
    auto db = sqlite::Database::open(dir.path() / "old.db", sqlite::OpenMode::create,
                                     sqlite::server_pragmas);
    REQUIRE(store::apply_migrations(db, 1) == 1);
    // The version 1 INSERT, as shipped then.
    sqlite::Statement insert_v1(
        db, "INSERT INTO submissions(id, form, version, site, date, language, answers, "
            "received_date) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    for (const char* id : {"kept", "also-kept"}) {
        insert_v1.reset();
        insert_v1.bind(1, id).bind(2, "f").bind(3, std::int64_t{1}).bind(4, "site");
        insert_v1.bind(5, "2026-11-20").bind(6, "pl").bind(7, R"({"q":1})").bind(8, "2026-11-21");
        insert_v1.run();
        REQUIRE(db.changes() == 1);
    }
    db.exec("INSERT INTO kiosks(id, site, token_hash, enrolled_date, last_seen) "
            "VALUES('k-1', 'site', 'hash', '2026-11-01', 1764500000)");

    CHECK(store::apply_migrations(db) == store::schema_version);
    sqlite::Statement row(db, "SELECT form, month, answers, received_month "
                              "FROM submissions WHERE id = 'kept'");
    REQUIRE(row.step());
    CHECK(row.text(0) == "f");
    CHECK(row.text(1) == "2026-11");
    CHECK(row.text(2) == R"({"q":1})");
    CHECK(row.text(3) == "2026-11");
    // The language survives only as a count, and the day nowhere.
    sqlite::Statement counts(db, "SELECT form, site, month, language, count FROM language_counts");
    REQUIRE(counts.step());
    CHECK(counts.text(3) == "pl");
    CHECK(counts.text(2) == "2026-11");
    CHECK(counts.integer(4) == 2);
    CHECK_FALSE(counts.step());
    sqlite::Statement kiosk(db, "SELECT last_seen_date FROM kiosks WHERE id = 'k-1'");
    REQUIRE(kiosk.step());
    CHECK(kiosk.text(0) == "2025-11-30"); // 1764500000 is 2025-11-30 10:53 UTC: the date only
    // Still idempotent by id after the rebuild.
    sqlite::Statement insert(db, store::submission_insert_sql);
    insert.bind(1, "kept").bind(2, "f").bind(3, std::int64_t{1}).bind(4, "site");
    insert.bind(5, "2026-11").bind(6, "{}").bind(7, "2026-11");
    insert.run();
    CHECK(db.changes() == 0);
}

TEST_CASE("migration 4 keeps only the band of each kiosk's last outbox depth",
          "[server-unit][store][heartbeat]") {
    test::TempDir dir("engage-unit");
    auto db = sqlite::Database::open(dir.path() / "old.db", sqlite::OpenMode::create,
                                     sqlite::server_pragmas);
    // Version 3 is the schema storage's migration 3 left: dates, not times.
    REQUIRE(store::apply_migrations(db, 3) == 3);
    db.exec("INSERT INTO kiosks(id, site, token_hash, enrolled_date, last_seen_date, "
            "app_version, outbox_depth, content_version, last_sync_error) VALUES "
            "('k-empty', 's', 'h1', '2026-11-01', '2026-11-20', '0.1.0', 0, 'c1', ''), "
            "('k-few', 's', 'h2', '2026-11-01', NULL, '', 3, '', ''), "
            "('k-many', 's', 'h3', '2026-11-01', '2026-11-29', '0.1.0', 12, 'c2', 'offline')");

    CHECK(store::apply_migrations(db) == store::schema_version);
    sqlite::Statement rows(db, "SELECT id, outbox_band, oldest_item_days FROM kiosks ORDER BY id");
    std::map<std::string, std::string> band;
    while (rows.step()) {
        CHECK(rows.is_null(2)); // never sent by an old kiosk
        band[rows.text(0)] = rows.text(1);
    }
    CHECK(band ==
          std::map<std::string, std::string>{{"k-empty", "0"}, {"k-few", "1-4"}, {"k-many", "5+"}});
    // The other columns come through the rebuild unchanged.
    sqlite::Statement many(db, "SELECT token_hash, enrolled_date, last_seen_date, app_version, "
                               "content_version, last_sync_error FROM kiosks WHERE id = 'k-many'");
    REQUIRE(many.step());
    CHECK(many.text(0) == "h3");
    CHECK(many.text(1) == "2026-11-01");
    CHECK(many.text(2) == "2026-11-29");
    CHECK(many.text(3) == "0.1.0");
    CHECK(many.text(4) == "c2");
    CHECK(many.text(5) == "offline");
    sqlite::Statement never_seen(db, "SELECT last_seen_date FROM kiosks WHERE id = 'k-few'");
    REQUIRE(never_seen.step());
    CHECK(never_seen.is_null(0));
    // The exact depth is gone from the table, not just unread.
    sqlite::Statement columns(db, "SELECT count(*) FROM pragma_table_info('kiosks') "
                                  "WHERE name = 'outbox_depth'");
    REQUIRE(columns.step());
    CHECK(columns.integer(0) == 0);
    // A token is still unique after the rebuild.
    CHECK_THROWS_AS(db.exec("INSERT INTO kiosks(id, site, token_hash, enrolled_date) "
                            "VALUES('k-copy', 's', 'h3', '2026-11-02')"),
                    sqlite::Error);
}

TEST_CASE("migration 8 turns every site string in use into a site open at all hours",
          "[server-unit][store][sites]") {
    test::TempDir dir("engage-unit");
    std::filesystem::create_directories(dir.path() / "data");
    {
        auto db = sqlite::Database::open(dir.path() / "data" / "engage.db",
                                         sqlite::OpenMode::create, sqlite::server_pragmas);
        REQUIRE(store::apply_migrations(db, 7) == 7);
        db.exec("INSERT INTO kiosks(id, site, token_hash, enrolled_date) "
                "VALUES('k-1', 'hub-north', 'h1', '2026-11-01')");
        db.exec("INSERT INTO enrol_codes(code_hash, site, expires_at) "
                "VALUES('c1', 'Day Centre', 1)");
        db.exec("INSERT INTO forms(slug, version, kind, status, json) VALUES('f', 1, 'poll', "
                "'draft', '{\"slug\":\"f\",\"sites\":[\"outreach\",\"hub-north\"]}')");
        db.exec("INSERT INTO item_counts(form, version, site, month, count) "
                "VALUES('f', 1, 'old-site', '2026-01', 3)");
        REQUIRE(store::apply_migrations(db) == store::schema_version);
    }
    auto s = store::SqliteStore::open(dir.path() / "data");
    const auto sites = s->sites();
    std::vector<std::string> slugs;
    for (const auto& site : sites) {
        slugs.push_back(site.slug);
        CHECK(site.name == site.slug);
        CHECK(site.address.empty());
        CHECK(site.hours.open_all_week());
        CHECK(site.languages.empty());
    }
    CHECK(slugs == std::vector<std::string>{"Day Centre", "hub-north", "old-site", "outreach"});
}

TEST_CASE("saving a site replaces it by slug and changes the content version",
          "[server-unit][store][sites][pg]") {
    const auto engine = GENERATE(test::Engine::sqlite, test::Engine::postgresql);
    INFO("engine: " << test::engine_name(engine));
    test::EngineStore s(engine);
    const auto before = s->load_content().version;
    store::Site site;
    site.slug = "hub-north";
    site.name = "Hub North";
    site.address = "1 High Street";
    std::string error;
    REQUIRE(site.hours.set_day(0, {{9 * 60, 17 * 60}}, error));
    site.languages = {"en", "pl"};
    s->put_site(site);
    const auto after = s->load_content();
    CHECK(after.version != before);
    REQUIRE(after.sites.size() == 1);
    CHECK(after.sites.front() == site);

    site.name = "Hub North (moved)";
    site.languages.clear();
    s->put_site(site);
    REQUIRE(s->sites().size() == 1);
    CHECK(s->sites().front() == site);
    CHECK(s->load_content().version != after.version);
    CHECK(s->known_sites(0) == std::vector<std::string>{"hub-north"});
}
