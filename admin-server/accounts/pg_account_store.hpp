#pragma once
// The account store on PostgreSQL (issue 12): the same tables as SQLite's
// (store/pg_migrations.cpp, schema 14), on one connection of its own behind
// a mutex. Several servers each hold one such connection to the same
// database; what must happen once (a TOTP step, a recovery code, an
// invitation, a new user's name) is one conditional statement, which
// PostgreSQL's row locks make atomic across them: the second of two racing
// servers re-reads the row the first changed and matches nothing.
//
// A connection the server dropped (a restart, a failover) is re-opened at
// the start of the next call. A call whose statement meets the drop throws
// pg::Error and is not retried: it may have been committed before the
// answer was lost.
//
// A statement waits at most `lock_wait` for a row another connection holds
// (SQLite's busy timeout plays that part there), then throws pg::Error
// (55P03): the web app answers on one thread, so one stuck row must not
// stop every page.
//
// Thread safety: all methods may be called from any thread (one mutex).
// Faults throw pg::Error.

#include "accounts/account_store.hpp"
#include "engage/pg/connection.hpp"

#include <chrono>
#include <mutex>

namespace engage::accounts {

class PgAccountStore final : public AccountStore {
public:
    // 5 s, as SQLite's busy timeout (sqlite::server_pragmas): the row locks
    // here last one short statement, milliseconds, so waiting longer means
    // something else holds the row (an operator's open transaction), and a
    // sign-in had better fail with a message than hang.
    static constexpr std::chrono::milliseconds default_lock_wait{5000};

    // Takes `connection`, whose database must hold the schema
    // (AccountStore::open_postgresql applies it).
    explicit PgAccountStore(pg::Connection connection,
                            std::chrono::milliseconds lock_wait = default_lock_wait);

    bool add_user(const User& user, const std::vector<std::string>& recovery_hashes) override;
    std::optional<User> find_user(std::string_view name) override;
    std::vector<UserSummary> list_users() override;
    bool use_totp_step(std::string_view user, std::int64_t step) override;
    bool use_recovery_code(std::string_view user, std::string_view code_hash) override;
    bool disable_user(std::string_view user) override;
    std::int64_t end_sessions(std::string_view user) override;

    void add_session(std::string_view id_hash, std::string_view user, std::int64_t now,
                     std::string_view csrf) override;
    std::optional<WebSession> find_session(std::string_view id_hash) override;
    void touch_session(std::string_view id_hash, std::int64_t now) override;
    void delete_session(std::string_view id_hash) override;
    void delete_expired_sessions(std::int64_t idle_before, std::int64_t created_before) override;

    std::int64_t failures(std::string_view key, std::int64_t window_start) override;
    void add_failure(std::string_view key, std::int64_t now, std::int64_t window_start) override;
    void clear_failures(std::string_view key) override;

    void audit(std::int64_t now, std::string_view who, std::string_view action,
               std::string_view detail) override;
    std::vector<AuditEntry> audit_entries(std::string_view who, std::string_view action,
                                          std::int64_t limit) override;
    AuditPage audit_page(std::string_view who, std::string_view action, std::int64_t per_page,
                         std::optional<std::int64_t> before,
                         std::optional<std::int64_t> after) override;

    void add_invitation(std::string_view token_hash, Roles roles, std::string_view invited_by,
                        std::int64_t expires_at) override;
    std::optional<Roles> find_invitation(std::string_view token_hash, std::int64_t now) override;
    bool use_invitation(std::string_view token_hash, std::int64_t now) override;

    bool is_sample_database() override;
    void mark_sample_database() override;

private:
    // The connection, re-opened first if the server dropped it. Call with
    // mutex_ held.
    pg::Connection& live();

    // Sets this connection's lock_timeout (again after every reconnect).
    void set_lock_wait();

    std::mutex mutex_;
    pg::Connection c_;
    std::chrono::milliseconds lock_wait_;
};

} // namespace engage::accounts
