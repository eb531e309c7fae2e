#include "kiosk/platform/redraw_scheduler.hpp"

#include <algorithm>

namespace engage::kiosk {

int RedrawScheduler::sleep_ms(std::int64_t now_ms, std::optional<std::int64_t> next_wake) const {
    if (frames_ > 0)
        return 0;
    if (script_ == ScriptState::waiting && (!next_wake || script_wake_ms_ < *next_wake))
        next_wake = script_wake_ms_;
    if (!next_wake)
        return -1;
    return static_cast<int>(std::clamp<std::int64_t>(*next_wake - now_ms, 0, kMaxSleepMs));
}

void RedrawScheduler::raise(int frames) {
    frames_ = std::max(frames_, frames);
}

void RedrawScheduler::changed() {
    raise(kChangeFrames);
}

void RedrawScheduler::once() {
    raise(1);
}

void RedrawScheduler::once_if_due(std::optional<std::int64_t> at, std::int64_t now_ms) {
    if (at && *at <= now_ms)
        once();
}

void RedrawScheduler::speaking(bool now_speaking) {
    if (now_speaking != was_speaking_) {
        was_speaking_ = now_speaking;
        once();
    }
}

void RedrawScheduler::woke(std::int64_t now_ms) {
    if (script_ == ScriptState::waiting && script_wake_ms_ <= now_ms)
        script_ = ScriptState::turn;
    if (script_ == ScriptState::turn)
        once(); // the script runs after a frame, so its turn needs one
}

void RedrawScheduler::frame_drawn() {
    if (frames_ > 0)
        --frames_;
}

void RedrawScheduler::script_step_done(int frames, std::optional<std::int64_t> wake_at) {
    if (frames > 0) {
        raise(frames);
        script_ = ScriptState::turn;
    } else if (wake_at) {
        script_ = ScriptState::waiting;
        script_wake_ms_ = *wake_at;
    } else {
        script_ = ScriptState::turn;
        once();
    }
}

void RedrawScheduler::attach_script() {
    script_ = ScriptState::turn;
}

} // namespace engage::kiosk
