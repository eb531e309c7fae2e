#pragma once
// One function per screen (one file each, named after the screen). Each
// draws the flow's state into the content area and queues intents.

#include "kiosk/screens/screen_context.hpp"

namespace engage::kiosk {

void draw_attract_screen(ScreenContext& ctx);
void draw_language_screen(ScreenContext& ctx);
void draw_home_screen(ScreenContext& ctx);
// poll_list (kind poll) and feedback_list (kind feedback).
void draw_form_list_screen(ScreenContext& ctx, FormKind kind);
void draw_form_intro_screen(ScreenContext& ctx);
void draw_question_screen(ScreenContext& ctx);
void draw_review_screen(ScreenContext& ctx);
void draw_consent_screen(ScreenContext& ctx);
void draw_signup_unavailable_screen(ScreenContext& ctx);
void draw_thank_you_screen(ScreenContext& ctx);
void draw_help_now_screen(ScreenContext& ctx);
void draw_about_screen(ScreenContext& ctx);
void draw_still_there_screen(ScreenContext& ctx);
void draw_staff_pin_screen(ScreenContext& ctx);
void draw_staff_screen(ScreenContext& ctx);
void draw_closed_screen(ScreenContext& ctx);
// "Start again?" in place of the screen after the bar's Start again.
void draw_start_again_screen(ScreenContext& ctx);

// Which buttons the persistent bar shows.
enum class BarSet {
    full,    // Start again, language, text size, contrast, Easy words, speech,
             // switch scanning, Read aloud, Help now
    compact, // the attract screen: language and Help now
    // A text question while its keys are up: Start again, text size,
    // Settings (puts the keys away, and the whole bar comes back), Read
    // aloud and Help now, on one row, so the question and its box keep
    // their room above the keys (the rest waits until the keys are away).
    typing,
};
// The bar set for the screen being drawn (the flow's state and screen memory).
BarSet bar_set_for(const ScreenContext& ctx);
void draw_top_bar(ScreenContext& ctx, ImVec2 min, ImVec2 size, BarSet set);
// The bar's height for a window `width` wide: one row of m.bar_height when
// every button's words fit beside the staff corner, more when they do not.
float top_bar_height(ScreenContext& ctx, float width, BarSet set);

// Milliseconds between greetings on the attract screen (slow, never flashing).
inline constexpr std::int64_t kGreetingPeriodMs = 5000;
inline constexpr std::int64_t kGreetingFadeMs = 400;
// A few steps are enough for a gentle fade and keep an idle kiosk's CPU low.
inline constexpr std::int64_t kGreetingFadeStepMs = 100;

} // namespace engage::kiosk
