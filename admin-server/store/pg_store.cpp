// PgStore: opening, the group-commit transaction (write()), status and
// backup. Content, kiosks, sign-ups, results and the idle rewrite live in
// the pg_store_*.cpp files beside this one.

#include "store/pg_store.hpp"

#include "engage/about_you.hpp"
#include "engage/ids.hpp"
#include "engage/pg/error.hpp"
#include "engage/pg/transaction.hpp"
#include "engage/sealing.hpp"
#include "engage/text.hpp"
#include "store/content_version.hpp"
#include "store/migrations.hpp"
#include "store/pg_comments.hpp"
#include "store/pg_migrations.hpp"
#include "store/pg_store_rows.hpp"
#include "store/retention.hpp"

#include <map>
#include <stdexcept>
#include <type_traits>
#include <variant>

namespace engage::store {

namespace {

std::string unix_to_date(std::int64_t t) {
    return to_string(from_days_since_epoch(static_cast<long>(t / 86400)));
}

// Rows per multi-row upsert: a group commit of 100 items of one form
// touches a few hundred group cells at most, and PostgreSQL takes at most
// 65535 parameters per statement (9 per group cell), so 1000 rows keeps
// well inside that limit while still one round trip for a typical batch.
constexpr std::size_t rows_per_upsert = 1000;

// Runs `sql_head` + "($1, ..., $n), (...)" + `sql_tail` for `rows`, each
// row's values added by `add`, in chunks of rows_per_upsert.
template <class Map, class Add>
void upsert_rows(pg::Connection& c, std::string_view sql_head, std::string_view sql_tail,
                 int columns, const Map& rows, Add add) {
    auto it = rows.begin();
    while (it != rows.end()) {
        std::string sql(sql_head);
        pg::Params params;
        int n = 0;
        for (std::size_t i = 0; i < rows_per_upsert && it != rows.end(); ++i, ++it) {
            sql += i == 0 ? "(" : ", (";
            for (int col = 0; col < columns; ++col) {
                sql += (col == 0 ? "$" : ", $") + std::to_string(++n);
            }
            sql += ")";
            add(params, it->first, it->second);
        }
        sql += sql_tail;
        c.query(sql, params);
    }
}

} // namespace

// Prepared statements for the group-commit writer (prepared again after a
// reconnect), and the counts of one transaction added up in memory.
class PgStore::Tx final : public WriteTransaction {
public:
    explicit Tx(PgStore& store) : store_(store) {}

    static void prepare(pg::Connection& c) {
        c.prepare("engage_insert_item", pg_submission_insert_sql);
        c.prepare("engage_insert_sealed",
                  "INSERT INTO sealed_signups(id, form, version, site, date, sealed, "
                  "received_date, key_id) VALUES($1, $2, $3, $4, $5, $6, $7, $8) "
                  "ON CONFLICT(id) DO NOTHING");
        c.prepare("engage_insert_comment",
                  "INSERT INTO comments(id, form, version, site, month, question, text) "
                  "VALUES($1, $2, $3, $4, $5, $6, $7)");
        // A used code is deleted, not marked (as on SQLite: no expiry time of
        // a finished enrolment stays stored).
        c.prepare("engage_use_code", "DELETE FROM enrol_codes WHERE code_hash = $1 AND used = 0 "
                                     "AND expires_at > $2 RETURNING site");
        c.prepare("engage_add_kiosk", "INSERT INTO kiosks(id, site, token_hash, enrolled_date, "
                                      "last_seen_date) VALUES($1, $2, $3, $4, $4)");
        c.prepare("engage_heartbeat",
                  "UPDATE kiosks SET last_seen_date = $2, app_version = $3, outbox_band = $4, "
                  "content_version = $5, last_sync_error = $6, oldest_item_days = $7 "
                  "WHERE id = $1");
    }

    bool insert_submission(const Submission& item, std::string_view site,
                           const Date& received) override {
        auto& c = store_.write_db_;
        if (item.sealed) {
            pg::Params p(item.id, item.form, std::int64_t{item.version}, site, to_string(item.date),
                         *item.sealed, to_string(received));
            if (item.sealed_key_id.empty()) {
                p.add(std::nullopt);
            } else {
                p.add(item.sealed_key_id);
            }
            const bool inserted = c.run_prepared("engage_insert_sealed", p).affected() == 1;
            wrote_rows_ = wrote_rows_ || inserted;
            return inserted;
        }
        // Quasi-identifiers (docs/privacy.md): per item the month is kept,
        // and the language only as a count; free text only as comments.
        const std::string month = to_string(item.date).substr(0, 7);
        Answers kept;
        for (const auto& [question, answer] : item.answers) {
            if (!std::holds_alternative<FreeText>(answer)) {
                kept.emplace(question, answer);
            }
        }
        const bool inserted =
            c.run_prepared("engage_insert_item",
                           pg::Params(item.id, item.form, std::int64_t{item.version}, site, month,
                                      answers_to_json_text(kept), to_string(received).substr(0, 7)))
                .affected() == 1;
        if (inserted) {
            wrote_rows_ = true;
            add_comments(item, site, month);
            ++pending_languages_[LanguageKey{item.form, std::string(site), month, item.language}];
            count_results(item, site, month);
        }
        return inserted;
    }

    // Starts a transaction's work: forgets counts a failed one left behind.
    void begin() {
        pending_items_.clear();
        pending_answers_.clear();
        pending_groups_.clear();
        pending_languages_.clear();
        wrote_rows_ = false;
        swept_ = false;
    }

    // Writes the counts added up since begin() as one multi-row upsert per
    // table, in the same transaction as the items they count. The maps are
    // ordered, so two servers committing at once lock cells in one order
    // and cannot deadlock on them.
    void flush_counts() {
        auto& c = store_.write_db_;
        upsert_rows(c, "INSERT INTO item_counts(form, version, site, month, count) VALUES ",
                    " ON CONFLICT(form, version, site, month) DO UPDATE SET "
                    "count = item_counts.count + excluded.count",
                    5, pending_items_, [](pg::Params& p, const CountKey& k, std::int64_t n) {
                        p.add(k.form).add(k.version).add(k.site).add(k.month).add(n);
                    });
        upsert_rows(c,
                    "INSERT INTO answer_counts(form, version, site, month, question, answer, "
                    "count) VALUES ",
                    " ON CONFLICT(form, version, site, month, question, answer) DO UPDATE SET "
                    "count = answer_counts.count + excluded.count",
                    7, pending_answers_, [](pg::Params& p, const CountKey& k, std::int64_t n) {
                        p.add(k.form).add(k.version).add(k.site).add(k.month);
                        p.add(k.question).add(k.answer).add(n);
                    });
        upsert_rows(c,
                    "INSERT INTO group_counts(form, version, site, month, group_question, "
                    "group_answer, question, answer, count) VALUES ",
                    " ON CONFLICT(form, version, site, month, group_question, group_answer, "
                    "question, answer) DO UPDATE SET count = group_counts.count + excluded.count",
                    9, pending_groups_, [](pg::Params& p, const GroupKey& k, std::int64_t n) {
                        p.add(k.cell.form).add(k.cell.version).add(k.cell.site);
                        p.add(k.cell.month).add(k.group_question).add(k.group_answer);
                        p.add(k.cell.question).add(k.cell.answer).add(n);
                    });
        upsert_rows(c, "INSERT INTO language_counts(form, site, month, language, count) VALUES ",
                    " ON CONFLICT(form, site, month, language) DO UPDATE SET "
                    "count = language_counts.count + excluded.count",
                    5, pending_languages_, [](pg::Params& p, const LanguageKey& k, std::int64_t n) {
                        p.add(k.form).add(k.site).add(k.month).add(k.language).add(n);
                    });
    }

    // What the committed transaction left for checkpoint(): new rows whose
    // order and xmin to erase, deleted rows to VACUUM.
    bool wrote_rows() const { return wrote_rows_; }
    bool swept() const { return swept_; }

    std::int64_t sweep_retention(const Date& today, int months) override {
        auto& c = store_.write_db_;
        // Months are "YYYY-MM", so text order is time order.
        const auto first_kept = retention::first_kept_month(today, months);
        const auto deleted =
            c.query("DELETE FROM submissions WHERE month < $1", first_kept).affected();
        // A comment's month is its item's, so comments go exactly when
        // items of their month do (and the count stays the items').
        const auto comments =
            c.query("DELETE FROM comments WHERE month < $1", first_kept).affected();
        swept_ = swept_ || deleted > 0 || comments > 0;
        return deleted;
    }

    SignupSweep sweep_signups(const Date& today) override {
        auto& c = store_.write_db_;
        SignupSweep out;
        const auto settings =
            c.query("SELECT handled_days, max_days FROM signup_retention WHERE id = 1");
        if (settings.rows() == 0) {
            return out;
        }
        const long now = days_since_epoch(today);
        // Dates are "YYYY-MM-DD", so text order is time order.
        const std::string handled_by =
            to_string(from_days_since_epoch(now - settings.integer(0, 0)));
        const std::string received_by =
            to_string(from_days_since_epoch(now - settings.integer(0, 1)));
        const auto del = c.query("DELETE FROM sealed_signups WHERE (handled_date IS NOT NULL AND "
                                 "handled_date <= $1) OR received_date <= $2 RETURNING id",
                                 handled_by, received_by);
        for (int i = 0; i < del.rows(); ++i) {
            out.deleted_ids.push_back(del.string(i, 0));
        }
        for (const auto& id : out.deleted_ids) {
            pg_rows::forget_signup_in_audit(c, id);
        }
        swept_ = swept_ || !out.deleted_ids.empty();
        return out;
    }

    std::optional<std::string> enrol_kiosk(std::string_view code_hash, std::int64_t now,
                                           std::string_view kiosk_id, std::string_view token_hash,
                                           const Date& today) override {
        auto& c = store_.write_db_;
        const auto code = c.run_prepared("engage_use_code", pg::Params(code_hash, now));
        if (code.rows() == 0) {
            return std::nullopt;
        }
        std::string site = code.string(0, 0);
        c.run_prepared("engage_add_kiosk",
                       pg::Params(kiosk_id, site, token_hash, to_string(today)));
        return site;
    }

    void record_heartbeat(std::string_view kiosk_id, const Heartbeat& beat,
                          std::int64_t now) override {
        // Only the date reaches the disk (issue 8), as on SQLite.
        pg::Params p(kiosk_id, unix_to_date(now), beat.app_version,
                     protocol::to_string(beat.outbox), beat.content_version, beat.last_sync_error);
        p.add(beat.oldest_item_days);
        store_.write_db_.run_prepared("engage_heartbeat", p);
    }

private:
    // One comment awaiting moderation per non-blank free-text answer of a
    // new item (migration 10): a random id of its own.
    void add_comments(const Submission& item, std::string_view site, const std::string& month) {
        for (const auto& [question, answer] : item.answers) {
            const auto* text = std::get_if<FreeText>(&answer);
            if (text == nullptr || text::trim(text->text).empty()) {
                continue;
            }
            store_.write_db_.run_prepared("engage_insert_comment",
                                          pg::Params(random_uuid_v4(), item.form,
                                                     std::int64_t{item.version}, site, month,
                                                     question, text->text));
        }
    }

    // The results of one new item, as migration 5 describes the counts
    // (the same rules as SqliteStore::Tx::count_results).
    void count_results(const Submission& item, std::string_view site, const std::string& month) {
        CountKey key{item.form, item.version, std::string(site), month, {}, {}};
        ++pending_items_[key];
        std::vector<std::pair<std::string, std::string>> groups;
        for (const auto& [question, answer] : item.answers) {
            const auto* choice = std::get_if<Choice>(&answer);
            if (choice != nullptr && about_you::is_about_you(question)) {
                groups.emplace_back(question, about_you::group_of(question, *choice));
            }
        }
        const auto count_groups = [&] {
            for (const auto& [gq, ga] : groups) {
                if (key.question.empty() || !about_you::is_about_you(key.question)) {
                    ++pending_groups_[GroupKey{key, gq, ga}];
                }
            }
        };
        count_groups();
        const auto count = [&](const std::string& question, std::string_view answer) {
            key.question = question;
            key.answer = answer;
            ++pending_answers_[key];
            count_groups();
        };
        for (const auto& [question, answer] : item.answers) {
            count(question, "");
            std::visit(
                [&](const auto& value) {
                    using T = std::decay_t<decltype(value)>;
                    if constexpr (std::is_same_v<T, Choice>) {
                        count(question, value);
                    } else if constexpr (std::is_same_v<T, MultiChoice>) {
                        for (const auto& option : value) {
                            count(question, option);
                        }
                    } else if constexpr (std::is_same_v<T, ScaleValue>) {
                        count(question, std::to_string(value));
                    } else if constexpr (std::is_same_v<T, bool>) {
                        count(question, value ? "yes" : "no");
                    } else {
                        static_assert(std::is_same_v<T, FreeText>, "every answer type decided");
                    }
                },
                answer);
        }
    }

    PgStore& store_;
    bool wrote_rows_ = false;
    bool swept_ = false;

    struct CountKey {
        std::string form;
        std::int64_t version = 0;
        std::string site;
        std::string month;
        std::string question;
        std::string answer;
        auto operator<=>(const CountKey&) const = default;
    };
    struct GroupKey {
        CountKey cell;
        std::string group_question;
        std::string group_answer;
        auto operator<=>(const GroupKey&) const = default;
    };
    struct LanguageKey {
        std::string form;
        std::string site;
        std::string month;
        std::string language;
        auto operator<=>(const LanguageKey&) const = default;
    };
    std::map<CountKey, std::int64_t> pending_items_;
    std::map<CountKey, std::int64_t> pending_answers_;
    std::map<GroupKey, std::int64_t> pending_groups_;
    std::map<LanguageKey, std::int64_t> pending_languages_;
};

std::unique_ptr<PgStore> PgStore::open(const std::string& uri) {
    ensure_sodium();
    auto writer = pg::Connection::open(uri);
    apply_pg_migrations(writer);
    {
        // The first content version, once, whichever server starts first:
        // ON CONFLICT leaves one made by another server at the same moment.
        pg::Transaction tx(writer);
        writer.query("INSERT INTO meta(key, value) VALUES('content_version', $1) "
                     "ON CONFLICT(key) DO NOTHING",
                     next_content_version(""));
        tx.commit();
    }
    auto reader = pg::Connection::open(uri);
    return std::make_unique<PgStore>(uri, std::move(writer), std::move(reader), false);
}

std::unique_ptr<PgStore> PgStore::open_read_only(const std::string& uri) {
    auto first = pg::Connection::open(uri);
    first.exec("SET default_transaction_read_only = on");
    const int found = read_pg_schema_version(first);
    if (found != schema_version) {
        throw std::runtime_error("the database is at schema " + std::to_string(found) +
                                 ", this program reads schema " + std::to_string(schema_version) +
                                 (found < schema_version
                                      ? " (start `engage-admin serve` once to upgrade it)"
                                      : " (a newer engage-admin made it)"));
    }
    auto second = pg::Connection::open(uri);
    second.exec("SET default_transaction_read_only = on");
    return std::make_unique<PgStore>(uri, std::move(first), std::move(second), true);
}

PgStore::PgStore(std::string uri, pg::Connection writer, pg::Connection reader, bool read_only)
    : uri_(std::move(uri)), read_only_(read_only), write_db_(std::move(writer)),
      tx_(std::make_unique<Tx>(*this)),
      // Rows a server left before it went idle (a crash, a stop) keep their
      // arrival evidence until this one's first idle rewrite.
      shuffle_due_(!read_only), read_db_(std::move(reader)),
      comments_(std::make_unique<PgComments>(*this)) {}

PgStore::~PgStore() = default;

Comments& PgStore::comments() {
    return *comments_;
}

namespace {

// False when the server has closed the session since its last use (a
// restart, an administrator's pg_terminate_backend): libpq notices only when
// it reads, so read what is waiting without blocking. A session lost in the
// middle of a statement fails that statement instead, and is reset on the
// next call.
bool alive(pg::Connection& c) {
    if (!c.ok()) {
        return false;
    }
    try {
        c.read_input();
    } catch (const pg::Error&) {
        return false;
    }
    return c.ok();
}

} // namespace

pg::Connection& PgStore::writer() {
    if (!alive(write_db_)) {
        prepared_ = false; // the server forgot them with the session
        write_db_.reset();
        if (read_only_) {
            write_db_.exec("SET default_transaction_read_only = on");
        }
    }
    return write_db_;
}

pg::Connection& PgStore::reader() {
    if (!alive(read_db_)) {
        read_db_.reset();
        if (read_only_) {
            read_db_.exec("SET default_transaction_read_only = on");
        }
    }
    return read_db_;
}

void PgStore::write(const std::function<void(WriteTransaction&)>& work) {
    std::lock_guard lock(write_mutex_);
    try {
        auto& c = writer();
        if (!prepared_) {
            Tx::prepare(c);
            prepared_ = true;
        }
        pg::Transaction tx(c);
        tx_->begin();
        work(*tx_);
        tx_->flush_counts();
        tx.commit();
    } catch (const pg::Error& e) {
        if (e.storage_unavailable()) {
            // Rolled back (or never reached the server). An acknowledged
            // write was committed with synchronous_commit on; this one was
            // not acknowledged, so the kiosk sends it again and its ids make
            // that safe. writer() reconnects before the next write.
            throw StorageUnavailable(e.storage_full(), e.what());
        }
        throw;
    }
    shuffle_due_ = shuffle_due_ || tx_->wrote_rows();
    if (tx_->swept()) {
        // The deleted items, comments and sign-ups go with the rewrite's
        // VACUUM FULL; the audit log's blanked references with their own
        // (pg_store_hygiene.cpp).
        shuffle_due_ = true;
        vacuum_due_.insert("audit_log");
    }
}

StatusReport PgStore::status() {
    std::lock_guard lock(read_mutex_);
    auto& c = reader();
    pg::Transaction tx(c, pg::Transaction::Isolation::repeatable_read); // one consistent view
    StatusReport r;
    r.schema_version = read_pg_schema_version(c);
    r.content_version = pg_rows::meta_get(c, "content_version");
    {
        const auto st = c.query("SELECT form, count(*) FROM (SELECT form FROM submissions "
                                "UNION ALL SELECT form FROM sealed_signups) AS f GROUP BY form");
        for (int i = 0; i < st.rows(); ++i) {
            const auto n = st.integer(i, 1);
            r.by_form[st.string(i, 0)] = n;
            r.submissions_total += n;
        }
    }
    r.sealed_signups = c.query("SELECT count(*) FROM sealed_signups").integer(0, 0);
    {
        const auto st = c.query("SELECT slug, kind, version, status FROM forms "
                                "ORDER BY slug COLLATE \"C\", version");
        for (int i = 0; i < st.rows(); ++i) {
            r.forms.push_back(
                {st.string(i, 0), st.string(i, 1), st.integer(i, 2), st.string(i, 3)});
        }
    }
    {
        const auto st = c.query("SELECT id, site, last_seen_date, app_version, outbox_band, "
                                "content_version, oldest_item_days FROM kiosks "
                                "ORDER BY id COLLATE \"C\"");
        for (int i = 0; i < st.rows(); ++i) {
            KioskSummary k;
            k.id = st.string(i, 0);
            k.site = st.string(i, 1);
            k.last_seen_date = st.string(i, 2); // "" when NULL: never seen
            k.app_version = st.string(i, 3);
            k.outbox = st.string(i, 4);
            k.content_version = st.string(i, 5);
            if (!st.is_null(i, 6)) {
                k.oldest_item_days = st.integer(i, 6);
            }
            r.kiosks.push_back(std::move(k));
        }
    }
    tx.commit();
    return r;
}

namespace {

// `uri` without its password, so the printed command can be pasted into a
// shell history or a ticket (pg_dump asks for the password, or reads
// ~/.pgpass).
std::string without_password(std::string s) {
    if (const auto scheme = s.find("://"); scheme != std::string::npos) {
        const auto at = s.find('@', scheme + 3);
        const auto colon = s.find(':', scheme + 3);
        if (at != std::string::npos && colon != std::string::npos && colon < at) {
            s.erase(colon, at - colon);
        }
    }
    for (;;) {
        const auto pos = s.find("password");
        if (pos == std::string::npos) {
            break;
        }
        auto end = s.find_first_of(" &", pos);
        auto start = pos;
        if (start > 0 && (s[start - 1] == '&' || s[start - 1] == ' ')) {
            --start; // the separator before it goes too
        } else if (end != std::string::npos) {
            ++end; // first parameter: the separator after it goes
        }
        s.erase(start, end == std::string::npos ? std::string::npos : end - start);
    }
    return s;
}

} // namespace

std::int64_t PgStore::backup_to(const std::string& path) {
    // A consistent copy of a live PostgreSQL database is pg_dump's job (one
    // snapshot, any size, restorable with pg_restore); copying it through
    // this server would hold a connection for the whole dump.
    throw std::runtime_error("the store is PostgreSQL: back it up with pg_dump, e.g.\n"
                             "  pg_dump --format=custom --file=" +
                             path + " '" + without_password(uri_) + "'");
}

} // namespace engage::store
