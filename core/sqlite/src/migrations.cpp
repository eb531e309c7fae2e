#include "engage/sqlite/migrations.hpp"

#include "engage/sqlite/database.hpp"
#include "engage/sqlite/error.hpp"
#include "engage/sqlite/statement.hpp"
#include "engage/sqlite/transaction.hpp"

#include <stdexcept>
#include <string>

namespace engage::sqlite {

int schema_version(Database& db) {
    Statement st(db, "PRAGMA user_version");
    return st.step() ? static_cast<int>(st.integer(0)) : 0;
}

int migrate(Database& db, std::span<const Migration> table, int target) {
    if (!numbered_in_order(table)) {
        throw std::logic_error("the migration table is not numbered 1, 2, 3… in order");
    }
    const int latest = static_cast<int>(table.size());
    if (target < 0 || target > latest) {
        target = latest;
    }
    for (;;) {
        // IMMEDIATE takes the write lock before the version is read, so two
        // processes opening a new file cannot both apply the same step.
        Transaction tx(db);
        const int version = schema_version(db);
        if (version > latest) {
            throw NewerSchemaError("the database has schema version " + std::to_string(version) +
                                   " but this program knows only up to " + std::to_string(latest) +
                                   "; upgrade the program");
        }
        if (version >= target) {
            tx.commit();
            return version;
        }
        const Migration& step = table[static_cast<std::size_t>(version)];
        db.exec(step.sql);
        // The bump is in the same transaction as the step: a crash leaves
        // either both or neither.
        db.exec("PRAGMA user_version = " + std::to_string(step.version));
        tx.commit();
    }
}

} // namespace engage::sqlite
