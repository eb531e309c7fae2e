// The feedback chooser on the real kiosk, headless (issue 9: several feedback
// forms at one site): big tiles with each form's title in the visit's
// language, right to left in Arabic, scrolling at the largest text size,
// reachable by keyboard, read aloud. Screenshots stay in
// <build>/screenshots/kiosk-app/feedback-chooser-*/ for people to look at.
#include "kiosk_app_fixture.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>

using namespace engage::test;

namespace {

constexpr int kWidth = 1280;
// min_target at 1280x800 (theme.cpp), as in screens_test.cpp.
constexpr double kMinTarget = 92.0;

// The chooser's tiles for the two sample feedback forms (ids: feedback.<slug>).
constexpr const char* kFirstTile = "feedback.day-centre-feedback";
constexpr const char* kFoodTile = "feedback.day-centre-food";

} // namespace

TEST_CASE("with two feedback forms Give feedback shows a chooser of both, in English and Arabic",
          "[kiosk][screens][rtl]") {
    KioskDataOptions options;
    options.extra_feedback_forms = 1;
    const auto data = make_kiosk_data(options);

    SECTION("English: both titles as big tiles, each opens its form, Back returns") {
        const auto shots = screenshot_dir("feedback-chooser-en");
        const auto r = run_kiosk_script(*data, R"(tap Touch to start
tap English
tap Give feedback
shot chooser
dump chooser.json
words chooser.txt
tap About the food
words food-intro.txt
key Escape
expect feedback.day-centre-food
key Tab
key Return
words first-intro.txt
quit
)",
                                        shots);
        INFO(r.out << r.err);
        REQUIRE(r.exit_code == 0);
        const auto widgets = read_widgets(shots / "chooser.json");
        const auto* first = find_widget(widgets, kFirstTile);
        const auto* food = find_widget(widgets, kFoodTile);
        const auto* back = find_widget(widgets, "nav.back");
        REQUIRE((first && food && back));
        CHECK(first->label == "Tell us about this place");
        CHECK(food->label == "About the food");
        CHECK(first->y < food->y); // in the bundle's order
        for (const auto* w : {first, food, back}) {
            INFO(w->id << " is " << w->full_w << " x " << w->full_h);
            CHECK(std::min(w->full_w, w->full_h) >= kMinTarget - 0.5);
            CHECK(w->visible);
        }
        CHECK(back->x < kWidth / 2.0); // Back where it always is: bottom left
        // Read aloud reads the heading and every tile's label.
        const auto words = read_file(shots / "chooser.txt");
        CHECK(words.find("What would you like to tell us about?") != std::string::npos);
        CHECK(words.find("Tell us about this place") != std::string::npos);
        CHECK(words.find("About the food") != std::string::npos);
        CHECK(read_file(shots / "food-intro.txt").find("Two quick questions about the meals") !=
              std::string::npos);
        // Tab, then Return, opens the first tile's form.
        CHECK(read_file(shots / "first-intro.txt").find("We don't ask your name") !=
              std::string::npos);
    }
    SECTION("Arabic: titles in Arabic, laid out right to left") {
        const auto shots = screenshot_dir("feedback-chooser-ar");
        const auto r = run_kiosk_script(*data, R"(tap Touch to start
tap language.ar
tap home.feedback
shot chooser
dump chooser.json
words chooser.txt
quit
)",
                                        shots);
        INFO(r.out << r.err);
        REQUIRE(r.exit_code == 0);
        const auto widgets = read_widgets(shots / "chooser.json");
        const auto* food = find_widget(widgets, kFoodTile);
        const auto* back = find_widget(widgets, "nav.back");
        REQUIRE((food && back));
        CHECK(back->x > kWidth / 2.0); // mirrored: Back on the right
        const auto words = read_file(shots / "chooser.txt");
        CHECK(words.find("عن الطعام") != std::string::npos);            // About the food
        CHECK(words.find("أخبرنا عن هذا المكان") != std::string::npos); // the first form
        CHECK(words.find("About the food") == std::string::npos);       // no English mixed in
    }
}

TEST_CASE("at the largest text size the feedback chooser scrolls and the keyboard reaches every "
          "tile",
          "[kiosk][screens]") {
    KioskDataOptions options;
    options.extra_feedback_forms = 5; // six forms: more than fit at the largest text
    const auto data = make_kiosk_data(options);
    const auto shots = screenshot_dir("feedback-chooser-largest-text");
    const auto r = run_kiosk_script(*data, R"(tap Touch to start
tap English
tap Bigger
tap Bigger
tap Bigger
tap Give feedback
shot chooser-top
dump chooser-top.json
key Tab
key Tab
key Tab
key Tab
key Tab
key Tab
shot chooser-last-focused
dump chooser-last.json
key Return
words last-intro.txt
quit
)",
                                    shots);
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    const auto top = read_widgets(shots / "chooser-top.json");
    const auto* first = find_widget(top, kFirstTile);
    const auto* last_then = find_widget(top, "feedback.day-centre-food-5");
    REQUIRE((first && last_then));
    CHECK(first->visible);
    CHECK_FALSE(last_then->visible); // below the fold: the list scrolls
    for (const auto& w : top) {
        INFO(w.id << " is " << w.full_w << " x " << w.full_h);
        CHECK(std::min(w.full_w, w.full_h) >= kMinTarget - 0.5);
    }
    // Six Tabs reach the sixth tile and scroll it into view; Return opens it.
    const auto after = read_widgets(shots / "chooser-last.json");
    const auto* last_now = find_widget(after, "feedback.day-centre-food-5");
    REQUIRE(last_now);
    CHECK(last_now->visible);
    CHECK(read_file(shots / "last-intro.txt").find("Two quick questions") != std::string::npos);
}

TEST_CASE("'words' needs --test-mode, like a screenshot", "[kiosk][privacy]") {
    const auto data = make_kiosk_data();
    const auto script = data->dir / "words.txt";
    std::ofstream(script) << "tap Touch to start\nwords home.txt\nquit\n";
    const auto r = run_program({kiosk_program().string(), "--headless", "--data",
                                data->dir.path().string(), "--script", script.string()});
    CHECK(r.exit_code == 3);
    CHECK(r.err.find("words needs --test-mode") != std::string::npos);
}
