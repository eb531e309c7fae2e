#pragma once
// The admin database schema on PostgreSQL (issue 12), numbered as the
// SQLite migrations are (store/migrations.hpp) so both engines name one
// schema version. PostgreSQL's first step is the whole schema at version 14:
// SQLite's steps 1–13 rewrote files that exist only on SQLite (rowid
// layouts, back-fills of counts from stored items), and no PostgreSQL
// installation predates 14. From 15 on, every migration is written for
// both engines, as one entry in each file.
//
// The version lives in the table engage_schema. apply_pg_migrations takes a
// session advisory lock first, so two servers starting together on one
// database apply each step once: the second waits, then finds the work done.
//
// Thread safety: as the Connection passed in (one thread at a time).

#include "engage/pg/connection.hpp"

#include <cstdint>

namespace engage::store {

// pg_advisory_lock's key for schema changes: "engage" in ASCII, so other
// applications sharing the database server do not collide with it.
inline constexpr std::int64_t pg_migration_lock = 0x656e67616765;

// Brings the database up to schema_version (store/migrations.hpp), each step
// in its own transaction with its version bump, under the advisory lock.
// Throws sqlite-style: pg::Error on a database fault, NewerSchemaError
// (engage/sqlite/error.hpp) when the database is newer than this program.
// Returns the version reached.
int apply_pg_migrations(pg::Connection& c);

// The version recorded in engage_schema; 0 for an empty database.
int read_pg_schema_version(pg::Connection& c);

} // namespace engage::store
