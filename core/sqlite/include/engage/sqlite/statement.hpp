#pragma once
// One prepared statement with one RAII owner. Every bind and every step goes
// through check(), so a failed bind (a wrong index, out of memory) can never
// run the statement with a missing value. Bind indexes start at 1; columns
// at 0.
//
// Thread safety: as its Database (one thread at a time). Movable, never
// copyable; it must not outlive its Database.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace engage::sqlite {

class Database;

class Statement {
public:
    // Prepares exactly one statement; throws Error (a syntax error, a missing table).
    Statement(Database& db, std::string_view sql);

    Statement& bind(int index, std::string_view text);
    Statement& bind(int index, std::int64_t value);
    Statement& bind_null(int index);
    // True when a row is ready; false when done. Throws Error on failure.
    bool step();
    // Steps to the end (a statement that returns no rows, or whose rows are ignored).
    void run();
    // Makes the statement reusable and clears its bindings. The result is
    // that of the last step, which step() has already checked.
    void reset() noexcept;

    std::string text(int column) const;
    std::int64_t integer(int column) const;
    double real(int column) const;
    // The bytes of a text or blob column (empty for others).
    std::string bytes(int column) const;
    bool is_null(int column) const;
    // SQLite's storage class of the current row's column: SQLITE_INTEGER,
    // SQLITE_FLOAT, SQLITE_TEXT, SQLITE_BLOB or SQLITE_NULL.
    int column_type(int column) const;
    int column_count() const;
    std::string column_name(int column) const;

private:
    struct Finaliser {
        void operator()(sqlite3_stmt* st) const noexcept;
    };
    sqlite3* db_;
    std::unique_ptr<sqlite3_stmt, Finaliser> st_;
};

} // namespace engage::sqlite
