#pragma once
// The PostgreSQL baseline (issue 12): the same rows inserted straight over
// libpq into a database built with the server's own migrations
// (store::apply_pg_migrations) and INSERT (store::pg_submission_insert_sql),
// synchronous_commit on, each row's language counted as the SQLite baseline
// does. The best one client connection could do against this database
// server.

#include "raw_sqlite.hpp"

#include <chrono>
#include <string>

namespace engage::bench {

// Inserts rows with fresh ids into the (empty) database at `uri` for
// `duration`, `rows_per_transaction` rows per commit. Returns rows per
// second. Throws on a database error.
double raw_pg_insert_rate(const std::string& uri, const RawRow& row, int rows_per_transaction,
                          std::chrono::milliseconds duration);

} // namespace engage::bench
