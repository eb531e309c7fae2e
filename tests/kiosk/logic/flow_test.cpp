// The visit's state machine without a window (issue 4, "Flow unit tests"):
// every path, Back/Skip/Start again, the inactivity wipe, nothing sent without Send.

#include "engage/ids.hpp"
#include "kiosk/flow/flow.hpp"
#include "logic/sample_content.hpp"

#include <catch2/catch.hpp>

using namespace engage;
using namespace engage::kiosk;
using engage::test::sample_bundle;
using engage::test::sample_day;
using engage::test::shared;

namespace {

std::size_t queued_count(const std::vector<Effect>& effects) {
    std::size_t n = 0;
    for (const auto& e : effects) {
        n += std::holds_alternative<QueueSubmission>(e) ? 1 : 0;
    }
    return n;
}

std::vector<Submission> queued(const std::vector<Effect>& effects) {
    std::vector<Submission> out;
    for (const auto& e : effects) {
        if (const auto* q = std::get_if<QueueSubmission>(&e)) {
            out.push_back(q->submission);
        }
    }
    return out;
}

// A flow on the home screen with the sample content, at t = 1000 ms.
struct Visit {
    KeyPair key = make_sealing_keypair();
    Flow flow{shared(sample_bundle(key)), hash_password("2468"), sample_day};
    std::int64_t t = 1000;
    Visit() {
        flow.start(t);
        flow.choose_language("en", t);
    }
    std::int64_t later(std::int64_t ms = 500) { return t += ms; }
};

} // namespace

TEST_CASE("a touch on the attract screen leads to the language choice, then home", "[flow]") {
    const auto key = make_sealing_keypair();
    Flow flow(shared(sample_bundle(key)), "", sample_day);
    CHECK(flow.state().screen == Screen::attract);
    CHECK_FALSE(flow.next_deadline()); // an idle attract screen needs no timer
    flow.start(10);
    CHECK(flow.state().screen == Screen::language);
    flow.choose_language("pl", 20);
    CHECK(flow.state().screen == Screen::home);
    CHECK(flow.state().settings.language == "pl");
}

TEST_CASE("choosing a language from the attract screen starts the visit in it", "[flow]") {
    const auto key = make_sealing_keypair();
    Flow flow(shared(sample_bundle(key)), "", sample_day);
    flow.open_language(10);
    REQUIRE(flow.state().screen == Screen::language);
    flow.choose_language("ar", 20);
    CHECK(flow.state().screen == Screen::home);
    CHECK(flow.state().settings.language == "ar");
    CHECK(flow.state().return_stack.empty());
}

TEST_CASE("with only English offered the language screen is skipped", "[flow]") {
    const auto key = make_sealing_keypair();
    auto bundle = sample_bundle(key);
    bundle.settings.languages = {"en"};
    Flow flow(shared(bundle), "", sample_day);
    flow.start(10);
    CHECK(flow.state().screen == Screen::home);
}

TEST_CASE("feedback walks one question per screen to review and Send queues exactly once",
          "[flow]") {
    Visit v;
    auto& f = v.flow;
    f.open_feedback(v.later());
    REQUIRE(f.state().screen == Screen::form_intro);
    f.begin_questions(v.later());
    REQUIRE(f.state().screen == Screen::question);
    // Five questions, then the six "About you" questions (engage/about_you.hpp).
    REQUIRE(f.question_count() == 11);

    REQUIRE(f.current_question()->id == "visit");
    f.set_scale(4, v.later());
    f.next(v.later());
    REQUIRE(f.current_question()->id == "safe");
    f.choose("sometimes", v.later());
    f.choose("yes", v.later()); // changing your mind replaces the choice
    f.next(v.later());
    REQUIRE(f.current_question()->id == "trust");
    f.set_yes_no(false, v.later());
    f.next(v.later());
    REQUIRE(f.current_question()->id == "helped");
    f.toggle("warm", v.later());
    f.toggle("food", v.later());
    f.toggle("talk", v.later());
    f.toggle("talk", v.later()); // untick
    f.next(v.later());
    REQUIRE(f.current_question()->id == "anything-else");
    f.set_text("More hot drinks please", v.later());
    f.next(v.later());
    REQUIRE(f.current_question()->id == "about-you-age");
    f.choose("prefer-not-to-say", v.later());
    f.next(v.later());
    for (const char* id :
         {"about-you-gender", "about-you-ethnicity", "about-you-sexual-orientation",
          "about-you-disability", "about-you-neurodivergence"}) {
        REQUIRE(f.current_question()->id == id);
        f.skip(v.later());
    }
    REQUIRE(f.state().screen == Screen::review);
    CHECK(f.take_effects().empty()); // nothing leaves before Send

    f.send(v.later());
    CHECK(f.state().screen == Screen::thank_you);
    const auto subs = queued(f.take_effects());
    REQUIRE(subs.size() == 1);
    const auto& s = subs.front();
    CHECK(is_uuid_v4(s.id));
    CHECK(s.form == "day-centre-feedback");
    CHECK(s.version == 1);
    CHECK(s.date == sample_day);
    CHECK(s.language == "en");
    CHECK_FALSE(s.sealed);
    CHECK(std::get<ScaleValue>(s.answers.at("visit")) == 4);
    CHECK(std::get<Choice>(s.answers.at("safe")) == "yes");
    CHECK(std::get<bool>(s.answers.at("trust")) == false);
    // Multi answers keep the form's option order, whatever order they were tapped in.
    CHECK(std::get<MultiChoice>(s.answers.at("helped")) == MultiChoice{"food", "warm"});
    CHECK(std::get<Choice>(s.answers.at("about-you-age")) == "prefer-not-to-say");
    CHECK(s.answers.size() == 6); // the skipped "About you" questions send nothing
    CHECK(std::get<FreeText>(s.answers.at("anything-else")).text == "More hot drinks please");
    CHECK(f.state().answers.empty()); // the sent answers are not kept
}

TEST_CASE("Skip leaves a question unanswered and no question is ever required", "[flow]") {
    Visit v;
    auto& f = v.flow;
    f.open_feedback(v.later());
    f.begin_questions(v.later());
    SECTION("skipping everything still lets the person send") {
        for (int i = 0; i < 11; ++i) {
            f.skip(v.later());
        }
        REQUIRE(f.state().screen == Screen::review);
        f.send(v.later());
        const auto subs = queued(f.take_effects());
        REQUIRE(subs.size() == 1);
        CHECK(subs.front().answers.empty());
    }
    SECTION("skip drops an answer already given") {
        f.set_scale(2, v.later());
        f.skip(v.later());
        CHECK(f.answer_for("visit") == nullptr);
        CHECK(f.current_question()->id == "safe");
    }
    SECTION("Next without an answer moves on too") {
        f.next(v.later());
        CHECK(f.current_question()->id == "safe");
    }
}

TEST_CASE("Back goes to the previous question, then the intro, then home", "[flow]") {
    Visit v;
    auto& f = v.flow;
    f.open_feedback(v.later());
    f.begin_questions(v.later());
    f.set_scale(5, v.later());
    f.next(v.later());
    f.back(v.later());
    REQUIRE(f.current_question()->id == "visit");
    CHECK(std::get<ScaleValue>(*f.answer_for("visit")) == 5); // Back keeps answers
    f.back(v.later());
    CHECK(f.state().screen == Screen::form_intro);
    f.back(v.later());
    CHECK(f.state().screen == Screen::home);
    CHECK(f.state().answers.empty()); // leaving the form drops its answers
    CHECK(queued_count(f.take_effects()) == 0);
}

TEST_CASE("review lets a person change one answer and come straight back", "[flow]") {
    Visit v;
    auto& f = v.flow;
    f.open_feedback(v.later());
    f.begin_questions(v.later());
    f.set_scale(1, v.later());
    for (int i = 0; i < 11; ++i) {
        f.next(v.later());
    }
    REQUIRE(f.state().screen == Screen::review);
    f.change_answer(0, v.later());
    REQUIRE(f.state().screen == Screen::question);
    CHECK(f.state().changing_from_review);
    f.set_scale(3, v.later());
    f.next(v.later());
    CHECK(f.state().screen == Screen::review);
    CHECK(std::get<ScaleValue>(*f.answer_for("visit")) == 3);
    SECTION("Back from review goes to the last question") {
        f.back(v.later());
        CHECK(f.current_question()->id == "about-you-neurodivergence");
    }
    SECTION("an index past the end is ignored") {
        f.change_answer(99, v.later());
        CHECK(f.state().screen == Screen::review);
    }
}

TEST_CASE("answers that do not fit the question are ignored", "[flow]") {
    Visit v;
    auto& f = v.flow;
    f.open_feedback(v.later());
    f.begin_questions(v.later()); // "visit" is a scale
    f.set_scale(0, v.later());
    f.set_scale(6, v.later());
    f.choose("yes", v.later());
    f.set_yes_no(true, v.later());
    f.set_text("words", v.later());
    CHECK(f.state().answers.empty());
    f.next(v.later()); // "safe" is a choice
    f.choose("no-such-option", v.later());
    CHECK(f.answer_for("safe") == nullptr);
}

TEST_CASE("free text is optional, trimmed to the limit and blank means unanswered", "[flow]") {
    Visit v;
    auto& f = v.flow;
    f.open_feedback(v.later());
    f.begin_questions(v.later());
    for (int i = 0; i < 4; ++i) {
        f.next(v.later());
    }
    REQUIRE(f.current_question()->type == QuestionType::text);
    const auto max = f.current_question()->max_length;
    f.set_text("   ", v.later());
    CHECK(f.answer_for("anything-else") == nullptr);
    // Multi-byte text cut at the limit never splits a character.
    std::string long_text;
    while (long_text.size() < max + 10) {
        long_text += "ż";
    }
    long_text = "a" + long_text;
    f.set_text(long_text, v.later());
    const auto& kept = std::get<FreeText>(*f.answer_for("anything-else")).text;
    CHECK(kept.size() <= max);
    CHECK(kept.size() >= max - 1);
    CHECK((static_cast<unsigned char>(kept.back()) & 0xC0) == 0x80); // ends on a whole "ż"
    f.set_text("", v.later());
    CHECK(f.answer_for("anything-else") == nullptr);
}

TEST_CASE("Start again wipes everything at once and queues nothing", "[flow]") {
    Visit v;
    auto& f = v.flow;
    f.set_text_size_step(2, v.later());
    f.set_high_contrast(true, v.later());
    f.open_feedback(v.later());
    f.begin_questions(v.later());
    f.set_scale(2, v.later());
    f.next(v.later());
    const auto serial = f.state().visit_serial;
    f.start_again(v.later());
    CHECK(f.state().screen == Screen::attract);
    CHECK(f.state().answers.empty());
    CHECK(f.state().form_slug.empty());
    CHECK(f.state().settings == VisitSettings{}); // settings belong to the visit
    CHECK(f.state().visit_serial == serial + 1);
    const auto effects = f.take_effects();
    CHECK(queued_count(effects) == 0);
    CHECK(std::any_of(effects.begin(), effects.end(),
                      [](const Effect& e) { return std::holds_alternative<StopSpeech>(e); }));
}

TEST_CASE("inactivity asks 'are you still there?', counts down, then wipes", "[flow]") {
    Visit v;
    auto& f = v.flow;
    const auto& s = f.content()->settings;
    f.open_feedback(v.later());
    f.begin_questions(v.later());
    f.set_scale(2, v.later());
    const auto last = v.t;
    REQUIRE(f.next_deadline() == last + s.inactivity_seconds * 1000);

    f.tick(last + s.inactivity_seconds * 1000 - 1);
    CHECK(f.state().screen == Screen::question);
    const auto asked_at = last + s.inactivity_seconds * 1000;
    f.tick(asked_at);
    REQUIRE(f.state().screen == Screen::still_there);
    CHECK(f.countdown_seconds_left(asked_at) == s.countdown_seconds);
    CHECK(f.countdown_seconds_left(asked_at + 1500) == s.countdown_seconds - 1);
    // The app wakes every second to redraw the countdown.
    CHECK(f.next_deadline() == asked_at + 1000);

    SECTION("'I'm still here' resumes exactly where the person was") {
        f.still_here(asked_at + 5000);
        CHECK(f.state().screen == Screen::question);
        CHECK(f.current_question()->id == "visit");
        CHECK(std::get<ScaleValue>(*f.answer_for("visit")) == 2);
        CHECK(queued_count(f.take_effects()) == 0);
    }
    SECTION("at the end of the countdown the visit is wiped and nothing is sent") {
        f.tick(asked_at + s.countdown_seconds * 1000 - 1);
        CHECK(f.state().screen == Screen::still_there);
        f.tick(asked_at + s.countdown_seconds * 1000);
        CHECK(f.state().screen == Screen::attract);
        CHECK(f.state().answers.empty());
        CHECK(queued_count(f.take_effects()) == 0);
    }
    SECTION("asking for help counts as being there") {
        f.open_help(asked_at + 100);
        CHECK(f.state().screen == Screen::help_now);
        f.close_help(asked_at + 200);
        CHECK(f.state().screen == Screen::question);
    }
}

TEST_CASE("the pause before 'are you still there?' doubles with speech on or more time asked for",
          "[flow]") {
    Visit v;
    auto& f = v.flow;
    const std::int64_t pause = std::int64_t{f.content()->settings.inactivity_seconds} * 1000;
    f.open_feedback(v.later());
    f.begin_questions(v.later());
    REQUIRE(f.next_deadline() == v.t + pause);

    SECTION("speech on: twice the pause, and back to once when it is off") {
        f.set_speech(true, v.later());
        CHECK(f.next_deadline() == v.t + 2 * pause);
        f.tick(v.t + pause);
        CHECK(f.state().screen == Screen::question);
        f.set_speech(false, v.later());
        CHECK(f.next_deadline() == v.t + pause);
    }
    SECTION("'I need more time' resumes where the person was with twice the pause") {
        const auto asked_at = v.t + pause;
        f.tick(asked_at);
        REQUIRE(f.state().screen == Screen::still_there);
        f.need_more_time(asked_at + 1000);
        CHECK(f.state().screen == Screen::question);
        CHECK(f.next_deadline() == asked_at + 1000 + 2 * pause);
        SECTION("for this visit only") {
            f.start_again(asked_at + 2000);
            f.start(asked_at + 3000);
            CHECK(f.next_deadline() == asked_at + 3000 + pause);
        }
    }
    SECTION("outside 'are you still there?' it asks for nothing") {
        f.need_more_time(v.later());
        CHECK(f.next_deadline() == v.t + pause);
    }
}

TEST_CASE("a wipe at review queues nothing: only Send sends", "[flow]") {
    Visit v;
    auto& f = v.flow;
    f.open_feedback(v.later());
    f.begin_questions(v.later());
    f.set_scale(2, v.later());
    for (int i = 0; i < 11; ++i) {
        f.next(v.later());
    }
    REQUIRE(f.state().screen == Screen::review);
    const auto idle = f.content()->settings.inactivity_seconds * 1000;
    const auto countdown = f.content()->settings.countdown_seconds * 1000;
    f.tick(v.t + idle);
    f.tick(v.t + idle + countdown);
    CHECK(f.state().screen == Screen::attract);
    CHECK(queued_count(f.take_effects()) == 0);
}

TEST_CASE("help now is reachable from anywhere and returns where you were", "[flow]") {
    Visit v;
    auto& f = v.flow;
    SECTION("from a question, keeping the answers") {
        f.open_feedback(v.later());
        f.begin_questions(v.later());
        f.set_scale(3, v.later());
        f.next(v.later());
        f.open_help(v.later());
        CHECK(f.state().screen == Screen::help_now);
        f.open_help(v.later()); // a second tap does not stack
        f.close_help(v.later());
        CHECK(f.state().screen == Screen::question);
        CHECK(f.current_question()->id == "safe");
        CHECK(std::get<ScaleValue>(*f.answer_for("visit")) == 3);
    }
    SECTION("from the attract screen") {
        f.start_again(v.later());
        f.open_help(v.later());
        CHECK(f.state().screen == Screen::help_now);
        f.back(v.later());
        CHECK(f.state().screen == Screen::attract);
    }
    SECTION("help → language → back to help → back to the question") {
        f.open_feedback(v.later());
        f.begin_questions(v.later());
        f.open_help(v.later());
        f.open_language(v.later());
        f.choose_language("ar", v.later());
        CHECK(f.state().screen == Screen::help_now);
        CHECK(f.state().settings.language == "ar");
        f.close_help(v.later());
        CHECK(f.state().screen == Screen::question);
    }
}

TEST_CASE("the language can be changed at any time without losing answers", "[flow]") {
    Visit v;
    auto& f = v.flow;
    f.open_feedback(v.later());
    f.begin_questions(v.later());
    f.set_scale(4, v.later());
    f.open_language(v.later());
    REQUIRE(f.state().screen == Screen::language);
    f.choose_language("so", v.later());
    CHECK(f.state().screen == Screen::question);
    CHECK(f.state().settings.language == "so");
    CHECK(std::get<ScaleValue>(*f.answer_for("visit")) == 4);
    f.next(v.later());
    for (int i = 0; i < 10; ++i) {
        f.next(v.later());
    }
    f.send(v.later());
    const auto subs = queued(f.take_effects());
    REQUIRE(subs.size() == 1);
    CHECK(subs.front().language == "so");
}

TEST_CASE("settings apply at once and are clamped", "[flow]") {
    Visit v;
    auto& f = v.flow;
    f.set_text_size_step(99, v.later());
    CHECK(f.state().settings.text_size_step == max_text_size_step);
    f.set_text_size_step(-3, v.later());
    CHECK(f.state().settings.text_size_step == 0);
    f.set_speech(true, v.later());
    CHECK(f.state().settings.speech);
    f.set_easy_read(true, v.later());
    CHECK(f.state().settings.easy_read);
    f.set_speech(false, v.later());
    const auto effects = f.take_effects();
    CHECK(std::holds_alternative<StopSpeech>(effects.back()));
}

TEST_CASE("the thank-you screen shows and then returns to attract by itself", "[flow]") {
    Visit v;
    auto& f = v.flow;
    f.open_polls_tile(v.later());
    REQUIRE(f.state().screen == Screen::form_intro); // the one sample poll
    f.begin_questions(v.later());
    f.choose("yes", v.later());
    f.next(v.later());
    f.next(v.later());
    f.send(v.later());
    REQUIRE(f.state().screen == Screen::thank_you);
    CHECK(f.state().last_sent_form == "ebe-poll-winter");
    CHECK_FALSE(f.content()->you_said_we_did.empty());
    const auto deadline = f.next_deadline();
    REQUIRE(deadline);
    f.tick(*deadline);
    CHECK(f.state().screen == Screen::attract);
    const auto subs = queued(f.take_effects());
    REQUIRE(subs.size() == 1);
    CHECK(subs.front().form == "ebe-poll-winter");
    CHECK(std::get<Choice>(subs.front().answers.at("open-earlier")) == "yes");
}

TEST_CASE("a visit's submissions share no id", "[flow]") {
    Visit v;
    auto& f = v.flow;
    f.open_feedback(v.later());
    f.begin_questions(v.later());
    for (int i = 0; i < 11; ++i) {
        f.next(v.later());
    }
    f.send(v.later());
    f.go_home(v.later());
    f.open_polls_tile(v.later());
    f.begin_questions(v.later());
    f.next(v.later());
    f.next(v.later());
    f.send(v.later());
    const auto subs = queued(f.take_effects());
    REQUIRE(subs.size() == 2);
    CHECK(subs[0].id != subs[1].id);
}

TEST_CASE("the poll list shows only polls open at this site today", "[flow]") {
    const auto key = make_sealing_keypair();
    auto bundle = sample_bundle(key);
    auto poll = *std::find_if(bundle.forms.begin(), bundle.forms.end(),
                              [](const FormVersion& f) { return f.kind == FormKind::poll; });
    auto second = poll;
    second.slug = "ebe-poll-second";
    auto elsewhere = poll;
    elsewhere.slug = "ebe-poll-elsewhere";
    elsewhere.sites = {"another-site"};
    auto future = poll;
    future.slug = "ebe-poll-future";
    future.opens = Date{2026, 12, 1};
    auto ended = poll;
    ended.slug = "ebe-poll-ended";
    ended.opens = Date{2026, 1, 1};
    ended.closes = Date{2026, 11, 22};
    auto here = poll;
    here.slug = "ebe-poll-here";
    here.sites = {"test-site"};
    auto draft = poll;
    draft.slug = "ebe-poll-draft";
    draft.status = FormStatus::draft;
    for (const auto& p : {second, elsewhere, future, ended, here, draft}) {
        bundle.forms.push_back(p);
    }
    Flow flow(shared(bundle), "", sample_day);
    std::vector<std::string> slugs;
    for (const auto* p : flow.open_polls()) {
        slugs.push_back(p->slug);
    }
    CHECK(slugs == std::vector<std::string>{"ebe-poll-winter", "ebe-poll-second", "ebe-poll-here"});

    flow.start(1);
    flow.choose_language("en", 2);
    flow.open_polls_tile(3);
    REQUIRE(flow.state().screen == Screen::poll_list);
    flow.open_form("ebe-poll-future", 4); // not open: ignored
    CHECK(flow.state().screen == Screen::poll_list);
    flow.open_form("ebe-poll-here", 5);
    CHECK(flow.state().screen == Screen::form_intro);
    CHECK(flow.current_form()->slug == "ebe-poll-here");

    SECTION("on a day before any poll opens, there are none") {
        flow.set_today(Date{2025, 12, 1});
        CHECK(flow.open_polls().empty());
    }
}

TEST_CASE("new content waits until the visit ends", "[flow]") {
    Visit v;
    auto& f = v.flow;
    f.open_feedback(v.later());
    auto next = *f.content();
    next.version = "test-2";
    f.offer_content(shared(next));
    CHECK(f.content()->version == "test-1"); // never swapped mid-visit
    f.start_again(v.later());
    CHECK(f.content()->version == "test-2");
    next.version = "test-3";
    f.offer_content(shared(next));
    CHECK(f.content()->version == "test-3"); // on attract: at once
}

TEST_CASE("without content the kiosk still starts and offers nothing to send", "[flow]") {
    Flow f(nullptr, "", sample_day);
    f.start(1);
    CHECK(f.state().screen == Screen::home);
    f.open_feedback(2);
    f.open_polls_tile(3);
    CHECK(f.state().screen == Screen::home);
    f.open_signup(4);
    CHECK(f.state().screen == Screen::signup_unavailable);
    f.open_help(5);
    CHECK(f.state().screen == Screen::help_now);
    CHECK(f.take_effects().empty());
}

TEST_CASE("staff mode needs the right PIN and never shows a visit", "[flow]") {
    Visit v;
    auto& f = v.flow;
    f.open_feedback(v.later());
    f.begin_questions(v.later());
    f.set_scale(2, v.later());
    f.staff_requested(v.later());
    CHECK(f.state().screen == Screen::staff_pin);
    CHECK(f.state().answers.empty()); // the visit was wiped first
    f.take_effects();
    f.submit_staff_pin("1111", v.later());
    // The check runs off the UI thread: the flow asks for it and shows "checking".
    CHECK(f.state().screen == Screen::staff_pin);
    CHECK(f.state().staff_pin_checking);
    auto asked = f.take_effects();
    REQUIRE(asked.size() == 1);
    const auto* check = std::get_if<CheckStaffPin>(&asked[0]);
    REQUIRE(check);
    CHECK(check->pin == "1111");
    CHECK(engage::verify_password(check->hash, "2468"));
    f.submit_staff_pin("2468", v.later()); // a second OK while checking is ignored
    CHECK(f.take_effects().empty());
    f.staff_pin_checked(false, v.later());
    CHECK(f.state().screen == Screen::staff_pin);
    CHECK(f.state().staff_pin_wrong);
    CHECK_FALSE(f.state().staff_pin_checking);
    f.submit_staff_pin("2468", v.later());
    f.staff_pin_checked(true, v.later());
    REQUIRE(f.state().screen == Screen::staff);
    f.take_effects();
    f.staff_sync_now(v.later());
    f.staff_reenrol("ABCD-EFGH-JK", v.later());
    f.staff_exit_app(v.later());
    const auto effects = f.take_effects();
    REQUIRE(effects.size() == 3);
    CHECK(std::holds_alternative<SyncNow>(effects[0]));
    CHECK(std::get<Reenrol>(effects[1]).code == "ABCD-EFGH-JK");
    CHECK(std::holds_alternative<ExitApp>(effects[2]));
    SECTION("staff mode closes itself when left alone") {
        const auto deadline = f.next_deadline();
        REQUIRE(deadline);
        f.tick(*deadline);
        CHECK(f.state().screen == Screen::attract);
    }
    SECTION("leaving returns to attract") {
        f.leave_staff(v.later());
        CHECK(f.state().screen == Screen::attract);
    }
}

TEST_CASE("a locked PIN pad checks nothing, and a late answer opens nothing", "[flow]") {
    const auto key = make_sealing_keypair();
    Flow f(shared(sample_bundle(key)), hash_password("2468"), sample_day);
    f.staff_requested(0);
    SECTION("while locked, OK asks for no check") {
        f.set_staff_pin_locked(true);
        f.submit_staff_pin("2468", 1);
        CHECK(f.take_effects().empty());
        CHECK_FALSE(f.state().staff_pin_checking);
        f.set_staff_pin_locked(false);
        f.submit_staff_pin("2468", 2);
        CHECK(f.state().staff_pin_checking);
    }
    SECTION("a right answer after the pad was left does not open staff mode") {
        f.submit_staff_pin("2468", 1);
        f.leave_staff(2);
        f.staff_pin_checked(true, 3);
        CHECK(f.state().screen == Screen::attract);
    }
    SECTION("a right answer that arrives once locked does not open staff mode") {
        f.submit_staff_pin("2468", 1);
        f.set_staff_pin_locked(true);
        f.staff_pin_checked(true, 2);
        CHECK(f.state().screen == Screen::staff_pin);
    }
}

TEST_CASE("staff actions do nothing outside staff mode", "[flow]") {
    Visit v;
    auto& f = v.flow;
    f.take_effects();
    f.staff_sync_now(v.later());
    f.staff_exit_app(v.later());
    f.staff_reenrol("CODE", v.later());
    CHECK(f.take_effects().empty());
    SECTION("and with no PIN configured staff mode cannot be entered") {
        Flow no_pin(f.content() ? shared(*f.content()) : nullptr, "", sample_day);
        CHECK_FALSE(no_pin.staff_mode_available());
        no_pin.staff_requested(1);
        no_pin.submit_staff_pin("", 2);
        no_pin.submit_staff_pin("1234", 3);
        no_pin.staff_pin_checked(true, 4); // an answer nobody asked for
        CHECK(no_pin.state().screen == Screen::staff_pin);
        CHECK(no_pin.take_effects().empty()); // no check was asked for
    }
}
