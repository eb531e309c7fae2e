// Easy words (issue 11): the top bar's switch shows each question and answer
// in its easy-read wording, with its picture, in every script; Read aloud
// reads what is shown; a question without easy wording keeps its own words;
// the switch lasts one visit. The real KioskUi in a real (windowless) Dear
// ImGui context, and the real program headless for the words and pictures
// people see.
#include "kiosk/flow/flow.hpp"
#include "kiosk/i18n/catalogue.hpp"
#include "kiosk/screens/kiosk_ui.hpp"
#include "kiosk/text/fonts.hpp"
#include "kiosk/widgets/theme.hpp"
#include "kiosk_app_fixture.hpp"
#include "logic/sample_content.hpp"

#include <catch2/catch.hpp>
#include <fstream>
#include <imgui.h>
#include <sstream>

using namespace engage;
using namespace engage::kiosk;

namespace {

// One ImGui context with the kiosk's fonts, for as long as a test runs.
struct ImGuiContextOwner {
    ImGuiContext* ctx = ImGui::CreateContext();
    ImGuiContextOwner() {
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = ImVec2(1280, 800);
    }
    ~ImGuiContextOwner() { ImGui::DestroyContext(ctx); }
    ImGuiContextOwner(const ImGuiContextOwner&) = delete;
    ImGuiContextOwner& operator=(const ImGuiContextOwner&) = delete;
};

Catalogue load_catalogue() {
    std::string error;
    auto catalogue = Catalogue::load(std::filesystem::path(ENGAGE_SOURCE_DIR) / "i18n", error);
    INFO(error);
    REQUIRE(catalogue);
    return std::move(*catalogue);
}

void give_fonts(KioskUi& ui) {
    ImGuiIO& io = ImGui::GetIO();
    ui.set_fonts(load_fonts(io, 28.0f), 28.0f);
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h); // builds the atlas NewFrame needs
}

FrameOutput draw_one_frame(KioskUi& ui, Flow& flow, std::int64_t now) {
    ImGui::NewFrame();
    FrameInput in;
    in.now_ms = now;
    const FrameOutput out = ui.frame(flow, in);
    ImGui::Render();
    return out;
}

std::string all_spoken(const FrameOutput& out) {
    std::string text;
    for (const auto& part : out.say_parts)
        text += part.text + "\n";
    return text;
}

bool contains(const std::string& haystack, const std::string& needle) {
    return !needle.empty() && haystack.find(needle) != std::string::npos;
}

std::string read_text(const std::filesystem::path& file) {
    std::ifstream in(file);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

} // namespace

TEST_CASE("Easy words reads the easy wording aloud, keeps words where there is none, and "
          "lasts one visit",
          "[kiosk][easy_words][speech]") {
    ImGuiContextOwner imgui;
    const Catalogue catalogue = load_catalogue();
    KioskUi ui(catalogue);
    give_fonts(ui);
    const auto key = make_sealing_keypair();
    ContentBundle bundle = test::sample_bundle(key);
    // The second question loses its easy wording, as a site's own form may.
    auto& form = bundle.forms.front();
    REQUIRE(form.slug == "day-centre-feedback");
    REQUIRE(form.questions.size() >= 2);
    form.questions[1].easy = {};
    const Question first = form.questions[0];
    const Question second = form.questions[1];
    REQUIRE_FALSE(first.easy.get("en").empty());
    REQUIRE(first.easy.get("en") != first.text.get("en"));
    Flow f(test::shared(std::move(bundle)), "", test::sample_day);
    std::int64_t t = 0;
    f.start(++t);
    f.choose_language("en", ++t);
    f.set_speech(true, ++t); // each new screen is read out: Read aloud's words
    f.open_form("day-centre-feedback", ++t);
    if (f.state().screen == Screen::form_intro)
        f.begin_questions(++t);
    REQUIRE(f.state().screen == Screen::question);

    SECTION("off: the normal wording, and the switch in the top bar is not on") {
        const FrameOutput out = draw_one_frame(ui, f, ++t);
        CHECK(contains(all_spoken(out), first.text.get("en")));
        CHECK_FALSE(contains(all_spoken(out), first.easy.get("en")));
        const auto button = ui.registry().find("top.easy_words");
        REQUIRE(button);
        CHECK(button->label_en == "Easy words");
        CHECK_FALSE(ui.registry().find("question.picture"));
    }
    SECTION("on: the easy wording is shown and read aloud, with the question's picture") {
        f.set_easy_read(true, ++t);
        draw_one_frame(ui, f, ++t);
        const std::string words = ui.screen_words();
        CAPTURE(words);
        CHECK(contains(words, first.easy.get("en")));
        CHECK_FALSE(contains(words, first.text.get("en")));
        CHECK(ui.registry().find("question.picture"));
        // The next question is a new screen: speech reads it as Read aloud would.
        f.next(++t);
        const FrameOutput out = draw_one_frame(ui, f, ++t);
        CAPTURE(all_spoken(out));
        SECTION("a question without easy wording keeps its own words, never a blank") {
            CHECK(contains(all_spoken(out), second.text.get("en")));
            CHECK(contains(ui.screen_words(), second.text.get("en")));
        }
        SECTION("Read aloud reads the easy wording when it is on") {
            f.back(++t);
            const FrameOutput again = draw_one_frame(ui, f, ++t);
            CHECK(contains(all_spoken(again), first.easy.get("en")));
            CHECK_FALSE(contains(all_spoken(again), first.text.get("en")));
        }
        SECTION("a new visit starts with Easy words off") {
            f.start_again(++t);
            CHECK_FALSE(f.state().settings.easy_read);
            f.start(++t);
            CHECK_FALSE(f.state().settings.easy_read);
        }
    }
}

TEST_CASE("staff can make Easy words the default a visit starts with", "[kiosk][easy_words]") {
    const auto key = make_sealing_keypair();
    FlowConfig config;
    config.default_easy_read = true;
    Flow f(test::shared(test::sample_bundle(key)), "", test::sample_day, config);
    std::int64_t t = 0;
    CHECK(f.state().settings.easy_read);
    f.start(++t);
    f.set_easy_read(false, ++t); // this person prefers the usual words
    CHECK_FALSE(f.state().settings.easy_read);
    f.start_again(++t); // the next person starts with the staff's default again
    CHECK(f.state().settings.easy_read);
}

TEST_CASE("the Easy words switch changes a question's words in English, Arabic and Bengali",
          "[kiosk][easy_words][i18n]") {
    const auto data = test::make_kiosk_data();
    const auto shots = test::screenshot_dir("easy-words-switch");
    const FormVersion form = test::sample_form("day-centre-feedback.json");
    const Question& q = form.questions.front();
    std::ostringstream s;
    for (const char* lang : {"en", "ar", "bn"}) {
        s << "tap attract.start\ntap language." << lang << "\n"
          << "tap home.feedback\ntap intro.start\n"
          << "words normal-" << lang << ".txt\n"
          << "tap top.easy_words\n"
          << "words easy-" << lang << ".txt\n"
          << "dump easy-" << lang << ".json\n"
          << "shot easy-" << lang << "\n"
          << "tap top.start_again\ntap start_again.yes\n"
          // A new visit: Easy words is off again.
          << "tap attract.start\ntap language." << lang << "\n"
          << "tap home.feedback\ntap intro.start\n"
          << "words new-visit-" << lang << ".txt\n"
          << "tap top.start_again\ntap start_again.yes\n";
    }
    s << "quit\n";
    const auto r = test::run_kiosk_script(*data, s.str(), shots);
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    for (const std::string lang : {"en", "ar", "bn"}) {
        CAPTURE(lang);
        const std::string normal = q.text.get(lang);
        const std::string easy = q.easy.get(lang);
        REQUIRE(q.text.has(lang));
        REQUIRE(q.easy.has(lang));
        REQUIRE(normal != easy);
        const auto before = read_text(shots / ("normal-" + lang + ".txt"));
        const auto after = read_text(shots / ("easy-" + lang + ".txt"));
        const auto next_visit = read_text(shots / ("new-visit-" + lang + ".txt"));
        CAPTURE(before, after, next_visit);
        CHECK(contains(before, normal));
        CHECK_FALSE(contains(before, easy));
        CHECK(contains(after, easy));
        CHECK_FALSE(contains(after, normal));
        CHECK(contains(next_visit, normal));
        CHECK_FALSE(contains(next_visit, easy));
        const auto widgets = test::read_widgets(shots / ("easy-" + lang + ".json"));
        const auto* picture = test::find_widget(widgets, "question.picture");
        REQUIRE(picture);
        CHECK(picture->visible);
        CHECK_FALSE(picture->focusable);
    }
}

TEST_CASE("screens with Easy words on are saved in en, ar and bn, at the default and largest "
          "size, in each theme, with the top bar inside the window",
          "[kiosk][easy_words][screens]") {
    const auto data = test::make_kiosk_data();
    const int largest = static_cast<int>(kTextScales.size()) - 1;
    for (const std::string lang : {"en", "ar", "bn"}) {
        for (const bool contrast : {false, true}) {
            for (const int step : {kDefaultTextStep, largest}) {
                const std::string name =
                    lang + (contrast ? "-contrast" : "-standard") + "-size" + std::to_string(step);
                CAPTURE(name);
                const auto shots = test::screenshot_dir("easy-words/" + name);
                std::ostringstream s;
                s << "tap attract.start\ntap language." << lang << "\n";
                if (contrast)
                    s << "tap top.contrast\n";
                for (int i = kDefaultTextStep; i < step; ++i)
                    s << "tap top.text_bigger\n";
                s << "tap top.easy_words\n"
                  << "shot home\ndump home.json\n"
                  << "tap home.feedback\ntap intro.start\n"
                  << "shot q-scale\ndump q-scale.json\n"
                  << "tap nav.next\nshot q-choice\ndump q-choice.json\n"
                  << "tap nav.next\nshot q-yesno\n"
                  << "tap nav.next\nshot q-multi\n"
                  << "tap nav.next\nshot q-demographic\n"
                  << "tap nav.next\nshot q-text\n"
                  << "tap nav.next\nshot review\nquit\n";
                const auto r = test::run_kiosk_script(*data, s.str(), shots);
                INFO(r.out << r.err);
                REQUIRE(r.exit_code == 0);
                for (const char* screen : {"home.json", "q-scale.json", "q-choice.json"}) {
                    CAPTURE(screen);
                    const auto widgets = test::read_widgets(shots / screen);
                    std::vector<const test::DumpedWidget*> bar;
                    for (const auto& w : widgets) {
                        if (w.id.starts_with("top.") && w.id != "top.corner")
                            bar.push_back(&w);
                    }
                    REQUIRE(bar.size() >= 8);
                    for (const auto* w : bar) {
                        CAPTURE(w->id, w->x, w->y, w->w, w->h, w->full_w);
                        CHECK(w->visible);
                        CHECK(w->x >= 0);
                        CHECK(w->x + w->w <= 1280.5);
                        CHECK(w->w >= w->full_w - 1); // not cut by the window's edge
                    }
                    for (std::size_t i = 0; i < bar.size(); ++i) {
                        for (std::size_t j = i + 1; j < bar.size(); ++j) {
                            const auto& a = *bar[i];
                            const auto& b = *bar[j];
                            const double ox = std::min(a.x + a.w, b.x + b.w) - std::max(a.x, b.x);
                            const double oy = std::min(a.y + a.h, b.y + b.h) - std::max(a.y, b.y);
                            CAPTURE(a.id, b.id);
                            CHECK_FALSE((ox > 1 && oy > 1));
                        }
                    }
                }
                const auto question = test::read_widgets(shots / "q-scale.json");
                CHECK(test::find_widget(question, "question.picture"));
            }
        }
    }
}
