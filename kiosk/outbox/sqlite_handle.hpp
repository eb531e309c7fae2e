#pragma once
// Small RAII owners for SQLite handles (STYLE 15–17), private to the outbox:
// one owner per sqlite3* and sqlite3_stmt*, a transaction guard that rolls
// back unless committed, and one check() that turns a return code into a
// message with the extended code. Not thread-safe; the owner serialises use.

#include <memory>
#include <sqlite3.h>
#include <string>
#include <string_view>

namespace engage::kiosk::sql {

struct DbCloser {
    void operator()(sqlite3* db) const noexcept { sqlite3_close_v2(db); }
};
struct StmtFinalizer {
    void operator()(sqlite3_stmt* s) const noexcept { sqlite3_finalize(s); }
};
using DbPtr = std::unique_ptr<sqlite3, DbCloser>;
using StmtPtr = std::unique_ptr<sqlite3_stmt, StmtFinalizer>;

// "what: message (extended code N)" for a failed call; empty when rc is OK/ROW/DONE.
std::string check(sqlite3* db, int rc, std::string_view what);

// Runs statements with no results; false + error on failure.
bool exec(sqlite3* db, const char* sql, std::string& error);
// Prepares one statement; null + error on failure.
StmtPtr prepare(sqlite3* db, const char* sql, std::string& error);

// BEGIN IMMEDIATE on construction; rolls back in the destructor unless
// commit() succeeded. Never throws.
class Transaction {
public:
    Transaction(sqlite3* db, std::string& error);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    bool ok() const { return begun_; }
    bool commit(std::string& error);

private:
    sqlite3* db_;
    bool begun_ = false;
    bool done_ = false;
};

} // namespace engage::kiosk::sql
