#include "kiosk/screens/kiosk_ui.hpp"

#include "kiosk/screens/screens.hpp"
#include "kiosk/widgets/theme.hpp"

#include <algorithm>
#include <imgui.h>

namespace engage::kiosk {

namespace {

bool has_top_bar(Screen s) {
    return s != Screen::staff_pin && s != Screen::staff;
}

std::string screen_key(const FlowState& st) {
    return std::string(to_string(st.screen)) + "|" + st.form_slug + "|" +
           std::to_string(st.question_index) + "|" + st.settings.language;
}

void draw_screen(ScreenContext& ctx, Screen screen) {
    switch (screen) {
    case Screen::attract:
        draw_attract_screen(ctx);
        break;
    case Screen::language:
        draw_language_screen(ctx);
        break;
    case Screen::home:
        draw_home_screen(ctx);
        break;
    case Screen::poll_list:
        draw_form_list_screen(ctx, FormKind::poll);
        break;
    case Screen::feedback_list:
        draw_form_list_screen(ctx, FormKind::feedback);
        break;
    case Screen::form_intro:
        draw_form_intro_screen(ctx);
        break;
    case Screen::question:
        draw_question_screen(ctx);
        break;
    case Screen::review:
        draw_review_screen(ctx);
        break;
    case Screen::signup_consent:
        draw_consent_screen(ctx);
        break;
    case Screen::signup_unavailable:
        draw_signup_unavailable_screen(ctx);
        break;
    case Screen::thank_you:
        draw_thank_you_screen(ctx);
        break;
    case Screen::help_now:
        draw_help_now_screen(ctx);
        break;
    case Screen::about:
        draw_about_screen(ctx);
        break;
    case Screen::still_there:
        draw_still_there_screen(ctx);
        break;
    case Screen::staff_pin:
        draw_staff_pin_screen(ctx);
        break;
    case Screen::staff:
        draw_staff_screen(ctx);
        break;
    case Screen::closed:
        draw_closed_screen(ctx);
        break;
    }
}

} // namespace

float KioskUi::wanted_text_px(const Flow& flow, float width, float height, float dpi) const {
    return metrics_for(width, height, dpi, flow.state().settings.text_size_step).text_px;
}

bool KioskUi::in_staff_corner(float x, float y) const {
    const ImGuiIO& io = ImGui::GetIO();
    const float left = last_rtl_ ? io.DisplaySize.x - corner_ : 0.0f;
    return x >= left && x < left + corner_ && y >= 0 && y < corner_;
}

std::optional<std::int64_t> KioskUi::next_animation(const Flow& flow, std::int64_t now_ms) const {
    if (flow.state().screen != Screen::attract)
        return std::nullopt;
    // The greeting changes every period and fades in over its first part.
    const std::int64_t phase = now_ms % kGreetingPeriodMs;
    if (phase < kGreetingFadeMs)
        return now_ms - phase + (phase / kGreetingFadeStepMs + 1) * kGreetingFadeStepMs;
    return now_ms - phase + kGreetingPeriodMs;
}

std::string KioskUi::screen_words() const {
    std::string text;
    for (const auto& s : spoken_) {
        if (!text.empty())
            text += "\n";
        text += s;
    }
    return text;
}

void KioskUi::forget_visit() {
    memory_.wipe();
    for (auto& s : spoken_)
        wipe_string(s);
    // Also the storage of strings cleared in earlier frames: short ones keep
    // their characters inline, in the vector's own buffer.
    std::vector<std::string>().swap(spoken_);
    spoken_english_.clear();
}

bool KioskUi::has_voice(std::string_view language) const {
    return !voices_ || std::find(voices_->begin(), voices_->end(), language) != voices_->end();
}

void speak_frame(const FrameOutput& out, Speaker& speaker) {
    if (out.stop_speech)
        speaker.stop();
    if (!out.say_parts.empty()) {
        speaker.set_enabled(true);
        speaker.say(out.say_parts);
    }
}

FrameOutput KioskUi::frame(Flow& flow, const FrameInput& in) {
    FrameOutput out;
    const FlowState& st = flow.state();
    const Metrics m = metrics_for(in.width, in.height, in.dpi_scale, st.settings.text_size_step);
    const std::string language = st.settings.language;

    UiFrame ui;
    ui.theme = &theme_for(st.settings.high_contrast);
    ui.m = m;
    ui.fonts = fonts_;
    ui.rtl = cat_.is_rtl(language);
    ui.language = language;
    ui.registry = &registry_;
    ui.focus = &focus_;
    ui.spoken = &spoken_;
    ui.spoken_in_english = &spoken_english_;
    corner_ = m.bar_height;

    last_rtl_ = ui.rtl;
    // A new screen (or question, or language) starts with no keyboard focus.
    const std::string key = screen_key(st);
    const bool new_screen = key != last_screen_key_;
    last_screen_key_ = key;
    if (new_screen) {
        focus_.reset();
        memory_.confirm_start_again = false; // a question about the screen that went
    }

    apply_theme(*ui.theme, m, ImGui::GetStyle());
    registry_.clear();
    for (auto& s : spoken_)
        wipe_string(s); // never a stale copy of a screen's text in the buffer
    spoken_.clear();
    spoken_english_.clear();
    focus_.begin_frame();

    Intents intents;
    ScreenContext ctx{ui, flow, cat_, intents, memory_};
    ctx.now_ms = in.now_ms;
    ctx.status = in.status;
    ctx.speaking = in.speaking;
    ctx.voice = has_voice(language);
    ctx.typed = in.typed_text;

    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(in.width, in.height));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::Begin("##kiosk", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
                     ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoNav);
    ImGui::PopStyleVar();

    const bool bar = has_top_bar(st.screen);
    // A narrow (portrait) screen has no room for the whole bar on one row.
    const bool compact_bar = st.screen == Screen::attract;
    const float bar_rows = !compact_bar && in.width < 1100.0f * m.unit ? 2.0f : 1.0f;
    const float bar_h = bar ? m.bar_height * bar_rows : 0.0f;
    ctx.area_min = ImVec2(0, bar_h);
    ctx.area_size = ImVec2(in.width, in.height - bar_h);

    if (bar && memory_.confirm_start_again) {
        draw_start_again_screen(ctx);
    } else {
        draw_screen(ctx, st.screen);
    }
    if (bar) {
        // The bar is not part of what Read aloud reads.
        ui.spoken = nullptr;
        draw_top_bar(ctx, ImVec2(0, 0), ImVec2(in.width, bar_h), compact_bar);
        ui.spoken = &spoken_;
    }
    ImGui::End();
    focus_.end_frame(registry_);

    // [Intents → flow] after drawing, never during it.
    for (auto& action : intents.flow)
        action(flow, in.now_ms);
    out.changed = !intents.flow.empty();

    // [Hidden long press → staff PIN]
    if (!in.pointer_down) {
        staff_hold_fired_ = false;
    } else if (!staff_hold_fired_ && in.pointer_held_ms >= kStaffHoldMs &&
               in_staff_corner(in.pointer_x, in.pointer_y) && st.screen != Screen::staff &&
               st.screen != Screen::staff_pin) {
        staff_hold_fired_ = true;
        memory_.pin.clear();
        flow.staff_requested(in.now_ms);
        out.changed = true;
    }

    // [Visit ended → forget UI memory of it]
    if (st.visit_serial != last_visit_serial_) {
        last_visit_serial_ = st.visit_serial;
        memory_.wipe();
        out.stop_speech = true;
    }

    // [Speech] automatic reading on a new screen when speech is on; Read aloud on request.
    std::string text = screen_words();
    if (intents.stop_reading)
        out.stop_speech = true;
    if ((intents.read_aloud || (new_screen && st.settings.speech)) && !text.empty()) {
        out.say = text;
        out.say_language = language;
        // Runs of lines in one voice: the person's, or English for content
        // shown "in English".
        for (std::size_t i = 0; i < spoken_.size(); ++i) {
            const bool english = std::find(spoken_english_.begin(), spoken_english_.end(), i) !=
                                 spoken_english_.end();
            const std::string& voice = english ? std::string(kFallbackLanguage) : language;
            if (out.say_parts.empty() || out.say_parts.back().language != voice)
                out.say_parts.push_back({"", voice});
            auto& part = out.say_parts.back().text;
            if (!part.empty())
                part += "\n";
            part += spoken_[i];
        }
    }
    if (focus_.key_used() || intents.redraw)
        out.redraw = true;
    return out;
}

} // namespace engage::kiosk
