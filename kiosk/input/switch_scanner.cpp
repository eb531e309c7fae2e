#include "kiosk/input/switch_scanner.hpp"

#include <algorithm>

namespace engage::kiosk {

SwitchScanner::SwitchScanner(ScanTiming timing) {
    set_timing(timing);
}

void SwitchScanner::set_timing(ScanTiming timing) {
    timing.interval_ms = std::clamp(timing.interval_ms, min_scan_interval_ms, max_scan_interval_ms);
    timing.cycles = std::clamp(timing.cycles, min_scan_cycles, max_scan_cycles);
    timing_ = timing;
}

void SwitchScanner::set_mode(ScanMode mode, std::int64_t now_ms) {
    if (mode == mode_)
        return;
    mode_ = mode;
    restart(now_ms);
}

void SwitchScanner::rebuild_entries() {
    entries_.clear();
    for (std::size_t i = 0; i < items_.size(); ++i) {
        const std::string& g = items_[i].group;
        if (!g.empty() && !entries_.empty() && entries_.back().group == g &&
            entries_.back().first + entries_.back().count == i) {
            ++entries_.back().count;
            continue;
        }
        entries_.push_back(Entry{g, i, 1});
    }
    // A group of one is just that item.
    for (auto& e : entries_) {
        if (e.count == 1)
            e.group.clear();
    }
}

void SwitchScanner::clear_highlight() {
    active_ = false;
    in_group_ = false;
    highlight_ = {};
}

void SwitchScanner::show(std::int64_t now_ms) {
    next_step_ms_ = now_ms + timing_.interval_ms;
    if (entries_.empty() || mode_ == ScanMode::off || paused_) {
        clear_highlight();
        return;
    }
    active_ = true;
    entry_ = std::min(entry_, entries_.size() - 1);
    const Entry& e = entries_[entry_];
    ScanHighlight h;
    if (in_group_) {
        member_ = std::min(member_, e.count - 1);
        h.ids.push_back(items_[e.first + member_].id);
    } else {
        h.group = e.group;
        for (std::size_t i = 0; i < e.count; ++i)
            h.ids.push_back(items_[e.first + i].id);
    }
    highlight_ = std::move(h);
}

void SwitchScanner::restart(std::int64_t now_ms) {
    entry_ = 0;
    member_ = 0;
    in_group_ = false;
    cycles_ = 0;
    group_cycles_ = 0;
    paused_ = false;
    if (mode_ == ScanMode::off || entries_.empty()) {
        clear_highlight();
        next_step_ms_ = now_ms + timing_.interval_ms;
        return;
    }
    show(now_ms);
}

std::optional<std::size_t> SwitchScanner::entry_of_item(std::size_t item) const {
    for (std::size_t e = 0; e < entries_.size(); ++e) {
        if (item >= entries_[e].first && item < entries_[e].first + entries_[e].count)
            return e;
    }
    return std::nullopt;
}

bool SwitchScanner::set_items(std::vector<ScanItem> items, std::int64_t now_ms) {
    if (items == items_)
        return false;
    const ScanHighlight before = highlight_;
    // Where the highlight was, by name: the item, or the highlighted group.
    std::string was_id = before.ids.empty() ? std::string{} : before.ids.front();
    const std::string was_group = before.group;
    const bool was_in_group = in_group_;
    items_ = std::move(items);
    rebuild_entries();
    if (mode_ == ScanMode::off)
        return false;
    if (!active_) {
        // Nothing highlighted yet (an empty screen, a two-switch scan not
        // started, or paused): a running scan begins at the first item.
        if (!paused_ && !entries_.empty())
            restart(now_ms);
        return highlight_ != before;
    }
    std::optional<std::size_t> found;
    for (std::size_t i = 0; i < items_.size() && !was_id.empty(); ++i) {
        if (items_[i].id == was_id)
            found = i;
    }
    const auto entry = found ? entry_of_item(*found) : std::nullopt;
    if (entry && (was_group.empty() || entries_[*entry].group == was_group) &&
        (!was_in_group || !entries_[*entry].group.empty())) {
        // Still there: the highlight stays, and so does its timer.
        const std::int64_t next = next_step_ms_;
        entry_ = *entry;
        in_group_ = was_in_group;
        member_ = *found - entries_[*entry].first;
        show(now_ms);
        next_step_ms_ = next;
        return highlight_ != before;
    }
    restart(now_ms);
    return highlight_ != before;
}

void SwitchScanner::step(std::int64_t now_ms, bool automatic) {
    if (entries_.empty()) {
        clear_highlight();
        return;
    }
    if (in_group_) {
        const Entry& e = entries_[entry_];
        if (++member_ >= e.count) {
            member_ = 0;
            // Step scan: past the last key the row is offered again; auto-scan
            // gives the row a second round first.
            if (!automatic || ++group_cycles_ >= scan_group_cycles) {
                in_group_ = false;
                group_cycles_ = 0;
            }
        }
        show(now_ms);
        return;
    }
    if (++entry_ >= entries_.size()) {
        entry_ = 0;
        ++cycles_;
        if (automatic && cycles_ >= timing_.cycles) {
            paused_ = true;
            clear_highlight();
            return;
        }
    }
    show(now_ms);
}

std::optional<std::string> SwitchScanner::select(std::int64_t now_ms) {
    if (mode_ == ScanMode::off)
        return std::nullopt;
    cycles_ = 0;
    if (paused_ || !active_) {
        // A press on a paused (or not yet started) scan only wakes it: the
        // person has not seen a highlight to choose.
        restart(now_ms);
        return std::nullopt;
    }
    const Entry& e = entries_[entry_];
    if (in_group_) {
        std::string id = items_[e.first + member_].id;
        // Back to the row: the next key is most often in the same row or near it.
        in_group_ = false;
        group_cycles_ = 0;
        show(now_ms);
        return id;
    }
    if (!e.group.empty()) {
        in_group_ = true;
        member_ = 0;
        group_cycles_ = 0;
        show(now_ms);
        return std::nullopt;
    }
    std::string id = items_[e.first].id;
    show(now_ms); // stays on the chosen item for a whole interval
    return id;
}

void SwitchScanner::move(std::int64_t now_ms) {
    if (mode_ != ScanMode::two_switch)
        return;
    cycles_ = 0;
    if (paused_ || !active_) {
        restart(now_ms);
        return;
    }
    step(now_ms, false);
}

bool SwitchScanner::tick(std::int64_t now_ms) {
    if (mode_ != ScanMode::one_switch || !active_ || paused_ || now_ms < next_step_ms_)
        return false;
    step(now_ms, true);
    return true;
}

void SwitchScanner::hold_until(std::int64_t until_ms) {
    next_step_ms_ = std::max(next_step_ms_, until_ms);
}

std::optional<std::int64_t> SwitchScanner::next_step_ms() const {
    if (mode_ != ScanMode::one_switch || !active_ || paused_)
        return std::nullopt;
    return next_step_ms_;
}

} // namespace engage::kiosk
