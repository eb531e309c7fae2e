#include "engage/sqlite/database.hpp"

#include "engage/sqlite/error.hpp"
#include "engage/sqlite/statement.hpp"

#include <sqlite3.h>
#include <string>

namespace engage::sqlite {

void Database::Closer::operator()(sqlite3* db) const noexcept {
    // sqlite3_close_v2 defers the close until statements are finalised, so a
    // destruction-order mistake cannot leak the handle.
    sqlite3_close_v2(db);
}

Database Database::open(const std::filesystem::path& path, OpenMode mode, const Pragmas& pragmas,
                        const char* vfs) {
    int flags = SQLITE_OPEN_NOMUTEX;
    switch (mode) {
    case OpenMode::read_write:
        flags |= SQLITE_OPEN_READWRITE;
        break;
    case OpenMode::create:
        flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
        break;
    case OpenMode::read_only:
        flags |= SQLITE_OPEN_READONLY;
        break;
    }
    sqlite3* raw = nullptr;
    const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, vfs);
    Database db(raw); // owns raw even when opening failed
    check(raw, rc, "open");
    check(raw, sqlite3_extended_result_codes(raw, 1), "extended result codes");
    if (pragmas.busy_timeout_ms > 0) {
        check(raw, sqlite3_busy_timeout(raw, pragmas.busy_timeout_ms), "busy timeout");
    }
    std::string sql;
    if (pragmas.wal && mode != OpenMode::read_only) {
        sql += "PRAGMA journal_mode=WAL;";
    }
    if (pragmas.synchronous_full) {
        sql += "PRAGMA synchronous=FULL;";
    }
    if (pragmas.foreign_keys) {
        sql += "PRAGMA foreign_keys=ON;";
    }
    if (pragmas.secure_delete) {
        sql += "PRAGMA secure_delete=ON;";
    }
    if (pragmas.journal_size_limit >= 0) {
        sql += "PRAGMA journal_size_limit=" + std::to_string(pragmas.journal_size_limit) + ";";
    }
    if (!sql.empty()) {
        db.exec(sql);
    }
    if (pragmas.wal && mode != OpenMode::read_only) {
        // journal_mode answers with the mode it got rather than failing:
        // a file system without shared memory leaves "delete", and then a
        // commit no longer means what the callers were promised.
        Statement st(db, "PRAGMA journal_mode");
        if (!st.step() || st.text(0) != "wal") {
            throw Error(SQLITE_CANTOPEN, SQLITE_CANTOPEN,
                        "sqlite error (open): the file could not be put in WAL mode");
        }
    }
    return db;
}

void Database::exec(std::string_view sql) {
    const std::string text(sql);
    check(db_.get(), sqlite3_exec(db_.get(), text.c_str(), nullptr, nullptr, nullptr), "exec");
}

int Database::changes() const noexcept {
    return sqlite3_changes(db_.get());
}

bool Database::checkpoint_truncate() {
    int wal_frames = 0;
    int copied = 0;
    const int rc = sqlite3_wal_checkpoint_v2(db_.get(), nullptr, SQLITE_CHECKPOINT_TRUNCATE,
                                             &wal_frames, &copied);
    if (rc == SQLITE_BUSY) {
        return false; // a reader holds part of the WAL; the next checkpoint gets it
    }
    check(db_.get(), rc, "checkpoint");
    return true;
}

} // namespace engage::sqlite
