#pragma once
// The one error model of engage_pg, as engage_sqlite's: every libpq call
// that can fail goes through one check, which throws Error with the
// SQLSTATE and the server's primary message. PostgreSQL's messages name
// tables and constraints; DETAIL lines (which quote key values) are never
// copied into the message, so it may be logged (DESIGN §6).
//
// Thread safety: Error is an immutable value.

#include <stdexcept>
#include <string>

namespace engage::pg {

class Error : public std::runtime_error {
public:
    // `sqlstate` is the five-character code ("23505"), or "" when the
    // connection itself failed (no server answer to read one from).
    Error(std::string sqlstate, const std::string& what);
    const std::string& sqlstate() const noexcept { return sqlstate_; }

    // 23505: the row exists already (a duplicate id).
    bool unique_violation() const noexcept;
    // 53100 disk_full, 53xxx insufficient resources, 57P0x shutdown or
    // crash, 08xxx connection failures, or no answer at all: the database
    // cannot take the write now; trying again later may succeed (503).
    bool storage_unavailable() const noexcept;
    bool storage_full() const noexcept; // 53100
    // 40001 serialization failure, 40P01 deadlock: run the transaction again.
    bool retryable() const noexcept;

private:
    std::string sqlstate_;
};

} // namespace engage::pg
