#include "store/sqlite.hpp"

#include <sqlite3.h>

namespace engage::store {

SqliteError::SqliteError(int code, int extended, const std::string& what)
    : std::runtime_error(what), code_(code), extended_(extended) {}

int check(sqlite3* db, int rc) {
    if (rc == SQLITE_OK || rc == SQLITE_ROW || rc == SQLITE_DONE) {
        return rc;
    }
    const int extended = db ? sqlite3_extended_errcode(db) : rc;
    std::string msg = "sqlite error " + std::to_string(extended) + ": ";
    msg += db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    throw SqliteError(rc & 0xff, extended, msg);
}

void DatabaseCloser::operator()(sqlite3* db) const noexcept {
    // sqlite3_close_v2 defers the close until statements are finalised, so a
    // destruction order mistake cannot leak the handle.
    sqlite3_close_v2(db);
}

void StatementFinaliser::operator()(sqlite3_stmt* st) const noexcept {
    sqlite3_finalize(st);
}

Database Database::open(const std::string& path, bool create) {
    sqlite3* raw = nullptr;
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
    if (create) {
        flags |= SQLITE_OPEN_CREATE;
    }
    const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
    Database db(raw); // owns raw even when opening failed
    check(raw, rc);
    sqlite3_extended_result_codes(raw, 1);
    // 5 s: long enough to wait out another process's write (enrol-code while
    // serve runs), short enough that a stuck lock surfaces as an error.
    check(raw, sqlite3_busy_timeout(raw, 5000));
    db.exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;");
    return db;
}

void Database::exec(std::string_view sql) {
    const std::string text(sql);
    check(db_.get(), sqlite3_exec(db_.get(), text.c_str(), nullptr, nullptr, nullptr));
}

int Database::changes() const noexcept {
    return sqlite3_changes(db_.get());
}

Statement::Statement(sqlite3* db, std::string_view sql) : db_(db) {
    sqlite3_stmt* raw = nullptr;
    const int rc =
        sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), 0, &raw, nullptr);
    st_.reset(raw);
    check(db, rc);
}

Statement& Statement::bind(int index, std::string_view text) {
    check(db_, sqlite3_bind_text(st_.get(), index, text.data(), static_cast<int>(text.size()),
                                 SQLITE_TRANSIENT));
    return *this;
}

Statement& Statement::bind(int index, std::int64_t value) {
    check(db_, sqlite3_bind_int64(st_.get(), index, value));
    return *this;
}

Statement& Statement::bind_null(int index) {
    check(db_, sqlite3_bind_null(st_.get(), index));
    return *this;
}

bool Statement::step() {
    return check(db_, sqlite3_step(st_.get())) == SQLITE_ROW;
}

void Statement::run() {
    while (step()) {
    }
}

void Statement::reset() noexcept {
    sqlite3_reset(st_.get());
    sqlite3_clear_bindings(st_.get());
}

std::string Statement::text(int column) const {
    const auto* p = sqlite3_column_text(st_.get(), column);
    const int n = sqlite3_column_bytes(st_.get(), column);
    return p ? std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(n))
             : std::string();
}

std::int64_t Statement::integer(int column) const {
    return sqlite3_column_int64(st_.get(), column);
}

bool Statement::is_null(int column) const {
    return sqlite3_column_type(st_.get(), column) == SQLITE_NULL;
}

Transaction::Transaction(Database& db, Mode mode) : db_(db) {
    db_.exec(mode == Mode::immediate ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED");
}

Transaction::~Transaction() {
    if (!done_) {
        // Ignoring the result is safe: if ROLLBACK fails the connection has
        // already rolled back (SQLite does so on I/O errors) or is closing.
        sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
    }
}

void Transaction::commit() {
    db_.exec("COMMIT");
    done_ = true;
}

} // namespace engage::store
