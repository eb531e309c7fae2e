// PgStore: the coordinators' keyring and the sealed peer-mentor sign-ups,
// as SqliteStore keeps them. Where SQLite zeroes deleted rows with
// secure_delete and then truncates its WAL, these run VACUUM FULL on the
// table after the commit (pg_store_hygiene.cpp says what that removes).

#include "engage/pg/transaction.hpp"
#include "store/pg_store.hpp"
#include "store/pg_store_rows.hpp"

namespace engage::store {

std::optional<CoordinatorKeyring> PgStore::coordinator_keyring() {
    std::lock_guard lock(read_mutex_);
    auto& c = reader();
    pg::Transaction tx(c, pg::Transaction::Isolation::repeatable_read); // one consistent view
    auto ring = pg_rows::read_keyring(c);
    tx.commit();
    return ring;
}

bool PgStore::create_coordinator_keyring(const CoordinatorKeyring& ring) {
    std::lock_guard lock(write_mutex_);
    auto& c = writer();
    pg::Transaction tx(c);
    // Two servers running `init` at once: the row lock on id 1 (the
    // INSERT's conflict) makes the second see the first's keyring.
    const auto made = c.query("INSERT INTO coordinator_passphrase(id, alg, opslimit, memlimit, "
                              "salt, sample, signing_public_key, signing_secret_locked) "
                              "VALUES(1, $1, $2, $3, $4, $5, $6, $7) ON CONFLICT(id) DO NOTHING",
                              ring.kdf.alg, static_cast<std::int64_t>(ring.kdf.opslimit),
                              static_cast<std::int64_t>(ring.kdf.memlimit), ring.kdf.salt_b64,
                              std::int64_t{ring.sample ? 1 : 0}, ring.signing_public_key,
                              ring.signing_secret_locked);
    if (made.affected() != 1) {
        return false;
    }
    pg_rows::write_keyring(c, ring);
    tx.commit();
    return true;
}

void PgStore::replace_coordinator_keyring(const CoordinatorKeyring& ring,
                                          std::optional<std::string> adopt_unnamed_as) {
    std::lock_guard lock(write_mutex_);
    auto& c = writer();
    {
        pg::Transaction tx(c);
        c.query("SELECT id FROM coordinator_passphrase WHERE id = 1 FOR UPDATE");
        const auto before = pg_rows::read_keyring(c);
        const auto* was = before ? before->current() : nullptr;
        const auto* now = ring.current();
        if (was == nullptr || now == nullptr || was->key_id != now->key_id) {
            // Content carries the current key: a new one is new content.
            pg_rows::bump_content_version(c);
        }
        pg_rows::write_keyring(c, ring);
        c.exec("DELETE FROM meta WHERE key IN ('coordinator_public_key', "
               "'coordinator_secret_key_locked')");
        if (adopt_unnamed_as) {
            c.query("UPDATE sealed_signups SET key_id = $1 WHERE key_id IS NULL",
                    *adopt_unnamed_as);
        }
        tx.commit();
    }
    // The deleted keys' locked secrets stay in the old row versions until
    // VACUUM; the tables are small, so at once.
    vacuum_now({"coordinator_box_keys", "coordinator_passphrase", "meta"});
}

std::set<std::string> PgStore::sealed_signup_key_ids() {
    std::lock_guard lock(read_mutex_);
    const auto r = reader().query("SELECT DISTINCT coalesce(key_id, '') FROM sealed_signups");
    std::set<std::string> ids;
    for (int i = 0; i < r.rows(); ++i) {
        ids.insert(r.string(i, 0));
    }
    return ids;
}

std::vector<StoredSignup> PgStore::sealed_signups() {
    std::lock_guard lock(read_mutex_);
    const auto r = reader().query(
        "SELECT id, form, version, site, date, received_date, sealed, coalesce(key_id, ''), "
        "coalesce(contacted_date, ''), coalesce(handled_date, '') FROM sealed_signups "
        "ORDER BY received_date COLLATE \"C\", id COLLATE \"C\"");
    std::vector<StoredSignup> out;
    for (int i = 0; i < r.rows(); ++i) {
        out.push_back(StoredSignup{r.string(i, 0), r.string(i, 1), r.integer(i, 2), r.string(i, 3),
                                   r.string(i, 4), r.string(i, 5), r.string(i, 6), r.string(i, 7),
                                   r.string(i, 8), r.string(i, 9)});
    }
    return out;
}

std::vector<SignupMonthCount> PgStore::signup_month_counts() {
    std::lock_guard lock(read_mutex_);
    const auto r = reader().query(
        "SELECT month, received, handled FROM signup_counts ORDER BY month COLLATE \"C\"");
    std::vector<SignupMonthCount> out;
    for (int i = 0; i < r.rows(); ++i) {
        out.push_back(SignupMonthCount{r.string(i, 0), r.integer(i, 1), r.integer(i, 2)});
    }
    return out;
}

namespace {

// Sets `column` to `day` unless it holds a date already (the first one is
// what a coordinator did; marking twice must not move it).
bool mark_signup(pg::Connection& c, std::string_view column, std::string_view id, const Date& day) {
    pg::Transaction tx(c);
    const auto r = c.query("UPDATE sealed_signups SET " + std::string(column) + " = coalesce(" +
                               std::string(column) + ", $2) WHERE id = $1",
                           id, to_string(day));
    tx.commit();
    return r.affected() == 1;
}

} // namespace

bool PgStore::mark_signup_contacted(std::string_view id, const Date& day) {
    std::lock_guard lock(write_mutex_);
    return mark_signup(writer(), "contacted_date", id, day);
}

bool PgStore::mark_signup_handled(std::string_view id, const Date& day) {
    std::lock_guard lock(write_mutex_);
    return mark_signup(writer(), "handled_date", id, day);
}

SignupRetention PgStore::signup_retention() {
    std::lock_guard lock(read_mutex_);
    const auto r = reader().query(
        "SELECT handled_days, flag_days, max_days FROM signup_retention WHERE id = 1");
    SignupRetention out;
    if (r.rows() == 1) {
        out.handled_days = r.integer(0, 0);
        out.flag_days = r.integer(0, 1);
        out.max_days = r.integer(0, 2);
    }
    return out;
}

void PgStore::set_signup_retention(const SignupRetention& r) {
    std::lock_guard lock(write_mutex_);
    auto& c = writer();
    pg::Transaction tx(c);
    c.query("UPDATE signup_retention SET handled_days = $1, flag_days = $2, max_days = $3 "
            "WHERE id = 1",
            r.handled_days, r.flag_days, r.max_days);
    tx.commit();
}

bool PgStore::delete_sealed_signup(std::string_view id) {
    std::lock_guard lock(write_mutex_);
    auto& c = writer();
    bool deleted = false;
    {
        pg::Transaction tx(c);
        deleted = c.query("DELETE FROM sealed_signups WHERE id = $1", id).affected() == 1;
        pg_rows::forget_signup_in_audit(c, id);
        tx.commit();
    }
    // The sealed box and the audit log's reference stay in dead row
    // versions until VACUUM: a person asked for this, so at once rather than
    // at the writer's next idle moment.
    vacuum_now({"sealed_signups", "audit_log"});
    return deleted;
}

std::string PgStore::legacy_coordinator_locked_key() {
    std::lock_guard lock(read_mutex_);
    return pg_rows::meta_get(reader(), "coordinator_secret_key_locked");
}

std::string PgStore::legacy_coordinator_public_key() {
    std::lock_guard lock(read_mutex_);
    return pg_rows::meta_get(reader(), "coordinator_public_key");
}

} // namespace engage::store
