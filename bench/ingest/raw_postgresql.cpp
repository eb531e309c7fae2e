#include "raw_postgresql.hpp"

#include "engage/pg/connection.hpp"
#include "engage/pg/transaction.hpp"
#include "store/pg_migrations.hpp"
#include "store/pg_store.hpp"

namespace engage::bench {

double raw_pg_insert_rate(const std::string& uri, const RawRow& row, int rows_per_transaction,
                          std::chrono::milliseconds duration) {
    auto c = pg::Connection::open(uri);
    store::apply_pg_migrations(c);
    c.prepare("insert", store::pg_submission_insert_sql);
    c.prepare("count_language",
              "INSERT INTO language_counts(form, site, month, language, count) "
              "VALUES($1, $2, $3, $4, 1) ON CONFLICT(form, site, month, language) "
              "DO UPDATE SET count = language_counts.count + 1");
    const std::string month = row.date.substr(0, 7);

    IdSource ids;
    std::string id;
    std::uint64_t rows = 0;
    const auto start = std::chrono::steady_clock::now();
    const auto deadline = start + duration;
    auto now = start;
    while (now < deadline) {
        pg::Transaction tx(c);
        for (int i = 0; i < rows_per_transaction; ++i) {
            ids.next(id);
            c.run_prepared("insert", pg::Params(id, row.form, row.version, row.site, month,
                                                row.answers_json, month));
            c.run_prepared("count_language", pg::Params(row.form, row.site, month, row.language));
        }
        tx.commit();
        rows += static_cast<std::uint64_t>(rows_per_transaction);
        now = std::chrono::steady_clock::now();
    }
    const std::chrono::duration<double> elapsed = now - start;
    return static_cast<double>(rows) / elapsed.count();
}

} // namespace engage::bench
