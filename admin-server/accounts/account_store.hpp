#pragma once
// Staff accounts, web sessions, sign-in failure counts and the audit log
// (migration 5) on DIR/engage.db, beside the Store (which owns the schema
// and runs migrations: open the SqliteStore first).
//
// Kept apart from store::Store on purpose: the web app's reads and writes
// are few, small and need their answer at once (a sign-in), so they run on
// the web app's own thread on this connection, never on an I/O thread and
// never through the group-commit writer that exists for kiosk ingest.
// SQLite's busy timeout (5 s) orders the two writers.
//
// Thread safety: all methods may be called from any thread (one mutex).
// Faults throw (sqlite::Error).

#include "accounts/roles.hpp"
#include "engage/sqlite/database.hpp"

#include <cstdint>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace engage::accounts {

struct User {
    std::string name;
    std::string password_hash; // argon2id string
    Roles roles;
    std::string totp_secret; // base32; empty when the user has no second factor
    std::int64_t totp_last_step = 0;
    bool demo = false; // the sample database's demo user (may skip the second factor)
    bool disabled = false;
    std::int64_t created = 0;
};

struct UserSummary {
    std::string name;
    Roles roles;
    bool has_totp = false;
    bool disabled = false;
    std::int64_t created = 0;
    std::int64_t sessions = 0; // signed-in sessions (not yet expired or ended)
};

struct WebSession {
    std::string user;
    std::int64_t created = 0;
    std::int64_t last_used = 0;
    std::string csrf;
};

struct AuditEntry {
    std::int64_t id = 0; // grows with every entry: the audit page's paging key
    std::int64_t at = 0;
    std::string who;
    std::string action;
    std::string detail;
};

class AccountStore {
public:
    // Opens DIR/engage.db, which must exist at schema 5 or later.
    static std::unique_ptr<AccountStore> open(const std::filesystem::path& dir);
    explicit AccountStore(sqlite::Database db);
    AccountStore(const AccountStore&) = delete;
    AccountStore& operator=(const AccountStore&) = delete;

    // Adds a user with their recovery code hashes; false when the name is taken.
    bool add_user(const User& user, const std::vector<std::string>& recovery_hashes);
    std::optional<User> find_user(std::string_view name);
    std::vector<UserSummary> list_users();
    // Records `step` as used; false when it (or a later one) was used already.
    bool use_totp_step(std::string_view user, std::int64_t step);
    // Deletes the recovery code; false when it was not one of the user's.
    bool use_recovery_code(std::string_view user, std::string_view code_hash);
    // Disables the user and ends their sessions; false when no such user.
    bool disable_user(std::string_view user);
    // Ends every session of `user`; returns how many.
    std::int64_t end_sessions(std::string_view user);

    void add_session(std::string_view id_hash, std::string_view user, std::int64_t now,
                     std::string_view csrf);
    std::optional<WebSession> find_session(std::string_view id_hash);
    void touch_session(std::string_view id_hash, std::int64_t now);
    void delete_session(std::string_view id_hash);
    // Deletes sessions idle since before `idle_before` or made before `created_before`.
    void delete_expired_sessions(std::int64_t idle_before, std::int64_t created_before);

    // Failures counted for `key` in the window that started after `window_start`.
    std::int64_t failures(std::string_view key, std::int64_t window_start);
    // Counts one failure for `key` (a new window when the old one started
    // before `window_start`).
    void add_failure(std::string_view key, std::int64_t now, std::int64_t window_start);
    void clear_failures(std::string_view key);

    void audit(std::int64_t now, std::string_view who, std::string_view action,
               std::string_view detail = {});
    // Newest first; empty filters match all. At most `limit` entries.
    std::vector<AuditEntry> audit_entries(std::string_view who, std::string_view action,
                                          std::int64_t limit);

    // One page of the audit log, newest first, with the same filters.
    struct AuditPage {
        std::vector<AuditEntry> entries;
        bool has_older = false; // matching entries below the page's oldest id
        bool has_newer = false; // matching entries above the page's newest id
    };
    // `per_page` entries: the newest ones; with `before`, the newest with
    // an id below it ("older"); with `after`, the oldest with an id above
    // it ("newer"), still shown newest first. Ids, not offsets, so a page
    // does not shift as new entries arrive.
    AuditPage audit_page(std::string_view who, std::string_view action, std::int64_t per_page,
                         std::optional<std::int64_t> before, std::optional<std::int64_t> after);

    // Stores an invitation (the hash of its token) for `roles`, valid until `expires_at`.
    void add_invitation(std::string_view token_hash, Roles roles, std::string_view invited_by,
                        std::int64_t expires_at);
    // The roles of an unused invitation that has not expired at `now`.
    std::optional<Roles> find_invitation(std::string_view token_hash, std::int64_t now);
    // Uses the invitation up; false when it was used already or has expired.
    bool use_invitation(std::string_view token_hash, std::int64_t now);

    // A database made with `serve --sample` (its demo user may skip TOTP).
    bool is_sample_database();
    void mark_sample_database();

private:
    std::mutex mutex_;
    sqlite::Database db_;
};

} // namespace engage::accounts
