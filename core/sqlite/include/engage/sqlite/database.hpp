#pragma once
// One SQLite connection with one RAII owner (STYLE 15), opened with a named
// set of pragmas so the server and the kiosk each say once how their files
// are kept. Every failure throws engage::sqlite::Error (see error.hpp).
//
// Thread safety: a Database and its Statements belong to one thread at a
// time; the owner serialises access (the connection is opened NOMUTEX).
// Movable, never copyable.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string_view>

struct sqlite3;

namespace engage::sqlite {

// How a file is kept. Zero/false leaves SQLite's default.
struct Pragmas {
    bool wal = false;                     // journal_mode=WAL: readers never block the writer
    bool synchronous_full = false;        // fsync the WAL at every commit: durable on power loss
    bool foreign_keys = false;            // enforce REFERENCES clauses
    bool secure_delete = false;           // zero deleted content in the main file
    int busy_timeout_ms = 0;              // wait this long for another connection's lock
    std::int64_t journal_size_limit = -1; // bytes the WAL is cut back to after a checkpoint
};

// The admin server's DIR/engage.db. 5 s busy timeout: long enough to wait out
// another process's write (enrol-code while serve runs), short enough that a
// stuck lock surfaces as an error. 4 MiB WAL limit: about a thousand group
// commits of pages; beyond that the WAL is cut back so old page images (and
// with them old answers and their order) do not linger on disk (issue 8).
inline constexpr Pragmas server_pragmas{.wal = true,
                                        .synchronous_full = true,
                                        .foreign_keys = true,
                                        .secure_delete = true,
                                        .busy_timeout_ms = 5000,
                                        .journal_size_limit = 4 * 1024 * 1024};

// The kiosk's outbox.db: the same durability, and secure_delete so uploaded
// answers leave the main file. The outbox also checkpoints with TRUNCATE
// after every delete (the WAL is where secure_delete does not reach), so its
// WAL limit is 0: cut back to nothing whenever a checkpoint allows.
inline constexpr Pragmas kiosk_pragmas{.wal = true,
                                       .synchronous_full = true,
                                       .foreign_keys = true,
                                       .secure_delete = true,
                                       .busy_timeout_ms = 5000,
                                       .journal_size_limit = 0};

// Opening a file someone else keeps (tests reading a database as an
// attacker would, status tools): no pragma is changed.
inline constexpr Pragmas no_pragmas{};

enum class OpenMode {
    read_write, // the file must exist
    create,     // made when missing
    read_only,  // never writes (pragmas that write are skipped)
};

class Database {
public:
    // Opens `path` and applies `pragmas`. `vfs` names a registered VFS (tests
    // inject faults with one); null is the default. Throws Error.
    static Database open(const std::filesystem::path& path, OpenMode mode, const Pragmas& pragmas,
                         const char* vfs = nullptr);

    Database(Database&&) noexcept = default;
    Database& operator=(Database&&) noexcept = default;
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;
    ~Database() = default;

    sqlite3* handle() const noexcept { return db_.get(); }
    // Runs one or more statements without results (no bound values).
    void exec(std::string_view sql);
    // Rows changed by the last INSERT/UPDATE/DELETE on this connection.
    int changes() const noexcept;
    // PRAGMA wal_checkpoint(TRUNCATE): copies the WAL into the main file and
    // cuts the WAL to zero bytes. False when another connection's read kept
    // part of it (not an error: the next checkpoint finishes the job).
    bool checkpoint_truncate();

private:
    struct Closer {
        void operator()(sqlite3* db) const noexcept;
    };
    explicit Database(sqlite3* db) : db_(db) {}
    std::unique_ptr<sqlite3, Closer> db_;
};

} // namespace engage::sqlite
