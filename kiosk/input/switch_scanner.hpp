#pragma once
// Switch scanning over what a screen drew (issue 11): one-switch auto-scan
// (the highlight moves to the next item every interval and the switch selects
// it; after a few full cycles without a press it pauses instead of circling
// for ever) and two-switch step scan (switch 1 moves, switch 2 selects).
// Items that share a group (a row of the on-screen keyboard, the top bar) are
// scanned as one entry first; selecting it scans the items inside (row, then
// column), and leaving it without a choice returns to the group.
//
// Pure logic: no SDL, no ImGui, no clock of its own. Every call takes the
// steady time in ms, so tests drive it exactly (tests/kiosk/logic/
// switch_scanner_test.cpp). KioskUi feeds it the widget registry each frame and
// turns its highlight into the focus ring and its selections into presses.
//
// Not thread-safe: owned and used by the UI thread only.

#include "kiosk/input/scan_mode.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace engage::kiosk {

// Interval bounds (kiosk.conf `scan_interval`). Half a second is about the
// quickest a practised switch user follows (and presses in time); past five
// seconds a screen of twenty items takes longer than the inactivity pause.
inline constexpr int min_scan_interval_ms = 500;
inline constexpr int max_scan_interval_ms = 5000;
inline constexpr int default_scan_interval_ms = 1500;
// Full cycles with no press before the auto-scan pauses (kiosk.conf
// `scan_cycles`): a highlight circling an empty kiosk for ever helps nobody
// and keeps the screen awake; ten is already a long time at five seconds.
inline constexpr int min_scan_cycles = 1;
inline constexpr int max_scan_cycles = 10;
inline constexpr int default_scan_cycles = 3;
// Cycles inside a group (a keyboard row) before the scan leaves it: a key
// missed once comes round once more, then the rows are offered again.
inline constexpr int scan_group_cycles = 2;

struct ScanTiming {
    int interval_ms = default_scan_interval_ms;
    int cycles = default_scan_cycles;
};

// One thing the scan can reach, in drawing order.
struct ScanItem {
    std::string id;    // widget id (what is pressed)
    std::string group; // "" = on its own; consecutive items with one group are scanned together
    bool operator==(const ScanItem&) const = default;
};

// What the highlight is on.
struct ScanHighlight {
    std::string group;            // the group when the whole group is highlighted, else ""
    std::vector<std::string> ids; // the item, or every item of the highlighted group
    bool empty() const { return ids.empty(); }
    bool operator==(const ScanHighlight&) const = default;
};

class SwitchScanner {
public:
    explicit SwitchScanner(ScanTiming timing = {});

    // Clamps to the limits above.
    void set_timing(ScanTiming timing);
    const ScanTiming& timing() const { return timing_; }

    // Off clears the highlight; a new mode starts the scan from the first item.
    void set_mode(ScanMode mode, std::int64_t now_ms);
    ScanMode mode() const { return mode_; }

    // What the screen drew this frame, in drawing order. The highlight stays on
    // the same item (by id) when it is still there, else the scan starts again
    // from the first item. Returns true when the highlight changed.
    bool set_items(std::vector<ScanItem> items, std::int64_t now_ms);
    // A new screen: the scan starts again from the first item, cycles counted anew.
    void restart(std::int64_t now_ms);

    // The switch that selects (one-switch: the only one; two-switch: switch 2).
    // Returns the id to press when the highlight was on an item; a group is
    // entered instead, and a paused scan only resumes (nothing is pressed).
    std::optional<std::string> select(std::int64_t now_ms);
    // Two-switch: switch 1 moves to the next entry (the first press shows the
    // highlight). In one-switch mode it does nothing.
    void move(std::int64_t now_ms);

    // One-switch: moves the highlight when its interval has passed. True when
    // the highlight changed (moved, left a group, or paused).
    bool tick(std::int64_t now_ms);
    // Keeps the highlight where it is until `until_ms` at least (speech is
    // reading the item or the screen: the person hears it out first).
    void hold_until(std::int64_t until_ms);
    // When tick() must next be called (one-switch, running), else nullopt.
    std::optional<std::int64_t> next_step_ms() const;

    const ScanHighlight& highlight() const { return highlight_; }
    bool paused() const { return paused_; }
    bool in_group() const { return in_group_; }

private:
    // A top-level entry: one item, or a run of items of one group.
    struct Entry {
        std::string group;     // "" for a single item
        std::size_t first = 0; // index into items_
        std::size_t count = 1;
    };
    void rebuild_entries();
    void show(std::int64_t now_ms); // highlight_ from the position; timer restarted
    void clear_highlight();
    // Steps once; true when the scan moved on (false when it paused).
    void step(std::int64_t now_ms, bool automatic);
    std::optional<std::size_t> entry_of_item(std::size_t item) const;

    ScanTiming timing_;
    ScanMode mode_ = ScanMode::off;
    std::vector<ScanItem> items_;
    std::vector<Entry> entries_;
    // Position: an entry, and inside a group entry an item offset.
    bool active_ = false; // a highlight is shown
    std::size_t entry_ = 0;
    bool in_group_ = false;
    std::size_t member_ = 0;
    int cycles_ = 0;       // full top-level cycles without a press
    int group_cycles_ = 0; // full cycles inside the current group
    bool paused_ = false;
    std::int64_t next_step_ms_ = 0;
    ScanHighlight highlight_;
};

} // namespace engage::kiosk
