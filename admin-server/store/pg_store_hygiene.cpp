// PgStore: what SQLite's secure_delete and WAL truncation do for deletion,
// and random rowids do for arrival order, done the PostgreSQL way
// (docs/postgresql.md gives the whole argument).
//
// Deletion. A DELETE or UPDATE on PostgreSQL leaves the old row version in
// the table's file until VACUUM. Plain VACUUM marks that space reusable but
// does not overwrite it; VACUUM FULL writes the live rows into a new file
// and unlinks the old one, so the deleted bytes leave the database's files
// (they may stay in the file system's free blocks, as any deleted file's
// do). It does NOT remove them from the write-ahead log (pg_wal keeps
// segments until checkpoints recycle them), from WAL archives or base
// backups (kept as long as the operator's archive policy says), from a
// streaming replica's own WAL, or from a row version another session's
// open snapshot can still see (VACUUM keeps those; the next one removes
// them). The tables it runs on here are small (sign-ups, comments, keys,
// the audit log), so it runs at once after each deletion.
//
// Arrival order. A heap row's ctid (page and slot) follows insertion order
// and its xmin names the transaction that inserted it, so rows of one group
// commit share one xmin and later commits have larger ones: exactly the
// link between an item, its comments and its kiosk's batch, and the order
// of arrival, that DESIGN §6 and issue 8 take out of storage. When the
// writer goes idle after writing, checkpoint() rewrites every table ingest
// writes to, in one transaction, in random order (each row deleted and
// inserted again), then VACUUM FULL takes the old versions out: all rows
// then share the rewrite's xmin and their physical order is random. Until
// then (the writer's idle delay, 2 s by default) and in the WAL, the
// evidence exists. Not TRUNCATE and a refill, although that is faster:
// TRUNCATE is not MVCC-safe, so a snapshot taken just before it commits
// (pg_dump's, a report's) would see the tables empty.

#include "engage/pg/error.hpp"
#include "engage/pg/transaction.hpp"
#include "store/pg_store.hpp"

namespace engage::store {

namespace {

// How long the rewrite waits for another session's lock (another server's
// group commit, a long report) before giving way; the writer tries again
// at its next idle moment, so ingest never queues behind the rewrite.
constexpr std::string_view shuffle_lock_timeout = "2s";

} // namespace

const std::vector<std::string>& PgStore::shuffled_tables() {
    // Every table a group commit inserts into or updates: the items and
    // sign-ups themselves, their comments, and the count cells (whose xmin
    // would otherwise say which cells the last batch touched, e.g. the
    // language of a batch of one).
    static const std::vector<std::string> tables{
        "submissions",   "comments",     "sealed_signups",  "item_counts",
        "answer_counts", "group_counts", "language_counts", "signup_counts"};
    return tables;
}

bool PgStore::checkpoint() {
    std::lock_guard lock(write_mutex_);
    if (read_only_) {
        return true;
    }
    bool done = true;
    if (shuffle_due_) {
        if (shuffle_now()) {
            shuffle_due_ = false;
        } else {
            done = false; // the writer tries again when next idle
        }
    }
    if (!vacuum_due_.empty()) {
        const auto tables = std::move(vacuum_due_);
        vacuum_due_.clear();
        vacuum_now(tables);
        done = done && vacuum_due_.empty();
    }
    return done;
}

void PgStore::vacuum_now(const std::set<std::string>& tables) {
    auto& c = writer();
    // VACUUM FULL takes the table's exclusive lock: wait for a report on
    // another server at most this long, rather than stall every session
    // queued behind the VACUUM; the table is left for the next checkpoint().
    c.exec("SET lock_timeout = '" + std::string(shuffle_lock_timeout) + "'");
    try {
        for (const auto& table : tables) {
            try {
                // VACUUM cannot run inside a transaction block; this
                // connection is between transactions whenever write_mutex_
                // is free to take.
                c.exec("VACUUM FULL " + pg::quote_identifier(table));
            } catch (const pg::Error& e) {
                if (e.sqlstate() != "55P03") {
                    throw;
                }
                vacuum_due_.insert(table); // the deletion stands; its VACUUM waits
            }
        }
    } catch (...) {
        vacuum_due_.insert(tables.begin(), tables.end()); // tried again by checkpoint()
        try {
            c.exec("RESET lock_timeout");
        } catch (...) {
            // A broken session is reset, with its settings, before next use.
        }
        throw;
    }
    c.exec("RESET lock_timeout");
}

bool PgStore::shuffle_now() {
    auto& c = writer();
    try {
        pg::Transaction tx(c);
        c.exec("SET LOCAL lock_timeout = '" + std::string(shuffle_lock_timeout) + "'");
        std::string list;
        for (const auto& t : shuffled_tables()) {
            list += (list.empty() ? "" : ", ") + pg::quote_identifier(t);
        }
        // All at once, in the order group commits touch them, so the
        // rewrite waits for a commit in progress rather than deadlocking
        // with it. EXCLUSIVE: other servers' writes wait, reads go on
        // (seeing the rows as they were until the commit).
        c.exec("LOCK TABLE " + list + " IN EXCLUSIVE MODE");
        // The rows go back in, so the sign-up counting trigger must not
        // count them again.
        c.exec("ALTER TABLE sealed_signups DISABLE TRIGGER signup_received_counted");
        for (const auto& t : shuffled_tables()) {
            const auto table = pg::quote_identifier(t);
            // Rows deleted in this transaction leave no space it may reuse,
            // so the new versions go to fresh pages, in the random order.
            c.exec("WITH old AS (DELETE FROM " + table + " RETURNING *) INSERT INTO " + table +
                   " SELECT * FROM old ORDER BY random()");
        }
        c.exec("ALTER TABLE sealed_signups ENABLE TRIGGER signup_received_counted");
        tx.commit();
    } catch (const pg::Error& e) {
        // 55P03: another session held a lock past the timeout; 40P01: a
        // deadlock the server broke by choosing us. Nothing was changed.
        if (e.sqlstate() == "55P03" || e.retryable()) {
            return false;
        }
        throw;
    }
    // The old versions stay, in arrival order with their commits' xmin,
    // until VACUUM FULL copies the live rows (in their new order) to new
    // files: checkpoint() runs it next.
    vacuum_due_.insert(shuffled_tables().begin(), shuffled_tables().end());
    return true;
}

} // namespace engage::store
