#pragma once
// The kiosk's offline outbox (DESIGN §2, §6): a SQLite file in the data dir
// holding submissions the person chose to send until the server has
// acknowledged them. WAL + synchronous=FULL: enqueue() returns only once the
// item is durable. No time of day is ever stored (DESIGN §6 rule 1): items
// carry only their date; "waiting since" is kept in memory by the caller.
//
// Thread-safe: one connection guarded by an internal mutex (the UI thread
// enqueues, the sync thread picks and acknowledges).

#include "engage/submission.hpp"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

struct sqlite3;

namespace engage::kiosk {

// Bumped when the outbox schema changes; open() migrates or refuses.
inline constexpr int outbox_schema_version = 1;

struct QueuedItem {
    std::string id;        // the submission's UUID
    std::string json_text; // the item exactly as it goes into a batch
};

// What the server said about one item (see server-api.md).
enum class ItemOutcome { accepted, duplicate, rejected };
struct ItemAck {
    std::string id;
    ItemOutcome outcome = ItemOutcome::accepted;
    std::string code;   // rejected only: the server's reason code
    std::string reason; // rejected only: its sentence (no personal data)
};

class Outbox {
public:
    // Opens (creating) `file`. Returns null and sets `error` when it cannot be opened,
    // is not an outbox, or has a newer schema.
    static std::unique_ptr<Outbox> open(const std::filesystem::path& file, std::string& error);
    ~Outbox();
    Outbox(const Outbox&) = delete;
    Outbox& operator=(const Outbox&) = delete;

    // Stores one submission in one transaction; true once durable. On false,
    // `error` says why and nothing was stored.
    bool enqueue(const Submission& s, std::string& error);
    // Up to `max_items` waiting items in random order (a fresh shuffle every call).
    std::vector<QueuedItem> pick_batch(std::size_t max_items);
    // Applies the server's replies in one transaction: accepted/duplicate items
    // are deleted; rejected ones move to the `rejected` table with their code.
    // Ids not in the outbox are ignored. False (nothing changed) on a store error.
    bool acknowledge(const std::vector<ItemAck>& acks, std::string& error);
    std::size_t depth();          // items waiting to upload
    std::size_t rejected_count(); // items the server refused (kept for staff, never retried)
    // The date of the oldest waiting item (for the heartbeat's age in days);
    // nullopt when nothing waits or it cannot be read.
    std::optional<Date> oldest_item_date();
    bool contains(const std::string& id); // still waiting (for tests)

private:
    struct Db;
    explicit Outbox(std::unique_ptr<Db> db);
    std::mutex mutex_;
    std::unique_ptr<Db> db_;
};

} // namespace engage::kiosk
