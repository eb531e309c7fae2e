#include "engage/sqlite/error.hpp"

#include <sqlite3.h>

namespace engage::sqlite {

Error::Error(int code, int extended, const std::string& what)
    : std::runtime_error(what), code_(code), extended_(extended) {}

bool Error::storage_full() const noexcept {
    return code_ == SQLITE_FULL;
}

bool Error::storage_unavailable() const noexcept {
    switch (code_) {
    case SQLITE_FULL:
    case SQLITE_READONLY:
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return true;
    default:
        return false;
    }
}

int check(sqlite3* db, int rc, std::string_view what) {
    if (rc == SQLITE_OK || rc == SQLITE_ROW || rc == SQLITE_DONE) {
        return rc;
    }
    // The extended code of the connection belongs to the last failed call;
    // when the failure did not come through a connection, rc is all we have.
    const int extended = db ? sqlite3_extended_errcode(db) : rc;
    std::string msg = "sqlite error ";
    msg += std::to_string(extended);
    if (!what.empty()) {
        msg += " (";
        msg += what;
        msg += ")";
    }
    msg += ": ";
    msg += db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    throw Error(rc & 0xff, extended, msg);
}

} // namespace engage::sqlite
