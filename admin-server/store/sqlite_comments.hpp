#pragma once
// Comments (store/comments.hpp) on SqliteStore's two connections: reads on
// the reader behind its mutex, writes on the writer's connection behind the
// write mutex, so a moderation action and a group commit never interleave.
// Private to store/: SqliteStore owns one and hands it out.
//
// Thread safety: any thread (the two mutexes).

#include "engage/sqlite/database.hpp"
#include "store/comments.hpp"

#include <mutex>

namespace engage::store {

class SqliteComments final : public Comments {
public:
    SqliteComments(std::mutex& write_mutex, sqlite::Database& write_db, std::mutex& read_mutex,
                   sqlite::Database& read_db)
        : write_mutex_(write_mutex), write_db_(write_db), read_mutex_(read_mutex),
          read_db_(read_db) {}

    std::vector<Comment> waiting(std::string_view form, std::size_t limit) override;
    std::vector<WaitingCount> waiting_per_form() override;
    std::optional<Comment> find(std::string_view id) override;
    bool approve(std::string_view id) override;
    bool edit(std::string_view id, std::string_view text) override;
    bool reject(std::string_view id) override;
    bool flag_concern(std::string_view id) override;
    bool record_response(std::string_view id, std::string_view response) override;
    std::vector<Comment> open_concerns() override;
    std::int64_t open_concern_count(std::optional<std::string_view> site) override;
    std::vector<Comment> approved(std::string_view slug) override;

private:
    // Runs one UPDATE/DELETE with `id` as ?1 (and `text` as ?2 when given)
    // in its own transaction; true when it changed a row.
    bool change(std::string_view sql, std::string_view id,
                std::optional<std::string_view> text = {});

    std::mutex& write_mutex_;
    sqlite::Database& write_db_;
    std::mutex& read_mutex_;
    sqlite::Database& read_db_;
};

} // namespace engage::store
