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
    static std::unique_ptr<KioskRuntime> open(const Options& options, std::string& error);
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
    // a redraw. Outbox write failures become status().last_error and are
    // retried on the next call. Call it before sync_now() so a just-sent
    // item is in the outbox.
    bool apply_effects();

    // Asks the sync thread to upload now, ignoring delay and min count.
    // Returns a ticket for wait_for_sync().
    std::uint64_t sync_now();
    // Blocks (UI thread, e.g. the script's `sync`) until the attempt started
    // after `ticket` has finished or `timeout` passed. True when it finished
    // (status().last_error says whether it succeeded).
    bool wait_for_sync(std::uint64_t ticket, std::chrono::milliseconds timeout);

    // Re-enrol with a new one-time code (also reachable as a staff effect).
    void reenrol(const std::string& code);

    SyncStatus status() const; // a snapshot (copied under the sync thread's lock)
    // When the app must wake next (steady ms) for a flow timer; nullopt = only on input.
    std::optional<std::int64_t> next_deadline() const;
    // Effects the app carries out itself (StopSpeech, VisitEnded), collected
    // by apply_effects() since the last call.
    std::vector<Effect> take_ui_effects() { return std::exchange(ui_effects_, {}); }
    // Staff chose Exit (ExitApp effect): the app should close.
    bool exit_requested() const { return exit_requested_; }
    // Called from the sync thread whenever status or content changed, so the
    // app can post an event to wake its loop. Set before the first frame.
    void set_wake_callback(std::function<void()> wake);

private:
    explicit KioskRuntime(Options options);
    Options options_;
    std::unique_ptr<Outbox> outbox_;
    std::unique_ptr<Flow> flow_;
    std::unique_ptr<SyncClient> sync_;
    std::vector<Submission> unsaved_; // outbox writes that failed; retried each frame
    std::vector<Effect> ui_effects_;
    std::string shown_content_version_;
    bool exit_requested_ = false;
};

} // namespace engage::kiosk
