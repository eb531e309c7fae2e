#pragma once
// The kiosk's background sync (DESIGN §2, §5, §6): one thread that enrols
// with a one-time code, refreshes the content bundle by ETag, uploads the
// outbox in shuffled batches once the upload delay and the minimum count are
// both reached (or at once when asked), sends heartbeats, and backs off with
// jitter on failure. Failures become SyncStatus, never a crash.
//
// Thread-safe: every public method may be called from the UI thread while
// the sync thread runs. The destructor stops and joins the thread.

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

namespace engage::kiosk {

class Outbox;
class HttpClient;

struct SyncConfig {
    std::string server_url;                     // "" = no server: attempts fail with a plain reason
    std::filesystem::path data_dir;             // token, enrolment and content cache live here
    std::filesystem::path ca_file;              // extra CA for a self-signed server
    bool insecure = false;                      // allow http:// off loopback
    std::chrono::seconds upload_delay{30 * 60}; // since the oldest waiting item
    std::size_t min_batch = 5;                  // items waiting before an upload
    std::string enrol_code;                     // enrol first with this (then forgotten)
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
    // Upload (and refresh, heartbeat) now, ignoring delay and min count. Returns a ticket.
    std::uint64_t request_sync();
    // Waits until the attempt serving `ticket` finished; false on timeout.
    bool wait_for(std::uint64_t ticket, std::chrono::milliseconds timeout);
    // The UI queued an item: starts the upload-delay clock if nothing was waiting.
    void note_enqueued();
    // Enrol again with a new one-time code (replaces the stored token on success).
    void reenrol(std::string code);
    // A bundle newer than the last one taken, or null. Called by the UI thread.
    std::shared_ptr<const ContentBundle> take_new_content();
    // The content version the UI is showing (for heartbeats and status).
    void set_content_version(std::string version);
    // Records a failure seen outside the sync thread (e.g. an outbox write).
    void report_error(std::string error);
    SyncStatus status() const;
    // Called from the sync thread after status or content changed.
    void set_wake_callback(std::function<void()> wake);

private:
    using Clock = std::chrono::steady_clock;
    void run();
    bool attempt(bool forced, bool just_enrolled, std::string& error);
    bool enrol(const std::string& code, std::string& error);
    bool refresh_content(std::string& error);
    bool upload(bool forced, std::string& error);
    bool heartbeat(std::string& error);
    bool http_ready(std::string& error);
    void wake();

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
    std::optional<Clock::time_point> waiting_since_; // memory only (DESIGN §6 rule 1)
    SyncStatus status_;
    std::function<void()> wake_;

    // Sync thread only.
    std::unique_ptr<HttpClient> http_;
    std::string http_server_;
    std::size_t batch_size_;
    Clock::time_point next_content_{};
    Clock::time_point next_heartbeat_{};
    std::chrono::milliseconds backoff_{0};
    std::mt19937_64 rng_;
    std::thread thread_; // last: joined before the members above go
};

} // namespace engage::kiosk
