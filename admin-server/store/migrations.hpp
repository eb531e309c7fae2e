#pragma once
// The admin database schema as numbered migrations (STYLE 18), run by the
// engage_sqlite migrations runner: PRAGMA user_version holds the schema
// version; apply_migrations brings any older database up to schema_version,
// each step in its own transaction with its version bump, and refuses a newer
// one. Numbering is checked at compile time (static_assert in migrations.cpp).
//
// The benchmark's raw-SQLite baseline builds the same schema with
// apply_migrations() and writes with submission_insert_sql, so the comparison
// measures the server, not a different table layout.
//
// Thread safety: as the Database passed in (one thread at a time).

#include "engage/sqlite/database.hpp"

#include <string_view>

namespace engage::store {

// Bump together with a new entry in migrations.cpp.
inline constexpr int schema_version = 14;

// Applies every migration above the database's user_version, then, when a
// step asked for it (migration 10, after redacting stored text), VACUUMs the
// file and checkpoints the WAL with TRUNCATE, so the old bytes leave both
// files. Registers the SQL functions the steps call (engage_redact,
// engage_strip_free_text) on `db` first. Throws
// sqlite::Error on a database fault and sqlite::NewerSchemaError when the
// database is newer than this program. Returns the version reached. `target`
// stops earlier (tests build an old database with it).
int apply_migrations(sqlite::Database& db, int target = schema_version);

// Reads PRAGMA user_version.
int read_schema_version(sqlite::Database& db);

// The exact INSERT for one anonymous submission. Parameters: ?1 id, ?2 form
// slug, ?3 form version, ?4 site, ?5 month "YYYY-MM" (the kiosk's date,
// coarsened), ?6 canonical answers JSON, ?7 month received "YYYY-MM". The
// rowid is random so storage order says nothing about arrival (issue 8). No
// row changed means the id was already stored: a duplicate.
inline constexpr std::string_view submission_insert_sql =
    "INSERT INTO submissions(rowid, id, form, version, site, month, answers, received_month) "
    "VALUES(random(), ?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(id) DO NOTHING";

// Adds ?5 new anonymous items to a cell of language_counts: ?1 form, ?2
// site, ?3 month, ?4 language. Run in the same transaction, counting only
// items that were new.
inline constexpr std::string_view language_count_sql =
    "INSERT INTO language_counts(form, site, month, language, count) VALUES(?1, ?2, ?3, ?4, ?5) "
    "ON CONFLICT(form, site, month, language) DO UPDATE SET count = count + excluded.count";

// Adds ?5 new anonymous items to a cell of item_counts (migration 5): ?1
// form, ?2 version, ?3 site, ?4 month. Run in the same transaction as the
// items, counting only items that were new.
inline constexpr std::string_view item_count_sql =
    "INSERT INTO item_counts(form, version, site, month, count) VALUES(?1, ?2, ?3, ?4, ?5) "
    "ON CONFLICT(form, version, site, month) DO UPDATE SET count = count + excluded.count";

// Adds ?7 to a cell of answer_counts: ?1 form, ?2 version, ?3 site, ?4 month,
// ?5 question id, ?6 answer as migration 5 describes it ("" for "answered",
// an option id, "1".."5", "yes" or "no").
inline constexpr std::string_view answer_count_sql =
    "INSERT INTO answer_counts(form, version, site, month, question, answer, count) "
    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7) "
    "ON CONFLICT(form, version, site, month, question, answer) "
    "DO UPDATE SET count = count + excluded.count";

// One free-text answer as a comment awaiting moderation (migration 10): ?1
// a random id (never the item's), ?2 form, ?3 version, ?4 site, ?5 month
// "YYYY-MM", ?6 question id, ?7 the redacted text. Run in the same
// transaction as its item, only when the item was new.
inline constexpr std::string_view comment_insert_sql =
    "INSERT INTO comments(id, form, version, site, month, question, text) "
    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)";

// Adds ?9 to a cell of group_counts (migration 13): ?1 form, ?2 version, ?3
// site, ?4 month, ?5 "About you" question, ?6 the group its answer names, ?7
// question ("" for the people in the group), ?8 answer as in answer_counts.
inline constexpr std::string_view group_count_sql =
    "INSERT INTO group_counts(form, version, site, month, group_question, group_answer, "
    "question, answer, count) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
    "ON CONFLICT(form, version, site, month, group_question, group_answer, question, answer) "
    "DO UPDATE SET count = count + excluded.count";

// The same for a sealed peer-mentor sign-up: ?1 id, ?2 form, ?3 version, ?4
// site, ?5 date, ?6 sealed box (base64), ?7 date received, ?8 the id of the
// coordinators' key it was sealed to (NULL when the kiosk did not say).
inline constexpr std::string_view sealed_signup_insert_sql =
    "INSERT INTO sealed_signups(id, form, version, site, date, sealed, received_date, key_id) "
    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT(id) DO NOTHING";

} // namespace engage::store
