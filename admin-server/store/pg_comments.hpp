#pragma once
// Comments (store/comments.hpp) on PgStore's two connections: reads on the
// reader behind its mutex, writes on the writer's connection behind the
// write mutex, so a moderation action and a group commit never interleave.
// A rejected or edited comment's old words stay in a dead row version until
// VACUUM, so both run VACUUM FULL on comments after their commit (as
// SqliteComments checkpoints at once). Private to store/: PgStore owns one.
//
// Thread safety: any thread (PgStore's two mutexes).

#include "store/comments.hpp"

#include <optional>

namespace engage::store {

class PgStore;

class PgComments final : public Comments {
public:
    explicit PgComments(PgStore& store) : store_(store) {}

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
    // Runs one UPDATE/DELETE with `id` as $1 (and `text` as $2 when given)
    // in its own transaction; true when it changed a row. With `vacuum`,
    // VACUUM FULL comments afterwards when it did.
    bool change(std::string_view sql, std::string_view id,
                std::optional<std::string_view> text = {}, bool vacuum = false);

    PgStore& store_;
};

} // namespace engage::store
