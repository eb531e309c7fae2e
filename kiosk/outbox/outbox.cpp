#include "kiosk/outbox/outbox.hpp"

#include "engage/sqlite/database.hpp"
#include "engage/sqlite/error.hpp"
#include "engage/sqlite/migrations.hpp"
#include "engage/sqlite/statement.hpp"
#include "engage/sqlite/transaction.hpp"

#include <array>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace engage::kiosk {

namespace {

using sqlite::Database;
using sqlite::Statement;
using sqlite::Transaction;

// No column holds a time (DESIGN §6 rules 1 and 2); batches are drawn at
// random.
constexpr std::array<sqlite::Migration, outbox_schema_version> migrations{{
    {1, R"sql(
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
)sql"},
    // 2 (issue 8): keyed by the item's random UUID with no rowid, so the
    // order of rows on disk is not the order of visits; rejected items carry
    // the date they were rejected (a date, never a time) so their text can
    // go after rejected_keep_days, and a counter keeps how many went.
    {2, R"sql(
CREATE TABLE outbox_v2(
  id   TEXT PRIMARY KEY NOT NULL,
  item TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO outbox_v2(id, item) SELECT id, item FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_v2 RENAME TO outbox;
CREATE TABLE rejected_v2(
  id          TEXT PRIMARY KEY NOT NULL,
  item        TEXT NOT NULL,
  code        TEXT NOT NULL,
  reason      TEXT NOT NULL,
  rejected_on TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO rejected_v2(id, item, code, reason, rejected_on)
  SELECT id, item, code, reason, date('now') FROM rejected;
DROP TABLE rejected;
ALTER TABLE rejected_v2 RENAME TO rejected;
CREATE TABLE counters(
  name  TEXT PRIMARY KEY NOT NULL,
  value INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO counters(name, value) VALUES('rejected_forgotten', 0);
)sql"},
}};
static_assert(sqlite::numbered_in_order(migrations),
              "outbox migrations must be numbered 1, 2, 3... with none missing");

// Owner read/write only: answers are in this file (issue 8: the kiosk sets
// no umask, and a data folder made 0755 let anyone on the machine read them).
constexpr mode_t private_file = 0600;
constexpr mode_t private_folder = 0700;

// Creates `file` if missing and makes it 0600 whatever it was; the same for
// its folder (0700), and for the -wal and -shm files when they exist.
void make_private(const std::filesystem::path& file) {
    const auto folder = file.parent_path();
    if (!folder.empty() && ::chmod(folder.c_str(), private_folder) != 0) {
        throw std::runtime_error("cannot make the outbox folder private: " +
                                 std::string(std::strerror(errno)));
    }
    // Never open the existing file with a descriptor of our own: closing
    // any descriptor of a file drops every POSIX lock this process holds on
    // it, SQLite's included, and another process could then delete the WAL
    // under this one (SQLite's "How To Corrupt", 2.2). A new file has no
    // locks yet; an existing one is changed by path.
    const int fd =
        ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, private_file);
    if (fd >= 0) {
        ::close(fd);
    } else if (errno != EEXIST) {
        throw std::runtime_error("cannot create the outbox file: " +
                                 std::string(std::strerror(errno)));
    }
    if (::chmod(file.c_str(), private_file) != 0) {
        throw std::runtime_error("cannot make the outbox file private: " +
                                 std::string(std::strerror(errno)));
    }
    for (const char* suffix : {"-wal", "-shm", "-journal"}) {
        const std::string side = file.string() + suffix;
        // SQLite makes these with the main file's mode; older ones may not be.
        if (::chmod(side.c_str(), private_file) != 0 && errno != ENOENT) {
            throw std::runtime_error("cannot make " + side +
                                     " private: " + std::string(std::strerror(errno)));
        }
    }
}

std::size_t count(Database& db, std::string_view sql) {
    Statement st(db, sql);
    if (!st.step()) {
        throw sqlite::Error(1, 1, "a count returned no row");
    }
    return static_cast<std::size_t>(st.integer(0));
}

void set_error(std::string* error, const std::exception& e) {
    if (error) {
        *error = e.what();
    }
}

} // namespace

struct Outbox::Db {
    Database db;
};

std::unique_ptr<Outbox> Outbox::open(const std::filesystem::path& file, std::string& error,
                                     const char* vfs) {
    try {
        make_private(file);
        Database db = Database::open(file, sqlite::OpenMode::create, sqlite::kiosk_pragmas, vfs);
        sqlite::migrate(db, migrations);
        // A file that says it is an outbox but lacks our tables is not one.
        try {
            Statement probe_outbox(db, "SELECT id, item FROM outbox LIMIT 0");
            Statement probe_rejected(db, "SELECT id, code, rejected_on FROM rejected LIMIT 0");
            Statement probe_counters(db, "SELECT value FROM counters LIMIT 0");
        } catch (const sqlite::Error& e) {
            error = std::string("not a kiosk outbox: ") + e.what();
            return nullptr;
        }
        make_private(file); // the -wal and -shm that opening made
        auto holder = std::make_unique<Db>(Db{std::move(db)});
        std::unique_ptr<Outbox> outbox(new Outbox(std::move(holder)));
        if (!outbox->forget_old_rejected(today_utc(), error)) {
            return nullptr;
        }
        return outbox;
    } catch (const sqlite::NewerSchemaError& e) {
        error = std::string("the outbox is newer than this kiosk understands: ") + e.what();
    } catch (const std::exception& e) {
        error = e.what();
    }
    return nullptr;
}

Outbox::Outbox(std::unique_ptr<Db> db) : db_(std::move(db)) {}

Outbox::~Outbox() = default;

bool Outbox::enqueue(const Submission& s, std::string& error) {
    const std::string text = boost::json::serialize(to_json(s));
    std::lock_guard lock(mutex_);
    try {
        Transaction tx(db_->db);
        // An id already stored is the same item (a UUID per Send): a second
        // write after a failure whose fate was unknown (an fsync error may
        // still have reached the disk) must not fail or duplicate it.
        Statement st(db_->db,
                     "INSERT INTO outbox(id, item) VALUES(?1, ?2) ON CONFLICT(id) DO NOTHING");
        st.bind(1, s.id).bind(2, text);
        st.run();
        tx.commit();
        return true;
    } catch (const std::exception& e) {
        error = e.what();
        return false;
    }
}

std::optional<std::vector<QueuedItem>> Outbox::pick_batch(std::size_t max_items,
                                                          std::string* error) {
    std::lock_guard lock(mutex_);
    try {
        // random() makes a fresh order every call, so a batch never mirrors
        // the order in which people pressed Send.
        Statement st(db_->db, "SELECT id, item FROM outbox ORDER BY random() LIMIT ?1");
        st.bind(1, static_cast<std::int64_t>(max_items));
        std::vector<QueuedItem> items;
        while (st.step()) {
            items.push_back({st.text(0), st.text(1)});
        }
        return items;
    } catch (const std::exception& e) {
        set_error(error, e);
        return std::nullopt;
    }
}

bool Outbox::acknowledge(const std::vector<ItemAck>& acks, std::string& error) {
    const Date today_date = today_utc();
    if (!acknowledge_locked(acks, to_string(today_date), error)) {
        return false;
    }
    // Ignoring a failure here is safe: the acknowledgement is committed, and
    // the old rejected items go at the next acknowledge or start.
    std::string ignored;
    forget_old_rejected(today_date, ignored);
    return true;
}

bool Outbox::acknowledge_locked(const std::vector<ItemAck>& acks, const std::string& today,
                                std::string& error) {
    std::lock_guard lock(mutex_);
    try {
        Database& db = db_->db;
        Transaction tx(db);
        Statement del(db, "DELETE FROM outbox WHERE id = ?1");
        Statement move(db, "INSERT OR REPLACE INTO rejected(id, item, code, reason, rejected_on) "
                           "SELECT id, item, ?2, ?3, ?4 FROM outbox WHERE id = ?1");
        for (const auto& ack : acks) {
            if (ack.outcome == ItemOutcome::rejected) {
                move.reset();
                move.bind(1, ack.id).bind(2, ack.code).bind(3, ack.reason).bind(4, today);
                move.run();
            }
            del.reset();
            del.bind(1, ack.id);
            del.run();
        }
        tx.commit();
    } catch (const std::exception& e) {
        error = e.what();
        return false;
    }
    try {
        // secure_delete zeroed the rows in the main file; the WAL still holds
        // the pages as they were before, text and all, until it is cut back.
        db_->db.checkpoint_truncate();
    } catch (const std::exception&) {
        // Safe to leave: the acknowledgement is committed and the WAL stays
        // valid; the next delete checkpoints again.
    }
    return true;
}

std::optional<std::size_t> Outbox::depth(std::string* error) {
    std::lock_guard lock(mutex_);
    try {
        return count(db_->db, "SELECT count(*) FROM outbox");
    } catch (const std::exception& e) {
        set_error(error, e);
        return std::nullopt;
    }
}

std::optional<std::size_t> Outbox::rejected_count(std::string* error) {
    std::lock_guard lock(mutex_);
    try {
        return count(db_->db, "SELECT (SELECT count(*) FROM rejected) + (SELECT value FROM "
                              "counters WHERE name = 'rejected_forgotten')");
    } catch (const std::exception& e) {
        set_error(error, e);
        return std::nullopt;
    }
}

bool Outbox::forget_old_rejected(const Date& today, std::string& error) {
    const std::string cutoff =
        to_string(from_days_since_epoch(days_since_epoch(today) - rejected_keep_days));
    std::lock_guard lock(mutex_);
    try {
        Database& db = db_->db;
        std::size_t forgotten = 0;
        {
            Transaction tx(db);
            Statement add(db, "UPDATE counters SET value = value + (SELECT count(*) FROM rejected "
                              "WHERE rejected_on < ?1) WHERE name = 'rejected_forgotten'");
            add.bind(1, cutoff);
            add.run();
            Statement del(db, "DELETE FROM rejected WHERE rejected_on < ?1");
            del.bind(1, cutoff);
            del.run();
            forgotten = static_cast<std::size_t>(db.changes());
            tx.commit();
        }
        if (forgotten > 0) {
            db.checkpoint_truncate(); // as after an upload: the text leaves the WAL too
        }
        return true;
    } catch (const std::exception& e) {
        error = e.what();
        return false;
    }
}

std::optional<Date> Outbox::oldest_item_date(std::string* error) {
    std::lock_guard lock(mutex_);
    try {
        // Dates are "YYYY-MM-DD", so the smallest text is the oldest date.
        // json_valid keeps one damaged item from failing the whole query.
        Statement st(db_->db, "SELECT min(json_extract(item, '$.date')) FROM outbox "
                              "WHERE json_valid(item)");
        if (!st.step() || st.is_null(0)) {
            return std::nullopt; // nothing waits
        }
        return parse_date(st.text(0));
    } catch (const std::exception& e) {
        set_error(error, e);
        return std::nullopt;
    }
}

bool Outbox::contains(const std::string& id) {
    std::lock_guard lock(mutex_);
    Statement st(db_->db, "SELECT 1 FROM outbox WHERE id = ?1");
    st.bind(1, id);
    return st.step();
}

} // namespace engage::kiosk
