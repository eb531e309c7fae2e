#include "kiosk/flow/flow.hpp"

#include "engage/ids.hpp"
#include "engage/limits.hpp"
#include "engage/redaction.hpp"
#include "engage/sealing.hpp"
#include "engage/text.hpp"
#include "kiosk/flow/signup_sealing.hpp"

#include <algorithm>

namespace engage::kiosk {

namespace {

constexpr std::string_view signup_slug = "peer-mentoring";
// The return stack only ever holds a few screens (e.g. question → help →
// language); a bound keeps a stuck caller from growing it.
constexpr std::size_t max_return_depth = 8;

using text::cut_utf8;

bool is_blank(std::string_view text) {
    return std::all_of(text.begin(), text.end(),
                       [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

} // namespace

std::string_view to_string(Screen s) {
    switch (s) {
    case Screen::attract:
        return "attract";
    case Screen::language:
        return "language";
    case Screen::home:
        return "home";
    case Screen::poll_list:
        return "poll_list";
    case Screen::feedback_list:
        return "feedback_list";
    case Screen::form_intro:
        return "form_intro";
    case Screen::question:
        return "question";
    case Screen::review:
        return "review";
    case Screen::signup_consent:
        return "signup_consent";
    case Screen::signup_unavailable:
        return "signup_unavailable";
    case Screen::thank_you:
        return "thank_you";
    case Screen::help_now:
        return "help_now";
    case Screen::about:
        return "about";
    case Screen::still_there:
        return "still_there";
    case Screen::staff_pin:
        return "staff_pin";
    case Screen::staff:
        return "staff";
    case Screen::closed:
        return "closed";
    }
    return "unknown";
}

Flow::Flow(std::shared_ptr<const ContentBundle> content, std::string staff_pin_hash, Date today,
           FlowConfig config)
    : content_(std::move(content)), staff_pin_hash_(std::move(staff_pin_hash)), today_(today),
      config_(std::move(config)) {
    state_.settings.language = config_.default_language;
    state_.settings.text_size_step =
        std::clamp(config_.default_text_size_step, 0, max_text_size_step);
    state_.settings.scanning = config_.default_scanning;
    state_.settings.easy_read = config_.default_easy_read;
}

// [SECTION] Reading ----------------------------------------------------------

const FormVersion* Flow::current_form() const {
    if (!content_ || state_.form_slug.empty()) {
        return nullptr;
    }
    for (const auto& f : content_->forms) {
        if (f.slug == state_.form_slug) {
            return &f;
        }
    }
    return nullptr;
}

const Question* Flow::current_question() const {
    if (state_.screen != Screen::question) {
        return nullptr;
    }
    const auto* form = current_form();
    if (!form || state_.question_index >= form->questions.size()) {
        return nullptr;
    }
    return &form->questions[state_.question_index];
}

std::size_t Flow::question_count() const {
    const auto* form = current_form();
    return form ? form->questions.size() : 0;
}

const Answer* Flow::answer_for(std::string_view question_id) const {
    auto it = state_.answers.find(question_id);
    return it == state_.answers.end() ? nullptr : &it->second;
}

std::vector<const FormVersion*> Flow::open_forms(FormKind kind) const {
    std::vector<const FormVersion*> forms;
    if (!content_) {
        return forms;
    }
    for (const auto& f : content_->forms) {
        if (f.kind == kind && f.open_at(content_->site, today_)) {
            forms.push_back(&f);
        }
    }
    return forms;
}

const FormVersion* Flow::feedback_form() const {
    const auto forms = open_forms(FormKind::feedback);
    return forms.empty() ? nullptr : forms.front();
}

std::vector<const FormVersion*> Flow::open_feedback_forms() const {
    return open_forms(FormKind::feedback);
}

std::vector<const FormVersion*> Flow::open_polls() const {
    return open_forms(FormKind::poll);
}

const FormVersion* Flow::signup_form() const {
    if (!content_) {
        return nullptr;
    }
    for (const auto& f : content_->forms) {
        if (f.kind == FormKind::signup && f.slug == signup_slug &&
            f.open_at(content_->site, today_)) {
            return &f;
        }
    }
    return nullptr;
}

bool Flow::signup_available() const {
    return signup_form() != nullptr && !content_->coordinator_public_key.empty();
}

std::vector<std::string> Flow::languages() const {
    std::vector<std::string> langs;
    if (content_) {
        langs = content_->settings.languages;
    }
    if (std::find(langs.begin(), langs.end(), fallback_language) == langs.end()) {
        langs.insert(langs.begin(), std::string(fallback_language));
    }
    return langs;
}

int Flow::countdown_seconds_left(std::int64_t now_ms) const {
    if (state_.screen != Screen::still_there || now_ms >= state_.wipe_at_ms) {
        return 0;
    }
    return static_cast<int>((state_.wipe_at_ms - now_ms + 999) / 1000);
}

std::optional<std::int64_t> Flow::next_deadline() const {
    const KioskSettings defaults;
    const auto& s = content_ ? content_->settings : defaults;
    switch (state_.screen) {
    case Screen::attract:
        // Only to notice closing time (set_local_time acts on it).
        return hours_change_ms_;
    case Screen::closed: {
        // Opening time; and a text size or language someone chose here is
        // put back after the usual pause, as a visit's would be.
        if (!closed_screen_settings_changed()) {
            return hours_change_ms_;
        }
        const std::int64_t reset = last_activity_ms_ + std::int64_t{s.inactivity_seconds} * 1000;
        return hours_change_ms_ ? std::min(*hours_change_ms_, reset) : reset;
    }
    case Screen::still_there: {
        const int left = countdown_seconds_left(last_now_ms_);
        if (left <= 1) {
            return state_.wipe_at_ms;
        }
        return state_.wipe_at_ms - std::int64_t{left - 1} * 1000;
    }
    case Screen::thank_you:
        return thank_you_until_ms_;
    case Screen::staff_pin:
    case Screen::staff:
        return last_activity_ms_ + std::int64_t{config_.staff_idle_seconds} * 1000;
    default:
        return last_activity_ms_ + inactivity_ms();
    }
}

std::int64_t Flow::inactivity_ms() const {
    const KioskSettings defaults;
    const auto& s = content_ ? content_->settings : defaults;
    const std::int64_t base = std::int64_t{s.inactivity_seconds} * 1000;
    const bool slower = state_.settings.speech || state_.settings.scanning != ScanMode::off;
    return slower || state_.more_time ? 2 * base : base;
}

// [SECTION] Time -------------------------------------------------------------

void Flow::touch(std::int64_t now_ms) {
    last_activity_ms_ = now_ms;
    last_now_ms_ = std::max(last_now_ms_, now_ms);
}

void Flow::note_activity(std::int64_t now_ms) {
    touch(now_ms);
}

void Flow::tick(std::int64_t now_ms) {
    last_now_ms_ = std::max(last_now_ms_, now_ms);
    const auto deadline = next_deadline();
    if (!deadline || now_ms < *deadline) {
        return;
    }
    switch (state_.screen) {
    case Screen::attract:
        return; // the runtime's next set_local_time() switches to closed
    case Screen::closed: {
        const KioskSettings defaults;
        const auto& s = content_ ? content_->settings : defaults;
        if (closed_screen_settings_changed() &&
            now_ms >= last_activity_ms_ + std::int64_t{s.inactivity_seconds} * 1000) {
            wipe(now_ms); // back to the default settings, still closed
        }
        return; // opening: the runtime's next set_local_time() switches to attract
    }
    case Screen::still_there:
        if (now_ms >= state_.wipe_at_ms) {
            wipe(now_ms);
        }
        return;
    case Screen::thank_you:
        wipe(now_ms);
        return;
    case Screen::staff_pin:
    case Screen::staff:
        leave_staff(now_ms);
        return;
    default: {
        // Inactivity: ask before wiping, and count down visibly (DESIGN §7).
        const KioskSettings defaults;
        const auto& s = content_ ? content_->settings : defaults;
        if (state_.return_stack.size() < max_return_depth) {
            state_.return_stack.push_back(state_.screen);
        }
        state_.screen = Screen::still_there;
        state_.wipe_at_ms = now_ms + std::int64_t{s.countdown_seconds} * 1000;
        return;
    }
    }
}

// [SECTION] Visit --------------------------------------------------------------

bool Flow::is_visit_screen(Screen s) const {
    return s != Screen::attract && s != Screen::staff_pin && s != Screen::staff &&
           s != Screen::closed;
}

void Flow::wipe(std::int64_t now_ms) {
    wipe_answers(state_.answers);
    const auto serial = state_.visit_serial + 1;
    state_ = FlowState{};
    state_.settings.language = config_.default_language;
    state_.settings.text_size_step =
        std::clamp(config_.default_text_size_step, 0, max_text_size_step);
    state_.settings.scanning = config_.default_scanning;
    state_.settings.easy_read = config_.default_easy_read;
    state_.visit_serial = serial;
    thank_you_until_ms_ = 0;
    if (pending_content_) {
        content_ = std::move(pending_content_);
        pending_content_.reset();
    }
    effects_.emplace_back(StopSpeech{});
    effects_.emplace_back(VisitEnded{});
    touch(now_ms);
    apply_opening_hours(); // a visit that ran past closing time ends on the closed screen
}

void Flow::start(std::int64_t now_ms) {
    touch(now_ms);
    if (state_.screen != Screen::attract) {
        return;
    }
    state_.return_stack.clear();
    state_.screen = languages().size() > 1 ? Screen::language : Screen::home;
}

void Flow::open_language(std::int64_t now_ms) {
    touch(now_ms);
    if (state_.screen == Screen::language || state_.screen == Screen::still_there) {
        return;
    }
    if (state_.return_stack.size() < max_return_depth) {
        state_.return_stack.push_back(state_.screen);
    }
    state_.screen = Screen::language;
}

void Flow::choose_language(std::string_view code, std::int64_t now_ms) {
    touch(now_ms);
    if (code.empty() || code.size() > limits::max_id_bytes) {
        return;
    }
    state_.settings.language = std::string(code);
    if (state_.screen == Screen::attract) {
        // The script's `language CODE` (or a language chosen on the attract
        // screen) starts the visit in that language.
        state_.screen = Screen::home;
        return;
    }
    if (state_.screen != Screen::language) {
        return;
    }
    if (state_.return_stack.empty() || state_.return_stack.back() == Screen::attract) {
        // The first choice of a visit (also when picked from the attract
        // screen's Language button): the visit starts in that language.
        state_.return_stack.clear();
        state_.screen = Screen::home;
        return;
    }
    state_.screen = state_.return_stack.back();
    state_.return_stack.pop_back();
}

void Flow::go_home(std::int64_t now_ms) {
    touch(now_ms);
    if (!is_visit_screen(state_.screen)) {
        return;
    }
    wipe_answers(state_.answers);
    state_.form_slug.clear();
    state_.question_index = 0;
    state_.changing_from_review = false;
    state_.return_stack.clear();
    state_.screen = Screen::home;
}

void Flow::enter_form(const FormVersion& form, std::int64_t now_ms) {
    touch(now_ms);
    wipe_answers(state_.answers);
    state_.return_stack.clear();
    state_.form_slug = form.slug;
    state_.question_index = 0;
    state_.changing_from_review = false;
    if (form.kind == FormKind::signup && !signup_available()) {
        state_.form_slug.clear();
        state_.screen = Screen::signup_unavailable;
        return;
    }
    if (!form.intro.empty()) {
        state_.screen = Screen::form_intro;
    } else if (form.questions.empty()) {
        state_.screen = Screen::review;
    } else {
        state_.screen = Screen::question;
    }
}

void Flow::open_feedback(std::int64_t now_ms) {
    touch(now_ms);
    if (state_.screen != Screen::home) {
        return;
    }
    const auto forms = open_feedback_forms();
    if (forms.size() == 1) {
        enter_form(*forms.front(), now_ms);
    } else if (forms.size() > 1) {
        state_.screen = Screen::feedback_list;
    }
}

void Flow::open_polls_tile(std::int64_t now_ms) {
    touch(now_ms);
    if (state_.screen != Screen::home) {
        return;
    }
    const auto polls = open_polls();
    if (polls.size() == 1) {
        enter_form(*polls.front(), now_ms);
    } else if (polls.size() > 1) {
        state_.screen = Screen::poll_list;
    }
}

void Flow::open_form(std::string_view slug, std::int64_t now_ms) {
    touch(now_ms);
    if (!content_ || !is_visit_screen(state_.screen)) {
        return;
    }
    for (const auto& f : content_->forms) {
        if (f.slug == slug && f.open_at(content_->site, today_)) {
            enter_form(f, now_ms);
            return;
        }
    }
}

void Flow::open_signup(std::int64_t now_ms) {
    touch(now_ms);
    if (!is_visit_screen(state_.screen)) {
        return;
    }
    if (!signup_available()) {
        wipe_answers(state_.answers);
        state_.form_slug.clear();
        state_.return_stack.clear();
        state_.screen = Screen::signup_unavailable;
        return;
    }
    enter_form(*signup_form(), now_ms);
}

void Flow::leave_form(std::int64_t now_ms) {
    const auto* form = current_form();
    // Back returns to the chooser the form was picked on, while it still
    // offers a choice; with one form open the person came straight from home.
    Screen chooser = Screen::home;
    if (form && form->kind == FormKind::feedback && open_feedback_forms().size() > 1) {
        chooser = Screen::feedback_list;
    } else if (form && form->kind == FormKind::poll && open_polls().size() > 1) {
        chooser = Screen::poll_list;
    }
    go_home(now_ms); // drops the answers and the form
    state_.screen = chooser;
}

void Flow::begin_questions(std::int64_t now_ms) {
    touch(now_ms);
    if (state_.screen != Screen::form_intro) {
        return;
    }
    state_.question_index = 0;
    state_.screen = question_count() > 0 ? Screen::question : Screen::review;
}

// [SECTION] Answers ----------------------------------------------------------

bool Flow::set_current_answer(Answer a) {
    const auto* q = current_question();
    if (!q) {
        return false;
    }
    auto it = state_.answers.find(q->id);
    if (it != state_.answers.end()) {
        it->second = std::move(a);
    } else {
        state_.answers.emplace(q->id, std::move(a));
    }
    return true;
}

void Flow::choose(std::string_view option_id, std::int64_t now_ms) {
    touch(now_ms);
    const auto* q = current_question();
    if (!q || q->type != QuestionType::choice || !q->find_option(option_id)) {
        return;
    }
    set_current_answer(Choice(option_id));
}

void Flow::toggle(std::string_view option_id, std::int64_t now_ms) {
    touch(now_ms);
    const auto* q = current_question();
    if (!q || q->type != QuestionType::multi || !q->find_option(option_id)) {
        return;
    }
    MultiChoice chosen;
    if (const auto* a = answer_for(q->id)) {
        if (const auto* m = std::get_if<MultiChoice>(a)) {
            chosen = *m;
        }
    }
    auto it = std::find(chosen.begin(), chosen.end(), option_id);
    if (it != chosen.end()) {
        chosen.erase(it);
    } else {
        chosen.emplace_back(option_id);
    }
    if (chosen.empty()) {
        clear_answer(now_ms);
        return;
    }
    // Keep the form's option order, so the review reads like the question.
    MultiChoice ordered;
    for (const auto& o : q->options) {
        if (std::find(chosen.begin(), chosen.end(), o.id) != chosen.end()) {
            ordered.push_back(o.id);
        }
    }
    set_current_answer(std::move(ordered));
}

void Flow::set_scale(int value, std::int64_t now_ms) {
    touch(now_ms);
    const auto* q = current_question();
    if (!q || q->type != QuestionType::scale || value < scale_min || value > scale_max) {
        return;
    }
    set_current_answer(ScaleValue{value});
}

void Flow::set_yes_no(bool value, std::int64_t now_ms) {
    touch(now_ms);
    const auto* q = current_question();
    if (!q || q->type != QuestionType::yesno) {
        return;
    }
    set_current_answer(value);
}

void Flow::set_text(std::string_view text, std::int64_t now_ms) {
    touch(now_ms);
    const auto* q = current_question();
    if (!q || q->type != QuestionType::text) {
        return;
    }
    if (is_blank(text)) {
        clear_answer(now_ms);
        return;
    }
    const auto max = std::min(q->max_length, limits::max_text_answer_bytes);
    set_current_answer(FreeText{std::string(cut_utf8(text, max))});
}

void Flow::clear_answer(std::int64_t now_ms) {
    touch(now_ms);
    const auto* q = current_question();
    if (!q) {
        return;
    }
    auto it = state_.answers.find(q->id);
    if (it != state_.answers.end()) {
        Answers one;
        one.insert(state_.answers.extract(it));
        wipe_answers(one);
    }
}

// [SECTION] Moving through a form ----------------------------------------------

void Flow::next(std::int64_t now_ms) {
    touch(now_ms);
    if (state_.screen == Screen::form_intro) {
        begin_questions(now_ms);
        return;
    }
    if (state_.screen != Screen::question) {
        return;
    }
    if (state_.changing_from_review) {
        state_.changing_from_review = false;
        state_.screen = Screen::review;
    } else if (state_.question_index + 1 < question_count()) {
        ++state_.question_index;
    } else {
        state_.screen = Screen::review;
    }
}

void Flow::skip(std::int64_t now_ms) {
    touch(now_ms);
    if (state_.screen != Screen::question) {
        return;
    }
    clear_answer(now_ms);
    next(now_ms);
}

void Flow::back(std::int64_t now_ms) {
    touch(now_ms);
    const auto* form = current_form();
    switch (state_.screen) {
    case Screen::question:
        if (state_.changing_from_review) {
            state_.changing_from_review = false;
            state_.screen = Screen::review;
        } else if (state_.question_index > 0) {
            --state_.question_index;
        } else if (form && !form->intro.empty()) {
            state_.screen = Screen::form_intro;
        } else {
            leave_form(now_ms);
        }
        return;
    case Screen::form_intro:
        leave_form(now_ms);
        return;
    case Screen::poll_list:
    case Screen::feedback_list:
    case Screen::signup_unavailable:
        go_home(now_ms);
        return;
    case Screen::review:
        if (question_count() > 0) {
            state_.question_index = question_count() - 1;
            state_.screen = Screen::question;
        } else if (form && !form->intro.empty()) {
            state_.screen = Screen::form_intro;
        } else {
            leave_form(now_ms);
        }
        return;
    case Screen::signup_consent:
        state_.screen = Screen::review;
        return;
    case Screen::help_now:
        close_help(now_ms);
        return;
    case Screen::about:
        close_about(now_ms);
        return;
    case Screen::language:
        if (state_.return_stack.empty()) {
            state_.screen = Screen::home;
        } else {
            state_.screen = state_.return_stack.back();
            state_.return_stack.pop_back();
        }
        return;
    case Screen::staff_pin:
    case Screen::staff:
        leave_staff(now_ms);
        return;
    default:
        return;
    }
}

void Flow::change_answer(std::size_t question_index, std::int64_t now_ms) {
    touch(now_ms);
    if (state_.screen != Screen::review || question_index >= question_count()) {
        return;
    }
    state_.question_index = question_index;
    state_.changing_from_review = true;
    state_.screen = Screen::question;
}

Submission Flow::make_submission(const FormVersion& form) const {
    Submission s;
    s.id = random_uuid_v4();
    s.form = form.slug;
    s.version = form.version;
    s.date = today_;
    return s;
}

void Flow::send(std::int64_t now_ms) {
    touch(now_ms);
    const auto* form = current_form();
    if (state_.screen != Screen::review || !form) {
        return;
    }
    if (form->kind == FormKind::signup) {
        state_.screen = Screen::signup_consent;
        return;
    }
    auto s = make_submission(*form);
    s.language = state_.settings.language;
    s.answers = state_.answers;
    // DESIGN §6 rule 4 on the kiosk too: only redacted text reaches the
    // outbox (the server redacts again at ingest). Sign-ups are sealed in
    // consent_and_send() and keep their contact details on purpose.
    redact_free_text(s, *form);
    effects_.emplace_back(QueueSubmission{std::move(s)});
    effects_.emplace_back(VisitEnded{}); // the app wipes its copies of what was typed
    wipe_answers(state_.answers);
    state_.last_sent_form = form->slug;
    state_.form_slug.clear();
    state_.question_index = 0;
    state_.screen = Screen::thank_you;
    thank_you_until_ms_ = now_ms + std::int64_t{config_.thank_you_seconds} * 1000;
}

void Flow::consent_and_send(std::int64_t now_ms) {
    touch(now_ms);
    const auto* form = current_form();
    if (state_.screen != Screen::signup_consent || !form || !signup_available()) {
        return;
    }
    auto sealed = seal_signup(*form, state_.answers, state_.settings.language,
                              content_->coordinator_public_key);
    wipe_answers(state_.answers);
    state_.form_slug.clear();
    state_.question_index = 0;
    if (!sealed) {
        // A key the kiosk cannot use: never keep the plaintext, say so plainly.
        state_.screen = Screen::signup_unavailable;
        return;
    }
    auto s = make_submission(*form);
    s.sealed = std::move(*sealed);
    s.sealed_key_id = content_->coordinator_key_id; // the server keeps that key while s needs it
    effects_.emplace_back(QueueSubmission{std::move(s)});
    effects_.emplace_back(VisitEnded{}); // the app wipes its copies of what was typed
    state_.last_sent_form = form->slug;
    state_.screen = Screen::thank_you;
    thank_you_until_ms_ = now_ms + std::int64_t{config_.thank_you_seconds} * 1000;
}

void Flow::decline_consent(std::int64_t now_ms) {
    touch(now_ms);
    if (state_.screen != Screen::signup_consent) {
        return;
    }
    go_home(now_ms);
}

void Flow::finish(std::int64_t now_ms) {
    if (state_.screen != Screen::thank_you) {
        touch(now_ms);
        return;
    }
    wipe(now_ms);
}

void Flow::start_again(std::int64_t now_ms) {
    wipe(now_ms);
}

void Flow::open_help(std::int64_t now_ms) {
    touch(now_ms);
    if (state_.screen == Screen::help_now || state_.screen == Screen::staff_pin ||
        state_.screen == Screen::staff) {
        return;
    }
    if (state_.screen == Screen::still_there) {
        // Asking for help is an answer to "are you still there?".
        still_here(now_ms);
    }
    if (state_.return_stack.size() < max_return_depth) {
        state_.return_stack.push_back(state_.screen);
    }
    state_.screen = Screen::help_now;
}

void Flow::close_help(std::int64_t now_ms) {
    touch(now_ms);
    return_from(Screen::help_now);
}

void Flow::return_from(Screen screen) {
    if (state_.screen != screen) {
        return;
    }
    if (state_.return_stack.empty()) {
        state_.screen = Screen::home;
        return;
    }
    state_.screen = state_.return_stack.back();
    state_.return_stack.pop_back();
}

void Flow::open_about(std::int64_t now_ms) {
    touch(now_ms);
    if (state_.screen != Screen::home) {
        return;
    }
    if (state_.return_stack.size() < max_return_depth) {
        state_.return_stack.push_back(state_.screen);
    }
    state_.screen = Screen::about;
}

void Flow::close_about(std::int64_t now_ms) {
    touch(now_ms);
    return_from(Screen::about);
}

void Flow::need_more_time(std::int64_t now_ms) {
    if (state_.screen == Screen::still_there)
        state_.more_time = true;
    still_here(now_ms);
}

void Flow::still_here(std::int64_t now_ms) {
    touch(now_ms);
    if (state_.screen != Screen::still_there) {
        return;
    }
    state_.wipe_at_ms = 0;
    if (state_.return_stack.empty()) {
        state_.screen = Screen::home;
        return;
    }
    state_.screen = state_.return_stack.back();
    state_.return_stack.pop_back();
}

// [SECTION] Settings -----------------------------------------------------------

void Flow::set_text_size_step(int step, std::int64_t now_ms) {
    touch(now_ms);
    state_.settings.text_size_step = std::clamp(step, 0, max_text_size_step);
}

void Flow::set_high_contrast(bool on, std::int64_t now_ms) {
    touch(now_ms);
    state_.settings.high_contrast = on;
}

void Flow::set_speech(bool on, std::int64_t now_ms) {
    touch(now_ms);
    state_.settings.speech = on;
    if (!on) {
        effects_.emplace_back(StopSpeech{});
    }
}

void Flow::set_easy_read(bool on, std::int64_t now_ms) {
    touch(now_ms);
    state_.settings.easy_read = on;
}

void Flow::set_scanning(ScanMode mode, std::int64_t now_ms) {
    touch(now_ms);
    state_.settings.scanning = mode;
}

ScanMode Flow::switch_start_mode() const {
    return config_.default_scanning == ScanMode::off ? ScanMode::one_switch
                                                     : config_.default_scanning;
}

// [SECTION] Staff --------------------------------------------------------------

void Flow::staff_requested(std::int64_t now_ms) {
    if (state_.screen == Screen::staff_pin || state_.screen == Screen::staff) {
        touch(now_ms);
        return;
    }
    // Staff never see a visit in progress: it is wiped first.
    if (state_.screen != Screen::attract && state_.screen != Screen::closed) {
        wipe(now_ms);
    }
    touch(now_ms);
    state_.screen = Screen::staff_pin;
    state_.staff_pin_wrong = false;
    state_.staff_pin_checking = false;
}

void Flow::submit_staff_pin(std::string_view pin, std::int64_t now_ms) {
    touch(now_ms);
    if (state_.screen != Screen::staff_pin || state_.staff_pin_locked ||
        state_.staff_pin_checking || staff_pin_hash_.empty() || pin.empty()) {
        return;
    }
    state_.staff_pin_checking = true;
    state_.staff_pin_wrong = false;
    effects_.emplace_back(CheckStaffPin{std::string(pin), staff_pin_hash_});
}

void Flow::staff_pin_checked(bool right, std::int64_t now_ms) {
    touch(now_ms);
    if (state_.screen != Screen::staff_pin || !state_.staff_pin_checking) {
        return; // left the pad meanwhile: a late answer opens nothing
    }
    state_.staff_pin_checking = false;
    state_.staff_pin_wrong = !right;
    if (right && !state_.staff_pin_locked) {
        state_.screen = Screen::staff;
    }
}

void Flow::set_staff_pin_locked(bool locked) {
    state_.staff_pin_locked = locked;
}

void Flow::staff_sync_now(std::int64_t now_ms) {
    touch(now_ms);
    if (state_.screen == Screen::staff) {
        effects_.emplace_back(SyncNow{});
    }
}

void Flow::staff_reenrol(std::string_view code, std::int64_t now_ms) {
    touch(now_ms);
    if (state_.screen == Screen::staff && !code.empty()) {
        effects_.emplace_back(Reenrol{std::string(code)});
    }
}

void Flow::staff_exit_app(std::int64_t now_ms) {
    touch(now_ms);
    if (state_.screen == Screen::staff) {
        effects_.emplace_back(ExitApp{});
    }
}

void Flow::leave_staff(std::int64_t now_ms) {
    touch(now_ms);
    if (state_.screen != Screen::staff_pin && state_.screen != Screen::staff) {
        return;
    }
    state_.screen = Screen::attract;
    state_.staff_pin_wrong = false;
    state_.staff_pin_checking = false;
    state_.return_stack.clear();
    if (pending_content_) {
        content_ = std::move(pending_content_);
        pending_content_.reset();
    }
    apply_opening_hours();
}

// [SECTION] Opening hours ---------------------------------------------------------

const SiteInfo* Flow::site_info() const {
    return content_ && content_->site_info ? &*content_->site_info : nullptr;
}

bool Flow::closed_now() const {
    const auto* site = site_info();
    return site != nullptr && local_time_ &&
           !site->hours.is_open(local_time_->weekday, local_time_->minutes);
}

std::optional<NextOpening> Flow::next_opening() const {
    const auto* site = site_info();
    if (site == nullptr || !local_time_) {
        return std::nullopt;
    }
    return site->hours.next_opening(local_time_->weekday, local_time_->minutes);
}

bool Flow::closed_screen_settings_changed() const {
    VisitSettings defaults;
    defaults.language = config_.default_language;
    defaults.scanning = config_.default_scanning;
    defaults.easy_read = config_.default_easy_read;
    defaults.text_size_step = std::clamp(config_.default_text_size_step, 0, max_text_size_step);
    return state_.settings != defaults;
}

bool Flow::apply_opening_hours() {
    if (state_.screen == Screen::attract && closed_now()) {
        state_.screen = Screen::closed;
        return true;
    }
    if (state_.screen == Screen::closed && !closed_now()) {
        state_.screen = Screen::attract;
        return true;
    }
    return false;
}

bool Flow::set_local_time(LocalTime t, std::int64_t now_ms) {
    last_now_ms_ = std::max(last_now_ms_, now_ms);
    local_time_ = t;
    hours_change_ms_.reset();
    if (const auto* site = site_info()) {
        // Minutes until open/closed next differs from now: at most a week
        // of minute steps, once per frame, only on a kiosk that has hours.
        const bool open = site->hours.is_open(t.weekday, t.minutes);
        for (int step = 1; step <= days_per_week * minutes_per_day; ++step) {
            const int m = t.minutes + step;
            const int wd = (t.weekday + m / minutes_per_day) % days_per_week;
            if (site->hours.is_open(wd, m % minutes_per_day) != open) {
                hours_change_ms_ = now_ms + (std::int64_t{step} * 60 - t.seconds) * 1000;
                break;
            }
        }
    }
    return apply_opening_hours();
}

// [SECTION] Content and effects -------------------------------------------------

void Flow::offer_content(std::shared_ptr<const ContentBundle> content) {
    if (!content) {
        return;
    }
    if (state_.screen == Screen::attract || state_.screen == Screen::closed) {
        content_ = std::move(content);
        pending_content_.reset();
        apply_opening_hours(); // new hours take effect at once when no one is using it
    } else {
        pending_content_ = std::move(content);
    }
}

std::vector<Effect> Flow::take_effects() {
    std::vector<Effect> out;
    out.swap(effects_);
    return out;
}

} // namespace engage::kiosk
