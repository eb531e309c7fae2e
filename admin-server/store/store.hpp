#pragma once
// The admin server's storage behind one interface (DESIGN §2), so that a
// PostgreSQL store can be added for multi-area deployments. SqliteStore is
// the only implementation today.
//
// Faults surface as exceptions derived from std::runtime_error (rare; the
// caller answers 500 or exits). Implementations say whether they may be
// shared between threads.

#include "engage/content.hpp"
#include "engage/coordinator_keyring.hpp"
#include "engage/date.hpp"
#include "engage/form.hpp"
#include "engage/protocol.hpp"
#include "engage/results.hpp"
#include "engage/site_hours.hpp"
#include "engage/submission.hpp"
#include "store/comments.hpp"
#include "store/decision.hpp"

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace engage::store {

struct KioskIdentity {
    std::string id;   // "k-xxxxxxxx"
    std::string site; // where its submissions are counted
};

// What a heartbeat leaves on the kiosk's row: the message as read, whose
// outbox depth is already a band (issue 8: never the exact depth).
using Heartbeat = protocol::HeartbeatRequest;

// A place with kiosks (migration 8). `slug` is what kiosks, enrolment codes,
// forms and counts name; the address is for staff and never leaves the
// server in a bundle.
struct Site {
    std::string slug;
    std::string name;
    std::string address;
    SiteHours hours = SiteHours::always_open();
    std::vector<std::string> languages; // kiosk language codes; empty = the kiosk settings' list
    bool operator==(const Site&) const = default;
};

// Everything a content bundle is assembled from.
struct ContentSnapshot {
    std::string version;            // changes whenever content changes
    std::vector<FormVersion> forms; // every non-draft version (published and closed)
    std::vector<HelpEntry> help;
    std::vector<YouSaidWeDid> you_said_we_did;
    KioskSettings settings;
    std::vector<Site> sites; // by slug
    // The current coordinators' box key with its id and the signing key's
    // signature, and the signing public key kiosks pin at enrolment. All
    // empty before the keyring exists (`engage-admin init`).
    std::string coordinator_public_key; // base64
    std::string coordinator_key_id;
    std::string coordinator_key_signature;
    std::string coordinator_signing_key;
};

// Content to load in one go (sample content, later imports).
// A review mark on one translated string of a form version (migration 8,
// the translation_marks table; see there for how versions inherit marks).
struct TranslationMark {
    std::string form; // slug
    std::int64_t version = 0;
    std::string string;   // "title", "intro", "<question>.text", "<question>.<option>.easy"
    std::string language; // never "en": English is the original
    std::string state;    // "none", "needs_review" or "reviewed"
    std::string by;       // the staff member (or "import")
    std::int64_t at = 0;  // seconds since the epoch
    bool operator==(const TranslationMark&) const = default;
};

struct ContentSet {
    std::vector<FormVersion> forms;
    std::vector<HelpEntry> help;
    std::vector<YouSaidWeDid> you_said_we_did;
    KioskSettings settings;
    std::vector<Site> sites; // added or replaced by slug; sites not named stay
    // Written by import_content only (add_content ignores them).
    std::vector<TranslationMark> translation_marks;
};

struct FormSummary {
    std::string slug;
    std::string kind;
    std::int64_t version = 0;
    std::string status;
};

struct KioskSummary {
    std::string id;
    std::string site;
    std::string last_seen_date; // "YYYY-MM-DD" (UTC), empty if never seen
    std::string app_version;
    std::string outbox = "0";                     // band: "0" | "1-4" | "5+"
    std::optional<std::int64_t> oldest_item_days; // of the oldest waiting item, when known
    std::string content_version;
};

// One kiosk as the fleet page shows it: its summary plus what the staff
// need to look after it (no answer counts: DESIGN §6).
struct KioskDetail {
    KioskSummary summary;
    std::string enrolled_date;   // "YYYY-MM-DD" (UTC)
    std::string last_sync_error; // as the kiosk last reported it; "" when none
};

// One stored peer-mentor sign-up as the coordinators' tools read it. The
// id is the kiosk's random UUID; `sealed` opens only with the coordinators'
// key named by `key_id` ("" when the kiosk did not say).
struct SignupMonthCount {
    std::string month; // "YYYY-MM"
    std::int64_t received = 0;
    std::int64_t handled = 0;
};

struct StoredSignup {
    std::string id;
    std::string form;
    std::int64_t version = 0;
    std::string site;
    std::string date;          // "YYYY-MM-DD" the person signed up (the kiosk's date)
    std::string received_date; // "YYYY-MM-DD" the server stored it
    std::string sealed;        // base64 sealed box
    std::string key_id;
    std::string contacted_date; // "YYYY-MM-DD" a coordinator marked it contacted; "" not yet
    std::string handled_date;   // "YYYY-MM-DD" a coordinator marked it handled; "" not yet
};

// How long sign-ups are kept (issue 10, migration 12), in days. Set on the
// admins' page /settings/signups; the retention sweep reads them from the
// database at each run, so a change takes effect at the next sweep.
struct SignupRetention {
    std::int64_t handled_days = 30; // a handled sign-up goes this long after it was handled
    std::int64_t flag_days = 14;    // an unhandled one is flagged in the list after this long
    std::int64_t max_days = 90;     // any sign-up goes this long after it was received
    bool operator==(const SignupRetention&) const = default;
};

// What the sign-up retention sweep deleted: the stored ids (for the audit
// log's references; never the contents).
struct SignupSweep {
    std::vector<std::string> deleted_ids;
};

struct StatusReport {
    int schema_version = 0;
    std::string content_version;
    std::int64_t submissions_total = 0;          // anonymous and sealed
    std::map<std::string, std::int64_t> by_form; // slug -> count, both kinds
    std::int64_t sealed_signups = 0;
    std::vector<FormSummary> forms;
    std::vector<KioskSummary> kiosks;
};

// The disk cannot take the write now (full, read-only, an I/O error, locked
// by another process). Nothing of the write was kept; trying again later may
// succeed, so the API answers 503 with a retry hint rather than 500.
class StorageUnavailable : public std::runtime_error {
public:
    StorageUnavailable(bool full, const std::string& what)
        : std::runtime_error(what), full_(full) {}
    bool full() const noexcept { return full_; } // out of space, as opposed to other faults

private:
    bool full_;
};

// The writes that happen inside one group-commit transaction.
class WriteTransaction {
public:
    virtual ~WriteTransaction() = default;
    // Stores an anonymous item or a sealed sign-up for `site`; true when new,
    // false when an item with this id is already stored (a duplicate). A new
    // anonymous item is counted in the same transaction (item, answer and
    // language counts), and each of its free-text answers becomes a comment
    // awaiting moderation (store/comments.hpp: the item is stored without
    // them); a duplicate is neither counted nor commented again.
    virtual bool insert_submission(const Submission& item, std::string_view site,
                                   const Date& received) = 0;
    // Stores one request's items as insert_submission does, but a store may
    // defer the writing to the end of the group's work, so that a whole
    // group commit reaches the database in a few multi-row statements (on
    // PostgreSQL each statement is a round trip; one per item made the
    // writer wait on the network, not the disk). By the commit, `inserted`
    // holds one entry per item: 1 new, 0 duplicate (also for the second of
    // two items with one id in the same group). Read it only once the commit
    // succeeded; `items`, `site` and `inserted` must live until then. The
    // default writes at once.
    virtual void insert_submissions(const std::vector<const Submission*>& items,
                                    std::string_view site, const Date& received,
                                    std::vector<char>& inserted) {
        inserted.assign(items.size(), 0);
        for (std::size_t i = 0; i < items.size(); ++i) {
            inserted[i] = insert_submission(*items[i], site, received) ? 1 : 0;
        }
    }
    // Deletes every anonymous item and comment given in a month before
    // retention::first_kept_month(today, months) (store/retention.hpp); the
    // counts stay. Returns the number of items deleted (0 when there were
    // none: the sweep is idempotent). Sealed sign-ups are not touched.
    virtual std::int64_t sweep_retention(const Date& today, int months) = 0;
    // Deletes every sign-up handled at least handled_days before `today`
    // and every sign-up received at least max_days before it (the stored
    // SignupRetention, read in this transaction). Deleted under secure_delete;
    // the caller checkpoints after a sweep that deleted any. The default does
    // nothing, for stores without sign-ups.
    virtual SignupSweep sweep_signups(const Date& today) {
        (void)today;
        return {};
    }
    // Uses up the enrolment code with this hash and adds the kiosk with the
    // code's site. Returns that site, or nullopt when the code is unknown,
    // already used or expired at `now_unix` (all three look the same).
    virtual std::optional<std::string> enrol_kiosk(std::string_view code_hash,
                                                   std::int64_t now_unix, std::string_view kiosk_id,
                                                   std::string_view token_hash,
                                                   const Date& today) = 0;
    // Records what a kiosk reported about itself and when it was last seen.
    virtual void record_heartbeat(std::string_view kiosk_id, const Heartbeat& beat,
                                  std::int64_t now_unix) = 0;
};

class Store {
public:
    virtual ~Store() = default;

    // Runs `work` in one transaction and commits it durably; nothing is
    // committed when `work` or the commit throws (the exception propagates;
    // StorageUnavailable when the disk is the cause).
    virtual void write(const std::function<void(WriteTransaction&)>& work) = 0;
    // Folds the write-ahead log into the main file and truncates it, so old
    // page images (answers, their order) do not linger (issue 8). False when
    // a reader kept part of it; the next call finishes. Called by the writer
    // when idle.
    virtual bool checkpoint() { return true; }

    virtual ContentSnapshot load_content() = 0;
    // True when there are no forms, help entries or "you said, we did" items.
    virtual bool content_empty() = 0;
    // Adds content and changes the content version, in one transaction.
    virtual void add_content(const ContentSet& content) = 0;
    // Every version of every form, drafts included, ordered by slug then
    // version (`engage-admin content export`).
    virtual std::vector<FormVersion> all_form_versions() = 0;
    // Writes an import (`engage-admin content import`) in one transaction and
    // changes the content version. `content.forms` are only added: a form
    // version that is stored already fails the whole write, so a stored
    // version is never changed. Help entries and "you said, we did" items are
    // the whole lists in their order (replacing items with the same id);
    // settings replace the stored ones. `closing` are stored versions to
    // mark closed (status and close date only), because the import publishes
    // a newer version of their form.
    virtual void import_content(const ContentSet& content,
                                const std::vector<FormVersion>& closing) = 0;
    // Inserts or replaces these form versions in one transaction. With
    // `content_changed` (a publish or close: what kiosks see) the content
    // version changes too; saving a draft leaves it, so kiosks do not
    // download a bundle that is the same.
    virtual void put_form_versions(const std::vector<FormVersion>& forms, bool content_changed) = 0;
    // Replaces the whole help directory (or the whole "you said, we did"
    // list) with `items` in this order, and changes the content version, in
    // one transaction: staff edits, additions, deletions and moves all save
    // the list they made from load_content().
    virtual void replace_help_entries(const std::vector<HelpEntry>& items) = 0;
    virtual void replace_you_said_we_did(const std::vector<YouSaidWeDid>& items) = 0;
    // Every stored translation mark of `form` ("" for all forms), ordered by
    // form, version, string, language (`content export`, the translation page).
    virtual std::vector<TranslationMark> translation_marks(std::string_view form) = 0;
    // Inserts or replaces these marks in one transaction. Marks are not
    // what kiosks see: the content version stays.
    virtual void put_translation_marks(const std::vector<TranslationMark>& marks) = 0;

    // The kiosk whose token hashes to `token_hash`, if any.
    virtual std::optional<KioskIdentity> find_kiosk(std::string_view token_hash) = 0;
    // Every kiosk as (token hash, identity), to warm the token cache.
    virtual std::vector<std::pair<std::string, KioskIdentity>> all_kiosks() = 0;

    virtual void add_enrol_code(std::string_view code_hash, std::string_view site,
                                std::int64_t expires_at_unix) = 0;
    // Every kiosk, ordered by site then id.
    virtual std::vector<KioskDetail> kiosks() = 0;
    // Site names the store knows (sites, kiosks, unexpired enrolment codes,
    // counted answers), sorted, each once.
    virtual std::vector<std::string> known_sites(std::int64_t now_unix) = 0;
    // Every site, ordered by slug.
    virtual std::vector<Site> sites() = 0;
    // Adds or replaces the site with `site.slug` and changes the content
    // version (kiosks see names, hours and languages), in one transaction.
    virtual void put_site(const Site& site) = 0;
    // Deletes the kiosk with this id; returns its token hash (so the caller
    // can make the token cache forget it), or nullopt when there is no such
    // kiosk. Its answers already stored stay.
    virtual std::optional<std::string> revoke_kiosk(std::string_view kiosk_id) = 0;

    // The coordinators' keyring, or nullopt before `engage-admin init`.
    virtual std::optional<CoordinatorKeyring> coordinator_keyring() = 0;
    // Stores `ring` as the first keyring; false (and nothing written) when
    // one exists already, so two first starts cannot both make one.
    virtual bool create_coordinator_keyring(const CoordinatorKeyring& ring) = 0;
    // Replaces the keyring in one transaction: box keys not in `ring` are
    // deleted with secure_delete, and the schema-1 single key is removed.
    // A new current key changes the content version. With
    // `adopt_unnamed_as`, sign-ups stored without a key id are recorded as
    // sealed to that key (the schema-1 key, when it moves into a keyring).
    virtual void replace_coordinator_keyring(const CoordinatorKeyring& ring,
                                             std::optional<std::string> adopt_unnamed_as = {}) = 0;
    // The key ids stored sign-ups name; "" stands for any sign-up stored
    // without one.
    virtual std::set<std::string> sealed_signup_key_ids() = 0;
    // Every stored sign-up, sealed, ordered by received date then id (the
    // id is random, so the order within a day says nothing).
    virtual std::vector<StoredSignup> sealed_signups() = 0;
    // Sign-ups received and first marked handled per month (migration 14:
    // counted by triggers as they happen, so the figures stay when the
    // sign-ups themselves are deleted), oldest month first. Exact: whoever
    // shows them suppresses them.
    virtual std::vector<SignupMonthCount> signup_month_counts() = 0;
    // Deletes the sign-up with this id (a person asked for it, issue 8).
    // secure_delete zeroes it in the main file; checkpoint() afterwards
    // takes it out of the WAL. False when no sign-up has this id. In the
    // same transaction the audit log's entries stop naming it (their
    // reference is blanked), as they do after a sweep_signups deletion.
    virtual bool delete_sealed_signup(std::string_view id) = 0;
    // Records that a coordinator contacted the person (or handled the
    // sign-up) on `day`; the first date stays when marked again. False when
    // no sign-up has this id.
    virtual bool mark_signup_contacted(std::string_view id, const Date& day) = 0;
    virtual bool mark_signup_handled(std::string_view id, const Date& day) = 0;
    virtual SignupRetention signup_retention() = 0;
    virtual void set_signup_retention(const SignupRetention& r) = 0;
    // Schema 1's single key, "argon2id$..." as made by lock_secret_key; ""
    // once it was moved into the keyring (or never existed).
    virtual std::string legacy_coordinator_locked_key() = 0;
    virtual std::string legacy_coordinator_public_key() = 0;

    // The counts kept at ingest for form `slug` (answer_counts: every
    // version, site, month, question and answer), and its item_counts as
    // rows with question "" (answers received), exact: the results engine
    // suppresses them. A few hundred rows whatever the number of answers.
    virtual std::vector<results::CountRow> answer_counts(std::string_view slug) = 0;
    // The breakdowns kept at ingest for form `slug` (group_counts, migration
    // 13: answer_counts' cells per "About you" group), exact.
    virtual std::vector<results::GroupCountRow> group_counts(std::string_view slug) = 0;
    // The languages people used for form `slug` (language_counts), exact.
    virtual std::vector<results::LanguageCountRow> language_counts(std::string_view slug) = 0;
    // Slugs of the forms with at least one counted item, sorted.
    virtual std::vector<std::string> counted_forms() = 0;

    // The Board's decisions (migration 11), newest first; one by id; a
    // decision's dated updates, oldest first.
    virtual std::vector<Decision> decisions() = 0;
    virtual std::optional<Decision> decision(std::int64_t id) = 0;
    virtual std::vector<DecisionUpdate> decision_updates(std::int64_t id) = 0;
    // In one transaction: writes `d` (id 0: a new decision, whose id is
    // returned), adds `update` when given (to that id), and puts the
    // decision's kiosk item into the "you said, we did" list or takes it out
    // (apply_kiosk_item), changing the content version when the list changed.
    // Throws std::invalid_argument for an id that is not stored.
    virtual SavedDecision save_decision(const Decision& d,
                                        const std::optional<DecisionUpdate>& update) = 0;
    // Free-text comments and their moderation (migration 10), on this
    // store's connections; lives as long as the store.
    virtual Comments& comments() = 0;

    virtual StatusReport status() = 0;
    // Consistent online copy of the whole database to `path`; returns its size in bytes.
    virtual std::int64_t backup_to(const std::string& path) = 0;
};

} // namespace engage::store
