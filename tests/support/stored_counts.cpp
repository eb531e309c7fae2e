#include "support/stored_counts.hpp"

#include <memory>
#include <sqlite3.h>
#include <stdexcept>

namespace engage::test {

namespace {

struct DbCloser {
    void operator()(sqlite3* db) const noexcept { sqlite3_close_v2(db); }
};
struct StmtFinaliser {
    void operator()(sqlite3_stmt* st) const noexcept { sqlite3_finalize(st); }
};

} // namespace

std::int64_t StoredCounts::of(std::string_view form) const {
    const auto it = by_form.find(form);
    return it == by_form.end() ? 0 : it->second;
}

StoredCounts stored_counts(const std::filesystem::path& data_dir) {
    const auto file = data_dir / "engage.db";
    sqlite3* raw = nullptr;
    const int rc = sqlite3_open_v2(file.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr);
    const std::unique_ptr<sqlite3, DbCloser> db(raw);
    if (rc != SQLITE_OK) {
        throw std::runtime_error("cannot open " + file.string());
    }
    // The server may be committing: wait for it rather than fail.
    sqlite3_busy_timeout(db.get(), 5000);
    StoredCounts counts;
    for (const std::string table : {"submissions", "sealed_signups"}) {
        const std::string sql = "SELECT form, count(*) FROM " + table + " GROUP BY form";
        sqlite3_stmt* st_raw = nullptr;
        if (sqlite3_prepare_v2(db.get(), sql.c_str(), -1, &st_raw, nullptr) != SQLITE_OK) {
            throw std::runtime_error(sql + ": " + sqlite3_errmsg(db.get()));
        }
        const std::unique_ptr<sqlite3_stmt, StmtFinaliser> st(st_raw);
        int step = SQLITE_ROW;
        while ((step = sqlite3_step(st.get())) == SQLITE_ROW) {
            const auto* form = reinterpret_cast<const char*>(sqlite3_column_text(st.get(), 0));
            const std::int64_t n = sqlite3_column_int64(st.get(), 1);
            counts.by_form[form == nullptr ? "" : form] += n;
            counts.total += n;
            if (table == "sealed_signups") {
                counts.sealed += n;
            }
        }
        if (step != SQLITE_DONE) {
            throw std::runtime_error(sql + ": " + sqlite3_errmsg(db.get()));
        }
    }
    return counts;
}

} // namespace engage::test
