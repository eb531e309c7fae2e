// The account store's statements for SQLite (the PostgreSQL twin is
// pg_account_store.cpp; a change to one belongs in both).
#include "accounts/sqlite_account_store.hpp"

#include "engage/sqlite/statement.hpp"
#include "engage/sqlite/transaction.hpp"

#include <algorithm>
#include <limits>

namespace engage::accounts {

using sqlite::Statement;
using sqlite::Transaction;

namespace {

User read_user(Statement& st) {
    User u;
    u.name = st.text(0);
    u.password_hash = st.text(1);
    u.roles = Roles::parse(st.text(2)).value_or(Roles{});
    u.totp_secret = st.is_null(3) ? std::string() : st.text(3);
    u.totp_last_step = st.integer(4);
    u.demo = st.integer(5) != 0;
    u.disabled = st.integer(6) != 0;
    u.created = st.integer(7);
    return u;
}

} // namespace

SqliteAccountStore::SqliteAccountStore(sqlite::Database db) : db_(std::move(db)) {}

bool SqliteAccountStore::add_user(const User& user,
                                  const std::vector<std::string>& recovery_hashes) {
    std::lock_guard lock(mutex_);
    Transaction tx(db_);
    Statement add(db_, "INSERT INTO users(name, password_hash, roles, totp_secret, demo, created, "
                       "disabled) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(name) DO NOTHING");
    add.bind(1, user.name).bind(2, user.password_hash).bind(3, user.roles.to_string());
    if (user.totp_secret.empty()) {
        add.bind_null(4);
    } else {
        add.bind(4, user.totp_secret);
    }
    add.bind(5, std::int64_t{user.demo}).bind(6, user.created).bind(7, std::int64_t{user.disabled});
    add.run();
    if (db_.changes() != 1) {
        return false;
    }
    Statement code(db_, "INSERT INTO recovery_codes(user, code_hash) VALUES(?1, ?2)");
    for (const auto& h : recovery_hashes) {
        code.reset();
        code.bind(1, user.name).bind(2, h);
        code.run();
    }
    tx.commit();
    return true;
}

std::optional<User> SqliteAccountStore::find_user(std::string_view name) {
    std::lock_guard lock(mutex_);
    Statement st(db_, "SELECT name, password_hash, roles, totp_secret, totp_last_step, demo, "
                      "disabled, created FROM users WHERE name = ?1");
    st.bind(1, name);
    if (!st.step()) {
        return std::nullopt;
    }
    return read_user(st);
}

std::vector<UserSummary> SqliteAccountStore::list_users() {
    std::lock_guard lock(mutex_);
    Statement st(db_, "SELECT u.name, u.roles, u.totp_secret IS NOT NULL, u.disabled, u.created, "
                      "(SELECT count(*) FROM web_sessions s WHERE s.user = u.name) "
                      "FROM users u ORDER BY u.name");
    std::vector<UserSummary> out;
    while (st.step()) {
        UserSummary s;
        s.name = st.text(0);
        s.roles = Roles::parse(st.text(1)).value_or(Roles{});
        s.has_totp = st.integer(2) != 0;
        s.disabled = st.integer(3) != 0;
        s.created = st.integer(4);
        s.sessions = st.integer(5);
        out.push_back(std::move(s));
    }
    return out;
}

bool SqliteAccountStore::use_totp_step(std::string_view user, std::int64_t step) {
    std::lock_guard lock(mutex_);
    Statement st(db_,
                 "UPDATE users SET totp_last_step = ?2 WHERE name = ?1 AND totp_last_step < ?2");
    st.bind(1, user).bind(2, step);
    st.run();
    return db_.changes() == 1;
}

bool SqliteAccountStore::use_recovery_code(std::string_view user, std::string_view code_hash) {
    std::lock_guard lock(mutex_);
    Statement st(db_, "DELETE FROM recovery_codes WHERE user = ?1 AND code_hash = ?2");
    st.bind(1, user).bind(2, code_hash);
    st.run();
    return db_.changes() == 1;
}

bool SqliteAccountStore::disable_user(std::string_view user) {
    std::lock_guard lock(mutex_);
    Transaction tx(db_);
    Statement st(db_, "UPDATE users SET disabled = 1 WHERE name = ?1");
    st.bind(1, user);
    st.run();
    const bool found = db_.changes() == 1;
    Statement end(db_, "DELETE FROM web_sessions WHERE user = ?1");
    end.bind(1, user);
    end.run();
    tx.commit();
    return found;
}

std::int64_t SqliteAccountStore::end_sessions(std::string_view user) {
    std::lock_guard lock(mutex_);
    Statement st(db_, "DELETE FROM web_sessions WHERE user = ?1");
    st.bind(1, user);
    st.run();
    return db_.changes();
}

void SqliteAccountStore::add_session(std::string_view id_hash, std::string_view user,
                                     std::int64_t now, std::string_view csrf) {
    std::lock_guard lock(mutex_);
    Statement st(db_, "INSERT INTO web_sessions(id_hash, user, created, last_used, csrf) "
                      "VALUES(?1, ?2, ?3, ?3, ?4)");
    st.bind(1, id_hash).bind(2, user).bind(3, now).bind(4, csrf);
    st.run();
}

std::optional<WebSession> SqliteAccountStore::find_session(std::string_view id_hash) {
    std::lock_guard lock(mutex_);
    Statement st(db_, "SELECT user, created, last_used, csrf FROM web_sessions WHERE id_hash = ?1");
    st.bind(1, id_hash);
    if (!st.step()) {
        return std::nullopt;
    }
    return WebSession{st.text(0), st.integer(1), st.integer(2), st.text(3)};
}

void SqliteAccountStore::touch_session(std::string_view id_hash, std::int64_t now) {
    std::lock_guard lock(mutex_);
    Statement st(db_, "UPDATE web_sessions SET last_used = ?2 WHERE id_hash = ?1");
    st.bind(1, id_hash).bind(2, now);
    st.run();
}

void SqliteAccountStore::delete_session(std::string_view id_hash) {
    std::lock_guard lock(mutex_);
    Statement st(db_, "DELETE FROM web_sessions WHERE id_hash = ?1");
    st.bind(1, id_hash);
    st.run();
}

void SqliteAccountStore::delete_expired_sessions(std::int64_t idle_before,
                                                 std::int64_t created_before) {
    std::lock_guard lock(mutex_);
    Statement st(db_, "DELETE FROM web_sessions WHERE last_used < ?1 OR created < ?2");
    st.bind(1, idle_before).bind(2, created_before);
    st.run();
}

std::int64_t SqliteAccountStore::failures(std::string_view key, std::int64_t window_start) {
    std::lock_guard lock(mutex_);
    Statement st(db_, "SELECT failures FROM signin_failures WHERE key = ?1 AND window_start >= ?2");
    st.bind(1, key).bind(2, window_start);
    return st.step() ? st.integer(0) : 0;
}

void SqliteAccountStore::add_failure(std::string_view key, std::int64_t now,
                                     std::int64_t window_start) {
    std::lock_guard lock(mutex_);
    Statement st(db_, "INSERT INTO signin_failures(key, window_start, failures) VALUES(?1, ?2, 1) "
                      "ON CONFLICT(key) DO UPDATE SET "
                      "failures = CASE WHEN window_start >= ?3 THEN failures + 1 ELSE 1 END, "
                      "window_start = CASE WHEN window_start >= ?3 THEN window_start ELSE ?2 END");
    st.bind(1, key).bind(2, now).bind(3, window_start);
    st.run();
}

void SqliteAccountStore::clear_failures(std::string_view key) {
    std::lock_guard lock(mutex_);
    Statement st(db_, "DELETE FROM signin_failures WHERE key = ?1");
    st.bind(1, key);
    st.run();
}

void SqliteAccountStore::audit(std::int64_t now, std::string_view who, std::string_view action,
                               std::string_view detail) {
    std::lock_guard lock(mutex_);
    Statement st(db_, "INSERT INTO audit_log(at, who, action, detail) "
                      "VALUES(?1, ?2, ?3, coalesce(?4, ''))");
    st.bind(1, now).bind(2, who).bind(3, action).bind(4, detail);
    st.run();
}

std::vector<AuditEntry> SqliteAccountStore::audit_entries(std::string_view who,
                                                          std::string_view action,
                                                          std::int64_t limit) {
    std::lock_guard lock(mutex_);
    Statement st(db_, "SELECT id, at, who, action, detail FROM audit_log "
                      "WHERE (coalesce(?1, '') = '' OR who = ?1) "
                      "AND (coalesce(?2, '') = '' OR action = ?2) "
                      "ORDER BY id DESC LIMIT ?3");
    st.bind(1, who).bind(2, action).bind(3, limit);
    std::vector<AuditEntry> out;
    while (st.step()) {
        out.push_back({st.integer(0), st.integer(1), st.text(2), st.text(3), st.text(4)});
    }
    return out;
}

AccountStore::AuditPage SqliteAccountStore::audit_page(std::string_view who,
                                                       std::string_view action,
                                                       std::int64_t per_page,
                                                       std::optional<std::int64_t> before,
                                                       std::optional<std::int64_t> after) {
    std::lock_guard lock(mutex_);
    constexpr std::string_view filter = "(coalesce(?1, '') = '' OR who = ?1) "
                                        "AND (coalesce(?2, '') = '' OR action = ?2) ";
    AuditPage page;
    {
        // "Newer" walks up from `after` (ascending), everything else down.
        const bool up = after.has_value() && !before.has_value();
        std::string sql = "SELECT id, at, who, action, detail FROM audit_log WHERE ";
        sql += filter;
        sql +=
            up ? "AND id > ?3 ORDER BY id ASC LIMIT ?4" : "AND id < ?3 ORDER BY id DESC LIMIT ?4";
        Statement st(db_, sql);
        st.bind(1, who).bind(2, action);
        st.bind(3, up ? *after : before.value_or(std::numeric_limits<std::int64_t>::max()));
        st.bind(4, per_page);
        while (st.step()) {
            page.entries.push_back(
                {st.integer(0), st.integer(1), st.text(2), st.text(3), st.text(4)});
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
        sql += filter;
        sql += comparison;
        sql += " LIMIT 1";
        Statement st(db_, sql);
        st.bind(1, who).bind(2, action).bind(3, id);
        return st.step();
    };
    page.has_older = exists("AND id < ?3", page.entries.back().id);
    page.has_newer = exists("AND id > ?3", page.entries.front().id);
    return page;
}

void SqliteAccountStore::add_invitation(std::string_view token_hash, Roles roles,
                                        std::string_view invited_by, std::int64_t expires_at) {
    std::lock_guard lock(mutex_);
    Statement st(db_, "INSERT INTO invitations(token_hash, roles, invited_by, expires_at) "
                      "VALUES(?1, ?2, ?3, ?4)");
    st.bind(1, token_hash).bind(2, roles.to_string()).bind(3, invited_by).bind(4, expires_at);
    st.run();
}

std::optional<Roles> SqliteAccountStore::find_invitation(std::string_view token_hash,
                                                         std::int64_t now) {
    std::lock_guard lock(mutex_);
    Statement st(db_, "SELECT roles FROM invitations WHERE token_hash = ?1 AND used = 0 AND "
                      "expires_at > ?2");
    st.bind(1, token_hash).bind(2, now);
    if (!st.step()) {
        return std::nullopt;
    }
    return Roles::parse(st.text(0));
}

bool SqliteAccountStore::use_invitation(std::string_view token_hash, std::int64_t now) {
    std::lock_guard lock(mutex_);
    Statement st(db_, "UPDATE invitations SET used = 1 WHERE token_hash = ?1 AND used = 0 AND "
                      "expires_at > ?2");
    st.bind(1, token_hash).bind(2, now);
    st.run();
    return db_.changes() == 1;
}

bool SqliteAccountStore::is_sample_database() {
    std::lock_guard lock(mutex_);
    Statement st(db_, "SELECT value FROM meta WHERE key = 'sample_database'");
    return st.step() && st.text(0) == "1";
}

void SqliteAccountStore::mark_sample_database() {
    std::lock_guard lock(mutex_);
    Statement st(db_, "INSERT INTO meta(key, value) VALUES('sample_database', '1') "
                      "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    st.run();
}

} // namespace engage::accounts
