#pragma once
// Store on PostgreSQL (issue 12), for deployments that outgrow one machine:
// several engage-admin servers on one database. Behaves exactly as
// SqliteStore does (store/store.hpp); what differs is said here.
//
// - Durability: every session runs synchronous_commit=on (engage_pg), so an
//   acknowledged group commit is on the database server's disk.
// - Deletion: PostgreSQL keeps a deleted or updated row's old version until
//   VACUUM. Where SQLite zeroes it with secure_delete and truncates its WAL,
//   this store rewrites the table with VACUUM FULL after the deletion
//   (pg_store_hygiene.cpp says what that does and does not remove).
// - Unlinkability (DESIGN §6): a row's physical place (ctid) and its
//   inserting transaction (xmin) record arrival order and which items came
//   in one group commit. When the writer goes idle, checkpoint() rewrites the
//   ingest tables in random order in one transaction and VACUUMs FULL the
//   old versions away, so every row shares one xmin and the physical order
//   is random (docs/postgresql.md).
// - backup_to() throws: the copy is made with pg_dump (its message gives the
//   command).
//
// Thread safety: all methods may be called from any thread. Writes share one
// connection behind one mutex (prepared statements for ingest); reads use a
// second connection behind another, as SqliteStore's.

#include "engage/pg/connection.hpp"
#include "store/store.hpp"

#include <memory>
#include <mutex>
#include <set>
#include <string>

namespace engage::store {

// The INSERT of one anonymous submission on PostgreSQL, as
// submission_insert_sql is on SQLite (store/migrations.hpp), for the
// benchmark's raw-libpq baseline: $1 id, $2 form, $3 version, $4 site, $5
// month, $6 answers JSON, $7 month received. No row affected: a duplicate.
// The writer sends the same columns for a whole group in multi-row INSERTs.
// There is no random rowid to give: arrival order is erased by the idle
// rewrite instead (pg_store_hygiene.cpp).
inline constexpr std::string_view pg_submission_insert_sql =
    "INSERT INTO submissions(id, form, version, site, month, answers, received_month) "
    "VALUES($1, $2, $3, $4, $5, $6, $7) ON CONFLICT(id) DO NOTHING";

class PgStore final : public Store {
public:
    // Connects twice to `uri` (a libpq URI or connection string), applies the
    // migrations under their advisory lock and sets the first content
    // version on a new database. The coordinators' keyring is made by
    // `engage-admin init`, never here. Throws on failure.
    static std::unique_ptr<PgStore> open(const std::string& uri);
    // Connects without ever writing (both sessions default to read-only
    // transactions, no migration), for reports made while `serve` runs.
    // Throws when the schema is not this program's, worded as
    // SqliteStore::open_read_only. Every write method then throws.
    static std::unique_ptr<PgStore> open_read_only(const std::string& uri);

    void write(const std::function<void(WriteTransaction&)>& work) override;
    bool checkpoint() override;
    ContentSnapshot load_content() override;
    bool content_empty() override;
    void add_content(const ContentSet& content) override;
    std::vector<FormVersion> all_form_versions() override;
    void import_content(const ContentSet& content,
                        const std::vector<FormVersion>& closing) override;
    void put_form_versions(const std::vector<FormVersion>& forms, bool content_changed) override;
    void replace_help_entries(const std::vector<HelpEntry>& items) override;
    void replace_you_said_we_did(const std::vector<YouSaidWeDid>& items) override;
    std::vector<TranslationMark> translation_marks(std::string_view form) override;
    void put_translation_marks(const std::vector<TranslationMark>& marks) override;
    std::optional<KioskIdentity> find_kiosk(std::string_view token_hash) override;
    std::vector<std::pair<std::string, KioskIdentity>> all_kiosks() override;
    void add_enrol_code(std::string_view code_hash, std::string_view site,
                        std::int64_t expires_at_unix) override;
    std::vector<KioskDetail> kiosks() override;
    std::vector<std::string> known_sites(std::int64_t now_unix) override;
    std::vector<Site> sites() override;
    void put_site(const Site& site) override;
    std::optional<std::string> revoke_kiosk(std::string_view kiosk_id) override;
    std::optional<CoordinatorKeyring> coordinator_keyring() override;
    bool create_coordinator_keyring(const CoordinatorKeyring& ring) override;
    void replace_coordinator_keyring(const CoordinatorKeyring& ring,
                                     std::optional<std::string> adopt_unnamed_as = {}) override;
    std::set<std::string> sealed_signup_key_ids() override;
    std::vector<StoredSignup> sealed_signups() override;
    std::vector<SignupMonthCount> signup_month_counts() override;
    bool mark_signup_contacted(std::string_view id, const Date& day) override;
    bool mark_signup_handled(std::string_view id, const Date& day) override;
    SignupRetention signup_retention() override;
    void set_signup_retention(const SignupRetention& r) override;
    bool delete_sealed_signup(std::string_view id) override;
    std::string legacy_coordinator_locked_key() override;
    std::string legacy_coordinator_public_key() override;
    std::vector<results::CountRow> answer_counts(std::string_view slug) override;
    std::vector<results::GroupCountRow> group_counts(std::string_view slug) override;
    std::vector<results::LanguageCountRow> language_counts(std::string_view slug) override;
    std::vector<std::string> counted_forms() override;
    std::vector<Decision> decisions() override;
    std::optional<Decision> decision(std::int64_t id) override;
    std::vector<DecisionUpdate> decision_updates(std::int64_t id) override;
    SavedDecision save_decision(const Decision& d,
                                const std::optional<DecisionUpdate>& update) override;
    Comments& comments() override;
    StatusReport status() override;
    std::int64_t backup_to(const std::string& path) override;

    PgStore(std::string uri, pg::Connection writer, pg::Connection reader, bool read_only);
    ~PgStore() override;

    // The tables whose rows the idle rewrite puts in random order
    // (pg_store_hygiene.cpp), for tests and docs.
    static const std::vector<std::string>& shuffled_tables();

private:
    class Tx;
    friend class PgComments;
    // The writer's connection, reconnected first when the last write found
    // it broken (an unacknowledged write may then be sent again: ids make
    // that safe). Call with write_mutex_ held.
    pg::Connection& writer();
    // The same for the reader. Call with read_mutex_ held.
    pg::Connection& reader();
    // Runs VACUUM FULL on each table in `tables` (write_mutex_ held, no
    // transaction open). A table another session keeps locked for longer
    // than a moment is left in vacuum_due_ for checkpoint(), which then
    // returns false. See pg_store_hygiene.cpp.
    void vacuum_now(const std::set<std::string>& tables);
    // Rewrites the shuffled tables in random order in one transaction and
    // leaves them in vacuum_due_ (write_mutex_ held). False when it gave way
    // to a lock held elsewhere.
    bool shuffle_now();

    const std::string uri_;
    const bool read_only_;
    std::mutex write_mutex_;
    pg::Connection write_db_;
    std::unique_ptr<Tx> tx_; // the group-commit writes, statements prepared on write_db_
    bool prepared_ = false;  // false after a reconnect: prepare again
    // Written since the last rewrite, so checkpoint() has arrival order to
    // erase; tables with deleted rows still to VACUUM. Under write_mutex_.
    bool shuffle_due_ = false;
    std::set<std::string> vacuum_due_;
    std::mutex read_mutex_;
    pg::Connection read_db_;
    std::unique_ptr<Comments> comments_; // on the two connections above
};

} // namespace engage::store
