#include "engage/sqlite/transaction.hpp"

#include "engage/sqlite/database.hpp"

#include <sqlite3.h>

namespace engage::sqlite {

Transaction::Transaction(Database& db, Mode mode) : db_(db) {
    db_.exec(mode == Mode::immediate ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED");
}

Transaction::~Transaction() {
    if (!done_ && sqlite3_get_autocommit(db_.handle()) == 0) {
        // Ignoring the result is safe: if ROLLBACK fails the connection has
        // already rolled back (SQLite does so itself after SQLITE_FULL and
        // I/O errors) or is closing, which rolls back too.
        sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
    }
}

void Transaction::commit() {
    db_.exec("COMMIT");
    done_ = true;
}

} // namespace engage::sqlite
