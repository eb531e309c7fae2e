// The account store's statements for PostgreSQL: SQLite's
// (sqlite_account_store.cpp) with $n parameters, "user" quoted (a reserved
// word here), flags as 0/1 bigints as on SQLite, and names sorted by bytes
// (COLLATE "C", SQLite's order) whatever the database's locale.
#include "accounts/pg_account_store.hpp"

#include "engage/pg/error.hpp"
#include "engage/pg/transaction.hpp"

#include <algorithm>
#include <limits>
#include <poll.h>
#include <string>

namespace engage::accounts {
namespace {

constexpr std::string_view user_columns =
    "SELECT name, password_hash, roles, totp_secret, totp_last_step, demo, disabled, created "
    "FROM users ";

User read_user(const pg::Result& r, int row) {
    User u;
    u.name = r.string(row, 0);
    u.password_hash = r.string(row, 1);
    u.roles = Roles::parse(r.text(row, 2)).value_or(Roles{});
    u.totp_secret = r.is_null(row, 3) ? std::string() : r.string(row, 3);
    u.totp_last_step = r.integer(row, 4);
    u.demo = r.integer(row, 5) != 0;
    u.disabled = r.integer(row, 6) != 0;
    u.created = r.integer(row, 7);
    return u;
}

AuditEntry read_entry(const pg::Result& r, int row) {
    return {r.integer(row, 0), r.integer(row, 1), r.string(row, 2), r.string(row, 3),
            r.string(row, 4)};
}

// The audit filters: an empty `who` ($1) or `action` ($2) matches all.
constexpr std::string_view audit_filter = "($1::text = '' OR who = $1::text) "
                                          "AND ($2::text = '' OR action = $2::text) ";

} // namespace

PgAccountStore::PgAccountStore(pg::Connection connection, std::chrono::milliseconds lock_wait)
    : c_(std::move(connection)), lock_wait_(lock_wait) {
    set_lock_wait();
}

void PgAccountStore::set_lock_wait() {
    // SET takes no parameters; the value is our own integer.
    c_.exec("SET lock_timeout = " + std::to_string(lock_wait_.count()));
}

pg::Connection& PgAccountStore::live() {
    // libpq learns that the server closed the socket (a restart, an
    // administrator ending the session) only by reading it, so read what is
    // waiting now: a dead connection is then re-opened before the statement
    // is sent rather than failing it. A server ending a connection first
    // says why (a FATAL or WARNING message), then closes: the first read
    // takes the message, the next meets the end. Nothing waiting (the usual
    // case) costs one poll(). A failed read leaves the connection bad, which
    // is what the reset below looks at, so its error is not needed.
    constexpr int max_reads = 4; // message, end, and room for a notice or two
    for (int i = 0; i < max_reads && c_.ok(); ++i) {
        pollfd waiting{c_.socket(), POLLIN, 0};
        if (::poll(&waiting, 1, 0) <= 0) {
            break;
        }
        try {
            c_.read_input();
        } catch (const pg::Error&) {
        }
    }
    if (!c_.ok()) {
        c_.reset();
        set_lock_wait();
    }
    return c_;
}

bool PgAccountStore::add_user(const User& user, const std::vector<std::string>& recovery_hashes) {
    std::lock_guard lock(mutex_);
    auto& c = live();
    pg::Transaction tx(c);
    const std::optional<std::string> secret =
        user.totp_secret.empty() ? std::nullopt : std::optional(user.totp_secret);
    const auto added = c.query("INSERT INTO users(name, password_hash, roles, totp_secret, demo, "
                               "created, disabled) VALUES($1, $2, $3, $4, $5, $6, $7) "
                               "ON CONFLICT(name) DO NOTHING",
                               user.name, user.password_hash, user.roles.to_string(), secret,
                               std::int64_t{user.demo}, user.created, std::int64_t{user.disabled});
    if (added.affected() != 1) {
        return false;
    }
    for (const auto& h : recovery_hashes) {
        c.query(R"(INSERT INTO recovery_codes("user", code_hash) VALUES($1, $2))", user.name, h);
    }
    tx.commit();
    return true;
}

std::optional<User> PgAccountStore::find_user(std::string_view name) {
    std::lock_guard lock(mutex_);
    const auto r = live().query(std::string(user_columns) + "WHERE name = $1", name);
    if (r.rows() == 0) {
        return std::nullopt;
    }
    return read_user(r, 0);
}

std::vector<UserSummary> PgAccountStore::list_users() {
    std::lock_guard lock(mutex_);
    const auto r =
        live().query(R"(SELECT u.name, u.roles, u.totp_secret IS NOT NULL, u.disabled, u.created, )"
                     R"((SELECT count(*) FROM web_sessions s WHERE s."user" = u.name) )"
                     R"(FROM users u ORDER BY u.name COLLATE "C")");
    std::vector<UserSummary> out;
    out.reserve(static_cast<std::size_t>(r.rows()));
    for (int i = 0; i < r.rows(); ++i) {
        UserSummary s;
        s.name = r.string(i, 0);
        s.roles = Roles::parse(r.text(i, 1)).value_or(Roles{});
        s.has_totp = r.boolean(i, 2);
        s.disabled = r.integer(i, 3) != 0;
        s.created = r.integer(i, 4);
        s.sessions = r.integer(i, 5);
        out.push_back(std::move(s));
    }
    return out;
}

bool PgAccountStore::use_totp_step(std::string_view user, std::int64_t step) {
    std::lock_guard lock(mutex_);
    // One statement: a second server updating the same row waits for this
    // one's row lock, then re-checks the condition on the new row and
    // matches nothing (READ COMMITTED's re-check), so a step is used once.
    return live()
               .query("UPDATE users SET totp_last_step = $2 "
                      "WHERE name = $1 AND totp_last_step < $2",
                      user, step)
               .affected() == 1;
}

bool PgAccountStore::use_recovery_code(std::string_view user, std::string_view code_hash) {
    std::lock_guard lock(mutex_);
    return live()
               .query(R"(DELETE FROM recovery_codes WHERE "user" = $1 AND code_hash = $2)", user,
                      code_hash)
               .affected() == 1;
}

bool PgAccountStore::disable_user(std::string_view user) {
    std::lock_guard lock(mutex_);
    auto& c = live();
    pg::Transaction tx(c);
    const bool found =
        c.query("UPDATE users SET disabled = 1 WHERE name = $1", user).affected() == 1;
    c.query(R"(DELETE FROM web_sessions WHERE "user" = $1)", user);
    tx.commit();
    return found;
}

std::int64_t PgAccountStore::end_sessions(std::string_view user) {
    std::lock_guard lock(mutex_);
    return live().query(R"(DELETE FROM web_sessions WHERE "user" = $1)", user).affected();
}

void PgAccountStore::add_session(std::string_view id_hash, std::string_view user, std::int64_t now,
                                 std::string_view csrf) {
    std::lock_guard lock(mutex_);
    live().query(R"(INSERT INTO web_sessions(id_hash, "user", created, last_used, csrf) )"
                 R"(VALUES($1, $2, $3, $3, $4))",
                 id_hash, user, now, csrf);
}

std::optional<WebSession> PgAccountStore::find_session(std::string_view id_hash) {
    std::lock_guard lock(mutex_);
    const auto r = live().query(
        R"(SELECT "user", created, last_used, csrf FROM web_sessions WHERE id_hash = $1)", id_hash);
    if (r.rows() == 0) {
        return std::nullopt;
    }
    return WebSession{r.string(0, 0), r.integer(0, 1), r.integer(0, 2), r.string(0, 3)};
}

void PgAccountStore::touch_session(std::string_view id_hash, std::int64_t now) {
    std::lock_guard lock(mutex_);
    live().query("UPDATE web_sessions SET last_used = $2 WHERE id_hash = $1", id_hash, now);
}

void PgAccountStore::delete_session(std::string_view id_hash) {
    std::lock_guard lock(mutex_);
    live().query("DELETE FROM web_sessions WHERE id_hash = $1", id_hash);
}

void PgAccountStore::delete_expired_sessions(std::int64_t idle_before,
                                             std::int64_t created_before) {
    std::lock_guard lock(mutex_);
    live().query("DELETE FROM web_sessions WHERE last_used < $1 OR created < $2", idle_before,
                 created_before);
}

std::int64_t PgAccountStore::failures(std::string_view key, std::int64_t window_start) {
    std::lock_guard lock(mutex_);
    const auto r =
        live().query("SELECT failures FROM signin_failures WHERE key = $1 AND window_start >= $2",
                     key, window_start);
    return r.rows() == 0 ? 0 : r.integer(0, 0);
}

void PgAccountStore::add_failure(std::string_view key, std::int64_t now,
                                 std::int64_t window_start) {
    std::lock_guard lock(mutex_);
    // One upsert, so failures counted by two servers at once both count.
    // The existing row is named by its table (SQLite allows it bare).
    live().query("INSERT INTO signin_failures AS f(key, window_start, failures) "
                 "VALUES($1, $2, 1) ON CONFLICT(key) DO UPDATE SET "
                 "failures = CASE WHEN f.window_start >= $3 THEN f.failures + 1 ELSE 1 END, "
                 "window_start = CASE WHEN f.window_start >= $3 THEN f.window_start ELSE $2 END",
                 key, now, window_start);
}

void PgAccountStore::clear_failures(std::string_view key) {
    std::lock_guard lock(mutex_);
    live().query("DELETE FROM signin_failures WHERE key = $1", key);
}

void PgAccountStore::audit(std::int64_t now, std::string_view who, std::string_view action,
                           std::string_view detail) {
    std::lock_guard lock(mutex_);
    live().query("INSERT INTO audit_log(at, who, action, detail) VALUES($1, $2, $3, $4)", now, who,
                 action, detail);
}

std::vector<AuditEntry> PgAccountStore::audit_entries(std::string_view who, std::string_view action,
                                                      std::int64_t limit) {
    std::lock_guard lock(mutex_);
    const auto r = live().query("SELECT id, at, who, action, detail FROM audit_log WHERE " +
                                    std::string(audit_filter) + "ORDER BY id DESC LIMIT $3",
                                who, action, limit);
    std::vector<AuditEntry> out;
    out.reserve(static_cast<std::size_t>(r.rows()));
    for (int i = 0; i < r.rows(); ++i) {
        out.push_back(read_entry(r, i));
    }
    return out;
}

AccountStore::AuditPage PgAccountStore::audit_page(std::string_view who, std::string_view action,
                                                   std::int64_t per_page,
                                                   std::optional<std::int64_t> before,
                                                   std::optional<std::int64_t> after) {
    std::lock_guard lock(mutex_);
    auto& c = live();
    AuditPage page;
    // "Newer" walks up from `after` (ascending), everything else down.
    const bool up = after.has_value() && !before.has_value();
    {
        std::string sql = "SELECT id, at, who, action, detail FROM audit_log WHERE ";
        sql += audit_filter;
        sql +=
            up ? "AND id > $3 ORDER BY id ASC LIMIT $4" : "AND id < $3 ORDER BY id DESC LIMIT $4";
        const auto r = c.query(
            sql, who, action,
            up ? *after : before.value_or(std::numeric_limits<std::int64_t>::max()), per_page);
        for (int i = 0; i < r.rows(); ++i) {
            page.entries.push_back(read_entry(r, i));
        }
        if (up) {
            std::ranges::reverse(page.entries);
        }
    }
    if (page.entries.empty()) {
        return page;
    }
    const auto exists = [&](std::string_view comparison, std::int64_t id) {
        std::string sql = "SELECT 1 FROM audit_log WHERE ";
        sql += audit_filter;
        sql += comparison;
        sql += " LIMIT 1";
        return c.query(sql, who, action, id).rows() > 0;
    };
    page.has_older = exists("AND id < $3", page.entries.back().id);
    page.has_newer = exists("AND id > $3", page.entries.front().id);
    return page;
}

void PgAccountStore::add_invitation(std::string_view token_hash, Roles roles,
                                    std::string_view invited_by, std::int64_t expires_at) {
    std::lock_guard lock(mutex_);
    live().query("INSERT INTO invitations(token_hash, roles, invited_by, expires_at) "
                 "VALUES($1, $2, $3, $4)",
                 token_hash, roles.to_string(), invited_by, expires_at);
}

std::optional<Roles> PgAccountStore::find_invitation(std::string_view token_hash,
                                                     std::int64_t now) {
    std::lock_guard lock(mutex_);
    const auto r = live().query("SELECT roles FROM invitations "
                                "WHERE token_hash = $1 AND used = 0 AND expires_at > $2",
                                token_hash, now);
    if (r.rows() == 0) {
        return std::nullopt;
    }
    return Roles::parse(r.text(0, 0));
}

bool PgAccountStore::use_invitation(std::string_view token_hash, std::int64_t now) {
    std::lock_guard lock(mutex_);
    // One statement, as use_totp_step: of two servers accepting the same
    // invitation at once, the second matches nothing.
    return live()
               .query("UPDATE invitations SET used = 1 "
                      "WHERE token_hash = $1 AND used = 0 AND expires_at > $2",
                      token_hash, now)
               .affected() == 1;
}

bool PgAccountStore::is_sample_database() {
    std::lock_guard lock(mutex_);
    const auto r = live().query("SELECT value FROM meta WHERE key = 'sample_database'");
    return r.rows() > 0 && r.text(0, 0) == "1";
}

void PgAccountStore::mark_sample_database() {
    std::lock_guard lock(mutex_);
    live().query("INSERT INTO meta(key, value) VALUES('sample_database', '1') "
                 "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
}

} // namespace engage::accounts
