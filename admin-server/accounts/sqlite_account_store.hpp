#pragma once
// The account store on SQLite: DIR/engage.db's accounts tables (migration 7
// and later), on a connection of its own beside the SqliteStore's, which
// owns the schema and runs the migrations (open the SqliteStore first).
// SQLite's busy timeout (5 s) orders the two writers.
//
// Thread safety: all methods may be called from any thread (one mutex).
// Faults throw sqlite::Error.

#include "accounts/account_store.hpp"
#include "engage/sqlite/database.hpp"

#include <mutex>

namespace engage::accounts {

class SqliteAccountStore final : public AccountStore {
public:
    // Takes `db`, which must hold the accounts tables (AccountStore::open checks).
    explicit SqliteAccountStore(sqlite::Database db);

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
    std::mutex mutex_;
    sqlite::Database db_;
};

} // namespace engage::accounts
