#pragma once
// The whole kiosk visit as a state machine (DESIGN §2, §7): screens only draw
// `state()` and call the event methods below; the flow never draws, never
// does I/O and never reads a clock. Time comes in as steady milliseconds
// (`now_ms`, any monotonic origin) on every event, so tests drive it exactly.
//
// Work the flow cannot do itself (writing the outbox, syncing, exiting) is
// queued as an Effect; the runtime takes and carries them out after each
// frame (KioskRuntime::apply_effects).
//
// Speech: the app handles "Read aloud" itself (it owns the UI catalogue and
// the Speaker); the flow only says whether speech is on for this visit
// (`state().settings.speech`) and emits StopSpeech when a visit is wiped, so
// nothing of one person's visit is still being read out to the next.
//
// Not thread-safe: owned and used by the UI thread only.

#include "engage/content.hpp"
#include "engage/date.hpp"
#include "engage/form.hpp"
#include "engage/submission.hpp"
#include "kiosk/flow/text_size.hpp"
#include "kiosk/input/scan_mode.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace engage::kiosk {

enum class Screen {
    attract,            // "Touch to start", cycling greetings; no visit in progress
    language,           // pick a language (native names); returns where it was opened from
    home,               // tiles: feedback, have your say (polls), peer mentoring, help now
    poll_list,          // more than one poll open here today: pick one
    feedback_list,      // more than one feedback form open here today: pick one
    form_intro,         // the form's intro text (only when the form has one) + reassurance
    question,           // one question, "n of m", Back / Skip / Next
    review,             // every answer with "change this answer", then Send
    signup_consent,     // plain-language consent for a sign-up; "Agree and send" / "No thanks"
    signup_unavailable, // no coordinator key or no sign-up form: "not available today" + help now
    thank_you,          // thanks + "you said, we did"; returns to attract by itself
    help_now,           // the help directory; reachable from anywhere, returns where you were
    about,              // "About your answers": the privacy notice; returns where it was opened
    still_there,        // "Are you still there?" with a visible countdown to the wipe
    staff_pin,          // PIN entry after the hidden long press
    staff,              // staff mode: status, Sync now, re-enrol, exit
    closed,             // outside the site's opening hours: when it opens next, Help now
};

std::string_view to_string(Screen s);

// Settings a person may change at any time; kept for this visit only and
// reset when the visit is wiped.
struct VisitSettings {
    int text_size_step = 0;            // 0 = normal .. max_text_size_step = largest
    bool high_contrast = false;        // high-contrast theme
    bool speech = false;               // read screens aloud
    bool easy_read = false;            // prefer the easy-read wording where content has it
    std::string language{"en"};        // UI and content language (code, e.g. "pl")
    ScanMode scanning = ScanMode::off; // switch scanning (kiosk/input/switch_scanner.hpp)
    bool operator==(const VisitSettings&) const = default;
};

// Flow settings that are not in the content bundle (content settings give
// the inactivity and countdown seconds).
struct FlowConfig {
    int thank_you_seconds = 45; // thank-you → attract after this (time to read "you said, we did")
    int staff_idle_seconds = 60;        // PIN screen / staff mode leave after this idle time
    std::string default_language{"en"}; // language a visit starts in
    int default_text_size_step = 0;     // text size a visit starts at (the device profile's)
    ScanMode default_scanning =
        ScanMode::off;              // scanning a visit starts with (kiosk.conf scan_mode)
    bool default_easy_read = false; // Easy words a visit starts with (kiosk.conf easy_words)
};

// Effects the runtime carries out (see KioskRuntime::apply_effects).
struct QueueSubmission {
    Submission submission; // complete; sign-ups already sealed (no plaintext anywhere)
};
struct SyncNow {}; // staff pressed Sync now
struct Reenrol {   // staff asked to re-enrol with a new one-time code
    std::string code;
};
struct ExitApp {}; // staff chose Exit
// Staff pressed OK on the PIN pad: check `pin` against `hash` off the UI
// thread (argon2id takes a noticeable moment) and answer with
// Flow::staff_pin_checked. The app wipes `pin` once checked.
struct CheckStaffPin {
    std::string pin;
    std::string hash;
};
struct StopSpeech {}; // the visit was wiped: stop reading anything aloud
// A visit's answers are gone (sent, start again or wiped): the app wipes
// every copy of what was typed that it keeps (display caches, UI buffers).
struct VisitEnded {};

// The kiosk's local wall-clock time as the flow needs it for opening hours
// (DESIGN §6: it is never written anywhere). Weekday 0 = Monday.
struct LocalTime {
    int weekday = 0; // 0 = Monday .. 6 = Sunday
    int minutes = 0; // after midnight, 0..1439
    int seconds = 0; // into the minute, 0..59
    bool operator==(const LocalTime&) const = default;
};
using Effect =
    std::variant<QueueSubmission, SyncNow, Reenrol, ExitApp, StopSpeech, VisitEnded, CheckStaffPin>;

// What the screens draw. Everything a visit holds lives here and is wiped at once.
struct FlowState {
    Screen screen = Screen::attract; // what to draw now
    // Where help_now / language / still_there return to (top = back()); help
    // opened from the language screen returns there, which returns further.
    std::vector<Screen> return_stack;
    VisitSettings settings; // this visit's text size, contrast, speech, language

    std::string form_slug;             // form being answered; empty when none
    std::size_t question_index = 0;    // index into the form's questions (question screen)
    Answers answers;                   // the visit's answers so far; skipped = absent
    bool changing_from_review = false; // Next/Back go back to review (change-this-answer)

    // still_there: the wipe happens at this steady time (ms); countdown shown from it.
    std::int64_t wipe_at_ms = 0;
    // "I need more time" was pressed on still_there: the pause before it
    // asks again is doubled for the rest of the visit.
    bool more_time = false;
    bool staff_pin_wrong = false;    // last PIN entered was wrong: show a gentle message
    bool staff_pin_locked = false;   // too many wrong PINs: entry refused for a while
    bool staff_pin_checking = false; // a PIN is being checked: show "checking…", keys wait
    std::string last_sent_form;      // slug of the form just sent (thank-you screen); else empty
    std::uint64_t visit_serial = 0;  // increments whenever a visit ends
};

class Flow {
public:
    // `content` may be null (nothing cached yet: only help-less home and attract work).
    // `staff_pin_hash` is the argon2id hash from the config; empty = staff mode disabled.
    Flow(std::shared_ptr<const ContentBundle> content, std::string staff_pin_hash, Date today,
         FlowConfig config = {});

    // [Read] --------------------------------------------------------------
    const FlowState& state() const { return state_; }
    const ContentBundle* content() const { return content_.get(); } // may be null
    const FormVersion* current_form() const;  // the form being answered, or null
    const Question* current_question() const; // on the question screen, else null
    std::size_t question_count() const;       // of the current form (the "m" of "n of m")
    const Answer* answer_for(std::string_view question_id) const; // null when unanswered
    const FormVersion* feedback_form() const; // first open feedback form, or null
    // Forms of each kind open at this site today, in the bundle's order (the
    // order the chooser screens list them in).
    std::vector<const FormVersion*> open_feedback_forms() const;
    std::vector<const FormVersion*> open_polls() const;
    const FormVersion* signup_form() const;     // the open "peer-mentoring" sign-up form, or null
    bool signup_available() const;              // a sign-up form and a coordinator key exist
    std::vector<std::string> languages() const; // from content settings, "en" at least
    bool staff_mode_available() const { return !staff_pin_hash_.empty(); } // a PIN is set
    // Whole seconds left on the still-there countdown (0 when not counting down).
    int countdown_seconds_left(std::int64_t now_ms) const;
    // When tick() must next be called (steady ms), or nullopt when no timer runs.
    // During the countdown this is the next whole-second change so the number redraws.
    std::optional<std::int64_t> next_deadline() const;
    Date today() const { return today_; }
    // The site's name and hours from the bundle, or null (unnamed, always open).
    const SiteInfo* site_info() const;
    // True when the bundle has hours and they say closed at the last local time given.
    bool closed_now() const;
    // When the site opens next, seen from the last local time given (nullopt
    // when always open, never open, or no hours).
    std::optional<NextOpening> next_opening() const;

    // [Time] --------------------------------------------------------------
    // Advances timers: inactivity → still_there → wipe; thank-you → attract.
    void tick(std::int64_t now_ms);
    // Any touch or key the app saw, even one that changed nothing: resets inactivity.
    void note_activity(std::int64_t now_ms);
    void set_today(Date today) { today_ = today; }
    // The local time now, given after every frame. Outside opening hours the
    // attract screen becomes the closed screen, and back when it opens; a
    // visit in progress is never cut off (it ends or times out as usual,
    // then the kiosk shows closed). Returns true when the screen changed.
    // Also sets when next_deadline() wakes the kiosk for the next change.
    bool set_local_time(LocalTime t, std::int64_t now_ms);

    // [Visit] -------------------------------------------------------------
    void start(std::int64_t now_ms);         // attract: touch → language (or home)
    void open_language(std::int64_t now_ms); // from anywhere: the language screen
    void choose_language(std::string_view code, std::int64_t now_ms); // set + return/go home
    void go_home(std::int64_t now_ms);       // → home; an unsent form's answers are dropped
    void open_feedback(std::int64_t now_ms); // one feedback form → it; several → feedback_list
    void open_polls_tile(std::int64_t now_ms); // one poll → it; several → poll_list
    void open_form(std::string_view slug, std::int64_t now_ms); // any open form by slug
    void open_signup(std::int64_t now_ms);     // → sign-up form or signup_unavailable
    void begin_questions(std::int64_t now_ms); // form_intro → first question

    // Answers to the current question (ignored when the type does not match).
    void choose(std::string_view option_id,
                std::int64_t now_ms); // choice: select (tap again keeps)
    void toggle(std::string_view option_id, std::int64_t now_ms); // multi: add/remove
    void set_scale(int value, std::int64_t now_ms);               // scale: 1..5
    void set_yes_no(bool value, std::int64_t now_ms);             // yesno
    void set_text(std::string_view text,
                  std::int64_t now_ms);     // text: empty = unanswered;
                                            // cut to max_length bytes (UTF-8 safe)
    void clear_answer(std::int64_t now_ms); // unanswer the current question

    void next(std::int64_t now_ms); // keep answer, go on (last question → review)
    void skip(std::int64_t now_ms); // drop this answer, go on
    // Previous question / intro; from a form's first screen to the chooser it
    // was picked on (feedback_list, poll_list) when that still offers several,
    // else home; review → last question.
    void back(std::int64_t now_ms);
    void change_answer(std::size_t question_index, std::int64_t now_ms); // review → that question
    // review → Send. Feedback/poll: free text redacted, queue + thank_you.
    // Sign-up: → signup_consent.
    void send(std::int64_t now_ms);
    // signup_consent → seal the answers with the coordinators' key, queue, thank_you.
    void consent_and_send(std::int64_t now_ms);
    void decline_consent(std::int64_t now_ms); // signup_consent → answers wiped, home
    void finish(std::int64_t now_ms);          // thank_you → attract ("Done")
    void start_again(std::int64_t now_ms);     // wipe everything at once → attract
    void open_help(std::int64_t now_ms);       // from anywhere → help_now
    void close_help(std::int64_t now_ms);      // help_now → where it was opened
    void open_about(std::int64_t now_ms);      // home → about ("About your answers")
    void close_about(std::int64_t now_ms);     // about → where it was opened
    void still_here(std::int64_t now_ms);      // still_there → resume where it was
    void need_more_time(std::int64_t now_ms);  // still_here, and a doubled pause from now on
    // The pause before "Are you still there?": the content's, doubled when
    // speech or switch scanning is on (listening and scanning take longer) or
    // the person asked for more time.
    std::int64_t inactivity_ms() const;

    // [Settings] (any screen, this visit only) -----------------------------
    void set_text_size_step(int step, std::int64_t now_ms); // clamped to 0..max_text_size_step
    void set_high_contrast(bool on, std::int64_t now_ms);
    void set_speech(bool on, std::int64_t now_ms);
    void set_easy_read(bool on, std::int64_t now_ms);
    // Switch scanning for this visit (the top bar's toggle, or a switch pressed
    // on the attract screen); a new visit starts with FlowConfig::default_scanning.
    void set_scanning(ScanMode mode, std::int64_t now_ms);
    // The scanning a switch press on the attract screen turns on: the staff
    // default, or one-switch auto-scan when that is off (any switch can select).
    ScanMode switch_start_mode() const;

    // [Staff] ---------------------------------------------------------------
    void staff_requested(std::int64_t now_ms); // hidden long press → staff_pin
    // OK on the PIN pad: queues CheckStaffPin and shows "checking…" (ignored while
    // locked, while a check runs, or with no PIN set).
    void submit_staff_pin(std::string_view pin, std::int64_t now_ms);
    // The answer to CheckStaffPin: right → staff; wrong → stays, with a gentle message.
    void staff_pin_checked(bool right, std::int64_t now_ms);
    // Whether PIN entry is refused now (StaffPinLockout decides; kept across restarts).
    void set_staff_pin_locked(bool locked);
    void staff_sync_now(std::int64_t now_ms);                       // effect SyncNow
    void staff_reenrol(std::string_view code, std::int64_t now_ms); // effect Reenrol
    void staff_exit_app(std::int64_t now_ms);                       // effect ExitApp
    void leave_staff(std::int64_t now_ms);                          // staff/staff_pin → attract

    // [Content] ---------------------------------------------------------------
    // A new bundle from sync. Taken at once when no visit is in progress
    // (attract), otherwise held and taken when the visit ends.
    void offer_content(std::shared_ptr<const ContentBundle> content);
    void set_staff_pin_hash(std::string hash) { staff_pin_hash_ = std::move(hash); }

    // [Effects] ---------------------------------------------------------------
    std::vector<Effect> take_effects(); // moves out what was queued since the last call

private:
    // Leaves `screen` (help now, about) for where it was opened, or home.
    void return_from(Screen screen);
    void wipe(std::int64_t now_ms); // drop the visit (answers, settings) and go to attract
    void enter_form(const FormVersion& form, std::int64_t now_ms);
    std::vector<const FormVersion*> open_forms(FormKind kind) const;
    // Leaves the current form from its first screen: its answers are dropped.
    void leave_form(std::int64_t now_ms);
    void touch(std::int64_t now_ms);
    bool set_current_answer(Answer a);
    Submission make_submission(const FormVersion& form) const;
    bool is_visit_screen(Screen s) const;
    // attract <-> closed by the site's hours at local_time_.
    bool apply_opening_hours();
    // Someone changed the text size, contrast, speech or language on the
    // closed screen (reset after the inactivity pause).
    bool closed_screen_settings_changed() const;

    std::shared_ptr<const ContentBundle> content_;
    std::shared_ptr<const ContentBundle> pending_content_;
    std::string staff_pin_hash_;
    Date today_;
    FlowConfig config_;
    FlowState state_;
    std::int64_t last_activity_ms_ = 0;
    std::int64_t thank_you_until_ms_ = 0;
    std::int64_t last_now_ms_ = 0;                // latest time seen, for next_deadline()
    std::optional<LocalTime> local_time_;         // none until the runtime gives one
    std::optional<std::int64_t> hours_change_ms_; // steady ms when open/closed next changes
    std::vector<Effect> effects_;
};

} // namespace engage::kiosk
