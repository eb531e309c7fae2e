// A text question above its keys (issue 11): on every text question of the
// sample content (the feedback's free text, the sign-up's name, its phone
// number on the number pad and on the full keyboard), empty and typed into,
// the question's first line and the whole text box are in view between the
// top bar and the keys, in long (so, kmr), right-to-left (ar, ur) and tall
// (am, pa) languages, at the smallest and largest text size, in both themes,
// and on a portrait screen; on a landscape screen the top bar keeps to one
// row meanwhile. From the widget dump's rectangles; the shots go to
// <build>/screenshots/kiosk-app/text-question/ for people to look at.
#include "kiosk/flow/text_size.hpp"
#include "kiosk/widgets/theme.hpp"
#include "kiosk_app_fixture.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>
#include <iterator>
#include <sstream>

using namespace engage::test;
namespace kiosk = engage::kiosk;

namespace {

// Rounding of float layout to pixels: boxes touching may share a pixel.
constexpr double kTolerance = 1.0;

struct TextCombo {
    std::string language;
    bool contrast = false;
    int step = kiosk::kDefaultTextStep;
    bool portrait = false;
    std::string name() const {
        return language + (contrast ? "-contrast" : "-standard") + "-size" + std::to_string(step) +
               (portrait ? "-portrait" : "");
    }
};

// The text question screens a visit passes, each shot and dumped by name.
const std::vector<std::string>& text_screens() {
    static const std::vector<std::string> names{"feedback-empty", "feedback-typed",
                                                "name-empty",     "name-typed",
                                                "phone-pad",      "phone-keyboard"};
    return names;
}

std::string text_script(const TextCombo& c) {
    std::ostringstream s;
    auto shot = [&s](const std::string& name) {
        s << "shot " << name << "\ndump " << name << ".json\n";
    };
    // Theme and size chosen on the home screen, where the whole bar is.
    s << "tap attract.start\nscroll language." << c.language << "\ntap language." << c.language
      << "\n";
    if (c.contrast)
        s << "tap top.contrast\n";
    for (int i = kiosk::kDefaultTextStep; i < c.step; ++i)
        s << "tap top.text_bigger\n";
    s << "tap home.feedback\ntap intro.start\n";
    for (int i = 0; i < 4; ++i)
        s << "tap nav.skip\n";
    shot("feedback-empty");
    s << "type Warm place and kind staff, thank you all\n"; // as a physical keyboard types
    shot("feedback-typed");
    s << "tap nav.next\n";
    for (int i = 0; i < 6; ++i)
        s << "tap nav.skip\n";
    s << "scroll review.send\ntap review.send\ntap thanks.another\n"
         "scroll home.mentoring\ntap home.mentoring\ntap intro.start\n"
         "scroll answer.want.find-mentor\ntap answer.want.find-mentor\ntap nav.next\n";
    shot("name-empty");
    s << "type Alex\n";
    shot("name-typed");
    s << "tap nav.next\nscroll answer.contact.phone\ntap answer.contact.phone\ntap nav.next\n";
    shot("phone-pad");
    s << "tap pad.letters\n";
    shot("phone-keyboard");
    s << "quit\n";
    return s.str();
}

const DumpedBox* widget(const std::vector<DumpedBox>& all, const std::string& id) {
    const auto it = std::find_if(all.begin(), all.end(),
                                 [&id](const DumpedBox& b) { return !b.text && b.id == id; });
    return it == all.end() ? nullptr : &*it;
}

std::string describe(const DumpedBox& b) {
    std::ostringstream o;
    o << (b.text ? "text of " + b.parent : b.id) << " [" << b.x << "," << b.y << " " << b.w << "x"
      << b.h << " of " << b.full_w << "x" << b.full_h << "]";
    return o.str();
}

// What is wrong with one text question screen ("" = nothing): the question's
// first line or the text box not wholly between the top bar and the keys.
std::vector<std::string> text_question_faults(const std::vector<DumpedBox>& all) {
    std::vector<std::string> faults;
    double bar_bottom = 0;
    double keys_top = 1e9;
    for (const auto& b : all) {
        if (b.text)
            continue;
        if (b.id.rfind("top.", 0) == 0 && b.id != "top.corner")
            bar_bottom = std::max(bar_bottom, b.y + b.h);
        if (b.id.rfind("key.", 0) == 0 || b.id.rfind("pad.", 0) == 0)
            keys_top = std::min(keys_top, b.y);
    }
    if (bar_bottom == 0)
        faults.push_back("no top bar");
    if (keys_top == 1e9)
        faults.push_back("no keys");
    const DumpedBox* words = widget(all, "question.words");
    const DumpedBox* box = widget(all, "text.box");
    if (words == nullptr) {
        faults.push_back("no question.words");
    } else {
        // "visible": its first line wholly in view (question_screen.cpp).
        if (!words->visible)
            faults.push_back(describe(*words) + ": its first line is not wholly in view");
        if (words->y < bar_bottom - kTolerance)
            faults.push_back(describe(*words) + " starts under the top bar");
        if (box != nullptr && words->y + words->h > box->y + kTolerance)
            faults.push_back(describe(*words) + " runs under the text box");
        // Its words' own rectangles: their top not scrolled away.
        for (const auto& t : all)
            if (t.text && t.parent == "question.words" && t.y > t.full_y + kTolerance &&
                t.full_y < words->y + kTolerance)
                faults.push_back(describe(t) + ": the question's first line is cut at the top");
    }
    if (box == nullptr) {
        faults.push_back("no text.box");
    } else {
        if (!box->visible || box->h < box->full_h - kTolerance)
            faults.push_back(describe(*box) + " is not wholly in view");
        if (box->y < bar_bottom - kTolerance)
            faults.push_back(describe(*box) + " is under the top bar");
        if (box->y + box->h > keys_top + kTolerance)
            faults.push_back(describe(*box) + " runs under the keys");
    }
    return faults;
}

} // namespace

TEST_CASE("on every text question the question's first line and the whole text box are in view "
          "above the keys, in seven languages, at the smallest and largest size, in both themes",
          "[kiosk][keyboard][layout][screenshots]") {
    const int largest = kiosk::max_text_size_step;
    std::vector<TextCombo> combos;
    for (const char* l : {"en", "so", "ar", "ur", "am", "pa", "kmr"})
        for (bool contrast : {false, true})
            for (int step : {kiosk::kDefaultTextStep, largest})
                combos.push_back({l, contrast, step});
    // Portrait: the bar takes more rows there, the keys are as tall.
    for (const char* l : {"en", "ur", "so"})
        combos.push_back({l, false, largest, true});
    const auto data = make_kiosk_data();
    const auto root = screenshot_dir("text-question");
    for (const auto& c : combos) {
        const auto shots = root / c.name();
        std::filesystem::create_directories(shots);
        std::vector<std::string> env;
        if (c.portrait)
            env.emplace_back("ENGAGE_KIOSK_SIZE=800x1280");
        const auto r = run_kiosk_script(*data, text_script(c), shots, {}, env);
        INFO(c.name() << "\n" << r.out << r.err);
        REQUIRE(r.exit_code == 0);
        for (const auto& screen : text_screens()) {
            INFO(c.name() << " " << screen);
            const auto dump = read_layout(shots / (screen + ".json"));
            auto faults = text_question_faults(dump);
            // On a landscape screen the bar keeps to one row while the keys
            // are up (in the languages with the longest words too).
            if (!c.portrait) {
                const DumpedBox* help = widget(dump, "top.help_now");
                for (const auto& b : dump)
                    if (!b.text && b.id.rfind("top.", 0) == 0 && b.id != "top.corner" && help &&
                        std::abs(b.y - help->y) > kTolerance)
                        faults.push_back(describe(b) + " is on another bar row than Help now");
            }
            std::string all;
            for (const auto& f : faults)
                all += "  " + f + "\n";
            INFO(all);
            CHECK(faults.empty());
        }
    }
}

TEST_CASE("the text question check finds a box under the keys and a question scrolled away",
          "[kiosk][keyboard][layout]") {
    auto box_at = [](std::string id, double y, double h) {
        DumpedBox b;
        b.id = std::move(id);
        b.x = b.full_x = 28;
        b.y = b.full_y = y;
        b.w = b.full_w = 1224;
        b.h = b.full_h = h;
        return b;
    };
    const DumpedBox bar = box_at("top.help_now", 8, 92);
    const DumpedBox key = box_at("key.q", 292, 92);
    const DumpedBox words = box_at("question.words", 116, 45);
    const DumpedBox box = box_at("text.box", 215, 61);

    SECTION("the question and the box between the bar and the keys are fine") {
        CHECK(text_question_faults({bar, key, words, box}).empty());
    }
    SECTION("a box running under the keys is a fault") {
        DumpedBox low = box_at("text.box", 250, 61);
        const auto f = text_question_faults({bar, key, words, low});
        REQUIRE(f.size() == 1);
        CHECK(f[0].find("runs under the keys") != std::string::npos);
    }
    SECTION("a box cut by the body's scroll is a fault") {
        DumpedBox cut = box;
        cut.h = 20;
        const auto f = text_question_faults({bar, key, words, cut});
        REQUIRE(f.size() == 1);
        CHECK(f[0].find("not wholly in view") != std::string::npos);
    }
    SECTION("a question whose first line is scrolled away is a fault") {
        DumpedBox gone = words;
        gone.visible = false;
        DumpedBox line;
        line.text = true;
        line.id = "text";
        line.parent = "question.words";
        line.x = line.full_x = 28;
        line.y = 116;
        line.full_y = 60;
        line.w = line.full_w = 900;
        line.h = 45;
        line.full_h = 101;
        const auto f = text_question_faults({bar, key, gone, line, box});
        REQUIRE(f.size() == 2);
        CHECK(f[0].find("first line is not wholly in view") != std::string::npos);
        CHECK(f[1].find("cut at the top") != std::string::npos);
    }
}

TEST_CASE("Settings puts a text question's keys away with the whole bar back, and Type here "
          "brings them back with the answer kept",
          "[kiosk][keyboard][top-bar]") {
    const auto data = make_kiosk_data();
    for (const char* language : {"en", "ur"}) {
        CAPTURE(language);
        const auto shots = screenshot_dir(std::string("text-question-keys-away/") + language);
        std::ostringstream s;
        s << "tap attract.start\ntap language." << language << "\n";
        for (int i = kiosk::kDefaultTextStep; i < kiosk::max_text_size_step; ++i)
            s << "tap top.text_bigger\n";
        s << "tap home.feedback\ntap intro.start\n";
        for (int i = 0; i < 4; ++i)
            s << "tap nav.skip\n";
        s << "type kind staff\ndump up.json\ntap top.settings\nshot away\ndump away.json\n"
             "tap top.contrast\ntap text.keys\nshot back\ndump back.json\nwords back.txt\n"
             "quit\n";
        const auto r = run_kiosk_script(*data, s.str(), shots);
        INFO(r.out << r.err);
        REQUIRE(r.exit_code == 0);
        auto count = [](const std::vector<DumpedWidget>& all, const std::string& prefix) {
            return std::count_if(all.begin(), all.end(), [&prefix](const DumpedWidget& w) {
                return w.id.rfind(prefix, 0) == 0;
            });
        };
        const auto up = read_widgets(shots / "up.json");
        const auto away = read_widgets(shots / "away.json");
        const auto back = read_widgets(shots / "back.json");
        // Keys up: the typing bar, without the settings that wait.
        CHECK(find_widget(up, "top.settings") != nullptr);
        CHECK(find_widget(up, "top.contrast") == nullptr);
        CHECK(find_widget(up, "top.language") == nullptr);
        CHECK(find_widget(up, "top.help_now") != nullptr);
        CHECK(find_widget(up, "top.start_again") != nullptr);
        CHECK(count(up, "key.") > 20);
        // Keys away: no keys, the whole bar, and Type here in view.
        CHECK(count(away, "key.") == 0);
        CHECK(find_widget(away, "top.settings") == nullptr);
        for (const char* id : {"top.contrast", "top.language", "top.easy_words", "top.speech",
                               "top.scanning", "top.help_now", "top.start_again"})
            CHECK(find_widget(away, id) != nullptr);
        const auto* type = find_widget(away, "text.keys");
        REQUIRE(type != nullptr);
        CHECK(type->visible);
        CHECK(type->h >= type->full_h - kTolerance);
        // Back: the keys again, and the answer typed before still there:
        // the box is not empty, so its invitation is not among the screen's
        // words (typed words never are).
        CHECK(count(back, "key.") > 20);
        CHECK(find_widget(back, "text.keys") == nullptr);
        if (std::string_view(language) == "en") {
            std::ifstream in(shots / "back.txt");
            const std::string words((std::istreambuf_iterator<char>(in)),
                                    std::istreambuf_iterator<char>());
            CHECK(words.find("Anything else") != std::string::npos);
            CHECK(words.find("Type here if you want to") == std::string::npos);
        }
    }
}
