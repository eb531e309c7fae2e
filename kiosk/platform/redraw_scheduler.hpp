#pragma once
// When the kiosk draws (DESIGN §7 "draw only when something changed"). The
// main loop tells the scheduler what happened (a change, a timer falling due,
// speech starting or stopping, the script's turn) and asks it how long it may
// sleep and whether to draw a frame. It owns no clock and no SDL, so a test
// drives it with plain numbers.
//
// Not thread-safe: the UI thread's only.

#include <cstdint>
#include <optional>

namespace engage::kiosk {

class RedrawScheduler {
public:
    // ImGui measures text and lays out windows in its first frames: draw a few
    // before trusting what it reports (the script's registry, screenshots).
    static constexpr int kSettleFrames = 3;
    // After a change: one frame draws it, a second lets ImGui's hovered and
    // active state catch up with widgets that moved.
    static constexpr int kChangeFrames = 2;
    // Sleep at most this long even with no timer running, so a missed wake-up
    // costs a minute of staleness, not a frozen kiosk.
    static constexpr std::int64_t kMaxSleepMs = 60'000;

    // [Before sleeping] How long the loop may wait for events: 0 when a frame is
    // owed; else until the earlier of `next_wake` and the script's wake time
    // (clamped to 0..kMaxSleepMs); -1 (until an event) when neither exists.
    int sleep_ms(std::int64_t now_ms, std::optional<std::int64_t> next_wake) const;

    // [After waking] What happened; each raises the frames owed, none lowers them.
    void changed(); // input, resize, the flow changed
    void once();    // redraw one frame
    void once_if_due(std::optional<std::int64_t> at, std::int64_t now_ms); // a timer fell due
    void speaking(bool now_speaking); // "Read aloud" ⇄ "Stop reading" follows the speaker
    void woke(std::int64_t now_ms);   // the script's wait may be over
    bool wants_frame() const { return frames_ > 0; }

    // [After a frame]
    void frame_drawn();

    // [Script] A script gets a turn after a frame once no more frames are owed,
    // so it always sees a settled screen.
    bool script_turn_now() const { return script_ == ScriptState::turn && frames_ <= 0; }
    // The step asked for `frames` more frames first (>0), or to sleep until
    // `wake_at`; with neither it gets another turn after one frame.
    void script_step_done(int frames, std::optional<std::int64_t> wake_at);
    // Gives an attached script its first turn once the settling frames are drawn.
    void attach_script();

private:
    enum class ScriptState { none, turn, waiting };
    void raise(int frames);

    int frames_ = kSettleFrames;
    bool was_speaking_ = false;
    ScriptState script_ = ScriptState::none;
    std::int64_t script_wake_ms_ = 0; // when ScriptState::waiting
};

} // namespace engage::kiosk
