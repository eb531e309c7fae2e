#include "kiosk/widgets/keyboard_focus.hpp"

#include <cmath>
#include <imgui.h>
#include <limits>
#include <optional>
#include <vector>

namespace engage::kiosk {

namespace {

bool pressed(ImGuiKey key) {
    return ImGui::IsKeyPressed(ImGui::GetKeyIndex(key), true);
}

} // namespace

void KeyboardFocus::begin_frame(bool scanning) {
    activate_.clear();
    move_ = Move::none;
    key_used_ = false;
    scanning_ = scanning;
    switch_one_ = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Space), false);
    switch_two_ = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false) ||
                  ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter), false);
    if (scanning) {
        if (switch_one_ || switch_two_)
            key_used_ = true;
        // Escape is still "Back" (a switch box's third button, a keyboard).
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)) {
            activate_ = "nav.back";
            key_used_ = true;
        }
        return;
    }
    const ImGuiIO& io = ImGui::GetIO();
    if (pressed(ImGuiKey_Tab))
        move_ = io.KeyShift ? Move::previous : Move::next;
    else if (pressed(ImGuiKey_LeftArrow))
        move_ = Move::left;
    else if (pressed(ImGuiKey_RightArrow))
        move_ = Move::right;
    else if (pressed(ImGuiKey_UpArrow))
        move_ = Move::up;
    else if (pressed(ImGuiKey_DownArrow))
        move_ = Move::down;
    const bool activate = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false) ||
                          ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter), false) ||
                          (ring_visible_ && !focused_.empty() &&
                           ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Space), false));
    if (move_ != Move::none || activate)
        key_used_ = true;
    if (activate && ring_visible_ && !focused_.empty())
        activate_ = focused_;
    // Escape is "Back" wherever a screen has one (a switch's second button).
    if (activate_.empty() && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)) {
        activate_ = "nav.back";
        key_used_ = true;
    }
    if (move_ != Move::none && !ring_visible_) {
        // The first key only shows where focus is (or starts it) so nobody
        // is surprised by an invisible jump.
        ring_visible_ = true;
        if (!focused_.empty())
            move_ = Move::none;
    }
}

void KeyboardFocus::end_frame(const WidgetRegistry& drawn) {
    if (scanning_)
        return; // the scanner moves the highlight
    // Only what can be pressed takes focus (QR codes and the like are listed
    // in the registry for tests but are not targets).
    std::vector<const WidgetEntry*> all;
    for (const auto& e : drawn.entries()) {
        if (e.enabled && e.focusable)
            all.push_back(&e);
    }
    std::optional<std::size_t> current;
    for (std::size_t i = 0; i < all.size(); ++i) {
        if (all[i]->id == focused_)
            current = i;
    }
    if (!current)
        focused_.clear();
    if (move_ == Move::none || all.empty())
        return;
    if (!current) {
        // Start at the first widget for forward moves, the last for backward.
        focused_ = move_ == Move::previous ? all.back()->id : all.front()->id;
        return;
    }
    const std::size_t i = *current;
    if (move_ == Move::next) {
        focused_ = all[(i + 1) % all.size()]->id;
        return;
    }
    if (move_ == Move::previous) {
        focused_ = all[(i + all.size() - 1) % all.size()]->id;
        return;
    }
    // Spatial move: the nearest widget whose centre lies in that direction,
    // preferring ones in line with the current one.
    const WidgetRect from = all[i]->rect;
    float best = std::numeric_limits<float>::max();
    std::size_t best_i = i;
    for (std::size_t j = 0; j < all.size(); ++j) {
        if (j == i)
            continue;
        const float dx = all[j]->rect.cx() - from.cx();
        const float dy = all[j]->rect.cy() - from.cy();
        float along = 0, across = 0;
        switch (move_) {
        case Move::left:
            along = -dx, across = dy;
            break;
        case Move::right:
            along = dx, across = dy;
            break;
        case Move::up:
            along = -dy, across = dx;
            break;
        case Move::down:
            along = dy, across = dx;
            break;
        default:
            break;
        }
        if (along <= 1.0f)
            continue;
        const float score = along + 2.0f * std::fabs(across);
        if (score < best) {
            best = score;
            best_i = j;
        }
    }
    focused_ = all[best_i]->id;
}

} // namespace engage::kiosk
