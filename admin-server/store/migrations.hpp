#pragma once
// The admin database schema as numbered migrations (STYLE 18). PRAGMA
// user_version holds the schema version; apply_migrations brings any older
// database up to schema_version and refuses a newer one.
//
// The benchmark's raw-SQLite baseline builds the same schema with
// apply_migrations() and writes with submission_insert_sql, so the comparison
// measures the server, not a different table layout.

#include <string_view>

struct sqlite3;

namespace engage::store {

// Bump together with a new entry in migrations.cpp.
inline constexpr int schema_version = 4;

// Applies every migration above the database's user_version, each in its own
// transaction. Throws SqliteError on a database fault and std::runtime_error
// when the database is newer than this program. Returns the version reached.
// `target` stops earlier (tests build an old database with it).
int apply_migrations(sqlite3* db, int target = schema_version);

// Reads PRAGMA user_version.
int read_schema_version(sqlite3* db);

// The exact INSERT for one anonymous submission. Parameters: ?1 id, ?2 form
// slug, ?3 form version, ?4 site, ?5 date "YYYY-MM-DD", ?6 language, ?7
// canonical answers JSON, ?8 date received "YYYY-MM-DD". No row changed means
// the id was already stored: a duplicate.
inline constexpr std::string_view submission_insert_sql =
    "INSERT INTO submissions(id, form, version, site, date, language, answers, received_date) "
    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT(id) DO NOTHING";

// The same for a sealed peer-mentor sign-up: ?1 id, ?2 form, ?3 version, ?4
// site, ?5 date, ?6 sealed box (base64), ?7 date received.
inline constexpr std::string_view sealed_signup_insert_sql =
    "INSERT INTO sealed_signups(id, form, version, site, date, sealed, received_date) "
    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(id) DO NOTHING";

} // namespace engage::store
