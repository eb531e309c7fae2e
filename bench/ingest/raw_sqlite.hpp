#pragma once
// The baseline: the same rows inserted straight into SQLite with the server's
// schema (store::apply_migrations) and INSERT (store::submission_insert_sql),
// WAL and synchronous=FULL, so the server is compared with the best a single
// process could do on this disk.

#include "item_text.hpp"

#include <chrono>
#include <filesystem>

namespace engage::bench {

struct RawRow {
    std::string form;
    std::int64_t version = 1;
    std::string site;
    std::string date;
    std::string language;
    std::string answers_json;
};

// Inserts rows with fresh ids into a new database in `dir` for `duration`,
// `rows_per_transaction` rows per commit. Returns rows per second. Throws
// std::runtime_error on a database error.
double raw_insert_rate(const std::filesystem::path& dir, const RawRow& row,
                       int rows_per_transaction, std::chrono::milliseconds duration);

} // namespace engage::bench
