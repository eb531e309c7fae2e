#pragma once
// The kiosk's offline outbox (DESIGN §2, §6): a SQLite file in the data dir
// holding submissions the person chose to send until the server has
// acknowledged them. sqlite::kiosk_pragmas (WAL + synchronous=FULL):
// enqueue() returns only once the item is durable. No time of day is ever
// stored (DESIGN §6 rule 1): items carry only their date; "waiting since" is
// kept in memory by the caller.
//
// What the kiosk's disk gives away (issue 8): the file, its WAL and SHM are
// 0600 and their folder 0700 whatever existed before; rows are keyed by the
// item's random UUID (no rowid, so storage order is not visit order);
// acknowledged items are deleted with secure_delete and the WAL is
// truncated after every delete, so their text leaves the disk; items the
// server rejected are kept for rejected_keep_days and then only counted.
//
// Errors: the one SQLite layer throws; this class catches at its API and
// returns values. Nothing reports success it did not have: a query that
// failed returns nullopt (and says why in `error` when given), never an
// empty batch or a zero.
//
// Thread-safe: one connection guarded by an internal mutex (the UI thread
// enqueues, the sync thread picks and acknowledges).

#include "engage/date.hpp"
#include "engage/submission.hpp"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace engage::kiosk {

// Bumped when the outbox schema changes; open() migrates or refuses.
inline constexpr int outbox_schema_version = 2;

// Days a rejected item's text is kept for staff to look into before only its
// count remains. A week covers a weekend and a staff rota; longer would keep
// a person's answers on the kiosk for no one's benefit (issue 8).
inline constexpr int rejected_keep_days = 7;

struct QueuedItem {
    std::string id;        // the submission's UUID
    std::string json_text; // the item exactly as it goes into a batch
};

// What the server said about one item (DESIGN §5).
enum class ItemOutcome { accepted, duplicate, rejected };
struct ItemAck {
    std::string id;
    ItemOutcome outcome = ItemOutcome::accepted;
    std::string code;   // rejected only: the server's reason code
    std::string reason; // rejected only: its sentence (no personal data)
};

class Outbox {
public:
    // Opens (creating) `file`, making it and its folder private. Returns null
    // and sets `error` when it cannot be opened, is not an outbox, or has a
    // newer schema. `vfs` names a registered SQLite VFS (tests inject faults
    // with one); null is the default.
    static std::unique_ptr<Outbox> open(const std::filesystem::path& file, std::string& error,
                                        const char* vfs = nullptr);
    ~Outbox();
    Outbox(const Outbox&) = delete;
    Outbox& operator=(const Outbox&) = delete;

    // Stores one submission in one transaction; true once durable. On false,
    // `error` says why and nothing was stored (or, after an fsync error, the
    // caller cannot know: writing the same item again is safe, because an
    // id already stored is left as it is and reported true).
    bool enqueue(const Submission& s, std::string& error);
    // Up to `max_items` waiting items in random order (a fresh shuffle every
    // call); an empty vector means the outbox is empty. nullopt on a fault.
    std::optional<std::vector<QueuedItem>> pick_batch(std::size_t max_items,
                                                      std::string* error = nullptr);
    // Applies the server's replies in one transaction: accepted/duplicate items
    // are deleted; rejected ones move to the `rejected` table with their code
    // and today's date. Ids not in the outbox are ignored. False (nothing
    // changed) on a store error. Then truncates the WAL.
    bool acknowledge(const std::vector<ItemAck>& acks, std::string& error);
    // Items waiting to upload; nullopt on a fault.
    std::optional<std::size_t> depth(std::string* error = nullptr);
    // Items the server refused, ever (those still kept plus those only
    // counted); nullopt on a fault.
    std::optional<std::size_t> rejected_count(std::string* error = nullptr);
    // Deletes the text of items rejected more than rejected_keep_days before
    // `today`, keeping their count. Runs at open and after each acknowledge;
    // public so tests can move the date on. False + error on a fault.
    bool forget_old_rejected(const Date& today, std::string& error);
    // The date of the oldest waiting item, for the heartbeat's age in days
    // (items keep only their date: DESIGN §6 rule 1). nullopt when nothing
    // waits, and on a fault with `error` set. A damaged stored item is
    // skipped (the sync client sets it aside as bad_item).
    std::optional<Date> oldest_item_date(std::string* error = nullptr);
    // Still waiting (for tests). Throws sqlite::Error on a fault, so a test
    // can never mistake a broken file for an uploaded item.
    bool contains(const std::string& id);

private:
    struct Db;
    explicit Outbox(std::unique_ptr<Db> db);
    // acknowledge() up to the WAL truncation; takes the mutex.
    bool acknowledge_locked(const std::vector<ItemAck>& acks, const std::string& today,
                            std::string& error);
    std::mutex mutex_;
    std::unique_ptr<Db> db_;
};

} // namespace engage::kiosk
