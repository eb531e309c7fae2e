#pragma once
// One store test list for both engines (issue 12): a test takes
//   const auto engine = GENERATE(test::Engine::sqlite, test::Engine::postgresql);
//   test::EngineStore s(engine);
// and runs once on a fresh SqliteStore in a temp dir and once on a fresh
// PgStore on its own database of the program's private cluster
// (PgCluster::shared()). Both are real: files on disk, a real postgres.
//
// Thread safety: one test thread; the Store itself is thread-safe.

#include "store/store.hpp"
#include "support/temp_dir.hpp"

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>

namespace engage::test {

enum class Engine { sqlite, postgresql };
std::string_view engine_name(Engine e);

class EngineStore {
public:
    // `vfs`: a registered SQLite VFS (fault injection); SQLite only.
    explicit EngineStore(Engine engine, const char* vfs = nullptr);
    ~EngineStore();
    EngineStore(const EngineStore&) = delete;
    EngineStore& operator=(const EngineStore&) = delete;

    Engine engine() const { return engine_; }
    store::Store& operator*() const { return *store_; }
    store::Store* operator->() const { return store_.get(); }

    // Closes the store and opens the same data again, as a restart does.
    void reopen();
    // A second, read-only store on the same data (`engage-admin status`
    // while `serve` runs).
    std::unique_ptr<store::Store> open_read_only() const;

    // One integer from `sql` (SQL both engines read alike), on a connection
    // of its own, so it sees only what was committed.
    std::int64_t query_int(const std::string& sql) const;
    // Rows of `sql` whose first column is text and second an integer, as a
    // map (counts by key, read as an attacker or the Board's pages would).
    std::map<std::string, std::int64_t> query_map(const std::string& sql) const;
    // Every byte the engine keeps of this database in its data files: the
    // SQLite file and its WAL; on PostgreSQL, after a CHECKPOINT (so shared
    // buffers are on disk), every file of this database under base/ (not
    // pg_wal: docs/postgresql.md says what the WAL keeps). Tests look for
    // deleted words in it.
    std::string stored_bytes() const;

    // The SQLite data dir (SQLite only) and the PostgreSQL URI (PostgreSQL only).
    std::filesystem::path sqlite_dir() const;
    const std::string& uri() const { return uri_; }

private:
    void open();
    Engine engine_;
    const char* vfs_ = nullptr;
    std::unique_ptr<TempDir> dir_; // SQLite
    std::string uri_;              // PostgreSQL
    std::unique_ptr<store::Store> store_;
};

} // namespace engage::test
