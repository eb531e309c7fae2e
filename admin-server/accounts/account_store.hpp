#pragma once
// Staff accounts, web sessions, sign-in failure counts, invitations and the
// audit log: the web app's own data, behind one interface with an engine
// under it (issue 12): SqliteAccountStore on DIR/engage.db
// (accounts/sqlite_account_store.hpp) and PgAccountStore on a PostgreSQL
// database (accounts/pg_account_store.hpp). Both behave the same, method for
// method (tests/server/unit/account_store_test.cpp runs one list on both).
//
// Kept apart from store::Store on purpose: the web app's reads and writes
// are few, small and need their answer at once (a sign-in), so they run on
// the web app's own thread on the account store's own connection, never on
// an I/O thread and never through the group-commit writer that exists for
// kiosk ingest.
//
// Everything a web session and the sign-in limit need lives in the
// database, so with several servers on one PostgreSQL any of them can answer
// any request (DESIGN §13). The checks that must not be passed twice
// (a TOTP step, a recovery code, an invitation) are single conditional
// statements, so two servers racing with the same code: one wins.
//
// Thread safety: all methods may be called from any thread (each engine
// serialises its connection with one mutex). Faults throw (sqlite::Error,
// pg::Error), never with a password, token or code in the message.

#include "accounts/roles.hpp"

#include <cstdint>
#include <filesystem>
#include <memory>
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
    // The SQLite engine on DIR/engage.db, which must exist at schema 5 or
    // later (open the SqliteStore first: it owns the schema there).
    static std::unique_ptr<AccountStore> open(const std::filesystem::path& dir);
    // The PostgreSQL engine on `uri` ("postgresql://…"): one connection of
    // its own. Brings the schema up to date first (under the migrations'
    // advisory lock, so it works on a fresh database and beside servers
    // starting at the same time). Throws pg::Error when the server cannot be
    // reached, NewerSchemaError when the database is newer than this program.
    static std::unique_ptr<AccountStore> open_postgresql(const std::string& uri);

    AccountStore() = default;
    virtual ~AccountStore() = default;
    AccountStore(const AccountStore&) = delete;
    AccountStore& operator=(const AccountStore&) = delete;

    // Adds a user with their recovery code hashes; false when the name is taken.
    virtual bool add_user(const User& user, const std::vector<std::string>& recovery_hashes) = 0;
    virtual std::optional<User> find_user(std::string_view name) = 0;
    virtual std::vector<UserSummary> list_users() = 0;
    // Records `step` as used; false when it (or a later one) was used already.
    virtual bool use_totp_step(std::string_view user, std::int64_t step) = 0;
    // Deletes the recovery code; false when it was not one of the user's.
    virtual bool use_recovery_code(std::string_view user, std::string_view code_hash) = 0;
    // Disables the user and ends their sessions; false when no such user.
    virtual bool disable_user(std::string_view user) = 0;
    // Ends every session of `user`; returns how many.
    virtual std::int64_t end_sessions(std::string_view user) = 0;

    virtual void add_session(std::string_view id_hash, std::string_view user, std::int64_t now,
                             std::string_view csrf) = 0;
    virtual std::optional<WebSession> find_session(std::string_view id_hash) = 0;
    virtual void touch_session(std::string_view id_hash, std::int64_t now) = 0;
    virtual void delete_session(std::string_view id_hash) = 0;
    // Deletes sessions idle since before `idle_before` or made before `created_before`.
    virtual void delete_expired_sessions(std::int64_t idle_before, std::int64_t created_before) = 0;

    // Failures counted for `key` in the window that started after `window_start`.
    virtual std::int64_t failures(std::string_view key, std::int64_t window_start) = 0;
    // Counts one failure for `key` (a new window when the old one started
    // before `window_start`).
    virtual void add_failure(std::string_view key, std::int64_t now, std::int64_t window_start) = 0;
    virtual void clear_failures(std::string_view key) = 0;

    virtual void audit(std::int64_t now, std::string_view who, std::string_view action,
                       std::string_view detail = {}) = 0;
    // Newest first; empty filters match all. At most `limit` entries.
    virtual std::vector<AuditEntry> audit_entries(std::string_view who, std::string_view action,
                                                  std::int64_t limit) = 0;

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
    virtual AuditPage audit_page(std::string_view who, std::string_view action,
                                 std::int64_t per_page, std::optional<std::int64_t> before,
                                 std::optional<std::int64_t> after) = 0;

    // Stores an invitation (the hash of its token) for `roles`, valid until `expires_at`.
    virtual void add_invitation(std::string_view token_hash, Roles roles,
                                std::string_view invited_by, std::int64_t expires_at) = 0;
    // The roles of an unused invitation that has not expired at `now`.
    virtual std::optional<Roles> find_invitation(std::string_view token_hash, std::int64_t now) = 0;
    // Uses the invitation up; false when it was used already or has expired.
    virtual bool use_invitation(std::string_view token_hash, std::int64_t now) = 0;

    // A database made with `serve --sample` (its demo user may skip TOTP).
    virtual bool is_sample_database() = 0;
    virtual void mark_sample_database() = 0;
};

} // namespace engage::accounts
