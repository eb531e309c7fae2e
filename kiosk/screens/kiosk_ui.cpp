#include "kiosk/screens/kiosk_ui.hpp"

#include "kiosk/screens/screens.hpp"
#include "kiosk/widgets/theme.hpp"

#include <algorithm>
#include <cmath>
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

// Screens a switch user scans: every screen of a visit. Not the attract or
// closed screen (a switch press there starts a visit) nor staff mode.
bool scanned_screen(Screen s) {
    return s != Screen::attract && s != Screen::closed && s != Screen::staff_pin &&
           s != Screen::staff;
}

// What the scan can reach, in drawing order. On-screen keys (letters,
// picker, number pad) are grouped by the row the keyboard gives each one
// (WidgetEntry::row; it registers them row by row), the top bar's settings as
// one group, unless a widget names its own group.
std::vector<ScanItem> scan_items(const WidgetRegistry& drawn) {
    std::vector<ScanItem> items;
    for (const auto& e : drawn.entries()) {
        if (!e.enabled || !e.focusable)
            continue;
        std::string group = e.group;
        if (group.empty() && e.row >= 0) {
            group = "key.row." + std::to_string(e.row);
        } else if (group.empty() && e.id.starts_with("top.")) {
            group = "top";
        }
        items.push_back({e.id, std::move(group)});
    }
    return items;
}

// The scan highlight: thicker than the keyboard focus ring, the theme's focus
// colour between two lines of the colour furthest from the background, so it
// shows on every theme and by its shape, not its colour alone. Around the
// whole row when a row is highlighted. Drawn over everything (a neighbour
// never covers it).
void draw_scan_highlight(const UiFrame& ui, const WidgetRegistry& drawn, const ScanHighlight& h) {
    if (h.empty())
        return;
    float x0 = 1e9f, y0 = 1e9f, x1 = -1e9f, y1 = -1e9f;
    for (const auto& id : h.ids) {
        const auto i = drawn.index_of(id);
        if (!i)
            continue;
        const WidgetEntry& e = drawn.entries()[*i];
        if (!e.visible)
            continue;
        x0 = std::min(x0, e.rect.x);
        y0 = std::min(y0, e.rect.y);
        x1 = std::max(x1, e.rect.x + e.rect.w);
        y1 = std::max(y1, e.rect.y + e.rect.h);
    }
    if (x1 <= x0 || y1 <= y0)
        return;
    ImDrawList* dl = ImGui::GetForegroundDrawList();
    const Theme& t = *ui.theme;
    const float ring = std::max(8.0f, std::round(ui.m.focus_px * 1.6f));
    const float line = std::max(2.0f, std::round(ring * 0.3f));
    const bool light = t.background.r + t.background.g + t.background.b > 1.5f;
    const ImU32 edge = to_u32(light ? rgb(0x000000) : rgb(0xFFFFFF));
    const float r = ui.m.rounding;
    // Outer edge, the thick ring, inner edge (inside the widget's own border).
    const float out = ring + line;
    dl->AddRect(ImVec2(x0 - out, y0 - out), ImVec2(x1 + out, y1 + out), edge, r + out, 0,
                line * 2.0f);
    dl->AddRect(ImVec2(x0 - ring * 0.5f - line * 0.5f, y0 - ring * 0.5f - line * 0.5f),
                ImVec2(x1 + ring * 0.5f + line * 0.5f, y1 + ring * 0.5f + line * 0.5f),
                to_u32(t.focus), r + ring * 0.5f, 0, ring);
    dl->AddRect(ImVec2(x0 + line * 0.5f, y0 + line * 0.5f),
                ImVec2(x1 - line * 0.5f, y1 - line * 0.5f), edge, r, 0, line);
}

} // namespace

float KioskUi::wanted_text_px(const Flow& flow, float width, float height, float dpi) const {
    return metrics_for(width, height, dpi, flow.state().settings.text_size_step).text_px;
}

float KioskUi::wanted_bar_px(const Flow& flow, float width, float height, float dpi) const {
    return metrics_for(width, height, dpi, flow.state().settings.text_size_step).bar_text_px;
}

bool KioskUi::in_staff_corner(float x, float y) const {
    const ImGuiIO& io = ImGui::GetIO();
    const float left = last_rtl_ ? io.DisplaySize.x - corner_ : 0.0f;
    return x >= left && x < left + corner_ && y >= 0 && y < corner_;
}

std::optional<std::int64_t> KioskUi::next_animation(const Flow& flow, std::int64_t now_ms) const {
    if (flow.state().screen != Screen::attract) {
        // The auto-scan's next step (a paused or two-switch scan waits for a press).
        if (scanned_screen(flow.state().screen) && flow.state().settings.scanning != ScanMode::off)
            return scanner_.next_step_ms();
        return std::nullopt;
    }
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
        memory_.keys_away_for.clear();       // each text question opens with its keys up
    }

    apply_theme(*ui.theme, m, ImGui::GetStyle());
    registry_.clear();
    for (auto& s : spoken_)
        wipe_string(s); // never a stale copy of a screen's text in the buffer
    spoken_.clear();
    spoken_english_.clear();
    const ScanMode scan_mode = scanned_screen(st.screen) ? st.settings.scanning : ScanMode::off;
    focus_.begin_frame(scan_mode != ScanMode::off);

    // [Switch scanning] Presses act on the highlight as last drawn (what the
    // person saw), before time moves it on.
    scanner_.set_mode(scan_mode, in.now_ms);
    if (new_screen) {
        // The last screen's items are gone: the scan starts at this one's first.
        scanner_.set_items({}, in.now_ms);
        scanner_.restart(in.now_ms);
    }
    if (scan_mode != ScanMode::off) {
        std::optional<std::string> chosen;
        bool pressed = false;
        if (scan_mode == ScanMode::one_switch && (focus_.switch_one() || focus_.switch_two())) {
            chosen = scanner_.select(in.now_ms);
            pressed = true;
        } else if (scan_mode == ScanMode::two_switch) {
            if (focus_.switch_one())
                scanner_.move(in.now_ms);
            if (focus_.switch_two())
                chosen = scanner_.select(in.now_ms);
            pressed = focus_.switch_one() || focus_.switch_two();
        }
        if (chosen)
            focus_.press(*chosen);
        // While something is read aloud the highlight waits: the person hears
        // the item (or the new screen) out before the scan moves on.
        if (in.speaking)
            scanner_.hold_until(in.now_ms + scanner_.timing().interval_ms);
        if (!pressed)
            scanner_.tick(in.now_ms);
        const ScanHighlight& h = scanner_.highlight();
        if (h.group.empty())
            focus_.scan_focus(h.ids.empty() ? std::string_view{} : std::string_view(h.ids.front()));
        else
            focus_.scan_focus({}, h.ids);
    }

    Intents intents;
    // A switch pressed on the attract screen starts a visit in scanning mode,
    // so nobody needs touch to turn it on (Tab first, then Return, is a
    // keyboard user's start instead: it presses the focused button).
    if (st.screen == Screen::attract && !focus_.has_focus() &&
        (focus_.switch_one() || focus_.switch_two())) {
        intents.act([](Flow& f, std::int64_t now) {
            f.set_scanning(f.switch_start_mode(), now);
            f.start(now);
        });
    }
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
    // The bar takes as many rows as its words need in this language.
    const BarSet bar_set = bar_set_for(ctx);
    const float bar_h = bar ? top_bar_height(ctx, in.width, bar_set) : 0.0f;
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
        draw_top_bar(ctx, ImVec2(0, 0), ImVec2(in.width, bar_h), bar_set);
        ui.spoken = &spoken_;
    }
    ImGui::End();
    focus_.end_frame(registry_);
    if (scan_mode != ScanMode::off) {
        // What this frame drew is what the scan reaches from now on.
        if (scanner_.set_items(scan_items(registry_), in.now_ms))
            out.redraw = true;
        draw_scan_highlight(ui, registry_, scanner_.highlight());
    }

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
    // [Scan speech] With speech on, each item's label as the highlight reaches
    // it (a row: its keys; the top bar: its name); never a typed text (the
    // text box is not a scan target, and labels are the form's words).
    const ScanHighlight& h = scanner_.highlight();
    if (scan_mode == ScanMode::off || new_screen || out.say) {
        spoken_highlight_ = h; // nothing scanned, or the whole screen is read
    } else if (h != spoken_highlight_) {
        spoken_highlight_ = h;
        if (st.settings.speech && ctx.voice && !h.empty()) {
            std::string words;
            if (h.group == "top") {
                words = cat_.text("scan.top_bar", language);
            } else {
                for (const auto& id : h.ids) {
                    const auto i = registry_.index_of(id);
                    if (!i || registry_.entries()[*i].spoken.empty())
                        continue;
                    if (!words.empty())
                        words += h.group.empty() ? ", " : " ";
                    words += registry_.entries()[*i].spoken;
                }
            }
            if (!words.empty()) {
                out.say = words;
                out.say_language = language;
                out.say_parts = {{words, language}};
            }
        }
    }
    if (focus_.key_used() || intents.redraw)
        out.redraw = true;
    return out;
}

} // namespace engage::kiosk
