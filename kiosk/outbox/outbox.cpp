#include "kiosk/outbox/outbox.hpp"

#include "kiosk/outbox/sqlite_handle.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

namespace engage::kiosk {

namespace {

// No column holds a time: rowid order is the only order, and batches are
// drawn at random anyway (DESIGN §6 rules 1 and 2).
constexpr const char* schema_v1 = R"sql(
CREATE TABLE IF NOT EXISTS outbox(
  id   TEXT PRIMARY KEY NOT NULL,
  item TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS rejected(
  id     TEXT PRIMARY KEY NOT NULL,
  item   TEXT NOT NULL,
  code   TEXT NOT NULL,
  reason TEXT NOT NULL
);
)sql";

// How long a writer waits for the other thread's transaction before giving up.
constexpr int busy_timeout_ms = 5000;

} // namespace

struct Outbox::Db {
    sql::DbPtr db;
};

std::unique_ptr<Outbox> Outbox::open(const std::filesystem::path& file, std::string& error) {
    sqlite3* raw = nullptr;
    const int rc = sqlite3_open_v2(
        file.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
        nullptr);
    sql::DbPtr db(raw);
    error = sql::check(db.get(), rc, "open outbox");
    if (!error.empty()) {
        return nullptr;
    }
    sqlite3_busy_timeout(db.get(), busy_timeout_ms);
    // WAL + FULL: a committed enqueue survives power loss. secure_delete
    // zeroes uploaded items' pages so answers do not linger in free pages.
    if (!sql::exec(db.get(),
                   "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA secure_delete=ON; "
                   "PRAGMA foreign_keys=ON;",
                   error)) {
        return nullptr;
    }
    auto version_stmt = sql::prepare(db.get(), "PRAGMA user_version", error);
    if (!version_stmt) {
        return nullptr;
    }
    int version = 0;
    if (sqlite3_step(version_stmt.get()) == SQLITE_ROW) {
        version = sqlite3_column_int(version_stmt.get(), 0);
    }
    version_stmt.reset();
    if (version > outbox_schema_version) {
        error = "outbox schema version " + std::to_string(version) +
                " is newer than this kiosk understands (" + std::to_string(outbox_schema_version) +
                ")";
        return nullptr;
    }
    if (version < outbox_schema_version) {
        sql::Transaction tx(db.get(), error);
        if (!tx.ok() || !sql::exec(db.get(), schema_v1, error) ||
            !sql::exec(db.get(), "PRAGMA user_version = 1", error) || !tx.commit(error)) {
            return nullptr;
        }
    }
    // A file that says version 1 but lacks our tables is not an outbox.
    if (!sql::prepare(db.get(), "SELECT id, item FROM outbox LIMIT 0", error) ||
        !sql::prepare(db.get(), "SELECT id, code FROM rejected LIMIT 0", error)) {
        error = "not a kiosk outbox: " + error;
        return nullptr;
    }
    auto holder = std::make_unique<Db>();
    holder->db = std::move(db);
    return std::unique_ptr<Outbox>(new Outbox(std::move(holder)));
}

Outbox::Outbox(std::unique_ptr<Db> db) : db_(std::move(db)) {}

Outbox::~Outbox() = default;

bool Outbox::enqueue(const Submission& s, std::string& error) {
    const std::string text = boost::json::serialize(to_json(s));
    std::lock_guard lock(mutex_);
    sqlite3* db = db_->db.get();
    sql::Transaction tx(db, error);
    if (!tx.ok()) {
        return false;
    }
    auto stmt = sql::prepare(db, "INSERT INTO outbox(id, item) VALUES(?1, ?2)", error);
    if (!stmt) {
        return false;
    }
    sqlite3_bind_text(stmt.get(), 1, s.id.data(), static_cast<int>(s.id.size()), SQLITE_STATIC);
    sqlite3_bind_text(stmt.get(), 2, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
    error = sql::check(db, sqlite3_step(stmt.get()), "enqueue");
    if (!error.empty()) {
        return false;
    }
    stmt.reset();
    return tx.commit(error);
}

std::vector<QueuedItem> Outbox::pick_batch(std::size_t max_items) {
    std::vector<QueuedItem> items;
    std::lock_guard lock(mutex_);
    std::string error;
    sqlite3* db = db_->db.get();
    // random() makes a fresh order every call, so a batch never mirrors the
    // order in which people pressed Send.
    auto stmt = sql::prepare(db, "SELECT id, item FROM outbox ORDER BY random() LIMIT ?1", error);
    if (!stmt) {
        return items;
    }
    sqlite3_bind_int64(stmt.get(), 1, static_cast<sqlite3_int64>(max_items));
    while (sqlite3_step(stmt.get()) == SQLITE_ROW) {
        const auto* id = reinterpret_cast<const char*>(sqlite3_column_text(stmt.get(), 0));
        const auto* item = reinterpret_cast<const char*>(sqlite3_column_text(stmt.get(), 1));
        items.push_back({id ? id : "", item ? item : ""});
    }
    return items;
}

bool Outbox::acknowledge(const std::vector<ItemAck>& acks, std::string& error) {
    std::lock_guard lock(mutex_);
    sqlite3* db = db_->db.get();
    sql::Transaction tx(db, error);
    if (!tx.ok()) {
        return false;
    }
    auto del = sql::prepare(db, "DELETE FROM outbox WHERE id = ?1", error);
    auto move = sql::prepare(db,
                             "INSERT OR REPLACE INTO rejected(id, item, code, reason) "
                             "SELECT id, item, ?2, ?3 FROM outbox WHERE id = ?1",
                             error);
    if (!del || !move) {
        return false;
    }
    for (const auto& ack : acks) {
        if (ack.outcome == ItemOutcome::rejected) {
            sqlite3_reset(move.get());
            sqlite3_bind_text(move.get(), 1, ack.id.data(), static_cast<int>(ack.id.size()),
                              SQLITE_STATIC);
            sqlite3_bind_text(move.get(), 2, ack.code.data(), static_cast<int>(ack.code.size()),
                              SQLITE_STATIC);
            sqlite3_bind_text(move.get(), 3, ack.reason.data(), static_cast<int>(ack.reason.size()),
                              SQLITE_STATIC);
            error = sql::check(db, sqlite3_step(move.get()), "move rejected item");
            if (!error.empty()) {
                return false;
            }
        }
        sqlite3_reset(del.get());
        sqlite3_bind_text(del.get(), 1, ack.id.data(), static_cast<int>(ack.id.size()),
                          SQLITE_STATIC);
        error = sql::check(db, sqlite3_step(del.get()), "delete acknowledged item");
        if (!error.empty()) {
            return false;
        }
    }
    del.reset();
    move.reset();
    return tx.commit(error);
}

namespace {

std::size_t count_rows(sqlite3* db, const char* sql_text) {
    std::string error;
    auto stmt = sql::prepare(db, sql_text, error);
    if (!stmt || sqlite3_step(stmt.get()) != SQLITE_ROW) {
        return 0;
    }
    return static_cast<std::size_t>(sqlite3_column_int64(stmt.get(), 0));
}

} // namespace

std::size_t Outbox::depth() {
    std::lock_guard lock(mutex_);
    return count_rows(db_->db.get(), "SELECT count(*) FROM outbox");
}

std::size_t Outbox::rejected_count() {
    std::lock_guard lock(mutex_);
    return count_rows(db_->db.get(), "SELECT count(*) FROM rejected");
}

std::optional<Date> Outbox::oldest_item_date() {
    std::lock_guard lock(mutex_);
    std::string error;
    // Items carry only their date (DESIGN §6 rule 1); the smallest is the oldest.
    auto stmt =
        sql::prepare(db_->db.get(), "SELECT min(json_extract(item, '$.date')) FROM outbox", error);
    if (!stmt || sqlite3_step(stmt.get()) != SQLITE_ROW ||
        sqlite3_column_type(stmt.get(), 0) != SQLITE_TEXT) {
        return std::nullopt;
    }
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt.get(), 0));
    return parse_date(text != nullptr ? text : "");
}

bool Outbox::contains(const std::string& id) {
    std::lock_guard lock(mutex_);
    std::string error;
    auto stmt = sql::prepare(db_->db.get(), "SELECT 1 FROM outbox WHERE id = ?1", error);
    if (!stmt) {
        return false;
    }
    sqlite3_bind_text(stmt.get(), 1, id.data(), static_cast<int>(id.size()), SQLITE_STATIC);
    return sqlite3_step(stmt.get()) == SQLITE_ROW;
}

} // namespace engage::kiosk
