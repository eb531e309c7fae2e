#pragma once
// Many multi-row INSERTs sent as ONE statement (each a data-modifying WITH
// query), for the group-commit writer on PostgreSQL (private to
// store/pg_store*.cpp). Each statement is a round trip to the database
// server, and on a busy machine a round trip waits for the server process
// to be scheduled: a group's items, comments and four count tables cost
// eight of them as separate statements and two this way.
//
//   InsertBatch b(connection, [](const pg::Result& ids) { ... });
//   b.insert("INSERT INTO t(a, b) VALUES ", " RETURNING id", 2, rows, add, true);
//   b.send(); // one statement; `ids` sees the RETURNING rows of every part
//
// Parameters are numbered across the parts. PostgreSQL takes at most 65535
// in one statement, so a batch sends what it holds whenever the next rows
// would pass max_parameters (the caller's transaction keeps them atomic).
// The order PostgreSQL runs the parts in is not specified, but is the same
// for the same statement shape, so two servers sending the same shape take
// row locks table by table in one order (and rows in VALUES order).
//
// Thread safety: as the Connection (the writer's, under its mutex).

#include "engage/pg/connection.hpp"
#include "engage/pg/params.hpp"
#include "engage/pg/result.hpp"

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace engage::store {

class InsertBatch {
public:
    static constexpr int max_parameters = 60000; // below PostgreSQL's 65535
    // Rows per VALUES list: a typical group's cells fit in one.
    static constexpr std::size_t rows_per_insert = 1000;

    using Returned = std::function<void(const pg::Result&)>;
    InsertBatch(pg::Connection& c, Returned returned = {})
        : c_(c), returned_(std::move(returned)) {}
    InsertBatch(const InsertBatch&) = delete;
    InsertBatch& operator=(const InsertBatch&) = delete;

    // Adds `head` + "($1, ...), (...)" + `tail` for `rows`, each row's
    // `columns` values added by add(params, row). `returning`: the tail
    // says RETURNING with one text column, which reaches `returned`.
    template <class Rows, class Add>
    void insert(std::string_view head, std::string_view tail, int columns, const Rows& rows,
                Add add, bool returning = false) {
        auto it = rows.begin();
        while (it != rows.end()) {
            std::string sql(head);
            for (std::size_t i = 0; i < rows_per_insert && it != rows.end(); ++i, ++it) {
                if (n_ + columns > max_parameters) {
                    break;
                }
                sql += i == 0 ? "(" : ", (";
                for (int col = 0; col < columns; ++col) {
                    sql += (col == 0 ? "$" : ", $") + std::to_string(++n_);
                }
                sql += ")";
                add(params_, *it);
            }
            if (sql.size() == head.size()) { // full: send and start afresh
                send();
                continue;
            }
            sql += tail;
            add_part(std::move(sql), returning);
        }
    }

    // Sends what the batch holds as one statement; nothing when empty.
    void send();

private:
    void add_part(std::string sql, bool returning);

    struct Part {
        std::string sql;
        bool returning = false;
    };
    pg::Connection& c_;
    Returned returned_;
    std::vector<Part> parts_;
    int n_ = 0; // parameters so far
    pg::Params params_;
};

} // namespace engage::store
