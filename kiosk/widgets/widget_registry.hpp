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
    // Drawn inside a clipped region (a scrolled list, the text box): a part
    // outside it is scrolled away on purpose, not lost off the screen.
    bool in_region = false;
    // An on-screen keyboard's key: its row from the top (0 = first), so
    // row/column scanning can step through rows; -1 for everything else.
    int row = -1;
    // Switch scanning: widgets with one group (e.g. "key.row.2") are scanned
    // together first, then one by one. "" = the scan infers it (KioskUi:
    // on-screen keys by their row above, the top bar as one group).
    std::string group{};
    // What switch scanning reads aloud when the highlight reaches it, in the
    // person's language: the button's label, never what was typed.
    std::string spoken{};
};

// A block of words drawn in a frame (not pressable): only where it is and
// which widget, if any, it belongs to (a button's label). Never the words
// themselves: `dump` works without --test-mode and what was typed is drawn
// too. The layout test checks that no text runs into a widget or another
// text, or off the screen. A button's picture (an icon, a scale face) is
// listed the same way, as `icon`: faces are drawn, not widgets, and a face
// too big for its tile ran over its neighbours with no widget to show it.
struct TextEntry {
    std::string parent;     // id of the widget whose label it is; "" = on the screen itself
    WidgetRect rect;        // the visible part (clipped)
    WidgetRect full;        // as laid out, before clipping
    bool in_region = false; // as WidgetEntry::in_region
    bool icon = false;      // a button's picture, not words
};

class WidgetRegistry {
public:
    void clear() {
        entries_.clear();
        texts_.clear();
    }
    void add(WidgetEntry e) { entries_.push_back(std::move(e)); }
    void add_text(TextEntry t) { texts_.push_back(std::move(t)); }
    const std::vector<WidgetEntry>& entries() const { return entries_; }
    const std::vector<TextEntry>& texts() const { return texts_; }
    // The widget with this id, else the first (in drawing order) whose English
    // label matches case-insensitively (spaces trimmed); visible ones first.
    // nullopt when none.
    std::optional<WidgetEntry> find(std::string_view id_or_label) const;
    // Index of the entry with this id, or nullopt.
    std::optional<std::size_t> index_of(std::string_view id) const;
    // JSON array for --script's `dump`: the widgets [{"kind":"widget","id",
    // "label","x","y","w","h",...}], then the texts [{"kind":"text","parent",
    // "x","y","w","h","full_x","full_y","full_w","full_h","in_region"}]
    // (a button's picture: "kind":"icon", the same fields).
    std::string to_json() const;

private:
    std::vector<WidgetEntry> entries_;
    std::vector<TextEntry> texts_;
};

} // namespace engage::kiosk
