#pragma once
// The one error model of engage_sqlite: every sqlite3_* return code passes
// check(), which throws Error carrying the primary and extended result codes
// and SQLite's message (STYLE 17). The message names tables, constraints and
// files, never bound values, so it may be logged: it carries nothing personal.
// Callers that must return values (the kiosk outbox) catch at their API
// boundary.
//
// Thread safety: Error is an immutable value; check() is reentrant.

#include <stdexcept>
#include <string>
#include <string_view>

struct sqlite3;

namespace engage::sqlite {

// A failed SQLite call.
class Error : public std::runtime_error {
public:
    Error(int code, int extended, const std::string& what);
    int code() const noexcept { return code_; }         // primary code, e.g. SQLITE_FULL
    int extended() const noexcept { return extended_; } // e.g. SQLITE_IOERR_FSYNC

    // The disk (or the size limit of the file) is full: SQLITE_FULL. Callers
    // answer "try again later" rather than "broken" (503, not 500).
    bool storage_full() const noexcept;
    // A fault of the disk or the file system rather than of the statement
    // (full, read-only, I/O error, locked): retrying later may succeed.
    bool storage_unavailable() const noexcept;

private:
    int code_;
    int extended_;
};

// A database whose schema is newer than this program: refused, never touched.
class NewerSchemaError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Returns rc when it is SQLITE_OK, SQLITE_ROW or SQLITE_DONE; otherwise throws
// Error with db's extended code and message (or sqlite3_errstr(rc) when db
// is null). `what` names the operation, e.g. "open outbox".
int check(sqlite3* db, int rc, std::string_view what = {});

} // namespace engage::sqlite
