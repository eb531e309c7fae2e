// PgStore: the counts kept at ingest (what results are made from) and the
// Board's decisions, as SqliteStore keeps them.

#include "engage/pg/transaction.hpp"
#include "store/pg_store.hpp"
#include "store/pg_store_rows.hpp"

#include <boost/json.hpp>
#include <stdexcept>

namespace engage::store {

std::vector<results::CountRow> PgStore::answer_counts(std::string_view slug) {
    std::lock_guard lock(read_mutex_);
    // The answers received (item_counts) come too, as question "": the
    // results engine suppresses every question jointly with them.
    const auto r = reader().query("SELECT version, site, month, question, answer, count "
                                  "FROM answer_counts WHERE form = $1 UNION ALL "
                                  "SELECT version, site, month, '', '', count "
                                  "FROM item_counts WHERE form = $1",
                                  slug);
    std::vector<results::CountRow> out;
    for (int i = 0; i < r.rows(); ++i) {
        out.push_back({static_cast<int>(r.integer(i, 0)), r.string(i, 1), r.string(i, 2),
                       r.string(i, 3), r.string(i, 4), r.integer(i, 5)});
    }
    return out;
}

std::vector<results::GroupCountRow> PgStore::group_counts(std::string_view slug) {
    std::lock_guard lock(read_mutex_);
    const auto r = reader().query(
        "SELECT version, site, month, group_question, group_answer, question, answer, count "
        "FROM group_counts WHERE form = $1",
        slug);
    std::vector<results::GroupCountRow> out;
    for (int i = 0; i < r.rows(); ++i) {
        out.push_back({static_cast<int>(r.integer(i, 0)), r.string(i, 1), r.string(i, 2),
                       r.string(i, 3), r.string(i, 4), r.string(i, 5), r.string(i, 6),
                       r.integer(i, 7)});
    }
    return out;
}

std::vector<results::LanguageCountRow> PgStore::language_counts(std::string_view slug) {
    std::lock_guard lock(read_mutex_);
    const auto r = reader().query(
        "SELECT site, month, language, count FROM language_counts WHERE form = $1", slug);
    std::vector<results::LanguageCountRow> out;
    for (int i = 0; i < r.rows(); ++i) {
        out.push_back({r.string(i, 0), r.string(i, 1), r.string(i, 2), r.integer(i, 3)});
    }
    return out;
}

std::vector<std::string> PgStore::counted_forms() {
    std::lock_guard lock(read_mutex_);
    const auto r =
        reader().query("SELECT form FROM item_counts GROUP BY form ORDER BY form COLLATE \"C\"");
    std::vector<std::string> out;
    for (int i = 0; i < r.rows(); ++i) {
        out.push_back(r.string(i, 0));
    }
    return out;
}

namespace {

constexpr std::string_view decision_columns =
    "SELECT id, title, decided, results, sites, status, reason, service_change, you_said, "
    "we_did, kiosk_ended, recorded_date FROM decisions ";

Decision read_decision(const pg::Result& r, int i) {
    Decision d;
    d.id = r.integer(i, 0);
    d.title = r.string(i, 1);
    d.decided = r.string(i, 2);
    d.results = parse_decision_list(r.text(i, 3), "results");
    d.sites = parse_decision_list(r.text(i, 4), "sites");
    const auto status = parse_decision_status(r.string(i, 5));
    if (!status) {
        throw std::runtime_error("a stored decision has an unknown status");
    }
    d.status = *status;
    d.reason = r.string(i, 6);
    d.service_change = r.integer(i, 7) != 0;
    d.you_said = r.string(i, 8);
    d.we_did = r.string(i, 9);
    d.kiosk_ended = r.integer(i, 10) != 0;
    d.recorded_date = r.string(i, 11);
    return d;
}

} // namespace

std::vector<Decision> PgStore::decisions() {
    std::lock_guard lock(read_mutex_);
    const auto r = reader().query(std::string(decision_columns) + "ORDER BY id DESC");
    std::vector<Decision> out;
    for (int i = 0; i < r.rows(); ++i) {
        out.push_back(read_decision(r, i));
    }
    return out;
}

std::optional<Decision> PgStore::decision(std::int64_t id) {
    std::lock_guard lock(read_mutex_);
    const auto r = reader().query(std::string(decision_columns) + "WHERE id = $1", id);
    if (r.rows() == 0) {
        return std::nullopt;
    }
    return read_decision(r, 0);
}

std::vector<DecisionUpdate> PgStore::decision_updates(std::int64_t id) {
    std::lock_guard lock(read_mutex_);
    const auto r = reader().query("SELECT decision, date, status_from, status_to, note, by_user "
                                  "FROM decision_updates WHERE decision = $1 ORDER BY id",
                                  id);
    std::vector<DecisionUpdate> out;
    for (int i = 0; i < r.rows(); ++i) {
        DecisionUpdate u;
        u.decision = r.integer(i, 0);
        u.date = r.string(i, 1);
        u.from = r.string(i, 2);
        const auto to = parse_decision_status(r.string(i, 3));
        if (!to) {
            throw std::runtime_error("a stored decision update has an unknown status");
        }
        u.to = *to;
        u.note = r.string(i, 4);
        u.by = r.string(i, 5);
        out.push_back(std::move(u));
    }
    return out;
}

SavedDecision PgStore::save_decision(const Decision& d,
                                     const std::optional<DecisionUpdate>& update) {
    std::lock_guard lock(write_mutex_);
    auto& c = writer();
    pg::Transaction tx(c);
    SavedDecision saved;
    pg::Params p(d.title, d.decided, decision_list_json(d.results), decision_list_json(d.sites),
                 to_string(d.status), d.reason, std::int64_t{d.service_change}, d.you_said,
                 d.we_did, std::int64_t{d.kiosk_ended}, d.recorded_date);
    if (d.id == 0) {
        const auto r = c.query("INSERT INTO decisions(title, decided, results, sites, status, "
                               "reason, service_change, you_said, we_did, kiosk_ended, "
                               "recorded_date) VALUES($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, "
                               "$11) RETURNING id",
                               p);
        saved.id = r.integer(0, 0);
    } else {
        p.add(d.id);
        const auto r = c.query("UPDATE decisions SET title = $1, decided = $2, results = $3, "
                               "sites = $4, status = $5, reason = $6, service_change = $7, "
                               "you_said = $8, we_did = $9, kiosk_ended = $10, "
                               "recorded_date = $11 WHERE id = $12",
                               p);
        if (r.affected() == 0) {
            throw std::invalid_argument("no decision " + std::to_string(d.id));
        }
        saved.id = d.id;
    }
    if (update) {
        c.query("INSERT INTO decision_updates(decision, date, status_from, status_to, note, "
                "by_user) VALUES($1, $2, $3, $4, $5, $6)",
                saved.id, update->date, update->from, to_string(update->to), update->note,
                update->by);
    }
    // The kiosk item, read and written on this connection inside this
    // transaction; FOR UPDATE on the content version so an edit of the
    // list made at the same moment (here or on another server) waits.
    c.query("SELECT value FROM meta WHERE key = 'content_version' FOR UPDATE");
    auto items = pg_rows::read_you_said_we_did(c);
    Decision stored = d;
    stored.id = saved.id;
    if (apply_kiosk_item(stored, items)) {
        pg_rows::write_you_said_we_did(c, items, true);
        pg_rows::bump_content_version(c);
        saved.content_changed = true;
    }
    tx.commit();
    return saved;
}

} // namespace engage::store
