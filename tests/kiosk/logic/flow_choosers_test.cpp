// Several forms of a kind open at once (issue 9: "Multiple feedback forms per
// site work on the kiosk"), and content from sync taken only between visits.
// The flow without a window, like flow_test.cpp.

#include "kiosk/flow/flow.hpp"
#include "logic/sample_content.hpp"

#include <catch2/catch.hpp>

using namespace engage;
using namespace engage::kiosk;
using engage::test::sample_bundle;
using engage::test::sample_day;
using engage::test::sample_form;
using engage::test::shared;

namespace {

// The sample bundle plus the demo's second feedback form ("About the food"),
// moved to this bundle's site so it is open here.
ContentBundle with_food_form(const KeyPair& key) {
    auto bundle = sample_bundle(key);
    auto food = sample_form("day-centre-food.json");
    food.sites = {bundle.site};
    bundle.forms.push_back(std::move(food));
    return bundle;
}

std::vector<std::string> slugs(const std::vector<const FormVersion*>& forms) {
    std::vector<std::string> out;
    for (const auto* f : forms) {
        out.push_back(f->slug);
    }
    return out;
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

// A flow on the home screen at t = 1000 ms.
struct Visit {
    Flow flow;
    std::int64_t t = 1000;
    explicit Visit(ContentBundle bundle) : flow(shared(std::move(bundle)), "", sample_day) {
        flow.start(t);
        flow.choose_language("en", t);
    }
    std::int64_t later(std::int64_t ms = 500) { return t += ms; }
};

} // namespace

TEST_CASE("the sample's second feedback form runs only at the demo site", "[flow][content]") {
    const auto food = sample_form("day-centre-food.json");
    CHECK(food.kind == FormKind::feedback);
    CHECK(food.title.get("en") == "About the food");
    CHECK(food.open_at("Demo Day Centre", sample_day));
    // So the kiosks of every other site, and the tests' "test-site", keep one form.
    CHECK_FALSE(food.open_at("test-site", sample_day));
    CHECK_FALSE(food.open_at("hub-north", sample_day));
}

TEST_CASE("with one feedback form open, Give feedback goes straight into it", "[flow]") {
    const auto key = make_sealing_keypair();
    auto bundle = sample_bundle(key);
    // A second one that is not open here today changes nothing.
    auto elsewhere = sample_form("day-centre-food.json");
    elsewhere.sites = {"another-site"};
    auto draft = sample_form("day-centre-food.json");
    draft.slug = "food-draft";
    draft.sites = {bundle.site};
    draft.status = FormStatus::draft;
    bundle.forms.push_back(elsewhere);
    bundle.forms.push_back(draft);
    Visit v(bundle);
    auto& f = v.flow;
    CHECK(slugs(f.open_feedback_forms()) == std::vector<std::string>{"day-centre-feedback"});
    f.open_feedback(v.later());
    CHECK(f.state().screen == Screen::form_intro);
    CHECK(f.current_form()->slug == "day-centre-feedback");
    f.back(v.later());
    CHECK(f.state().screen == Screen::home); // no chooser to go back to
}

TEST_CASE("with several feedback forms open, Give feedback offers a choice of them", "[flow]") {
    const auto key = make_sealing_keypair();
    Visit v(with_food_form(key));
    auto& f = v.flow;
    // In the bundle's order: the order staff published them in.
    REQUIRE(slugs(f.open_feedback_forms()) ==
            std::vector<std::string>{"day-centre-feedback", "day-centre-food"});
    CHECK(f.feedback_form()->slug == "day-centre-feedback");

    f.open_feedback(v.later());
    REQUIRE(f.state().screen == Screen::feedback_list);
    CHECK(f.current_form() == nullptr); // nothing chosen yet
    const auto before = f.state().visit_serial;

    SECTION("each choice opens that form, and its answers are sent under it") {
        f.open_form("day-centre-food", v.later());
        REQUIRE(f.state().screen == Screen::form_intro);
        CHECK(f.current_form()->slug == "day-centre-food");
        f.begin_questions(v.later());
        f.set_scale(4, v.later());
        f.next(v.later());
        f.toggle("hot", v.later());
        f.next(v.later());
        REQUIRE(f.state().screen == Screen::review);
        f.send(v.later());
        const auto sent = queued(f.take_effects());
        REQUIRE(sent.size() == 1);
        CHECK(sent[0].form == "day-centre-food");
        CHECK(sent[0].version == 1);
        CHECK(std::get<ScaleValue>(sent[0].answers.at("meal")) == 4);
    }
    SECTION("Back from the chosen form's first screen returns to the choice, answers dropped") {
        f.open_form("day-centre-food", v.later());
        f.begin_questions(v.later());
        f.set_scale(2, v.later());
        f.back(v.later()); // first question → intro
        REQUIRE(f.state().screen == Screen::form_intro);
        f.back(v.later());
        CHECK(f.state().screen == Screen::feedback_list);
        CHECK(f.state().answers.empty());
        CHECK(f.state().form_slug.empty());
        CHECK(f.state().visit_serial == before); // still the same visit
        f.back(v.later());
        CHECK(f.state().screen == Screen::home);
    }
    SECTION("a form with no intro goes back from its first question to the choice") {
        auto bundle = with_food_form(key);
        for (auto& form : bundle.forms) {
            form.intro = {};
        }
        Visit plain(bundle);
        plain.flow.open_feedback(plain.later());
        plain.flow.open_form("day-centre-feedback", plain.later());
        REQUIRE(plain.flow.state().screen == Screen::question);
        plain.flow.back(plain.later());
        CHECK(plain.flow.state().screen == Screen::feedback_list);
    }
    SECTION("the chooser opens only feedback forms open here") {
        f.open_form("food-nowhere", v.later());
        CHECK(f.state().screen == Screen::feedback_list);
    }
    SECTION("help and language return to the choice") {
        f.open_help(v.later());
        f.close_help(v.later());
        CHECK(f.state().screen == Screen::feedback_list);
        f.open_language(v.later());
        f.choose_language("ar", v.later());
        CHECK(f.state().screen == Screen::feedback_list);
    }
    SECTION("inactivity on the choice asks, then wipes to attract") {
        f.tick(*f.next_deadline());
        REQUIRE(f.state().screen == Screen::still_there);
        f.still_here(v.later());
        CHECK(f.state().screen == Screen::feedback_list);
        f.tick(*f.next_deadline());
        f.tick(*f.next_deadline() + 60'000);
        CHECK(f.state().screen == Screen::attract);
    }
}

TEST_CASE("Back from a poll picked from the list returns to the list", "[flow]") {
    const auto key = make_sealing_keypair();
    auto bundle = sample_bundle(key);
    auto poll = sample_form("ebe-poll-winter.json");
    poll.slug = "ebe-poll-second";
    bundle.forms.push_back(poll);
    Visit v(bundle);
    auto& f = v.flow;
    f.open_polls_tile(v.later());
    REQUIRE(f.state().screen == Screen::poll_list);
    f.open_form("ebe-poll-second", v.later());
    REQUIRE(f.state().screen == Screen::form_intro);
    f.back(v.later());
    CHECK(f.state().screen == Screen::poll_list);
    f.back(v.later());
    CHECK(f.state().screen == Screen::home);
}

TEST_CASE("new content is swapped in only between visits, never mid-visit", "[flow][content]") {
    const auto key = make_sealing_keypair();
    Visit v(with_food_form(key));
    auto& f = v.flow;
    // The next bundle drops "About the food" and renames the first form.
    auto next = sample_bundle(key);
    next.version = "test-2";
    next.forms.front().title.by_language["en"] = "Tell us about today";
    const auto offer = [&] { f.offer_content(shared(next)); };

    SECTION("on the home screen: held through the visit, taken when it is wiped") {
        offer();
        f.open_feedback(v.later());
        CHECK(f.state().screen == Screen::feedback_list); // still two forms
        CHECK(f.content()->version == "test-1");
        f.go_home(v.later());
        CHECK(f.content()->version == "test-1"); // back home is still this visit
        f.start_again(v.later());
        CHECK(f.content()->version == "test-2");
        f.start(v.later());
        f.choose_language("en", v.later());
        f.open_feedback(v.later());
        CHECK(f.state().screen == Screen::form_intro); // one form now: straight in
    }
    SECTION("while answering: the form answered stays as it was shown until Send") {
        f.open_feedback(v.later());
        f.open_form("day-centre-food", v.later());
        f.begin_questions(v.later());
        f.set_scale(5, v.later());
        offer();
        CHECK(f.current_form()->slug == "day-centre-food"); // not gone mid-question
        f.next(v.later());
        f.next(v.later());
        f.send(v.later());
        CHECK(queued(f.take_effects()).at(0).form == "day-centre-food");
        REQUIRE(f.state().screen == Screen::thank_you);
        CHECK(f.content()->version == "test-1"); // the thank-you is still the visit
        f.tick(*f.next_deadline());
        CHECK(f.state().screen == Screen::attract);
        CHECK(f.content()->version == "test-2");
    }
    SECTION("on the still-there countdown: taken at the wipe, not when resumed") {
        f.open_feedback(v.later());
        f.tick(*f.next_deadline());
        REQUIRE(f.state().screen == Screen::still_there);
        offer();
        f.still_here(v.later());
        CHECK(f.content()->version == "test-1");
        f.tick(*f.next_deadline());
        f.tick(*f.next_deadline() + 60'000);
        REQUIRE(f.state().screen == Screen::attract);
        CHECK(f.content()->version == "test-2");
    }
    SECTION("in staff mode: taken when staff leave") {
        f.staff_requested(v.later()); // wipes the visit first
        offer();
        CHECK(f.content()->version == "test-1");
        f.leave_staff(v.later());
        CHECK(f.content()->version == "test-2");
    }
    SECTION("on the attract screen: at once, and the latest offer wins") {
        f.start_again(v.later());
        offer();
        CHECK(f.content()->version == "test-2");
        f.open_feedback(v.later()); // not a visit screen: ignored
        f.start(v.later());
        next.version = "test-3";
        offer();
        next.version = "test-4";
        offer();
        CHECK(f.content()->version == "test-2");
        f.start_again(v.later());
        CHECK(f.content()->version == "test-4");
    }
}
