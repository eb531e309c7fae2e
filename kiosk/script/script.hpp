#pragma once
// The --script runner (DESIGN §11; commands in kiosk/script/README.md).
// Parsing is pure; running goes through ScriptHost so the runner never
// touches SDL or the flow itself: the app implements the host with real
// input injection, so a script exercises the same path a finger does.

#include "kiosk/widgets/widget_registry.hpp"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace engage::kiosk {

struct ScriptCommand {
    int line = 0;     // 1-based line in the file
    std::string verb; // tap, hold, await, key, type, wait, shot, language, sync, dump, words,
                      // expect, frames, close-window, quit
    std::string arg;  // the rest of the line (label, key name, file name...)
    int number = 0;   // wait/hold milliseconds, frames count
};

struct ParsedScript {
    std::vector<ScriptCommand> commands;
    int error_line = 0; // 0 when parsed fine
    std::string error;  // what is wrong on error_line
};

// Parses a script text; blank lines and lines starting with '#' are skipped.
// An unknown verb or a missing/bad argument gives error_line/error.
ParsedScript parse_script(std::string_view text);

// What the runner needs from the app.
class ScriptHost {
public:
    virtual ~ScriptHost() = default;
    virtual const WidgetRegistry& widgets() const = 0; // as drawn in the last frame
    virtual std::string screen_name() const = 0;       // the flow's screen, for messages
    virtual void pointer_down(float x, float y) = 0;
    virtual void pointer_up(float x, float y) = 0;
    // Turns the mouse wheel at (x, y) by `notches` (positive: up).
    virtual void wheel(float x, float y, int notches) = 0;
    virtual bool key_down(std::string_view name) = 0; // false: unknown key name
    virtual void key_up(std::string_view name) = 0;
    virtual void type_text(std::string_view utf8) = 0;
    // Asks to close the window, as its close button or Alt+F4 would.
    virtual void close_window() = 0;
    virtual bool set_language(std::string_view code) = 0; // false: not a kiosk language
    // Uploads now and waits (bounded). False + `error` when it did not finish or failed.
    virtual bool sync(std::string& error) = 0;
    // Options::test_mode (--test-mode): `sync`, which uploads ignoring the
    // delay and min_batch, runs only then.
    virtual bool test_mode() const = 0;
    // Saves the next frame as PNG at `path`.
    virtual void screenshot_next_frame(const std::filesystem::path& path) = 0;
    virtual std::int64_t now_ms() const = 0;
    // The words of the screen drawn in the last frame, as Read aloud would say
    // them (the person's language, reading order, one line per piece; never
    // what was typed). Empty without --test-mode: like a screenshot, a record.
    virtual std::string screen_words() const = 0;
    // The ids under the switch-scan highlight as it will be drawn next: one
    // widget, or every widget of the highlighted row; empty when not scanning.
    virtual std::vector<std::string> scan_highlight() const { return {}; }
    // The id with keyboard focus ("" = none), for `tab-to`.
    virtual std::string focused_id() const { return {}; }
};

class ScriptRunner {
public:
    ScriptRunner(std::vector<ScriptCommand> commands, std::filesystem::path output_dir);

    // What the main loop must do next.
    struct Need {
        int frames = 0; // draw this many frames before calling advance again
        std::optional<std::int64_t>
            wake_at;       // else sleep until this time (flow clock), then advance
        bool done = false; // script finished (quit or end of file)
        int exit_code = 0; // when done: 0 fine, 3 script error
    };
    // Runs commands until one needs frames or time. Call after each drawn
    // frame while `frames` were requested, or when `wake_at` is reached.
    Need advance(ScriptHost& host);
    // The error message when the script failed (also printed to stderr).
    const std::string& error() const { return error_; }
    // Where a relative file name in the script goes (screenshots, dumps).
    std::filesystem::path output_path(std::string_view name) const;

private:
    Need fail(ScriptHost& host, const ScriptCommand& c, const std::string& message);

    std::vector<ScriptCommand> commands_;
    std::filesystem::path output_dir_;
    std::size_t next_ = 0;
    // A command in progress: the remaining sub-steps.
    enum class Phase {
        idle,
        release_pointer,
        hold_until,
        release_key,
        scrolling,
        after_shot,
        waiting,
        awaiting,
        awaiting_scan,
        tabbing
    };
    Phase phase_ = Phase::idle;
    float px_ = 0, py_ = 0;
    std::string key_;
    int notches_left_ = 0; // `scroll`: wheel notches it may still turn
    std::int64_t until_ = 0;
    int tabs_left_ = 0;            // tab-to: Tab presses still allowed
    bool back_to_tabbing_ = false; // tab-to: the released Tab looks at the focus again
    std::string error_;
};

// Frames to draw after an input is released so ImGui sees it; the main loop
// adds the frames a changed screen needs (KioskUi reports the change).
inline constexpr int kSettleFrames = 1;
// Most Tab presses `tab-to` makes before it fails (the longest Tab order, a
// free-text screen with its keyboard and the top bar, is under a hundred).
inline constexpr int kMaxTabTo = 200;
// How often `await` looks at the screen again (each look draws a frame).
inline constexpr std::int64_t kAwaitPollMs = 20;
// Longest `sync` wait before the script fails.
inline constexpr std::chrono::seconds kScriptSyncTimeout{30};

} // namespace engage::kiosk
