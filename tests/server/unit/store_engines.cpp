#include "store_engines.hpp"

#include "engage/pg/connection.hpp"
#include "engage/sqlite/database.hpp"
#include "engage/sqlite/statement.hpp"
#include "store/pg_store.hpp"
#include "store/sqlite_store.hpp"
#include "support/admin_cli.hpp"
#include "support/pg_cluster.hpp"

#include <stdexcept>

namespace fs = std::filesystem;

namespace engage::test {

std::string_view engine_name(Engine e) {
    return e == Engine::sqlite ? "sqlite" : "postgresql";
}

EngineStore::EngineStore(Engine engine, const char* vfs) : engine_(engine), vfs_(vfs) {
    if (engine_ == Engine::sqlite) {
        dir_ = std::make_unique<TempDir>("engage-unit");
    } else {
        uri_ = PgCluster::shared().create_database("store");
    }
    open();
}

EngineStore::~EngineStore() = default;

void EngineStore::open() {
    if (engine_ == Engine::sqlite) {
        store_ = store::SqliteStore::open(sqlite_dir(), vfs_);
    } else {
        store_ = store::PgStore::open(uri_);
    }
}

void EngineStore::reopen() {
    store_.reset();
    open();
}

std::unique_ptr<store::Store> EngineStore::open_read_only() const {
    if (engine_ == Engine::sqlite) {
        return store::SqliteStore::open_read_only(sqlite_dir());
    }
    return store::PgStore::open_read_only(uri_);
}

fs::path EngineStore::sqlite_dir() const {
    if (!dir_) {
        throw std::logic_error("not a SQLite store");
    }
    return dir_->path() / "data";
}

std::int64_t EngineStore::query_int(const std::string& sql) const {
    if (engine_ == Engine::sqlite) {
        auto db = sqlite::Database::open(sqlite_dir() / store::database_file_name,
                                         sqlite::OpenMode::read_only,
                                         sqlite::Pragmas{.busy_timeout_ms = 5000});
        sqlite::Statement st(db, sql);
        if (!st.step()) {
            throw std::runtime_error("no row from " + sql);
        }
        return st.integer(0);
    }
    auto c = pg::Connection::open(uri_);
    const auto r = c.query(sql);
    if (r.rows() == 0) {
        throw std::runtime_error("no row from " + sql);
    }
    return r.integer(0, 0);
}

std::map<std::string, std::int64_t> EngineStore::query_map(const std::string& sql) const {
    std::map<std::string, std::int64_t> out;
    if (engine_ == Engine::sqlite) {
        auto db = sqlite::Database::open(sqlite_dir() / store::database_file_name,
                                         sqlite::OpenMode::read_only,
                                         sqlite::Pragmas{.busy_timeout_ms = 5000});
        sqlite::Statement st(db, sql);
        while (st.step()) {
            out[st.text(0)] = st.integer(1);
        }
        return out;
    }
    auto c = pg::Connection::open(uri_);
    const auto r = c.query(sql);
    for (int i = 0; i < r.rows(); ++i) {
        out[r.string(i, 0)] = r.integer(i, 1);
    }
    return out;
}

std::string EngineStore::stored_bytes() const {
    std::string all;
    if (engine_ == Engine::sqlite) {
        for (const char* name : {"engage.db", "engage.db-wal"}) {
            if (fs::exists(sqlite_dir() / name)) {
                all += read_file(sqlite_dir() / name);
            }
        }
        return all;
    }
    auto c = pg::Connection::open(uri_);
    c.exec("CHECKPOINT"); // shared buffers to the files (the tests' user is a superuser)
    const auto oid =
        c.query("SELECT oid FROM pg_database WHERE datname = current_database()").string(0, 0);
    for (const auto& entry :
         fs::directory_iterator(PgCluster::shared().socket_dir() / "data" / "base" / oid)) {
        if (entry.is_regular_file()) {
            all += read_file(entry.path());
        }
    }
    return all;
}

} // namespace engage::test
