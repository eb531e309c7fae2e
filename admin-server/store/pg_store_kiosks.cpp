// PgStore: kiosks and enrolment codes, as SqliteStore keeps them.

#include "engage/pg/transaction.hpp"
#include "store/pg_store.hpp"

#include <chrono>

namespace engage::store {

std::optional<KioskIdentity> PgStore::find_kiosk(std::string_view token_hash) {
    std::lock_guard lock(read_mutex_);
    const auto r = reader().query("SELECT id, site FROM kiosks WHERE token_hash = $1", token_hash);
    if (r.rows() == 0) {
        return std::nullopt;
    }
    return KioskIdentity{r.string(0, 0), r.string(0, 1)};
}

std::vector<std::pair<std::string, KioskIdentity>> PgStore::all_kiosks() {
    std::lock_guard lock(read_mutex_);
    const auto r = reader().query("SELECT token_hash, id, site FROM kiosks");
    std::vector<std::pair<std::string, KioskIdentity>> out;
    for (int i = 0; i < r.rows(); ++i) {
        out.emplace_back(r.string(i, 0), KioskIdentity{r.string(i, 1), r.string(i, 2)});
    }
    return out;
}

void PgStore::add_enrol_code(std::string_view code_hash, std::string_view site,
                             std::int64_t expires_at_unix) {
    std::lock_guard lock(write_mutex_);
    auto& c = writer();
    pg::Transaction tx(c);
    // Expired codes are of no use to anyone; drop them while we are here.
    const std::int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                                 std::chrono::system_clock::now().time_since_epoch())
                                 .count();
    c.query("DELETE FROM enrol_codes WHERE expires_at <= $1", now);
    c.query("INSERT INTO enrol_codes(code_hash, site, expires_at) VALUES($1, $2, $3)", code_hash,
            site, expires_at_unix);
    tx.commit();
}

std::vector<KioskDetail> PgStore::kiosks() {
    std::lock_guard lock(read_mutex_);
    const auto r = reader().query(
        "SELECT id, site, last_seen_date, app_version, outbox_band, content_version, "
        "oldest_item_days, enrolled_date, last_sync_error FROM kiosks "
        "ORDER BY site COLLATE \"C\", id COLLATE \"C\"");
    std::vector<KioskDetail> out;
    for (int i = 0; i < r.rows(); ++i) {
        KioskDetail d;
        d.summary.id = r.string(i, 0);
        d.summary.site = r.string(i, 1);
        d.summary.last_seen_date = r.string(i, 2); // "" when NULL: never seen
        d.summary.app_version = r.string(i, 3);
        d.summary.outbox = r.string(i, 4);
        d.summary.content_version = r.string(i, 5);
        if (!r.is_null(i, 6)) {
            d.summary.oldest_item_days = r.integer(i, 6);
        }
        d.enrolled_date = r.string(i, 7);
        d.last_sync_error = r.string(i, 8);
        out.push_back(std::move(d));
    }
    return out;
}

std::vector<std::string> PgStore::known_sites(std::int64_t now) {
    std::lock_guard lock(read_mutex_);
    // UNION (not UNION ALL) removes repeats; sorted byte-wise as on SQLite.
    const auto r =
        reader().query("SELECT s FROM (SELECT slug FROM sites UNION SELECT site FROM kiosks UNION "
                       "SELECT site FROM enrol_codes WHERE expires_at > $1 UNION "
                       "SELECT site FROM item_counts) AS known(s) ORDER BY s COLLATE \"C\"",
                       now);
    std::vector<std::string> out;
    for (int i = 0; i < r.rows(); ++i) {
        out.push_back(r.string(i, 0));
    }
    return out;
}

std::optional<std::string> PgStore::revoke_kiosk(std::string_view kiosk_id) {
    std::lock_guard lock(write_mutex_);
    auto& c = writer();
    pg::Transaction tx(c);
    const auto r = c.query("DELETE FROM kiosks WHERE id = $1 RETURNING token_hash", kiosk_id);
    if (r.rows() == 0) {
        return std::nullopt;
    }
    std::string hash = r.string(0, 0);
    tx.commit();
    return hash;
}

} // namespace engage::store
