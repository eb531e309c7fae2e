#include "raw_sqlite.hpp"

#include "engage/sqlite/database.hpp"
#include "engage/sqlite/statement.hpp"
#include "engage/sqlite/transaction.hpp"
#include "store/migrations.hpp"

namespace engage::bench {

double raw_insert_rate(const std::filesystem::path& dir, const RawRow& row,
                       int rows_per_transaction, std::chrono::milliseconds duration) {
    // The server's own pragmas (WAL, synchronous=FULL, secure_delete, the
    // WAL size limit), schema and INSERT.
    auto db =
        sqlite::Database::open(dir / "engage.db", sqlite::OpenMode::create, sqlite::server_pragmas);
    store::apply_migrations(db);
    sqlite::Statement insert(db, store::submission_insert_sql);
    sqlite::Statement count_language(db, store::language_count_sql);
    const std::string month = row.date.substr(0, 7);

    IdSource ids;
    std::string id;
    std::uint64_t rows = 0;
    const auto start = std::chrono::steady_clock::now();
    const auto deadline = start + duration;
    auto now = start;
    while (now < deadline) {
        sqlite::Transaction tx(db);
        for (int i = 0; i < rows_per_transaction; ++i) {
            ids.next(id);
            insert.reset();
            insert.bind(1, id).bind(2, row.form).bind(3, row.version).bind(4, row.site);
            insert.bind(5, month).bind(6, row.answers_json).bind(7, month);
            insert.run();
            count_language.reset();
            count_language.bind(1, row.form).bind(2, row.site).bind(3, month).bind(4, row.language);
            count_language.bind(5, std::int64_t{1});
            count_language.run();
        }
        tx.commit();
        rows += static_cast<std::uint64_t>(rows_per_transaction);
        now = std::chrono::steady_clock::now();
    }
    const std::chrono::duration<double> elapsed = now - start;
    return static_cast<double>(rows) / elapsed.count();
}

} // namespace engage::bench
