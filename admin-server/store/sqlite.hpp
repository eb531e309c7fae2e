#pragma once
// Thin RAII layer over the SQLite C API (STYLE 15-17). Every return code goes
// through check(), which throws SqliteError carrying the extended code and
// SQLite's message (never bound values, so nothing personal). Throwing is
// reserved for database faults, which are rare and end the current write or
// request with a 500; the success path has no exceptions.
//
// Thread safety: a Database and its Statements belong to one thread at a time
// (the caller serialises access); they are movable, never copyable.

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace engage::store {

// A failed SQLite call: primary and extended result codes plus the message.
class SqliteError : public std::runtime_error {
public:
    SqliteError(int code, int extended, const std::string& what);
    int code() const noexcept { return code_; }
    int extended() const noexcept { return extended_; }

private:
    int code_;
    int extended_;
};

// Throws SqliteError unless rc is SQLITE_OK, SQLITE_ROW or SQLITE_DONE; returns rc.
int check(sqlite3* db, int rc);

struct DatabaseCloser {
    void operator()(sqlite3* db) const noexcept;
};
struct StatementFinaliser {
    void operator()(sqlite3_stmt* st) const noexcept;
};

// Owns one connection. Opened with WAL, synchronous=FULL, foreign keys on and
// a busy timeout, because several processes share DIR/engage.db.
class Database {
public:
    // Opens (creating when asked) the file at `path`; throws SqliteError.
    static Database open(const std::string& path, bool create);

    sqlite3* handle() const noexcept { return db_.get(); }
    // Runs one or more statements without results; throws SqliteError.
    void exec(std::string_view sql);
    // Rows changed by the last INSERT/UPDATE/DELETE on this connection.
    int changes() const noexcept;

private:
    explicit Database(sqlite3* db) : db_(db) {}
    std::unique_ptr<sqlite3, DatabaseCloser> db_;
};

// One prepared statement. bind_* indexes start at 1; step() returns true while
// a row is available. reset() makes it reusable and clears bindings.
class Statement {
public:
    Statement(sqlite3* db, std::string_view sql);

    Statement& bind(int index, std::string_view text);
    Statement& bind(int index, std::int64_t value);
    Statement& bind_null(int index);
    // True when a row is ready; false when done. Throws SqliteError on failure.
    bool step();
    // Steps a statement that returns no rows.
    void run();
    void reset() noexcept;

    std::string text(int column) const;
    std::int64_t integer(int column) const;
    bool is_null(int column) const;

private:
    sqlite3* db_;
    std::unique_ptr<sqlite3_stmt, StatementFinaliser> st_;
};

// BEGIN on construction (IMMEDIATE takes the write lock at once, DEFERRED
// only a read snapshot); rolls back in the destructor unless commit() was
// called. The destructor never throws (SQLiteCpp Transaction).
class Transaction {
public:
    enum class Mode { immediate, deferred };
    explicit Transaction(Database& db, Mode mode = Mode::immediate);
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    ~Transaction();
    void commit();

private:
    Database& db_;
    bool done_ = false;
};

} // namespace engage::store
