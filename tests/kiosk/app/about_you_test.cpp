// The "About you" questions (issues 10 and 11) on the real kiosk, headless:
// the sample feedback form ends with them; in Arabic every question, the
// sentence saying why they are asked and every answer is shown in Arabic
// (`words`), the ethnicity question's twenty answers scroll as full-size
// targets at the largest text size with "Prefer not to say" last, and Skip
// moves past each. Screenshots stay in <build>/screenshots/kiosk-app/about-you-*/
// for people to look at.
#include "engage/about_you.hpp"
#include "kiosk/widgets/theme.hpp"
#include "kiosk_app_fixture.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <sstream>

using namespace engage;
using namespace engage::test;

namespace {

// min_target at 1280x800 (theme.cpp), as in screens_test.cpp.
constexpr double kMinTarget = 92.0;
// The sample form's questions before the set: visit, safe, trust, helped,
// anything-else.
constexpr int kQuestionsBefore = 5;

// From the attract screen to the first "About you" question in `language`,
// `bigger` text steps up; then for each of the six: words, dump, shot, Skip.
std::string walk(const std::string& language, int bigger, bool contrast) {
    std::ostringstream s;
    s << "tap attract.start\ntap language." << language << "\n";
    for (int i = 0; i < bigger; ++i)
        s << "tap top.text_bigger\n";
    if (contrast)
        s << "tap top.contrast\n";
    s << "tap home.feedback\ntap intro.start\n";
    for (int i = 0; i < kQuestionsBefore; ++i)
        s << "tap nav.skip\n";
    for (const auto& q : about_you::questions()) {
        s << "words " << q.id << ".txt\ndump " << q.id << ".json\nshot " << q.id << "\n";
        s << "tap nav.skip\n";
    }
    s << "expect review.send\nquit\n";
    return s.str();
}

} // namespace

TEST_CASE("the About-you questions walk in Arabic: every question, reason and answer in Arabic",
          "[kiosk][screens][rtl][about_you]") {
    const auto data = make_kiosk_data();
    const auto shots = screenshot_dir("about-you-ar");
    const auto r = run_kiosk_script(*data, walk("ar", 0, false), shots);
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0); // includes: Skip moved past all six to the review
    for (const auto& q : about_you::questions()) {
        INFO(q.id);
        const auto words = read_file(shots / (q.id + ".txt"));
        CHECK(words.find(q.text.get("ar")) != std::string::npos);
        CHECK(words.find(q.text.get("en")) == std::string::npos);
        // Never a silent mix, and nothing marked "in English" either.
        CHECK(words.find("in English") == std::string::npos);
        if (!q.hint.empty()) {
            CHECK(words.find(q.hint.get("ar")) != std::string::npos);
        }
        const auto widgets = read_widgets(shots / (q.id + ".json"));
        const DumpedWidget* last = nullptr;
        for (const auto& o : q.options) {
            INFO(o.id);
            const auto* w = find_widget(widgets, "answer." + q.id + "." + o.id);
            REQUIRE(w != nullptr);
            CHECK(w->label == o.text.get("en")); // the dump names widgets in English
            // Each answer is a full-size target, scrolled into view or not.
            CHECK(std::min(w->full_w, w->full_h) >= kMinTarget - 0.5);
            if (w->visible && w->h >= w->full_h - 0.5) {
                // Read aloud has the words of every answer fully on screen.
                CHECK(words.find(o.text.get("ar")) != std::string::npos);
                CHECK(words.find(o.text.get("en")) == std::string::npos);
            }
            if (last == nullptr || w->y > last->y || (w->y == last->y && w->x < last->x))
                last = w;
        }
        // "Prefer not to say" is the last answer: at the bottom, and in a
        // two-column right-to-left grid at the left end of its row.
        REQUIRE(last != nullptr);
        CHECK(last->id == "answer." + q.id + ".prefer-not-to-say");
    }
}

TEST_CASE("at the largest text size the ethnicity answers scroll, full size, in English and Arabic",
          "[kiosk][screens][layout][about_you]") {
    const auto data = make_kiosk_data();
    const int largest = static_cast<int>(kiosk::kTextScales.size()) - 1;
    for (const std::string lang : {"en", "ar"}) {
        for (const bool contrast : {false, true}) {
            const auto shots =
                screenshot_dir("about-you-" + lang + "-largest" + (contrast ? "-contrast" : ""));
            const auto r = run_kiosk_script(
                *data, walk(lang, largest - kiosk::kDefaultTextStep, contrast), shots);
            INFO(lang << (contrast ? " contrast" : "") << "\n" << r.out << r.err);
            REQUIRE(r.exit_code == 0);
            const auto widgets = read_widgets(shots / "about-you-ethnicity.json");
            std::size_t answers = 0, whole = 0;
            for (const auto& w : widgets) {
                if (w.id.rfind("answer.about-you-ethnicity.", 0) != 0)
                    continue;
                ++answers;
                CHECK(std::min(w.full_w, w.full_h) >= kMinTarget - 0.5);
                whole += w.visible && w.h >= w.full_h - 0.5 ? 1 : 0;
            }
            CHECK(answers == 20);
            // They cannot all fit: the list scrolls (its bar is in the shot).
            CHECK(whole < answers);
            // A row is as tall as the longest answer needs (two lines at the
            // largest size), so at least one is whole at a time.
            CHECK(whole >= 1);
            const auto* skip = find_widget(widgets, "nav.skip");
            REQUIRE(skip != nullptr);
            CHECK(skip->visible);
        }
    }
}

TEST_CASE("every About-you question in six scripts, two sizes and both themes, saved for people",
          "[kiosk][screens][about_you][screenshots]") {
    // Latin, Arabic, Nastaliq, Bengali, Ethiopic: the shots stay in
    // <build>/screenshots/kiosk-app/about-you-LANG-THEME-SIZE/ to be looked at.
    const auto data = make_kiosk_data();
    const int largest = static_cast<int>(kiosk::kTextScales.size()) - 1;
    for (const std::string lang : {"en", "ar", "ur", "bn", "am", "pl"}) {
        for (const bool contrast : {false, true}) {
            for (const int step : {kiosk::kDefaultTextStep, largest}) {
                const std::string name = "about-you-" + lang + "-" +
                                         (contrast ? "contrast" : "standard") + "-size" +
                                         std::to_string(step);
                const auto shots = screenshot_dir(name);
                const auto r = run_kiosk_script(
                    *data, walk(lang, step - kiosk::kDefaultTextStep, contrast), shots);
                INFO(name << "\n" << r.out << r.err);
                REQUIRE(r.exit_code == 0); // every question reached, each skipped
                for (const auto& q : about_you::questions()) {
                    INFO(q.id);
                    const auto words = read_file(shots / (q.id + ".txt"));
                    CHECK(words.find(q.text.get(lang)) != std::string::npos);
                    CHECK(words.find("in English") == std::string::npos);
                    const auto widgets = read_widgets(shots / (q.id + ".json"));
                    for (const auto& o : q.options) {
                        const auto* w = find_widget(widgets, "answer." + q.id + "." + o.id);
                        REQUIRE(w != nullptr);
                        CHECK(std::min(w->full_w, w->full_h) >= kMinTarget - 0.5);
                    }
                }
            }
        }
    }
}
