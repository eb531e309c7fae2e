#include "store/sqlite_store.hpp"

#include "content/settings_json.hpp"
#include "engage/ids.hpp"
#include "engage/sealing.hpp"
#include "engage/sqlite/error.hpp"
#include "engage/sqlite/migrations.hpp"
#include "engage/sqlite/statement.hpp"
#include "engage/sqlite/transaction.hpp"
#include "engage/text.hpp"
#include "signups/signup_reference.hpp"
#include "store/content_version.hpp"
#include "store/count_cells.hpp"
#include "store/migrations.hpp"
#include "store/retention.hpp"
#include "store/sqlite_comments.hpp"
#include "store/stored_values.hpp"

#include <boost/json.hpp>
#include <chrono>
#include <fcntl.h>
#include <map>
#include <sqlite3.h>
#include <stdexcept>
#include <sys/stat.h>
#include <type_traits>
#include <unistd.h>
#include <variant>

namespace engage::store {

using sqlite::Database;
using sqlite::Statement;
using sqlite::Transaction;

namespace {

// The audit log names a sign-up (by its reference, a hash of its random id)
// only while the sign-up exists: who opened, contacted or handled which one
// is what a coordinator's work is checked against. Once it is deleted the
// reference points at nothing the service still holds, yet it would still
// tie those entries together as one person's sign-up, so it is taken out of
// them in the same transaction as the deletion (DESIGN §6: a sign-up is
// personal; keep no more of it than is needed). The entries stay: who did
// what, and when.
void forget_signup_in_audit(Database& db, std::string_view id) {
    Statement st(db, "UPDATE audit_log SET detail = '' WHERE detail = ?1 AND action IN "
                     "('signup_opened', 'signup_contacted', 'signup_handled', "
                     "'signup_deleted', 'signup_deleted_retention')");
    st.bind(1, signups::signup_reference(id));
    st.run();
}

// Inserts or replaces translation marks (migration 8), inside the caller's transaction.
void write_marks(sqlite::Database& db, const std::vector<TranslationMark>& marks) {
    if (marks.empty()) {
        return;
    }
    sqlite::Statement st(db,
                         "INSERT INTO translation_marks(form, version, string, language, "
                         "state, by_user, at) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7) "
                         "ON CONFLICT(form, version, string, language) DO UPDATE SET "
                         "state = excluded.state, by_user = excluded.by_user, at = excluded.at");
    for (const auto& m : marks) {
        st.reset();
        st.bind(1, m.form).bind(2, m.version).bind(3, m.string).bind(4, m.language);
        st.bind(5, m.state).bind(6, m.by).bind(7, m.at);
        st.run();
    }
}

std::string meta_get(Database& db, std::string_view key) {
    Statement st(db, "SELECT value FROM meta WHERE key = ?1");
    st.bind(1, key);
    return st.step() ? st.text(0) : std::string();
}

void meta_set(Database& db, std::string_view key, std::string_view value) {
    Statement st(db, "INSERT INTO meta(key, value) VALUES(?1, ?2) "
                     "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    st.bind(1, key).bind(2, value);
    st.run();
}

// For a new database: the first content version. The coordinators' keyring
// is made by `engage-admin init`, never here: its passphrase must come from
// a person, and is never written down.
void initialise(Database& db) {
    Transaction tx(db);
    if (meta_get(db, "content_version").empty()) {
        meta_set(db, "content_version", next_content_version(""));
        tx.commit();
    }
}

// The keyring as stored, read on `db` inside the caller's transaction.
std::optional<CoordinatorKeyring> read_keyring(Database& db) {
    Statement pass(db, "SELECT alg, opslimit, memlimit, salt, sample, signing_public_key, "
                       "signing_secret_locked FROM coordinator_passphrase WHERE id = 1");
    if (!pass.step()) {
        return std::nullopt;
    }
    CoordinatorKeyring ring;
    ring.kdf.alg = pass.text(0);
    ring.kdf.opslimit = static_cast<unsigned long long>(pass.integer(1));
    ring.kdf.memlimit = static_cast<std::size_t>(pass.integer(2));
    ring.kdf.salt_b64 = pass.text(3);
    ring.sample = pass.integer(4) != 0;
    ring.signing_public_key = pass.text(5);
    ring.signing_secret_locked = pass.text(6);
    Statement keys(db, "SELECT key_id, public_key, signature, locked_secret, current "
                       "FROM coordinator_box_keys ORDER BY current, key_id");
    while (keys.step()) {
        ring.box_keys.push_back(CoordinatorBoxKey{keys.text(0), keys.text(1), keys.text(2),
                                                  keys.text(3), keys.integer(4) != 0});
    }
    return ring;
}

// Writes `ring` over whatever keyring `db` holds, inside the caller's transaction.
void write_keyring(Database& db, const CoordinatorKeyring& ring) {
    Statement pass(db,
                   "INSERT INTO coordinator_passphrase(id, alg, opslimit, memlimit, salt, sample, "
                   "signing_public_key, signing_secret_locked) VALUES(1, ?1, ?2, ?3, ?4, ?5, ?6, "
                   "?7) ON CONFLICT(id) DO UPDATE SET alg = excluded.alg, opslimit = "
                   "excluded.opslimit, memlimit = excluded.memlimit, salt = excluded.salt, sample "
                   "= excluded.sample, signing_public_key = excluded.signing_public_key, "
                   "signing_secret_locked = excluded.signing_secret_locked");
    pass.bind(1, ring.kdf.alg).bind(2, static_cast<std::int64_t>(ring.kdf.opslimit));
    pass.bind(3, static_cast<std::int64_t>(ring.kdf.memlimit)).bind(4, ring.kdf.salt_b64);
    pass.bind(5, std::int64_t{ring.sample ? 1 : 0}).bind(6, ring.signing_public_key);
    pass.bind(7, ring.signing_secret_locked);
    pass.run();
    db.exec("DELETE FROM coordinator_box_keys");
    Statement key(db, "INSERT INTO coordinator_box_keys(key_id, public_key, signature, "
                      "locked_secret, current) VALUES(?1, ?2, ?3, ?4, ?5)");
    for (const auto& k : ring.box_keys) {
        key.reset();
        key.bind(1, k.key_id).bind(2, k.public_key).bind(3, k.signature);
        key.bind(4, k.locked_secret).bind(5, std::int64_t{k.current ? 1 : 0});
        key.run();
    }
}

std::int64_t now_unix() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::string unix_to_date(std::int64_t t) {
    return to_string(from_days_since_epoch(static_cast<long>(t / 86400)));
}

// Every site on `db` (inside the caller's transaction or lock), by slug.
std::vector<Site> read_sites(Database& db) {
    std::vector<Site> out;
    Statement st(db, "SELECT slug, name, address, hours, languages FROM sites ORDER BY slug");
    while (st.step()) {
        out.push_back(stored_site(st.text(0), st.text(1), st.text(2), st.text(3), st.text(4)));
    }
    return out;
}

// Adds or replaces each site by slug, inside the caller's transaction.
void write_sites(Database& db, const std::vector<Site>& sites) {
    Statement st(db, "INSERT INTO sites(slug, name, address, hours, languages) "
                     "VALUES(?1, ?2, ?3, ?4, ?5) ON CONFLICT(slug) DO UPDATE SET "
                     "name = excluded.name, address = excluded.address, "
                     "hours = excluded.hours, languages = excluded.languages");
    for (const auto& site : sites) {
        boost::json::array languages;
        for (const auto& l : site.languages) {
            languages.emplace_back(boost::json::string(l));
        }
        st.reset();
        st.bind(1, site.slug).bind(2, site.name).bind(3, site.address);
        st.bind(4, boost::json::serialize(boost::json::value_from(site.hours)));
        st.bind(5, boost::json::serialize(languages));
        st.run();
    }
}

} // namespace

// Prepared statements for the group-commit writer, reused across batches.
class SqliteStore::Tx final : public WriteTransaction {
public:
    explicit Tx(Database& db)
        : db_(db), insert_(db, submission_insert_sql), count_language_(db, language_count_sql),
          count_item_(db, item_count_sql), count_answer_(db, answer_count_sql),
          count_group_(db, group_count_sql),
          // Months are "YYYY-MM", so text order is time order.
          sweep_(db, "DELETE FROM submissions WHERE month < ?1"),
          sweep_comments_(db, "DELETE FROM comments WHERE month < ?1"),
          insert_comment_(db, comment_insert_sql), insert_sealed_(db, sealed_signup_insert_sql),
          // A used code is deleted, not marked: used, unknown and expired
          // codes all look the same to a caller anyway, and no expiry time
          // of a finished enrolment stays on disk.
          use_code_(db, "DELETE FROM enrol_codes WHERE code_hash = ?1 AND used = 0 AND "
                        "expires_at > ?2 RETURNING site"),
          add_kiosk_(db, "INSERT INTO kiosks(id, site, token_hash, enrolled_date, "
                         "last_seen_date) VALUES(?1, ?2, ?3, ?4, ?4)"),
          heartbeat_(db, "UPDATE kiosks SET last_seen_date = ?2, app_version = ?3, "
                         "outbox_band = ?4, content_version = ?5, last_sync_error = ?6, "
                         "oldest_item_days = ?7 WHERE id = ?1") {}

    bool insert_submission(const Submission& item, std::string_view site,
                           const Date& received) override {
        if (item.sealed) {
            insert_sealed_.reset();
            insert_sealed_.bind(1, item.id).bind(2, item.form).bind(3, item.version);
            insert_sealed_.bind(4, site).bind(5, to_string(item.date));
            insert_sealed_.bind(6, *item.sealed).bind(7, to_string(received));
            if (item.sealed_key_id.empty()) {
                insert_sealed_.bind_null(8);
            } else {
                insert_sealed_.bind(8, item.sealed_key_id);
            }
            insert_sealed_.run();
            const bool inserted = db_.changes() == 1;
            insert_sealed_.reset();
            return inserted;
        }
        // Quasi-identifiers (docs/privacy.md): the day was for validation
        // only; per item the month is kept, and the language only as a count.
        const std::string month = to_string(item.date).substr(0, 7);
        insert_.reset();
        insert_.bind(1, item.id).bind(2, item.form).bind(3, item.version).bind(4, site);
        insert_.bind(5, month).bind(6, stored_answers(item));
        insert_.bind(7, to_string(received).substr(0, 7));
        insert_.run();
        const bool inserted = db_.changes() == 1;
        insert_.reset();
        if (inserted) {
            add_comments(item, site, month);
            counts_.add(item, site, month);
        }
        return inserted;
    }

    // Starts a transaction's work: forgets counts a failed one left behind.
    void begin() { counts_.clear(); }

    // Writes the counts added up since begin(), in the same transaction as
    // the items they count. One upsert per cell rather than per answer: a
    // group commit of 100 items of one form touches a few dozen cells, and
    // per-answer upserts made ingest CPU-bound (bench/README.md).
    void flush_counts() {
        for (const auto& [head, tally] : counts_.heads()) {
            count_item_.reset();
            count_item_.bind(1, head.form).bind(2, head.version).bind(3, head.site);
            count_item_.bind(4, head.month).bind(5, tally.items);
            count_item_.run();
            count_item_.reset();
            for (const auto& [cell, n] : tally.answers) {
                count_answer_.reset();
                count_answer_.bind(1, head.form).bind(2, head.version).bind(3, head.site);
                count_answer_.bind(4, head.month).bind(5, cell.first).bind(6, cell.second);
                count_answer_.bind(7, n);
                count_answer_.run();
                count_answer_.reset();
            }
            for (const auto& [cell, n] : tally.groups) {
                const auto& [group_question, group_answer, question, answer] = cell;
                count_group_.reset();
                count_group_.bind(1, head.form).bind(2, head.version).bind(3, head.site);
                count_group_.bind(4, head.month).bind(5, group_question).bind(6, group_answer);
                count_group_.bind(7, question).bind(8, answer).bind(9, n);
                count_group_.run();
                count_group_.reset();
            }
        }
        for (const auto& [cell, n] : counts_.languages()) {
            count_language_.reset();
            count_language_.bind(1, cell.form).bind(2, cell.site).bind(3, cell.month);
            count_language_.bind(4, cell.language).bind(5, n);
            count_language_.run();
            count_language_.reset();
        }
        begin();
    }

    std::int64_t sweep_retention(const Date& today, int months) override {
        sweep_.reset();
        sweep_.bind(1, retention::first_kept_month(today, months));
        sweep_.run();
        const std::int64_t deleted = db_.changes();
        sweep_.reset();
        // A comment's month is its item's, so comments go exactly when
        // items of their month do (and the count stays the items').
        sweep_comments_.reset();
        sweep_comments_.bind(1, retention::first_kept_month(today, months));
        sweep_comments_.run();
        sweep_comments_.reset();
        return deleted;
    }

    SignupSweep sweep_signups(const Date& today) override {
        SignupSweep out;
        Statement settings(db_, "SELECT handled_days, max_days FROM signup_retention WHERE id = 1");
        if (!settings.step()) {
            return out; // no settings row: a database before migration 12 keeps everything
        }
        const long now = days_since_epoch(today);
        // Dates are "YYYY-MM-DD", so text order is time order.
        const std::string handled_by = to_string(from_days_since_epoch(now - settings.integer(0)));
        const std::string received_by = to_string(from_days_since_epoch(now - settings.integer(1)));
        // secure_delete (server_pragmas) overwrites the rows' bytes in the
        // main file; the sweeper asks the writer to checkpoint afterwards.
        Statement del(db_, "DELETE FROM sealed_signups WHERE (handled_date IS NOT NULL AND "
                           "handled_date <= ?1) OR received_date <= ?2 RETURNING id");
        del.bind(1, handled_by).bind(2, received_by);
        while (del.step()) {
            out.deleted_ids.push_back(del.text(0));
        }
        del.reset();
        for (const auto& id : out.deleted_ids) {
            forget_signup_in_audit(db_, id);
        }
        return out;
    }

    std::optional<std::string> enrol_kiosk(std::string_view code_hash, std::int64_t now,
                                           std::string_view kiosk_id, std::string_view token_hash,
                                           const Date& today) override {
        use_code_.reset();
        use_code_.bind(1, code_hash).bind(2, now);
        if (!use_code_.step()) {
            use_code_.reset();
            return std::nullopt;
        }
        std::string site = use_code_.text(0);
        use_code_.run();
        use_code_.reset();
        add_kiosk_.reset();
        add_kiosk_.bind(1, kiosk_id).bind(2, site).bind(3, token_hash).bind(4, to_string(today));
        add_kiosk_.run();
        add_kiosk_.reset();
        return site;
    }

    void record_heartbeat(std::string_view kiosk_id, const Heartbeat& beat,
                          std::int64_t now) override {
        heartbeat_.reset();
        // Only the date reaches the disk: a time per heartbeat, replayed from
        // the WAL, gave per-kiosk activity in 5-minute windows (issue 8).
        heartbeat_.bind(1, kiosk_id).bind(2, unix_to_date(now)).bind(3, beat.app_version);
        heartbeat_.bind(4, protocol::to_string(beat.outbox)).bind(5, beat.content_version);
        heartbeat_.bind(6, beat.last_sync_error);
        if (beat.oldest_item_days) {
            heartbeat_.bind(7, *beat.oldest_item_days);
        } else {
            heartbeat_.bind_null(7);
        }
        heartbeat_.run();
        heartbeat_.reset();
    }

private:
    // One comment awaiting moderation per non-blank free-text answer of a
    // new item (migration 10): a random id of its own, and only form,
    // version, site, month and question beside the (already redacted) text.
    void add_comments(const Submission& item, std::string_view site, const std::string& month) {
        for (const auto& [question, answer] : item.answers) {
            const auto* text = std::get_if<FreeText>(&answer);
            if (text == nullptr || text::trim(text->text).empty()) {
                continue;
            }
            insert_comment_.reset();
            insert_comment_.bind(1, random_uuid_v4()).bind(2, item.form).bind(3, item.version);
            insert_comment_.bind(4, site).bind(5, month).bind(6, question).bind(7, text->text);
            insert_comment_.run();
            insert_comment_.reset();
        }
    }

    Database& db_;
    Statement insert_;
    Statement count_language_;
    Statement count_item_;
    Statement count_answer_;
    Statement count_group_;
    Statement sweep_;
    Statement sweep_comments_;
    Statement insert_comment_;
    Statement insert_sealed_;
    Statement use_code_;
    Statement add_kiosk_;
    Statement heartbeat_;

    CountCells counts_; // of the new items since begin()
};

std::unique_ptr<SqliteStore> SqliteStore::open(const std::filesystem::path& dir, const char* vfs) {
    std::error_code ec;
    if (!std::filesystem::exists(dir, ec)) {
        std::filesystem::create_directories(dir, ec);
        if (ec) {
            throw std::runtime_error("cannot create " + dir.string() + ": " + ec.message());
        }
        std::filesystem::permissions(dir, std::filesystem::perms::owner_all,
                                     std::filesystem::perm_options::replace, ec);
    } else if (!std::filesystem::is_directory(dir, ec)) {
        throw std::runtime_error(dir.string() + " is not a directory");
    }
    const std::string path = (dir / database_file_name).string();
    ensure_sodium();
    Database writer = Database::open(path, sqlite::OpenMode::create, sqlite::server_pragmas, vfs);
    apply_migrations(writer);
    initialise(writer);
    Database reader =
        Database::open(path, sqlite::OpenMode::read_write, sqlite::server_pragmas, vfs);
    return std::make_unique<SqliteStore>(std::move(writer), std::move(reader));
}

std::unique_ptr<SqliteStore> SqliteStore::open_read_only(const std::filesystem::path& dir) {
    const std::filesystem::path path = dir / database_file_name;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) {
        throw std::runtime_error(path.string() + " does not exist");
    }
    // Wait out another process's checkpoint like the server's connections do.
    constexpr sqlite::Pragmas read_pragmas{.busy_timeout_ms = 5000};
    Database first = Database::open(path, sqlite::OpenMode::read_only, read_pragmas);
    const int found = read_schema_version(first);
    if (found != schema_version) {
        throw std::runtime_error("the database is at schema " + std::to_string(found) +
                                 ", this program reads schema " + std::to_string(schema_version) +
                                 (found < schema_version
                                      ? " (start `engage-admin serve` once to upgrade it)"
                                      : " (a newer engage-admin made it)"));
    }
    Database second = Database::open(path, sqlite::OpenMode::read_only, read_pragmas);
    return std::make_unique<SqliteStore>(std::move(first), std::move(second));
}

SqliteStore::SqliteStore(Database writer, Database reader)
    : write_db_(std::move(writer)), tx_(std::make_unique<Tx>(write_db_)),
      read_db_(std::move(reader)),
      comments_(std::make_unique<SqliteComments>(write_mutex_, write_db_, read_mutex_, read_db_)) {}

Comments& SqliteStore::comments() {
    return *comments_;
}

SqliteStore::~SqliteStore() = default;

void SqliteStore::write(const std::function<void(WriteTransaction&)>& work) {
    std::lock_guard lock(write_mutex_);
    try {
        Transaction tx(write_db_);
        tx_->begin();
        work(*tx_);
        tx_->flush_counts();
        tx.commit();
    } catch (const sqlite::Error& e) {
        if (e.storage_unavailable()) {
            // The Transaction has rolled back: nothing half-written. The
            // caller answers "try again later" and the next write starts
            // afresh, so the writer is not wedged once space returns.
            throw StorageUnavailable(e.storage_full(), e.what());
        }
        throw;
    }
}

bool SqliteStore::checkpoint() {
    std::lock_guard lock(write_mutex_);
    return write_db_.checkpoint_truncate();
}

ContentSnapshot SqliteStore::load_content() {
    std::lock_guard lock(read_mutex_);
    Transaction tx(read_db_, Transaction::Mode::deferred); // one consistent view
    ContentSnapshot snap;
    snap.version = meta_get(read_db_, "content_version");
    put_coordinator_keys(snap, read_keyring(read_db_));
    std::string error;
    {
        Statement st(read_db_,
                     "SELECT json FROM forms WHERE status <> 'draft' ORDER BY slug, version");
        while (st.step()) {
            FormVersion f;
            if (!parse_form_version(parse_stored(st.text(0)), f, error)) {
                throw std::runtime_error("a stored form does not parse: " + error);
            }
            snap.forms.push_back(std::move(f));
        }
    }
    {
        Statement st(read_db_, "SELECT json FROM help_entries ORDER BY position, id");
        while (st.step()) {
            HelpEntry h;
            if (!parse_help_entry(parse_stored(st.text(0)), h, error)) {
                throw std::runtime_error("a stored help entry does not parse: " + error);
            }
            snap.help.push_back(std::move(h));
        }
    }
    {
        Statement st(read_db_, "SELECT json FROM you_said_we_did ORDER BY position, id");
        while (st.step()) {
            YouSaidWeDid y;
            if (!parse_you_said_we_did(parse_stored(st.text(0)), y, error)) {
                throw std::runtime_error("a stored 'you said, we did' item does not parse: " +
                                         error);
            }
            snap.you_said_we_did.push_back(std::move(y));
        }
    }
    {
        Statement st(read_db_, "SELECT json FROM kiosk_settings WHERE id = 1");
        if (st.step() &&
            !content::parse_kiosk_settings(parse_stored(st.text(0)), snap.settings, error)) {
            throw std::runtime_error("stored kiosk settings do not parse: " + error);
        }
    }
    snap.sites = read_sites(read_db_);
    return snap;
}

bool SqliteStore::content_empty() {
    std::lock_guard lock(read_mutex_);
    Statement st(read_db_,
                 "SELECT (SELECT count(*) FROM forms) + (SELECT count(*) FROM help_entries) + "
                 "(SELECT count(*) FROM you_said_we_did) + (SELECT count(*) FROM kiosk_settings)");
    return st.step() && st.integer(0) == 0;
}

void SqliteStore::add_content(const ContentSet& content) {
    std::lock_guard lock(write_mutex_);
    Transaction tx(write_db_);
    {
        Statement st(write_db_,
                     "INSERT INTO forms(slug, version, kind, status, json) VALUES(?1, ?2, ?3, ?4, "
                     "?5) ON CONFLICT(slug, version) DO UPDATE SET kind = excluded.kind, status "
                     "= excluded.status, json = excluded.json");
        for (const auto& f : content.forms) {
            st.reset();
            st.bind(1, f.slug).bind(2, std::int64_t{f.version}).bind(3, to_string(f.kind));
            st.bind(4, to_string(f.status));
            st.bind(5, boost::json::serialize(boost::json::value_from(f)));
            st.run();
        }
    }
    std::int64_t position = 0;
    {
        Statement st(write_db_,
                     "INSERT INTO help_entries(id, position, json) VALUES(?1, ?2, ?3) ON "
                     "CONFLICT(id) DO UPDATE SET position = excluded.position, json = "
                     "excluded.json");
        for (const auto& h : content.help) {
            st.reset();
            st.bind(1, h.id).bind(2, position++);
            st.bind(3, boost::json::serialize(boost::json::value_from(h)));
            st.run();
        }
    }
    {
        Statement st(write_db_,
                     "INSERT INTO you_said_we_did(id, position, json) VALUES(?1, ?2, ?3) ON "
                     "CONFLICT(id) DO UPDATE SET position = excluded.position, json = "
                     "excluded.json");
        for (const auto& y : content.you_said_we_did) {
            st.reset();
            st.bind(1, y.id).bind(2, position++);
            st.bind(3, boost::json::serialize(boost::json::value_from(y)));
            st.run();
        }
    }
    {
        Statement st(write_db_,
                     "INSERT INTO kiosk_settings(id, json) VALUES(1, ?1) ON CONFLICT(id) DO "
                     "UPDATE SET json = excluded.json");
        st.bind(1, boost::json::serialize(content::kiosk_settings_to_json(content.settings)));
        st.run();
    }
    write_sites(write_db_, content.sites);
    meta_set(write_db_, "content_version",
             next_content_version(meta_get(write_db_, "content_version")));
    tx.commit();
}

namespace {

// Writes `items` as the whole of `table` (help_entries or you_said_we_did),
// positions in list order, inside the caller's transaction.
template <class Item>
void rewrite_list(Database& db, std::string_view table, const std::vector<Item>& items) {
    Statement(db, "DELETE FROM " + std::string(table)).run();
    Statement st(db,
                 "INSERT INTO " + std::string(table) + "(id, position, json) VALUES(?1, ?2, ?3)");
    std::int64_t position = 0;
    for (const auto& item : items) {
        st.reset();
        st.bind(1, item.id).bind(2, position++);
        st.bind(3, boost::json::serialize(boost::json::value_from(item)));
        st.run();
    }
}

} // namespace

void SqliteStore::replace_help_entries(const std::vector<HelpEntry>& items) {
    std::lock_guard lock(write_mutex_);
    Transaction tx(write_db_);
    rewrite_list(write_db_, "help_entries", items);
    meta_set(write_db_, "content_version",
             next_content_version(meta_get(write_db_, "content_version")));
    tx.commit();
}

void SqliteStore::replace_you_said_we_did(const std::vector<YouSaidWeDid>& items) {
    std::lock_guard lock(write_mutex_);
    Transaction tx(write_db_);
    rewrite_list(write_db_, "you_said_we_did", items);
    meta_set(write_db_, "content_version",
             next_content_version(meta_get(write_db_, "content_version")));
    tx.commit();
}

std::vector<FormVersion> SqliteStore::all_form_versions() {
    std::lock_guard lock(read_mutex_);
    std::vector<FormVersion> out;
    Statement st(read_db_, "SELECT json FROM forms ORDER BY slug, version");
    std::string error;
    while (st.step()) {
        FormVersion f;
        if (!parse_form_version(parse_stored(st.text(0)), f, error)) {
            throw std::runtime_error("a stored form does not parse: " + error);
        }
        out.push_back(std::move(f));
    }
    return out;
}

void SqliteStore::import_content(const ContentSet& content,
                                 const std::vector<FormVersion>& closing) {
    std::lock_guard lock(write_mutex_);
    Transaction tx(write_db_);
    {
        // Only a published version is closed; anything else stored under
        // that slug and version means the plan was made on other data.
        Statement st(write_db_, "UPDATE forms SET status = 'closed', json = ?3 "
                                "WHERE slug = ?1 AND version = ?2 AND status = 'published'");
        for (const auto& f : closing) {
            st.reset();
            st.bind(1, f.slug).bind(2, std::int64_t{f.version});
            st.bind(3, boost::json::serialize(boost::json::value_from(f)));
            st.run();
            if (write_db_.changes() != 1) {
                throw std::runtime_error("form " + f.slug + " version " +
                                         std::to_string(f.version) + " is not published any more");
            }
        }
    }
    {
        // A plain INSERT: the primary key (slug, version) refuses a version
        // that exists, and the exception rolls the whole import back.
        Statement st(write_db_, "INSERT INTO forms(slug, version, kind, status, json) "
                                "VALUES(?1, ?2, ?3, ?4, ?5)");
        for (const auto& f : content.forms) {
            st.reset();
            st.bind(1, f.slug).bind(2, std::int64_t{f.version}).bind(3, to_string(f.kind));
            st.bind(4, to_string(f.status));
            st.bind(5, boost::json::serialize(boost::json::value_from(f)));
            st.run();
        }
    }
    std::int64_t position = 0;
    {
        Statement st(write_db_,
                     "INSERT INTO help_entries(id, position, json) VALUES(?1, ?2, ?3) ON "
                     "CONFLICT(id) DO UPDATE SET position = excluded.position, json = "
                     "excluded.json");
        for (const auto& h : content.help) {
            st.reset();
            st.bind(1, h.id).bind(2, position++);
            st.bind(3, boost::json::serialize(boost::json::value_from(h)));
            st.run();
        }
    }
    position = 0;
    {
        Statement st(write_db_,
                     "INSERT INTO you_said_we_did(id, position, json) VALUES(?1, ?2, ?3) ON "
                     "CONFLICT(id) DO UPDATE SET position = excluded.position, json = "
                     "excluded.json");
        for (const auto& y : content.you_said_we_did) {
            st.reset();
            st.bind(1, y.id).bind(2, position++);
            st.bind(3, boost::json::serialize(boost::json::value_from(y)));
            st.run();
        }
    }
    {
        Statement st(write_db_,
                     "INSERT INTO kiosk_settings(id, json) VALUES(1, ?1) ON CONFLICT(id) DO "
                     "UPDATE SET json = excluded.json");
        st.bind(1, boost::json::serialize(content::kiosk_settings_to_json(content.settings)));
        st.run();
    }
    write_sites(write_db_, content.sites);
    meta_set(write_db_, "content_version",
             next_content_version(meta_get(write_db_, "content_version")));
    write_marks(write_db_, content.translation_marks);
    tx.commit();
}

std::vector<TranslationMark> SqliteStore::translation_marks(std::string_view form) {
    std::lock_guard lock(read_mutex_);
    Statement st(read_db_, "SELECT form, version, string, language, state, by_user, at "
                           "FROM translation_marks WHERE coalesce(?1, '') = '' OR form = ?1 "
                           "ORDER BY form, version, string, language");
    st.bind(1, form);
    std::vector<TranslationMark> out;
    while (st.step()) {
        out.push_back({st.text(0), st.integer(1), st.text(2), st.text(3), st.text(4), st.text(5),
                       st.integer(6)});
    }
    return out;
}

void SqliteStore::put_translation_marks(const std::vector<TranslationMark>& marks) {
    std::lock_guard lock(write_mutex_);
    Transaction tx(write_db_);
    write_marks(write_db_, marks);
    tx.commit();
}

void SqliteStore::put_form_versions(const std::vector<FormVersion>& forms, bool content_changed) {
    std::lock_guard lock(write_mutex_);
    Transaction tx(write_db_);
    Statement st(write_db_,
                 "INSERT INTO forms(slug, version, kind, status, json) VALUES(?1, ?2, ?3, ?4, ?5) "
                 "ON CONFLICT(slug, version) DO UPDATE SET kind = excluded.kind, status = "
                 "excluded.status, json = excluded.json");
    for (const auto& f : forms) {
        st.reset();
        st.bind(1, f.slug).bind(2, std::int64_t{f.version}).bind(3, to_string(f.kind));
        st.bind(4, to_string(f.status));
        st.bind(5, boost::json::serialize(boost::json::value_from(f)));
        st.run();
    }
    if (content_changed) {
        meta_set(write_db_, "content_version",
                 next_content_version(meta_get(write_db_, "content_version")));
    }
    tx.commit();
}

std::optional<KioskIdentity> SqliteStore::find_kiosk(std::string_view token_hash) {
    std::lock_guard lock(read_mutex_);
    Statement st(read_db_, "SELECT id, site FROM kiosks WHERE token_hash = ?1");
    st.bind(1, token_hash);
    if (!st.step()) {
        return std::nullopt;
    }
    return KioskIdentity{st.text(0), st.text(1)};
}

std::vector<std::pair<std::string, KioskIdentity>> SqliteStore::all_kiosks() {
    std::lock_guard lock(read_mutex_);
    Statement st(read_db_, "SELECT token_hash, id, site FROM kiosks");
    std::vector<std::pair<std::string, KioskIdentity>> out;
    while (st.step()) {
        out.emplace_back(st.text(0), KioskIdentity{st.text(1), st.text(2)});
    }
    return out;
}

void SqliteStore::add_enrol_code(std::string_view code_hash, std::string_view site,
                                 std::int64_t expires_at_unix) {
    std::lock_guard lock(write_mutex_);
    Transaction tx(write_db_);
    // Expired codes are of no use to anyone; drop them while we are here.
    Statement purge(write_db_, "DELETE FROM enrol_codes WHERE expires_at <= ?1");
    purge.bind(1, now_unix());
    purge.run();
    Statement st(write_db_,
                 "INSERT INTO enrol_codes(code_hash, site, expires_at) VALUES(?1, ?2, ?3)");
    st.bind(1, code_hash).bind(2, site).bind(3, expires_at_unix);
    st.run();
    tx.commit();
}

std::vector<KioskDetail> SqliteStore::kiosks() {
    std::lock_guard lock(read_mutex_);
    Statement st(read_db_,
                 "SELECT id, site, last_seen_date, app_version, outbox_band, content_version, "
                 "oldest_item_days, enrolled_date, last_sync_error "
                 "FROM kiosks ORDER BY site, id");
    std::vector<KioskDetail> out;
    while (st.step()) {
        KioskDetail d;
        d.summary.id = st.text(0);
        d.summary.site = st.text(1);
        d.summary.last_seen_date = st.text(2); // empty when NULL: never seen
        d.summary.app_version = st.text(3);
        d.summary.outbox = st.text(4);
        d.summary.content_version = st.text(5);
        if (!st.is_null(6)) {
            d.summary.oldest_item_days = st.integer(6);
        }
        d.enrolled_date = st.text(7);
        d.last_sync_error = st.text(8);
        out.push_back(std::move(d));
    }
    return out;
}

std::vector<std::string> SqliteStore::known_sites(std::int64_t now) {
    std::lock_guard lock(read_mutex_);
    // UNION (not UNION ALL) sorts and removes repeats.
    Statement st(read_db_, "SELECT slug FROM sites UNION SELECT site FROM kiosks UNION "
                           "SELECT site FROM enrol_codes WHERE expires_at > ?1 UNION "
                           "SELECT site FROM item_counts ORDER BY 1");
    st.bind(1, now);
    std::vector<std::string> out;
    while (st.step()) {
        out.push_back(st.text(0));
    }
    return out;
}

std::vector<Site> SqliteStore::sites() {
    std::lock_guard lock(read_mutex_);
    return read_sites(read_db_);
}

void SqliteStore::put_site(const Site& site) {
    std::lock_guard lock(write_mutex_);
    Transaction tx(write_db_);
    write_sites(write_db_, {site});
    meta_set(write_db_, "content_version",
             next_content_version(meta_get(write_db_, "content_version")));
    tx.commit();
}

std::vector<results::CountRow> SqliteStore::answer_counts(std::string_view slug) {
    std::lock_guard lock(read_mutex_);
    // The primary key starts with the form: one range of the b-tree. The
    // answers received (item_counts) come too, as question "": the results
    // engine suppresses every question jointly with them.
    Statement st(read_db_, "SELECT version, site, month, question, answer, count "
                           "FROM answer_counts WHERE form = ?1 UNION ALL "
                           "SELECT version, site, month, '', '', count "
                           "FROM item_counts WHERE form = ?1");
    st.bind(1, slug);
    std::vector<results::CountRow> out;
    while (st.step()) {
        out.push_back({static_cast<int>(st.integer(0)), st.text(1), st.text(2), st.text(3),
                       st.text(4), st.integer(5)});
    }
    return out;
}

std::vector<results::GroupCountRow> SqliteStore::group_counts(std::string_view slug) {
    std::lock_guard lock(read_mutex_);
    Statement st(read_db_, "SELECT version, site, month, group_question, group_answer, question, "
                           "answer, count FROM group_counts WHERE form = ?1");
    st.bind(1, slug);
    std::vector<results::GroupCountRow> out;
    while (st.step()) {
        out.push_back({static_cast<int>(st.integer(0)), st.text(1), st.text(2), st.text(3),
                       st.text(4), st.text(5), st.text(6), st.integer(7)});
    }
    return out;
}

std::vector<results::LanguageCountRow> SqliteStore::language_counts(std::string_view slug) {
    std::lock_guard lock(read_mutex_);
    Statement st(read_db_,
                 "SELECT site, month, language, count FROM language_counts WHERE form = ?1");
    st.bind(1, slug);
    std::vector<results::LanguageCountRow> out;
    while (st.step()) {
        out.push_back({st.text(0), st.text(1), st.text(2), st.integer(3)});
    }
    return out;
}

std::vector<std::string> SqliteStore::counted_forms() {
    std::lock_guard lock(read_mutex_);
    Statement st(read_db_, "SELECT DISTINCT form FROM item_counts ORDER BY 1");
    std::vector<std::string> out;
    while (st.step()) {
        out.push_back(st.text(0));
    }
    return out;
}

std::optional<std::string> SqliteStore::revoke_kiosk(std::string_view kiosk_id) {
    std::lock_guard lock(write_mutex_);
    Transaction tx(write_db_);
    Statement find(write_db_, "SELECT token_hash FROM kiosks WHERE id = ?1");
    find.bind(1, kiosk_id);
    if (!find.step()) {
        return std::nullopt;
    }
    std::string hash = find.text(0);
    Statement del(write_db_, "DELETE FROM kiosks WHERE id = ?1");
    del.bind(1, kiosk_id);
    del.run();
    tx.commit();
    return hash;
}

std::optional<CoordinatorKeyring> SqliteStore::coordinator_keyring() {
    std::lock_guard lock(read_mutex_);
    Transaction tx(read_db_, Transaction::Mode::deferred); // one consistent view
    return read_keyring(read_db_);
}

bool SqliteStore::create_coordinator_keyring(const CoordinatorKeyring& ring) {
    std::lock_guard lock(write_mutex_);
    Transaction tx(write_db_);
    if (read_keyring(write_db_)) {
        return false;
    }
    write_keyring(write_db_, ring);
    tx.commit();
    return true;
}

void SqliteStore::replace_coordinator_keyring(const CoordinatorKeyring& ring,
                                              std::optional<std::string> adopt_unnamed_as) {
    std::lock_guard lock(write_mutex_);
    // Deleted keys are overwritten in the database file, not just unlinked
    // from the b-tree (secure_delete is on: server_pragmas). The WAL may hold
    // the old page until its next checkpoint, which follows the commit below.
    {
        Transaction tx(write_db_);
        const auto before = read_keyring(write_db_);
        const auto* was = before ? before->current() : nullptr;
        const auto* now = ring.current();
        if (was == nullptr || now == nullptr || was->key_id != now->key_id) {
            // Content carries the current key: a new one is new content, or
            // kiosks holding the old ETag would be told 304 and keep sealing
            // to the old key.
            meta_set(write_db_, "content_version",
                     next_content_version(meta_get(write_db_, "content_version")));
        }
        write_keyring(write_db_, ring);
        Statement legacy(write_db_, "DELETE FROM meta WHERE key IN ('coordinator_public_key', "
                                    "'coordinator_secret_key_locked')");
        legacy.run();
        if (adopt_unnamed_as) {
            // Sign-ups stored before key ids existed: schema 1 had one key.
            Statement name(write_db_, "UPDATE sealed_signups SET key_id = ?1 WHERE key_id IS NULL");
            name.bind(1, *adopt_unnamed_as);
            name.run();
        }
        tx.commit();
    }
    // False only when another connection's read holds part of the WAL; the
    // serving process's idle checkpoint finishes the job.
    write_db_.checkpoint_truncate();
}

std::set<std::string> SqliteStore::sealed_signup_key_ids() {
    std::lock_guard lock(read_mutex_);
    Statement st(read_db_, "SELECT DISTINCT coalesce(key_id, '') FROM sealed_signups");
    std::set<std::string> ids;
    while (st.step()) {
        ids.insert(st.text(0));
    }
    return ids;
}

std::vector<StoredSignup> SqliteStore::sealed_signups() {
    std::lock_guard lock(read_mutex_);
    Statement st(read_db_, "SELECT id, form, version, site, date, received_date, sealed, "
                           "coalesce(key_id, ''), coalesce(contacted_date, ''), "
                           "coalesce(handled_date, '') FROM sealed_signups "
                           "ORDER BY received_date, id");
    std::vector<StoredSignup> out;
    while (st.step()) {
        out.push_back(StoredSignup{st.text(0), st.text(1), st.integer(2), st.text(3), st.text(4),
                                   st.text(5), st.text(6), st.text(7), st.text(8), st.text(9)});
    }
    return out;
}

std::vector<SignupMonthCount> SqliteStore::signup_month_counts() {
    std::lock_guard lock(read_mutex_);
    Statement st(read_db_, "SELECT month, received, handled FROM signup_counts ORDER BY month");
    std::vector<SignupMonthCount> out;
    while (st.step()) {
        out.push_back(SignupMonthCount{st.text(0), st.integer(1), st.integer(2)});
    }
    return out;
}

namespace {

// Sets `column` to `day` unless it holds a date already (the first one is
// what a coordinator did; marking twice must not move it).
bool mark_signup(Database& db, std::string_view column, std::string_view id, const Date& day) {
    Transaction tx(db);
    Statement st(db, "UPDATE sealed_signups SET " + std::string(column) + " = coalesce(" +
                         std::string(column) + ", ?2) WHERE id = ?1");
    st.bind(1, id).bind(2, to_string(day));
    st.run();
    const bool found = db.changes() == 1;
    tx.commit();
    return found;
}

} // namespace

bool SqliteStore::mark_signup_contacted(std::string_view id, const Date& day) {
    std::lock_guard lock(write_mutex_);
    return mark_signup(write_db_, "contacted_date", id, day);
}

bool SqliteStore::mark_signup_handled(std::string_view id, const Date& day) {
    std::lock_guard lock(write_mutex_);
    return mark_signup(write_db_, "handled_date", id, day);
}

SignupRetention SqliteStore::signup_retention() {
    std::lock_guard lock(read_mutex_);
    Statement st(read_db_,
                 "SELECT handled_days, flag_days, max_days FROM signup_retention WHERE id = 1");
    SignupRetention r;
    if (st.step()) {
        r.handled_days = st.integer(0);
        r.flag_days = st.integer(1);
        r.max_days = st.integer(2);
    }
    return r;
}

void SqliteStore::set_signup_retention(const SignupRetention& r) {
    std::lock_guard lock(write_mutex_);
    Transaction tx(write_db_);
    Statement st(write_db_, "UPDATE signup_retention SET handled_days = ?1, flag_days = ?2, "
                            "max_days = ?3 WHERE id = 1");
    st.bind(1, r.handled_days).bind(2, r.flag_days).bind(3, r.max_days);
    st.run();
    tx.commit();
}

bool SqliteStore::delete_sealed_signup(std::string_view id) {
    std::lock_guard lock(write_mutex_);
    Transaction tx(write_db_);
    // secure_delete (server_pragmas) overwrites the row's bytes, overflow
    // pages included, in the main file; the caller's checkpoint() then empties
    // the WAL, which still holds the page images from before.
    Statement st(write_db_, "DELETE FROM sealed_signups WHERE id = ?1");
    st.bind(1, id);
    st.run();
    const bool deleted = write_db_.changes() == 1;
    forget_signup_in_audit(write_db_, id);
    tx.commit();
    return deleted;
}

std::string SqliteStore::legacy_coordinator_locked_key() {
    std::lock_guard lock(read_mutex_);
    return meta_get(read_db_, "coordinator_secret_key_locked");
}

std::string SqliteStore::legacy_coordinator_public_key() {
    std::lock_guard lock(read_mutex_);
    return meta_get(read_db_, "coordinator_public_key");
}

namespace {

constexpr std::string_view decision_columns =
    "SELECT id, title, decided, results, sites, status, reason, service_change, you_said, "
    "we_did, kiosk_ended, recorded_date FROM decisions ";

Decision read_decision(const Statement& st) {
    Decision d;
    d.id = st.integer(0);
    d.title = st.text(1);
    d.decided = st.text(2);
    d.results = parse_decision_list(st.text(3), "results");
    d.sites = parse_decision_list(st.text(4), "sites");
    const auto status = parse_decision_status(st.text(5));
    if (!status) {
        throw std::runtime_error("a stored decision has an unknown status");
    }
    d.status = *status;
    d.reason = st.text(6);
    d.service_change = st.integer(7) != 0;
    d.you_said = st.text(8);
    d.we_did = st.text(9);
    d.kiosk_ended = st.integer(10) != 0;
    d.recorded_date = st.text(11);
    return d;
}

} // namespace

std::vector<Decision> SqliteStore::decisions() {
    std::lock_guard lock(read_mutex_);
    Statement st(read_db_, std::string(decision_columns) + "ORDER BY id DESC");
    std::vector<Decision> out;
    while (st.step()) {
        out.push_back(read_decision(st));
    }
    return out;
}

std::optional<Decision> SqliteStore::decision(std::int64_t id) {
    std::lock_guard lock(read_mutex_);
    Statement st(read_db_, std::string(decision_columns) + "WHERE id = ?1");
    st.bind(1, id);
    if (!st.step()) {
        return std::nullopt;
    }
    return read_decision(st);
}

std::vector<DecisionUpdate> SqliteStore::decision_updates(std::int64_t id) {
    std::lock_guard lock(read_mutex_);
    Statement st(read_db_, "SELECT decision, date, status_from, status_to, note, by_user "
                           "FROM decision_updates WHERE decision = ?1 ORDER BY id");
    st.bind(1, id);
    std::vector<DecisionUpdate> out;
    while (st.step()) {
        DecisionUpdate u;
        u.decision = st.integer(0);
        u.date = st.text(1);
        u.from = st.text(2);
        const auto to = parse_decision_status(st.text(3));
        if (!to) {
            throw std::runtime_error("a stored decision update has an unknown status");
        }
        u.to = *to;
        u.note = st.text(4);
        u.by = st.text(5);
        out.push_back(std::move(u));
    }
    return out;
}

SavedDecision SqliteStore::save_decision(const Decision& d,
                                         const std::optional<DecisionUpdate>& update) {
    std::lock_guard lock(write_mutex_);
    Transaction tx(write_db_);
    SavedDecision saved;
    {
        Statement st(write_db_,
                     d.id == 0
                         ? "INSERT INTO decisions(title, decided, results, sites, status, reason, "
                           "service_change, you_said, we_did, kiosk_ended, recorded_date) "
                           "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
                         : "UPDATE decisions SET title = ?1, decided = ?2, results = ?3, "
                           "sites = ?4, status = ?5, reason = ?6, service_change = ?7, "
                           "you_said = ?8, we_did = ?9, kiosk_ended = ?10, recorded_date = ?11 "
                           "WHERE id = ?12");
        st.bind(1, d.title).bind(2, d.decided).bind(3, decision_list_json(d.results));
        st.bind(4, decision_list_json(d.sites)).bind(5, to_string(d.status)).bind(6, d.reason);
        st.bind(7, std::int64_t{d.service_change}).bind(8, d.you_said).bind(9, d.we_did);
        st.bind(10, std::int64_t{d.kiosk_ended}).bind(11, d.recorded_date);
        if (d.id != 0) {
            st.bind(12, d.id);
        }
        st.run();
        if (d.id != 0 && write_db_.changes() == 0) {
            throw std::invalid_argument("no decision " + std::to_string(d.id));
        }
        saved.id = d.id != 0 ? d.id : sqlite3_last_insert_rowid(write_db_.handle());
    }
    if (update) {
        Statement st(write_db_, "INSERT INTO decision_updates(decision, date, status_from, "
                                "status_to, note, by_user) VALUES(?1, ?2, ?3, ?4, ?5, ?6)");
        st.bind(1, saved.id).bind(2, update->date).bind(3, update->from);
        st.bind(4, to_string(update->to)).bind(5, update->note).bind(6, update->by);
        st.run();
    }
    // The kiosk item, read and written on this connection inside this
    // transaction, so an edit made on the "you said, we did" pages at the
    // same moment is never lost.
    std::vector<YouSaidWeDid> items;
    {
        Statement st(write_db_, "SELECT json FROM you_said_we_did ORDER BY position, id");
        std::string error;
        while (st.step()) {
            YouSaidWeDid y;
            if (!parse_you_said_we_did(parse_stored(st.text(0)), y, error)) {
                throw std::runtime_error("a stored 'you said, we did' item does not parse: " +
                                         error);
            }
            items.push_back(std::move(y));
        }
    }
    Decision stored = d;
    stored.id = saved.id;
    if (apply_kiosk_item(stored, items)) {
        rewrite_list(write_db_, "you_said_we_did", items);
        meta_set(write_db_, "content_version",
                 next_content_version(meta_get(write_db_, "content_version")));
        saved.content_changed = true;
    }
    tx.commit();
    return saved;
}

StatusReport SqliteStore::status() {
    std::lock_guard lock(read_mutex_);
    Transaction tx(read_db_, Transaction::Mode::deferred);
    StatusReport r;
    r.schema_version = read_schema_version(read_db_);
    r.content_version = meta_get(read_db_, "content_version");
    {
        Statement st(read_db_, "SELECT form, count(*) FROM (SELECT form FROM submissions UNION ALL "
                               "SELECT form FROM sealed_signups) GROUP BY form ORDER BY form");
        while (st.step()) {
            const auto n = st.integer(1);
            r.by_form[st.text(0)] = n;
            r.submissions_total += n;
        }
    }
    {
        Statement st(read_db_, "SELECT count(*) FROM sealed_signups");
        if (st.step()) {
            r.sealed_signups = st.integer(0);
        }
    }
    {
        Statement st(read_db_,
                     "SELECT slug, kind, version, status FROM forms ORDER BY slug, version");
        while (st.step()) {
            r.forms.push_back({st.text(0), st.text(1), st.integer(2), st.text(3)});
        }
    }
    {
        Statement st(read_db_,
                     "SELECT id, site, last_seen_date, app_version, outbox_band, content_version, "
                     "oldest_item_days "
                     "FROM kiosks ORDER BY id");
        while (st.step()) {
            KioskSummary k;
            k.id = st.text(0);
            k.site = st.text(1);
            k.last_seen_date = st.text(2); // empty when NULL: never seen
            k.app_version = st.text(3);
            k.outbox = st.text(4);
            k.content_version = st.text(5);
            if (!st.is_null(6)) {
                k.oldest_item_days = st.integer(6);
            }
            r.kiosks.push_back(std::move(k));
        }
    }
    return r;
}

std::int64_t SqliteStore::backup_to(const std::string& path) {
    Database dest = Database::open(path, sqlite::OpenMode::create, sqlite::no_pragmas);
    std::lock_guard lock(read_mutex_);
    std::unique_ptr<sqlite3_backup, int (*)(sqlite3_backup*)> backup(
        sqlite3_backup_init(dest.handle(), "main", read_db_.handle(), "main"),
        &sqlite3_backup_finish);
    if (!backup) {
        sqlite::check(dest.handle(), sqlite3_errcode(dest.handle()), "backup");
        throw std::runtime_error("backup could not start");
    }
    // -1 copies every page in one step, so the copy is one consistent snapshot.
    const int rc = sqlite3_backup_step(backup.get(), -1);
    if (rc != SQLITE_DONE) {
        sqlite::check(dest.handle(), rc, "backup");
    }
    sqlite::check(dest.handle(), sqlite3_backup_finish(backup.release()), "backup");
    // Fold the WAL into the main file so the backup is one self-contained file.
    dest.exec("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode=DELETE;");
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    return ec ? 0 : static_cast<std::int64_t>(size);
}

} // namespace engage::store
