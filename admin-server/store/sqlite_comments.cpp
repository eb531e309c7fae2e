#include "store/sqlite_comments.hpp"

#include "engage/redaction.hpp"
#include "engage/sqlite/statement.hpp"
#include "engage/sqlite/transaction.hpp"

namespace engage::store {

using sqlite::Statement;
using sqlite::Transaction;

namespace {

constexpr std::string_view columns =
    "SELECT id, form, version, site, month, question, text, state, concern, response "
    "FROM comments ";

Concern concern_from(const std::string& s) {
    return s == "open" ? Concern::open : s == "answered" ? Concern::answered : Concern::none;
}

Comment read_comment(const Statement& st) {
    Comment c;
    c.id = st.text(0);
    c.form = st.text(1);
    c.version = st.integer(2);
    c.site = st.text(3);
    c.month = st.text(4);
    c.question = st.text(5);
    c.text = st.text(6);
    c.approved = st.text(7) == "approved";
    c.concern = concern_from(st.text(8));
    c.response = st.text(9);
    return c;
}

std::vector<Comment> read_all(Statement& st) {
    std::vector<Comment> out;
    while (st.step()) {
        out.push_back(read_comment(st));
    }
    return out;
}

} // namespace

std::string_view to_string(Concern c) {
    switch (c) {
    case Concern::open:
        return "open";
    case Concern::answered:
        return "answered";
    case Concern::none:
        break;
    }
    return "none";
}

std::vector<Comment> SqliteComments::waiting(std::string_view form, std::size_t limit) {
    std::lock_guard lock(read_mutex_);
    Statement st(read_db_, std::string(columns) +
                               "WHERE state = 'waiting' AND (?1 = '' OR form = ?1) "
                               "ORDER BY month, id LIMIT ?2");
    st.bind(1, form).bind(2, static_cast<std::int64_t>(limit));
    return read_all(st);
}

std::vector<WaitingCount> SqliteComments::waiting_per_form() {
    std::lock_guard lock(read_mutex_);
    Statement st(read_db_, "SELECT form, count(*) FROM comments WHERE state = 'waiting' "
                           "GROUP BY form ORDER BY form");
    std::vector<WaitingCount> out;
    while (st.step()) {
        out.push_back(WaitingCount{st.text(0), st.integer(1)});
    }
    return out;
}

std::optional<Comment> SqliteComments::find(std::string_view id) {
    std::lock_guard lock(read_mutex_);
    Statement st(read_db_, std::string(columns) + "WHERE id = ?1");
    st.bind(1, id);
    if (!st.step()) {
        return std::nullopt;
    }
    return read_comment(st);
}

bool SqliteComments::change(std::string_view sql, std::string_view id,
                            std::optional<std::string_view> text) {
    std::lock_guard lock(write_mutex_);
    Transaction tx(write_db_);
    Statement st(write_db_, sql);
    st.bind(1, id);
    if (text) {
        st.bind(2, *text);
    }
    st.run();
    const bool changed = write_db_.changes() == 1;
    tx.commit();
    return changed;
}

bool SqliteComments::approve(std::string_view id) {
    return change("UPDATE comments SET state = 'approved' WHERE id = ?1", id);
}

bool SqliteComments::edit(std::string_view id, std::string_view text) {
    const auto redacted = redact(text);
    // The old words' cell is freed by the update and zeroed by
    // secure_delete; the checkpoint takes the page images out of the WAL.
    const bool changed = change("UPDATE comments SET text = ?2 WHERE id = ?1", id, redacted.text);
    if (changed) {
        std::lock_guard lock(write_mutex_);
        write_db_.checkpoint_truncate();
    }
    return changed;
}

bool SqliteComments::reject(std::string_view id) {
    // secure_delete (server_pragmas) overwrites the row in the main file;
    // the WAL still holds the page images from before, so it is emptied at
    // once rather than at the writer's next idle moment (which only follows
    // the writer's own commits).
    const bool deleted = change("DELETE FROM comments WHERE id = ?1 AND concern <> 'open'", id);
    if (deleted) {
        std::lock_guard lock(write_mutex_);
        write_db_.checkpoint_truncate();
    }
    return deleted;
}

bool SqliteComments::flag_concern(std::string_view id) {
    return change("UPDATE comments SET concern = 'open' WHERE id = ?1", id);
}

bool SqliteComments::record_response(std::string_view id, std::string_view response) {
    const auto redacted = redact(response);
    return change("UPDATE comments SET concern = 'answered', response = ?2 "
                  "WHERE id = ?1 AND concern = 'open'",
                  id, redacted.text);
}

std::vector<Comment> SqliteComments::open_concerns() {
    std::lock_guard lock(read_mutex_);
    Statement st(read_db_, std::string(columns) + "WHERE concern = 'open' ORDER BY month, id");
    return read_all(st);
}

std::int64_t SqliteComments::open_concern_count(std::optional<std::string_view> site) {
    std::lock_guard lock(read_mutex_);
    Statement st(
        read_db_,
        "SELECT count(*) FROM comments WHERE concern = 'open' AND (?1 IS NULL OR site = ?1)");
    if (site) {
        st.bind(1, *site);
    } else {
        st.bind_null(1);
    }
    return st.step() ? st.integer(0) : 0;
}

std::vector<Comment> SqliteComments::approved(std::string_view slug) {
    std::lock_guard lock(read_mutex_);
    Statement st(read_db_, std::string(columns) + "WHERE form = ?1 AND state = 'approved' "
                                                  "ORDER BY question, month, site, id");
    st.bind(1, slug);
    return read_all(st);
}

} // namespace engage::store
