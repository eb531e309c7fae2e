#pragma once
// Every interactive widget drawn in a frame, in drawing order: its stable id,
// its English label and its rectangle. The script runner taps widgets by
// label or id from it, keyboard navigation moves through it, and tests dump
// it to check that every target is big enough. Rebuilt each frame.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace engage::kiosk {

struct WidgetRect {
    float x = 0, y = 0, w = 0, h = 0;
    float cx() const { return x + w * 0.5f; }
    float cy() const { return y + h * 0.5f; }
};

struct WidgetEntry {
    std::string id;       // stable, e.g. "home.feedback", "answer.safe.yes"
    std::string label_en; // visible English label (what a script taps)
    WidgetRect rect;      // screen pixels, clipped to what is visible
    float full_w = 0;     // the widget's whole size (a scrolled list may clip it)
    float full_h = 0;
    bool enabled = true;
    bool focusable = true; // false: not in the Tab order (the hidden staff corner)
    bool visible = true;   // false: scrolled out of view (Tab still reaches it and scrolls to it)
    bool selected = false; // a chosen answer or a setting that is on
};

class WidgetRegistry {
public:
    void clear() { entries_.clear(); }
    void add(WidgetEntry e) { entries_.push_back(std::move(e)); }
    const std::vector<WidgetEntry>& entries() const { return entries_; }
    // The widget with this id, else the first (in drawing order) whose English
    // label matches case-insensitively (spaces trimmed); visible ones first.
    // nullopt when none.
    std::optional<WidgetEntry> find(std::string_view id_or_label) const;
    // Index of the entry with this id, or nullopt.
    std::optional<std::size_t> index_of(std::string_view id) const;
    // JSON array [{"id","label","x","y","w","h"}...] for --script's `dump`.
    std::string to_json() const;

private:
    std::vector<WidgetEntry> entries_;
};

} // namespace engage::kiosk
