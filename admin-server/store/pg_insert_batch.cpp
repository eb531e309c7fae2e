#include "store/pg_insert_batch.hpp"

#include <algorithm>

namespace engage::store {

void InsertBatch::add_part(std::string sql, bool returning) {
    parts_.push_back(Part{std::move(sql), returning});
}

void InsertBatch::send() {
    if (parts_.empty()) {
        return;
    }
    std::string sql;
    if (parts_.size() == 1) {
        sql = std::move(parts_.front().sql);
    } else {
        // Every part as a WITH query: PostgreSQL runs each one to the end
        // whether or not the main query reads it.
        std::string select;
        for (std::size_t i = 0; i < parts_.size(); ++i) {
            // Not "p" + std::to_string(i): GCC 12 -O3 warns falsely
            // (-Wrestrict) on a literal plus a temporary string.
            std::string name = std::to_string(i);
            name.insert(name.begin(), 'p');
            sql.append(i == 0 ? "WITH " : ", ").append(name).append(" AS (");
            sql.append(parts_[i].sql).append(")");
            if (parts_[i].returning) {
                select.append(select.empty() ? " SELECT * FROM " : " UNION ALL SELECT * FROM ");
                select.append(name);
            }
        }
        sql.append(select.empty() ? " SELECT NULL WHERE false" : select);
    }
    const bool returning =
        std::any_of(parts_.begin(), parts_.end(), [](const Part& p) { return p.returning; });
    const pg::Result r = c_.query(sql, params_);
    parts_.clear();
    params_ = pg::Params();
    n_ = 0;
    if (returning && returned_) {
        returned_(r);
    }
}

} // namespace engage::store
