#include "raw_sqlite.hpp"

#include "store/migrations.hpp"

#include <memory>
#include <sqlite3.h>
#include <stdexcept>

namespace engage::bench {
namespace {

struct DbCloser {
    void operator()(sqlite3* db) const noexcept { sqlite3_close_v2(db); }
};
struct StmtFinaliser {
    void operator()(sqlite3_stmt* st) const noexcept { sqlite3_finalize(st); }
};

void check(sqlite3* db, int rc, const char* what) {
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
        throw std::runtime_error(std::string(what) + ": " + sqlite3_errmsg(db));
    }
}

void exec(sqlite3* db, const char* sql) {
    check(db, sqlite3_exec(db, sql, nullptr, nullptr, nullptr), sql);
}

void bind_text(sqlite3* db, sqlite3_stmt* st, int index, std::string_view text) {
    check(db,
          sqlite3_bind_text(st, index, text.data(), static_cast<int>(text.size()), SQLITE_STATIC),
          "bind");
}

} // namespace

double raw_insert_rate(const std::filesystem::path& dir, const RawRow& row,
                       int rows_per_transaction, std::chrono::milliseconds duration) {
    const auto file = dir / "engage.db";
    sqlite3* raw = nullptr;
    const int rc =
        sqlite3_open_v2(file.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    std::unique_ptr<sqlite3, DbCloser> db(raw);
    check(db.get(), rc, "open");
    // The server's settings for durable writes.
    exec(db.get(), "PRAGMA journal_mode=WAL");
    exec(db.get(), "PRAGMA synchronous=FULL");
    store::apply_migrations(db.get());

    sqlite3_stmt* st_raw = nullptr;
    check(db.get(),
          sqlite3_prepare_v3(db.get(), store::submission_insert_sql.data(),
                             static_cast<int>(store::submission_insert_sql.size()),
                             SQLITE_PREPARE_PERSISTENT, &st_raw, nullptr),
          "prepare");
    std::unique_ptr<sqlite3_stmt, StmtFinaliser> insert(st_raw);

    IdSource ids;
    std::string id;
    std::uint64_t rows = 0;
    const auto start = std::chrono::steady_clock::now();
    const auto deadline = start + duration;
    auto now = start;
    while (now < deadline) {
        exec(db.get(), "BEGIN IMMEDIATE");
        for (int i = 0; i < rows_per_transaction; ++i) {
            ids.next(id);
            sqlite3_stmt* st = insert.get();
            bind_text(db.get(), st, 1, id);
            bind_text(db.get(), st, 2, row.form);
            check(db.get(), sqlite3_bind_int64(st, 3, row.version), "bind");
            bind_text(db.get(), st, 4, row.site);
            bind_text(db.get(), st, 5, row.date);
            bind_text(db.get(), st, 6, row.language);
            bind_text(db.get(), st, 7, row.answers_json);
            bind_text(db.get(), st, 8, row.date);
            check(db.get(), sqlite3_step(st), "insert");
            sqlite3_reset(st);
        }
        exec(db.get(), "COMMIT");
        rows += static_cast<std::uint64_t>(rows_per_transaction);
        now = std::chrono::steady_clock::now();
    }
    const std::chrono::duration<double> elapsed = now - start;
    return static_cast<double>(rows) / elapsed.count();
}

} // namespace engage::bench
