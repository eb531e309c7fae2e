#pragma once
// Store on one SQLite file, DIR/engage.db (sqlite::server_pragmas: WAL,
// synchronous=FULL, secure_delete, a WAL size limit). Several
// processes may open it at once (enrol-code while serve runs).
//
// Thread safety: all methods may be called from any thread. Writes share one
// connection behind one mutex (in practice only the group-commit writer
// writes); reads use a second connection behind another mutex, so requests
// are not held up by a commit's fsync.

#include "engage/sqlite/database.hpp"
#include "store/store.hpp"

#include <filesystem>
#include <memory>
#include <mutex>

namespace engage::store {

// Where engage-admin before the coordinators' keyring left the first
// passphrase in plain text. A data folder holding it is refused until
// `engage-admin coordinator-key` re-locks the key and deletes it.
inline constexpr std::string_view passphrase_file_name = "coordinator-passphrase.txt";
inline constexpr std::string_view database_file_name = "engage.db";

class SqliteStore final : public Store {
public:
    // Creates DIR (mode 0700) and the database on first use and applies
    // migrations. The coordinators' keyring is made by `engage-admin init`
    // (create_coordinator_keyring), never here. Throws on failure. `vfs` names a
    // registered SQLite VFS (tests inject disk faults with one); null is the
    // default.
    static std::unique_ptr<SqliteStore> open(const std::filesystem::path& dir,
                                             const char* vfs = nullptr);
    // Opens an existing DIR/engage.db without ever writing to it (both
    // connections read-only, no migration), for reports made while `serve`
    // runs. Throws when it is missing or its schema is not this program's
    // (older: start `serve` once to upgrade it; newer: a newer program made
    // it). Every write method then throws.
    static std::unique_ptr<SqliteStore> open_read_only(const std::filesystem::path& dir);

    void write(const std::function<void(WriteTransaction&)>& work) override;
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
    bool checkpoint() override;

    SqliteStore(sqlite::Database writer, sqlite::Database reader);
    ~SqliteStore() override;

private:
    class Tx;
    std::mutex write_mutex_;
    sqlite::Database write_db_;
    std::unique_ptr<Tx> tx_; // prepared statements on write_db_, reused per batch
    std::mutex read_mutex_;
    sqlite::Database read_db_;
    std::unique_ptr<Comments> comments_; // on the two connections above
};

} // namespace engage::store
