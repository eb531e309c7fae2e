#include "kiosk/outbox/sqlite_handle.hpp"

namespace engage::kiosk::sql {

std::string check(sqlite3* db, int rc, std::string_view what) {
    if (rc == SQLITE_OK || rc == SQLITE_ROW || rc == SQLITE_DONE) {
        return {};
    }
    std::string msg(what);
    msg += ": ";
    msg += db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    msg += " (extended code ";
    msg += std::to_string(db ? sqlite3_extended_errcode(db) : rc);
    msg += ")";
    return msg;
}

bool exec(sqlite3* db, const char* sql, std::string& error) {
    const int rc = sqlite3_exec(db, sql, nullptr, nullptr, nullptr);
    error = check(db, rc, sql);
    return error.empty();
}

StmtPtr prepare(sqlite3* db, const char* sql, std::string& error) {
    sqlite3_stmt* raw = nullptr;
    const int rc = sqlite3_prepare_v2(db, sql, -1, &raw, nullptr);
    StmtPtr stmt(raw);
    error = check(db, rc, sql);
    if (!error.empty()) {
        return nullptr;
    }
    return stmt;
}

Transaction::Transaction(sqlite3* db, std::string& error) : db_(db) {
    begun_ = exec(db_, "BEGIN IMMEDIATE", error);
}

Transaction::~Transaction() {
    if (begun_ && !done_) {
        // Nothing useful can be done if the rollback itself fails: SQLite
        // rolls back an open transaction when the connection closes anyway.
        sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    }
}

bool Transaction::commit(std::string& error) {
    if (!begun_ || done_) {
        error = "commit without an open transaction";
        return false;
    }
    if (!exec(db_, "COMMIT", error)) {
        return false;
    }
    done_ = true;
    return true;
}

} // namespace engage::kiosk::sql
