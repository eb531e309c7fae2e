#include "store/migrations.hpp"

#include "store/sqlite.hpp"

#include <array>
#include <memory>
#include <sqlite3.h>
#include <stdexcept>
#include <string>

namespace engage::store {
namespace {

// Migration N takes the schema from version N-1 to N. Never edit a shipped
// entry; add a new one.
//
// Privacy (DESIGN §6): submissions keep the day only, never a time of day,
// never the kiosk, never an address. Tokens and enrolment codes are kept only
// as hashes; the coordinators' secret key only locked under a passphrase.
constexpr std::array<std::string_view, schema_version> migrations = {
    R"sql(
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE forms (
    slug    TEXT NOT NULL,
    version INTEGER NOT NULL,
    kind    TEXT NOT NULL,
    status  TEXT NOT NULL,
    json    TEXT NOT NULL,
    PRIMARY KEY (slug, version)
) WITHOUT ROWID;
CREATE TABLE help_entries (
    id       TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    json     TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE you_said_we_did (
    id       TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    json     TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE kiosk_settings (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    json TEXT NOT NULL
);
CREATE TABLE submissions (
    id            TEXT PRIMARY KEY,
    form          TEXT NOT NULL,
    version       INTEGER NOT NULL,
    site          TEXT NOT NULL,
    date          TEXT NOT NULL,
    language      TEXT NOT NULL,
    answers       TEXT NOT NULL,
    received_date TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX submissions_by_form ON submissions(form, version);
CREATE TABLE sealed_signups (
    id            TEXT PRIMARY KEY,
    form          TEXT NOT NULL,
    version       INTEGER NOT NULL,
    site          TEXT NOT NULL,
    date          TEXT NOT NULL,
    sealed        TEXT NOT NULL,
    received_date TEXT NOT NULL,
    handled_date  TEXT
) WITHOUT ROWID;
CREATE TABLE enrol_codes (
    code_hash  TEXT PRIMARY KEY,
    site       TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    used       INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE TABLE kiosks (
    id              TEXT PRIMARY KEY,
    site            TEXT NOT NULL,
    token_hash      TEXT NOT NULL UNIQUE,
    enrolled_date   TEXT NOT NULL,
    last_seen       INTEGER,
    app_version     TEXT NOT NULL DEFAULT '',
    outbox_depth    INTEGER NOT NULL DEFAULT 0,
    content_version TEXT NOT NULL DEFAULT '',
    last_sync_error TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
)sql",
    // 2: submissions become a rowid table with a separate unique index on id.
    // Kiosks' ids are random, so in the WITHOUT ROWID layout every item of a
    // group commit landed in a different leaf of the full-row b-tree and of
    // submissions_by_form (which carried the id too): about three 4 KiB WAL
    // pages per item, which made single-item ingest disk-bound. Now rows and
    // the by-form index append in arrival order and share pages; only the
    // small id index is touched at random.
    R"sql(
CREATE TABLE submissions_v2 (
    id            TEXT PRIMARY KEY NOT NULL,
    form          TEXT NOT NULL,
    version       INTEGER NOT NULL,
    site          TEXT NOT NULL,
    date          TEXT NOT NULL,
    language      TEXT NOT NULL,
    answers       TEXT NOT NULL,
    received_date TEXT NOT NULL
);
INSERT INTO submissions_v2(id, form, version, site, date, language, answers, received_date)
    SELECT id, form, version, site, date, language, answers, received_date FROM submissions;
DROP TABLE submissions;
ALTER TABLE submissions_v2 RENAME TO submissions;
CREATE INDEX submissions_by_form ON submissions(form, version);
)sql",
    // 3: reserved for the storage rework (branch "storage"), which brings its
    // own migration 3; this empty entry only keeps the numbering until the
    // two branches meet, and is replaced by that entry when they do.
    "",
    // 4: heartbeats keep the outbox as a band ("0", "1-4", "5+") and the age
    // of the oldest waiting item in days, never the exact depth: a copy of
    // the database or its WAL no longer counts visits per 5-minute window
    // (issue 8). Old rows keep their depth's band. DROP COLUMN rewrites the
    // table, so the exact depths do not stay in its pages.
    R"sql(
ALTER TABLE kiosks ADD COLUMN outbox_band TEXT NOT NULL DEFAULT '0';
ALTER TABLE kiosks ADD COLUMN oldest_item_days INTEGER;
UPDATE kiosks SET outbox_band = CASE WHEN outbox_depth <= 0 THEN '0'
                                     WHEN outbox_depth < 5 THEN '1-4'
                                     ELSE '5+' END;
ALTER TABLE kiosks DROP COLUMN outbox_depth;
)sql",
};

} // namespace

int read_schema_version(sqlite3* db) {
    sqlite3_stmt* raw = nullptr;
    check(db, sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &raw, nullptr));
    std::unique_ptr<sqlite3_stmt, StatementFinaliser> st(raw);
    int version = 0;
    if (check(db, sqlite3_step(st.get())) == SQLITE_ROW) {
        version = sqlite3_column_int(st.get(), 0);
    }
    return version;
}

int apply_migrations(sqlite3* db, int target) {
    if (target < 0 || target > schema_version)
        target = schema_version;
    // BEGIN IMMEDIATE takes the write lock before reading the version, so two
    // processes opening a new database cannot both apply migration 1.
    for (;;) {
        check(db, sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr));
        int version = 0;
        try {
            version = read_schema_version(db);
            if (version > schema_version) {
                throw std::runtime_error("the database has schema version " +
                                         std::to_string(version) + " but this program knows " +
                                         std::to_string(schema_version) + "; upgrade engage-admin");
            }
            if (version >= target) {
                check(db, sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr));
                return version;
            }
            const std::string sql(migrations[static_cast<std::size_t>(version)]);
            check(db, sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr));
            const std::string bump = "PRAGMA user_version = " + std::to_string(version + 1);
            check(db, sqlite3_exec(db, bump.c_str(), nullptr, nullptr, nullptr));
            check(db, sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr));
        } catch (...) {
            sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
            throw;
        }
    }
}

} // namespace engage::store
