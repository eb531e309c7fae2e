#pragma once
// The kiosk's background sync (DESIGN §2, §5, §6): one thread that enrols
// with a one-time code, refreshes the content bundle by ETag, uploads the
// outbox in shuffled batches, sends heartbeats, and backs off with jitter on
// failure. Failures become SyncStatus, never a crash.
//
// When uploads happen (issue 8): on a timer of its own, at uniformly random
// checks (upload_check_min..max apart), never because someone pressed Send.
// At each check only what upload_rules.hpp allows goes: items that each
// waited the delay, anonymous ones at least min_batch together (or after
// max_wait), sign-ups in batches of their own on a second timer, never in
// the same attempt as an anonymous batch. Heartbeats keep a fixed schedule.
// Only test_mode lets request_sync() send everything at once.
//
// Thread-safe: every public method may be called from the UI thread while
// the sync thread runs; none of them touches SQLite or the network, and the
// sync thread never holds its mutex across either. The destructor stops and
// joins the thread.

#include "engage/content.hpp"
#include "kiosk/config/data_dir.hpp"
#include "kiosk/sync/sync_status.hpp"

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

namespace engage::kiosk {

class Outbox;
class HttpClient;
struct QueuedItem;
struct UploadRules;

struct SyncConfig {
    std::string server_url;                     // "" = no server: attempts fail with a plain reason
    std::filesystem::path data_dir;             // token, enrolment and content cache live here
    std::filesystem::path ca_file;              // extra CA for a self-signed server
    bool insecure = false;                      // allow http:// off loopback
    std::chrono::seconds upload_delay{30 * 60}; // each item's wait before it may go
    std::size_t min_batch = 5;                  // anonymous items per upload at least
    std::chrono::seconds max_wait{7 * 24 * 3600}; // then items go even below min_batch
    // Upload checks fall uniformly between these apart: often enough that an
    // item waits little past its delay, random so the check says nothing.
    std::chrono::milliseconds upload_check_min{10 * 60 * 1000};
    std::chrono::milliseconds upload_check_max{30 * 60 * 1000};
    // The one switch that lets request_sync() upload everything at once,
    // ignoring delay and min_batch (tests and the demo: --test-mode).
    bool test_mode = false;
    std::string enrol_code;                            // enrol first with this (then forgotten)
    std::chrono::milliseconds request_timeout{10'000}; // per socket step
    std::chrono::seconds content_interval{5 * 60};     // content refresh
    std::chrono::seconds heartbeat_interval{5 * 60};
    std::chrono::milliseconds first_backoff{2'000};
    std::chrono::milliseconds max_backoff{5 * 60 * 1000};
};

class SyncClient {
public:
    // Does not start the thread yet (start()). `content_version`/`etag` are
    // those of the cached bundle, or empty.
    SyncClient(SyncConfig config, Outbox& outbox, std::optional<Enrolment> enrolment,
               std::string content_version, std::string etag);
    ~SyncClient(); // stops, aborts a request in flight, joins; never throws
    SyncClient(const SyncClient&) = delete;
    SyncClient& operator=(const SyncClient&) = delete;

    void start();
    // Staff "Sync now": refresh content and upload what the rules allow now.
    // In test_mode: also heartbeat, and upload everything ignoring delay and
    // min_batch. Returns a ticket.
    std::uint64_t request_sync();
    // Waits until the attempt serving `ticket` finished; false on timeout.
    bool wait_for(std::uint64_t ticket, std::chrono::milliseconds timeout);
    // The UI queued item `id`: its delay starts now (memory only). Never
    // wakes the sync thread: an upload must not follow a Send.
    void note_enqueued(const std::string& id, bool signup);
    // Enrol again with a new one-time code (replaces the stored token on success).
    void reenrol(std::string code);
    // A bundle newer than the last one taken, or null. Called by the UI thread.
    std::shared_ptr<const ContentBundle> take_new_content();
    // The content version the UI is showing (for heartbeats and status).
    void set_content_version(std::string version);
    // A problem outside the sync thread that staff must see until it is
    // solved (e.g. answers the outbox could not store yet); "" = solved. Shown
    // as last_error and sent as the heartbeat's last_sync_error meanwhile.
    void set_storage_problem(std::string problem);
    SyncStatus status() const;
    // Called from the sync thread after status or content changed.
    void set_wake_callback(std::function<void()> wake);

private:
    using Clock = std::chrono::steady_clock;
    void run();
    bool attempt(bool asked, bool just_enrolled, std::string& error);
    bool enrol(const std::string& code, std::string& error);
    bool refresh_content(std::string& error);
    // Uploads what is due (everything when `forced`); `anonymous`/`signups`
    // say which timers fired. Reads the outbox without holding mutex_.
    bool upload_due(bool forced, bool anonymous, bool signups, std::string& error);
    // Sends `items` in batches of batch_size_ and applies the replies.
    bool upload(const std::vector<QueuedItem>& items, std::string& error);
    bool heartbeat(std::string& error);
    bool http_ready(std::string& error);
    void wake();
    // Recomputes answers_needed and the delay countdown from waiting_. Caller holds mutex_.
    void refresh_plan_locked(Clock::time_point now);
    UploadRules rules() const;

    SyncConfig config_;
    Outbox& outbox_;

    mutable std::mutex mutex_;
    std::condition_variable cv_;
    bool stop_ = false;
    std::uint64_t requested_ticket_ = 0;
    std::uint64_t finished_ticket_ = 0;
    std::optional<Enrolment> enrolment_;
    std::string pending_code_;
    // Why the last enrolment failed, until one succeeds: a later Sync now on a
    // kiosk that is still not enrolled reports this, not a vaguer message.
    std::string enrol_error_;
    std::string content_version_;
    std::string etag_;
    std::shared_ptr<const ContentBundle> new_content_;
    // When this run first saw each waiting item (memory only, DESIGN §6 rule
    // 1): id → since, sign-up. Items found at start-up count from start-up.
    struct Waiting {
        Clock::time_point since;
        bool signup = false;
    };
    std::unordered_map<std::string, Waiting> waiting_;
    std::string storage_problem_;
    std::optional<Clock::time_point> delay_due_at_; // oldest waiting answer's delay runs out
    SyncStatus status_;
    std::function<void()> wake_;

    // Sync thread only.
    std::unique_ptr<HttpClient> http_;
    std::string http_server_;
    std::size_t batch_size_;
    Clock::time_point next_content_{};
    Clock::time_point next_heartbeat_{};
    Clock::time_point next_upload_check_{};
    Clock::time_point next_signup_check_{};
    std::chrono::milliseconds backoff_{0};
    std::mt19937_64 rng_;
    std::thread thread_; // last: joined before the members above go
};

} // namespace engage::kiosk
