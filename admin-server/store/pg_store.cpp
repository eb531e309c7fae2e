// PgStore: opening, the group-commit transaction (write()), status and
// backup. Content, kiosks, sign-ups, results and the idle rewrite live in
// the pg_store_*.cpp files beside this one.

#include "store/pg_store.hpp"

#include "engage/ids.hpp"
#include "engage/pg/error.hpp"
#include "engage/pg/transaction.hpp"
#include "engage/sealing.hpp"
#include "engage/text.hpp"
#include "store/content_version.hpp"
#include "store/count_cells.hpp"
#include "store/migrations.hpp"
#include "store/pg_comments.hpp"
#include "store/pg_insert_batch.hpp"
#include "store/pg_migrations.hpp"
#include "store/pg_store_rows.hpp"
#include "store/retention.hpp"
#include "store/stored_values.hpp"

#include <map>
#include <sodium.h>
#include <stdexcept>
#include <type_traits>
#include <variant>
#include <vector>

namespace engage::store {

namespace {

std::string unix_to_date(std::int64_t t) {
    return to_string(from_days_since_epoch(static_cast<long>(t / 86400)));
}

// Shuffles `rows` with libsodium's generator, so the rows of one statement
// are not stored in the order their requests arrived.
template <class T>
void shuffle(std::vector<T>& rows) {
    for (std::size_t i = rows.size(); i > 1; --i) {
        std::swap(rows[i - 1], rows[randombytes_uniform(static_cast<std::uint32_t>(i))]);
    }
}

} // namespace

// Prepared statements for the group-commit writer (prepared again after a
// reconnect), and the counts of one transaction added up in memory.
class PgStore::Tx final : public WriteTransaction {
public:
    explicit Tx(PgStore& store) : store_(store) {}

    static void prepare(pg::Connection& c) {
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
        const std::vector<const Submission*> one{&item};
        std::vector<char> inserted;
        insert_submissions(one, site, received, inserted);
        write_items();
        return inserted[0] != 0;
    }

    void insert_submissions(const std::vector<const Submission*>& items, std::string_view site,
                            const Date& received, std::vector<char>& inserted) override {
        inserted.assign(items.size(), 0);
        pending_writes_.push_back(PendingWrite{&items, std::string(site), received, &inserted});
    }

    // Writes the items insert_submissions queued since begin(): one
    // multi-row INSERT ... RETURNING id for the anonymous items and one for
    // the sign-ups, then one for the new items' comments, whatever the
    // number of requests in the group.
    void write_items() {
        struct Row {
            const Submission* item;
            const PendingWrite* from;
            char* inserted;
        };
        std::vector<Row> anonymous;
        std::vector<Row> sealed;
        // The first of two items with one id in the group is the one stored;
        // the other is a duplicate, as it would be a moment later. Ids are
        // then unique across both lists, so one map serves both statements.
        std::map<std::string_view, char*> by_id;
        for (; written_ < pending_writes_.size(); ++written_) {
            const PendingWrite& w = pending_writes_[written_];
            for (std::size_t i = 0; i < w.items->size(); ++i) {
                const Submission* item = (*w.items)[i];
                char* inserted = &(*w.inserted)[i];
                if (by_id.emplace(item->id, inserted).second) {
                    (item->sealed ? sealed : anonymous).push_back(Row{item, &w, inserted});
                }
            }
        }
        shuffle(anonymous);
        shuffle(sealed);
        InsertBatch batch(store_.write_db_, [&by_id](const pg::Result& r) {
            for (int i = 0; i < r.rows(); ++i) {
                *by_id.at(r.text(i, 0)) = 1;
            }
        });
        batch.insert(
            "INSERT INTO sealed_signups(id, form, version, site, date, sealed, received_date, "
            "key_id) VALUES ",
            " ON CONFLICT(id) DO NOTHING RETURNING id", 8, sealed,
            [](pg::Params& p, const Row& r) {
                const Submission& item = *r.item;
                p.add(item.id).add(item.form).add(std::int64_t{item.version}).add(r.from->site);
                p.add(to_string(item.date)).add(*item.sealed).add(to_string(r.from->received));
                if (item.sealed_key_id.empty()) {
                    p.add(std::nullopt);
                } else {
                    p.add(item.sealed_key_id);
                }
            },
            true);
        // Quasi-identifiers (docs/privacy.md): per item the month is kept,
        // and the language only as a count; free text only as comments.
        batch.insert(
            "INSERT INTO submissions(id, form, version, site, month, answers, received_month) "
            "VALUES ",
            " ON CONFLICT(id) DO NOTHING RETURNING id", 7, anonymous,
            [](pg::Params& p, const Row& r) {
                const Submission& item = *r.item;
                p.add(item.id).add(item.form).add(std::int64_t{item.version}).add(r.from->site);
                p.add(to_string(item.date).substr(0, 7)).add(stored_answers(item));
                p.add(to_string(r.from->received).substr(0, 7));
            },
            true);
        batch.send();
        for (const Row& r : sealed) {
            wrote_rows_ = wrote_rows_ || *r.inserted != 0;
        }
        for (const Row& r : anonymous) {
            if (*r.inserted == 0) {
                continue;
            }
            wrote_rows_ = true;
            const Submission& item = *r.item;
            const std::string month = to_string(item.date).substr(0, 7);
            // One comment awaiting moderation per non-blank free-text answer
            // (migration 10), with a random id of its own.
            for (const auto& [question, answer] : item.answers) {
                const auto* text = std::get_if<FreeText>(&answer);
                if (text != nullptr && !text::trim(text->text).empty()) {
                    comments_.push_back(NewComment{item.form, item.version, r.from->site, month,
                                                   question, text->text});
                }
            }
            counts_.add(item, r.from->site, month);
        }
    }

    // Starts a transaction's work: forgets counts a failed one left behind.
    void begin() {
        pending_writes_.clear();
        written_ = 0;
        comments_.clear();
        counts_.clear();
        wrote_rows_ = false;
        swept_ = false;
    }

    // Writes the new items' comments and the counts added up since begin(),
    // in the same transaction as the items they count: one multi-row INSERT
    // per table, all sent as one statement. CountCells iterates in key
    // order, so two servers committing at once lock cells in one order and
    // cannot deadlock on them.
    void flush() {
        using Head = CountCells::Head;
        struct Cell {
            const Head* head;
            const CountCells::Answer* answer;
            std::int64_t n;
        };
        struct GroupCell {
            const Head* head;
            const CountCells::Group* group;
            std::int64_t n;
        };
        std::vector<Cell> answers;
        std::vector<GroupCell> groups;
        for (const auto& [head, tally] : counts_.heads()) {
            for (const auto& [cell, n] : tally.answers) {
                answers.push_back(Cell{&head, &cell, n});
            }
            for (const auto& [cell, n] : tally.groups) {
                groups.push_back(GroupCell{&head, &cell, n});
            }
        }
        InsertBatch batch(store_.write_db_);
        // One comment awaiting moderation per non-blank free-text answer
        // (migration 10), with a random id of its own.
        batch.insert("INSERT INTO comments(id, form, version, site, month, question, text) VALUES ",
                     "", 7, comments_, [](pg::Params& p, const NewComment& m) {
                         p.add(random_uuid_v4()).add(m.form).add(m.version).add(m.site);
                         p.add(m.month).add(m.question).add(m.text);
                     });
        batch.insert("INSERT INTO item_counts(form, version, site, month, count) VALUES ",
                     " ON CONFLICT(form, version, site, month) DO UPDATE SET "
                     "count = item_counts.count + excluded.count",
                     5, counts_.heads(), [](pg::Params& p, const auto& head_tally) {
                         const auto& [h, t] = head_tally;
                         p.add(h.form).add(h.version).add(h.site).add(h.month).add(t.items);
                     });
        batch.insert(
            "INSERT INTO answer_counts(form, version, site, month, question, answer, count) "
            "VALUES ",
            " ON CONFLICT(form, version, site, month, question, answer) DO UPDATE SET "
            "count = answer_counts.count + excluded.count",
            7, answers, [](pg::Params& p, const Cell& x) {
                p.add(x.head->form).add(x.head->version).add(x.head->site).add(x.head->month);
                p.add(x.answer->first).add(x.answer->second).add(x.n);
            });
        batch.insert(
            "INSERT INTO group_counts(form, version, site, month, group_question, group_answer, "
            "question, answer, count) VALUES ",
            " ON CONFLICT(form, version, site, month, group_question, group_answer, question, "
            "answer) DO UPDATE SET count = group_counts.count + excluded.count",
            9, groups, [](pg::Params& p, const GroupCell& x) {
                const auto& [group_question, group_answer, question, answer] = *x.group;
                p.add(x.head->form).add(x.head->version).add(x.head->site).add(x.head->month);
                p.add(group_question).add(group_answer).add(question).add(answer).add(x.n);
            });
        batch.insert("INSERT INTO language_counts(form, site, month, language, count) VALUES ",
                     " ON CONFLICT(form, site, month, language) DO UPDATE SET "
                     "count = language_counts.count + excluded.count",
                     5, counts_.languages(), [](pg::Params& p, const auto& cell_count) {
                         const auto& [k, n] = cell_count;
                         p.add(k.form).add(k.site).add(k.month).add(k.language).add(n);
                     });
        batch.send();
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
    // One request's items insert_submissions queued for write_items().
    struct PendingWrite {
        const std::vector<const Submission*>* items;
        std::string site;
        Date received;
        std::vector<char>* inserted;
    };

    PgStore& store_;
    std::vector<PendingWrite> pending_writes_;
    std::size_t written_ = 0; // entries write_items() has written
    // A new item's free-text answer, to store as a comment in flush(); a
    // copy, since insert_submission's item need not outlive the call.
    struct NewComment {
        std::string form;
        std::int64_t version = 0;
        std::string site;
        std::string month;
        std::string question;
        std::string text;
    };
    std::vector<NewComment> comments_;
    bool wrote_rows_ = false;
    bool swept_ = false;

    CountCells counts_; // of the new items since begin()
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
        tx_->write_items();
        tx_->flush();
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
