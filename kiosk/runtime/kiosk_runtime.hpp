#pragma once
// Everything the kiosk app needs besides drawing, in one object the app owns
// (DESIGN §2): opens the data dir (config, outbox, cached content,
// token), owns the Flow, the Outbox and the background Sync thread.
//
// Frame loop, on the UI thread:
//   runtime.flow().tick(runtime.now_ms());   // timers
//   ... draw runtime.flow().state(), call flow events for touches/keys ...
//   runtime.apply_effects();                 // outbox writes, sync now, new content
//   sleep until runtime.next_deadline() or an input / wake event
//
// Methods are for the UI thread only; the wake callback is called from the
// sync thread.

#include "engage/content.hpp"
#include "kiosk/config/options.hpp"
#include "kiosk/flow/flow.hpp"
#include "kiosk/sync/sync_status.hpp"

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace engage::kiosk {

class Outbox;
class SyncClient;

class KioskRuntime {
public:
    // Opens the data dir and starts the sync thread (when a server is
    // configured or an --enrol code was given: enrolment then runs first, in
    // the background). Returns null and sets `error` when the data dir or the
    // outbox cannot be opened. Content comes from the cache; with none, the
    // flow runs with no forms until the server sends some.
    // `clock` (steady ms) replaces now_ms() for the outbox retry schedule;
    // tests pass a clock they move by hand.
    using MsClock = std::function<std::int64_t()>;
    static std::unique_ptr<KioskRuntime> open(const Options& options, std::string& error,
                                              MsClock clock = {});
    ~KioskRuntime(); // stops and joins the sync thread; never throws
    KioskRuntime(const KioskRuntime&) = delete;
    KioskRuntime& operator=(const KioskRuntime&) = delete;

    Flow& flow() { return *flow_; }
    const Flow& flow() const { return *flow_; }
    const Options& options() const { return options_; }

    // Steady clock in ms, the time base for every flow event and next_deadline().
    static std::int64_t now_ms();

    // After each frame: carries out the flow's effects (queue → outbox, sync
    // now, re-enrol, exit), offers newly synced content to the flow, keeps
    // the flow's date current. Returns true when anything changed that needs
    // a redraw. Call it before sync_now() so a just-sent item is in the outbox.
    //
    // When the outbox write fails (disk full, read-only, I/O error) the
    // answer stays in memory, the person still sees the thank-you screen,
    // staff see the problem (status().last_error, unsaved, and the
    // heartbeat), and the write is retried with growing pauses on `clock`
    // (next_deadline() wakes the app for it), never in a tight loop. If the
    // program closes first, those answers are lost (docs/operators.md).
    bool apply_effects();

    // Staff "Sync now" (and the script's `sync`, allowed only in test mode):
    // asks the sync thread to run now. Outside test mode it uploads only what
    // the delay and min_batch rules allow. Returns a ticket for wait_for_sync().
    std::uint64_t sync_now();
    // Blocks (UI thread, e.g. the script's `sync`) until the attempt started
    // after `ticket` has finished or `timeout` passed. True when it finished
    // (status().last_error says whether it succeeded).
    bool wait_for_sync(std::uint64_t ticket, std::chrono::milliseconds timeout);

    // Re-enrol with a new one-time code (also reachable as a staff effect).
    void reenrol(const std::string& code);

    SyncStatus status() const; // a snapshot (copied under the sync thread's lock)
    // When the app must wake next (steady ms) for a flow timer or an outbox
    // retry; nullopt = only on input.
    std::optional<std::int64_t> next_deadline() const;
    // Outbox writes tried since start-up, failed ones included (tests count
    // them against their clock to prove there is no busy loop).
    std::uint64_t outbox_write_attempts() const { return write_attempts_; }
    // Effects the app carries out itself (StopSpeech, VisitEnded), collected
    // by apply_effects() since the last call.
    std::vector<Effect> take_ui_effects() { return std::exchange(ui_effects_, {}); }
    // Staff chose Exit (ExitApp effect): the app should close.
    bool exit_requested() const { return exit_requested_; }
    // Called from the sync thread whenever status or content changed, so the
    // app can post an event to wake its loop. Set before the first frame.
    void set_wake_callback(std::function<void()> wake);

private:
    explicit KioskRuntime(Options options, MsClock clock);
    // Writes unsaved_ to the outbox if no pause is pending; schedules the next try.
    void save_unsaved();
    Options options_;
    MsClock clock_;
    std::unique_ptr<Outbox> outbox_;
    std::unique_ptr<Flow> flow_;
    std::unique_ptr<SyncClient> sync_;
    std::vector<Submission> unsaved_; // outbox writes that failed: memory only, retried
    std::int64_t retry_at_ms_ = 0;    // next try for unsaved_ (clock_)
    std::int64_t retry_pause_ms_ = 0; // current pause; doubles per failure
    std::uint64_t write_attempts_ = 0;
    std::vector<Effect> ui_effects_;
    std::string shown_content_version_;
    bool exit_requested_ = false;
};

} // namespace engage::kiosk
