// The two ways to open the account store: which engine is the caller's
// choice (the data folder, or `--store postgresql://…`); everything after
// goes through the AccountStore interface.
#include "accounts/account_store.hpp"

#include "accounts/pg_account_store.hpp"
#include "accounts/sqlite_account_store.hpp"
#include "store/migrations.hpp"
#include "store/pg_migrations.hpp"
#include "store/sqlite_store.hpp"

#include <stdexcept>

namespace engage::accounts {
namespace {

// The first SQLite schema with the accounts tables (migration 7 in
// store/migrations.cpp; `meta` is older).
constexpr int accounts_schema = 7;

} // namespace

std::unique_ptr<AccountStore> AccountStore::open(const std::filesystem::path& dir) {
    auto db = sqlite::Database::open(dir / store::database_file_name, sqlite::OpenMode::read_write,
                                     sqlite::server_pragmas);
    if (store::read_schema_version(db) < accounts_schema) {
        throw std::runtime_error("the database has no accounts tables yet (open the store first)");
    }
    return std::make_unique<SqliteAccountStore>(std::move(db));
}

std::unique_ptr<AccountStore> AccountStore::open_postgresql(const std::string& uri) {
    auto c = pg::Connection::open(uri);
    // Idempotent and under the advisory lock: a no-op once the Store (or
    // another server) has made the schema, and what lets `add-user` run
    // first on an empty database.
    store::apply_pg_migrations(c);
    return std::make_unique<PgAccountStore>(std::move(c));
}

} // namespace engage::accounts
