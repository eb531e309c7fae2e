// Switch scanning inside the real KioskUi (issue 11), drawn into a real
// (windowless) Dear ImGui context with a controlled clock: a switch press on
// the attract screen starts a scanning visit, speech reads each item's label
// as the scan reaches it (observed in the frame's speech request and in a
// real espeak-ng speaker's queue), and never what was typed.
#include "kiosk/flow/flow.hpp"
#include "kiosk/i18n/catalogue.hpp"
#include "kiosk/screens/kiosk_ui.hpp"
#include "kiosk/speech/speaker.hpp"
#include "kiosk/text/fonts.hpp"
#include "logic/sample_content.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <imgui.h>
#include <memory>
#include <string>
#include <vector>

using namespace engage;
using namespace engage::kiosk;

namespace {

// Key indexes for ImGui's key map (any free slots: there is no backend here).
constexpr int kSpaceIndex = 44;
constexpr int kReturnIndex = 40;

struct ImGuiContextOwner {
    ImGuiContext* ctx = ImGui::CreateContext();
    ImGuiContextOwner() {
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = ImVec2(1280, 800);
        io.KeyMap[ImGuiKey_Space] = kSpaceIndex;
        io.KeyMap[ImGuiKey_Enter] = kReturnIndex;
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
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
}

// One frame at `now`, with Space (switch 1) or Return (switch 2) going down in it.
FrameOutput frame(KioskUi& ui, Flow& flow, std::int64_t now, bool space = false,
                  bool enter = false) {
    ImGuiIO& io = ImGui::GetIO();
    io.KeysDown[kSpaceIndex] = space;
    io.KeysDown[kReturnIndex] = enter;
    ImGui::NewFrame();
    FrameInput in;
    in.now_ms = now;
    const FrameOutput out = ui.frame(flow, in);
    ImGui::Render();
    io.KeysDown[kSpaceIndex] = false;
    io.KeysDown[kReturnIndex] = false;
    return out;
}

std::string label_of(const KioskUi& ui, const std::string& id) {
    const auto i = ui.registry().index_of(id);
    return i ? ui.registry().entries()[*i].spoken : std::string{};
}

} // namespace

TEST_CASE("a switch press on the attract screen starts a visit with one-switch scanning",
          "[kiosk][switch]") {
    ImGuiContextOwner imgui;
    const Catalogue catalogue = load_catalogue();
    KioskUi ui(catalogue);
    give_fonts(ui);
    const auto key = make_sealing_keypair();
    Flow f(test::shared(test::sample_bundle(key)), "", test::sample_day);
    std::int64_t t = 1000;
    frame(ui, f, t);
    REQUIRE(f.state().screen == Screen::attract);
    CHECK(f.state().settings.scanning == ScanMode::off);
    frame(ui, f, t += 16, true);
    CHECK(f.state().screen != Screen::attract);
    CHECK(f.state().settings.scanning == ScanMode::one_switch);
    // The scan starts on the new screen's first item, and the loop is woken for its step.
    frame(ui, f, t += 16);
    frame(ui, f, t += 16);
    REQUIRE_FALSE(ui.scanner().highlight().empty());
    CHECK(ui.next_animation(f, t).has_value());
    SECTION("the inactivity pause is doubled while scanning") {
        Flow plain(test::shared(test::sample_bundle(key)), "", test::sample_day);
        CHECK(f.inactivity_ms() == 2 * plain.inactivity_ms());
    }
    SECTION("a new visit starts with the staff default again") {
        f.start_again(t += 16);
        CHECK(f.state().settings.scanning == ScanMode::off);
    }
}

TEST_CASE("with speech on, the scan reads each item's label as it reaches it",
          "[kiosk][switch][speech]") {
    ImGuiContextOwner imgui;
    const Catalogue catalogue = load_catalogue();
    KioskUi ui(catalogue);
    give_fonts(ui);
    ui.set_scan_timing({1000, 3});
    const auto key = make_sealing_keypair();
    Flow f(test::shared(test::sample_bundle(key)), "", test::sample_day);
    std::int64_t t = 1000;
    f.start(t);
    f.choose_language("en", ++t);
    f.set_speech(true, ++t);
    f.set_scanning(ScanMode::one_switch, ++t);
    REQUIRE(f.state().screen == Screen::home);
    const FrameOutput first = frame(ui, f, ++t);
    CHECK(first.say); // a new screen is read as a whole, not item by item
    frame(ui, f, ++t);
    const auto h0 = ui.scanner().highlight();
    REQUIRE(h0.ids.size() == 1);
    // One interval later the highlight moves on and its label is the speech.
    const FrameOutput moved = frame(ui, f, t += 1000);
    const auto h1 = ui.scanner().highlight();
    REQUIRE(h1.ids.size() == 1);
    CHECK(h1 != h0);
    REQUIRE(moved.say);
    CHECK(*moved.say == label_of(ui, h1.ids.front()));
    CHECK_FALSE(moved.say->empty());
    REQUIRE(moved.say_parts.size() == 1);
    CHECK(moved.say_parts.front().language == "en");
    SECTION("the real speaker queues it") {
        SpeakerOptions options;
        options.output = SpeechOutput::buffer;
        Speaker speaker(options);
        REQUIRE(speaker.available());
        speak_frame(moved, speaker);
        // Not "speaking() right now": on a loaded machine the worker may
        // already have finished a short label. Its samples prove it was said.
        REQUIRE(speaker.wait_idle(20000));
        CHECK(speaker.last_samples().size() > static_cast<std::size_t>(speaker.sample_rate() / 10));
    }
    SECTION("while the speaker is busy the highlight waits") {
        ImGui::NewFrame();
        FrameInput in;
        in.now_ms = t + 5000;
        in.speaking = true;
        ui.frame(f, in);
        ImGui::Render();
        CHECK(ui.scanner().highlight() == h1);
    }
    SECTION("speech off: the scan moves silently") {
        f.set_speech(false, t);
        frame(ui, f, ++t);
        const FrameOutput silent = frame(ui, f, t += 1000);
        CHECK_FALSE(silent.say);
    }
}

TEST_CASE("scanning a sign-up's text question reads labels, never the typed name",
          "[kiosk][switch][speech][privacy]") {
    ImGuiContextOwner imgui;
    const Catalogue catalogue = load_catalogue();
    KioskUi ui(catalogue);
    give_fonts(ui);
    ui.set_scan_timing({500, 10});
    const auto key = make_sealing_keypair();
    Flow f(test::shared(test::sample_bundle(key)), "", test::sample_day);
    std::int64_t t = 1000;
    f.start(t);
    f.choose_language("en", ++t);
    f.set_speech(true, ++t);
    f.set_scanning(ScanMode::one_switch, ++t);
    f.open_signup(++t);
    f.begin_questions(++t);
    f.choose("find-mentor", ++t);
    f.next(++t);
    REQUIRE(f.current_question());
    REQUIRE(f.current_question()->id == "name");
    f.set_text("CANARYzq", ++t);
    const FrameOutput first = frame(ui, f, ++t);
    REQUIRE(first.say);
    CHECK(first.say->find("CANARY") == std::string::npos);
    std::vector<std::string> said;
    bool saw_row = false;
    // Two whole rounds of the top level, then into the first keyboard row.
    for (int i = 0; i < 60; ++i) {
        const auto& h = ui.scanner().highlight();
        const bool space = !saw_row && h.group.rfind("key.row.", 0) == 0;
        saw_row = saw_row || space;
        const FrameOutput out = frame(ui, f, t += 500, space);
        for (const auto& id : ui.scanner().highlight().ids)
            CHECK(id != "text.box"); // the box is never a target
        if (out.say)
            said.push_back(*out.say);
    }
    CAPTURE(said);
    CHECK(saw_row);
    REQUIRE(said.size() > 10);
    for (const auto& s : said)
        CHECK(s.find("CANARY") == std::string::npos);
    // A row is read as its keys, and a key on its own as its label.
    CHECK(std::find(said.begin(), said.end(), "q w e r t y u i o p") != said.end());
    CHECK(std::find(said.begin(), said.end(), "w") != said.end());
}

TEST_CASE("two switches: Space moves the highlight, Return presses what it is on",
          "[kiosk][switch]") {
    ImGuiContextOwner imgui;
    const Catalogue catalogue = load_catalogue();
    KioskUi ui(catalogue);
    give_fonts(ui);
    const auto key = make_sealing_keypair();
    FlowConfig config;
    config.default_scanning = ScanMode::two_switch; // the staff default
    Flow f(test::shared(test::sample_bundle(key)), "", test::sample_day, config);
    std::int64_t t = 1000;
    f.start(t);
    f.choose_language("en", ++t);
    REQUIRE(f.state().settings.scanning == ScanMode::two_switch);
    frame(ui, f, ++t);
    frame(ui, f, ++t);
    REQUIRE(ui.scanner().highlight().ids == std::vector<std::string>{"home.feedback"});
    frame(ui, f, t += 60000); // time alone never moves a step scan
    CHECK(ui.scanner().highlight().ids == std::vector<std::string>{"home.feedback"});
    CHECK_FALSE(ui.next_animation(f, t));
    frame(ui, f, ++t, true); // switch 1
    frame(ui, f, ++t);
    const auto second = ui.scanner().highlight().ids;
    REQUIRE(second.size() == 1);
    CHECK(second.front() != "home.feedback");
    frame(ui, f, ++t, false, true); // switch 2 presses it
    CHECK(f.state().screen != Screen::home);
    SECTION("the top bar's button turns scanning off for this visit only") {
        f.set_scanning(ScanMode::off, ++t);
        frame(ui, f, ++t);
        CHECK(ui.scanner().highlight().empty());
        f.start_again(++t);
        CHECK(f.state().settings.scanning == ScanMode::two_switch);
    }
}

TEST_CASE("on the review screen the scan says which answer each Change button changes, in the "
          "visit's language",
          "[kiosk][switch][speech][review]") {
    ImGuiContextOwner imgui;
    const Catalogue catalogue = load_catalogue();
    KioskUi ui(catalogue);
    give_fonts(ui);
    constexpr std::int64_t kInterval = 1000;
    ui.set_scan_timing({kInterval, 10});
    const auto key = make_sealing_keypair();
    // Left to right and right to left: the words come from the visit's language.
    const std::string language = GENERATE(as<std::string>{}, "en", "ar");
    Flow f(test::shared(test::sample_bundle(key)), "", test::sample_day);
    std::int64_t t = 1000;
    f.start(t);
    f.choose_language(language, ++t);
    f.open_feedback(++t);
    f.begin_questions(++t);
    f.set_scale(4, ++t);
    f.next(++t);
    for (int i = 0; i < 40 && f.state().screen != Screen::review; ++i)
        f.skip(++t);
    REQUIRE(f.state().screen == Screen::review);
    const FormVersion* form = f.current_form();
    REQUIRE(form != nullptr);
    REQUIRE(form->questions.size() >= 2);
    f.set_speech(true, ++t);
    f.set_scanning(ScanMode::one_switch, ++t);
    frame(ui, f, ++t); // the new screen is read as a whole
    const std::string change = catalogue.text("review.change", language);
    REQUIRE_FALSE(change.empty());
    const Question& first = form->questions[0];
    const std::string first_words = change + ": " + first.text.get(language);
    CAPTURE(language, first_words);

    SECTION("each Change button carries its question's words for the scan") {
        for (const Question& q : form->questions)
            CHECK(label_of(ui, "review.change." + q.id) == change + ": " + q.text.get(language));
        // The question's own words, not the English ones (the form has both).
        if (language != "en")
            CHECK(first_words.find(first.text.get("en")) == std::string::npos);
    }
    SECTION("the scan reaching a Change button says them") {
        std::vector<std::string> said;
        for (int i = 0; i < 30; ++i) {
            const FrameOutput out = frame(ui, f, t += kInterval);
            if (out.say)
                said.push_back(*out.say);
        }
        CAPTURE(said);
        CHECK(std::find(said.begin(), said.end(), first_words) != said.end());
        // Never a bare "Change" that does not say which.
        CHECK(std::find(said.begin(), said.end(), change) == said.end());
    }
}

TEST_CASE("scanning over a combining mark's key says the mark, never its dotted circle",
          "[kiosk][switch][speech][keyboard]") {
    ImGuiContextOwner imgui;
    const Catalogue catalogue = load_catalogue();
    KioskUi ui(catalogue);
    give_fonts(ui);
    constexpr std::int64_t kInterval = 500;
    ui.set_scan_timing({kInterval, 10});
    const auto key = make_sealing_keypair();
    Flow f(test::shared(test::sample_bundle(key)), "", test::sample_day);
    std::int64_t t = 1000;
    f.start(t);
    f.choose_language("ar", ++t);
    f.open_feedback(++t);
    f.begin_questions(++t);
    for (int i = 0;
         i < 40 && f.current_question() && f.current_question()->type != QuestionType::text; ++i)
        f.skip(++t);
    REQUIRE(f.current_question());
    REQUIRE(f.current_question()->type == QuestionType::text);
    f.set_speech(true, ++t);
    f.set_scanning(ScanMode::one_switch, ++t);
    frame(ui, f, ++t); // the new screen is read as a whole
    // The harakat page: into the row with its key, then onto the key.
    bool on_marks = false;
    for (int i = 0; i < 200 && !on_marks; ++i) {
        const auto h = ui.scanner().highlight(); // a copy: the frame moves it
        const bool has_key = std::find(h.ids.begin(), h.ids.end(), "key.page.marks") != h.ids.end();
        frame(ui, f, t += kInterval, has_key);
        on_marks = has_key && h.ids.size() == 1;
    }
    REQUIRE(on_marks);
    // (The press lands in the next frame; the new page is drawn in the one after.)
    frame(ui, f, ++t);
    frame(ui, f, ++t);
    const auto fatha = ui.registry().index_of("key.\u064E");
    REQUIRE(fatha); // the marks page is up
    // Its label carries the mark on a dotted circle; what is said does not.
    CHECK(ui.registry().entries()[*fatha].label_en == "\u064E");
    std::vector<std::string> said;
    bool entered = false;
    for (int i = 0; i < 120; ++i) {
        const auto h = ui.scanner().highlight();
        // Into the harakat's row once, to hear its keys one by one too.
        const bool press =
            !entered && std::find(h.ids.begin(), h.ids.end(), "key.\u064E") != h.ids.end();
        entered = entered || press;
        const FrameOutput out = frame(ui, f, t += kInterval, press);
        if (out.say)
            said.push_back(*out.say);
    }
    CAPTURE(said);
    REQUIRE(entered);
    bool heard_fatha = false;
    for (const auto& s : said) {
        CHECK(s.find("\u25CC") == std::string::npos);
        heard_fatha = heard_fatha || s == "\u064E";
    }
    CHECK(heard_fatha); // the key on its own: the mark alone
}
