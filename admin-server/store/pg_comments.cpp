#include "store/pg_comments.hpp"

#include "engage/pg/transaction.hpp"
#include "engage/redaction.hpp"
#include "store/pg_store.hpp"

namespace engage::store {

namespace {

constexpr std::string_view columns =
    "SELECT id, form, version, site, month, question, text, state, concern, response "
    "FROM comments ";

Concern concern_from(std::string_view s) {
    return s == "open" ? Concern::open : s == "answered" ? Concern::answered : Concern::none;
}

std::vector<Comment> read_all(const pg::Result& r) {
    std::vector<Comment> out;
    for (int i = 0; i < r.rows(); ++i) {
        Comment c;
        c.id = r.string(i, 0);
        c.form = r.string(i, 1);
        c.version = r.integer(i, 2);
        c.site = r.string(i, 3);
        c.month = r.string(i, 4);
        c.question = r.string(i, 5);
        c.text = r.string(i, 6);
        c.approved = r.text(i, 7) == "approved";
        c.concern = concern_from(r.text(i, 8));
        c.response = r.string(i, 9);
        out.push_back(std::move(c));
    }
    return out;
}

} // namespace

std::vector<Comment> PgComments::waiting(std::string_view form, std::size_t limit) {
    std::lock_guard lock(store_.read_mutex_);
    return read_all(store_.reader().query(
        std::string(columns) + "WHERE state = 'waiting' AND ($1 = '' OR form = $1) "
                               "ORDER BY month COLLATE \"C\", id COLLATE \"C\" LIMIT $2",
        form, static_cast<std::int64_t>(limit)));
}

std::vector<WaitingCount> PgComments::waiting_per_form() {
    std::lock_guard lock(store_.read_mutex_);
    const auto r = store_.reader().query("SELECT form, count(*) FROM comments WHERE state = "
                                         "'waiting' GROUP BY form ORDER BY form COLLATE \"C\"");
    std::vector<WaitingCount> out;
    for (int i = 0; i < r.rows(); ++i) {
        out.push_back(WaitingCount{r.string(i, 0), r.integer(i, 1)});
    }
    return out;
}

std::optional<Comment> PgComments::find(std::string_view id) {
    std::lock_guard lock(store_.read_mutex_);
    auto all = read_all(store_.reader().query(std::string(columns) + "WHERE id = $1", id));
    if (all.empty()) {
        return std::nullopt;
    }
    return std::move(all.front());
}

bool PgComments::change(std::string_view sql, std::string_view id,
                        std::optional<std::string_view> text, bool vacuum) {
    std::lock_guard lock(store_.write_mutex_);
    auto& c = store_.writer();
    pg::Params p(id);
    if (text) {
        p.add(*text);
    }
    bool changed = false;
    {
        pg::Transaction tx(c);
        changed = c.query(sql, p).affected() == 1;
        tx.commit();
    }
    if (changed && vacuum) {
        store_.vacuum_now({"comments"});
    }
    return changed;
}

bool PgComments::approve(std::string_view id) {
    return change("UPDATE comments SET state = 'approved' WHERE id = $1", id);
}

bool PgComments::edit(std::string_view id, std::string_view text) {
    const auto redacted = redact(text);
    // The old words stay in the row's previous version until VACUUM.
    return change("UPDATE comments SET text = $2 WHERE id = $1", id, redacted.text, true);
}

bool PgComments::reject(std::string_view id) {
    return change("DELETE FROM comments WHERE id = $1 AND concern <> 'open'", id, std::nullopt,
                  true);
}

bool PgComments::flag_concern(std::string_view id) {
    return change("UPDATE comments SET concern = 'open' WHERE id = $1", id);
}

bool PgComments::record_response(std::string_view id, std::string_view response) {
    const auto redacted = redact(response);
    return change("UPDATE comments SET concern = 'answered', response = $2 "
                  "WHERE id = $1 AND concern = 'open'",
                  id, redacted.text);
}

std::vector<Comment> PgComments::open_concerns() {
    std::lock_guard lock(store_.read_mutex_);
    return read_all(store_.reader().query(std::string(columns) +
                                          "WHERE concern = 'open' ORDER BY month COLLATE \"C\", "
                                          "id COLLATE \"C\""));
}

std::int64_t PgComments::open_concern_count(std::optional<std::string_view> site) {
    std::lock_guard lock(store_.read_mutex_);
    pg::Params p;
    if (site) {
        p.add(*site);
    } else {
        p.add(std::nullopt);
    }
    return store_.reader()
        .query("SELECT count(*) FROM comments WHERE concern = 'open' AND "
               "($1::text IS NULL OR site = $1)",
               p)
        .integer(0, 0);
}

std::vector<Comment> PgComments::approved(std::string_view slug) {
    std::lock_guard lock(store_.read_mutex_);
    return read_all(store_.reader().query(
        std::string(columns) + "WHERE form = $1 AND state = 'approved' ORDER BY "
                               "question COLLATE \"C\", month COLLATE \"C\", site COLLATE \"C\", "
                               "id COLLATE \"C\"",
        slug));
}

} // namespace engage::store
