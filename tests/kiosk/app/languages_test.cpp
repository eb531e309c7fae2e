// Fourteen languages and never a silent mix (issue 11): content without a
// translation is shown in English with a tag and read in the English voice,
// Help now in an unreviewed language shows the English beside it, Read aloud
// says when a language has no voice, and wiping a visit stops speech. The real
// KioskUi drawn into a real (windowless) Dear ImGui context, a real espeak-ng
// speaker, and the real program for screenshots people look at.
#include "kiosk/flow/flow.hpp"
#include "kiosk/i18n/catalogue.hpp"
#include "kiosk/i18n/content_coverage.hpp"
#include "kiosk/screens/kiosk_ui.hpp"
#include "kiosk/speech/speaker.hpp"
#include "kiosk/text/fonts.hpp"
#include "kiosk_app_fixture.hpp"
#include "logic/sample_content.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <imgui.h>
#include <memory>
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

// A KioskUi with fonts in the current ImGui context.
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

std::size_t tags_on_screen(const KioskUi& ui) {
    const auto& all = ui.registry().entries();
    return static_cast<std::size_t>(std::count_if(
        all.begin(), all.end(), [](const auto& e) { return e.id.starts_with("in_english."); }));
}

std::string spoken_in(const FrameOutput& out, std::string_view language) {
    std::string text;
    for (const auto& part : out.say_parts) {
        if (part.language == language)
            text += part.text + "\n";
    }
    return text;
}

} // namespace

TEST_CASE("content without a translation is shown in English, tagged, and read in English",
          "[kiosk][i18n][speech]") {
    ImGuiContextOwner imgui;
    const Catalogue catalogue = load_catalogue();
    KioskUi ui(catalogue);
    give_fonts(ui);
    const auto key = make_sealing_keypair();
    ContentBundle bundle = test::sample_bundle(key);
    test::drop_form_language(bundle, "so");
    Flow f(test::shared(std::move(bundle)), "", test::sample_day);
    std::int64_t t = 0;
    f.start(++t);
    const std::string language = GENERATE(as<std::string>{}, "so", "pl");
    f.choose_language(language, ++t);
    f.set_speech(true, ++t); // each new screen is read out by itself
    f.open_feedback(++t);
    if (f.state().screen == Screen::form_intro)
        f.begin_questions(++t);
    REQUIRE(f.state().screen == Screen::question);
    const FrameOutput out = draw_one_frame(ui, f, ++t);
    const Question& q = f.current_form()->questions[f.state().question_index];
    CAPTURE(language, spoken_in(out, "en"), spoken_in(out, language));
    if (language == "so") {
        // The question (one tag: the answers under it are in English too).
        CHECK(tags_on_screen(ui) == 1);
        CHECK(spoken_in(out, "en").find(q.text.get("en")) != std::string::npos);
        // The kiosk's own words stay Somali and are asked for in Somali.
        CHECK(spoken_in(out, "so").find(catalogue.text("question.optional", "so")) !=
              std::string::npos);
        CHECK(spoken_in(out, "so").find(q.text.get("en")) == std::string::npos);
    } else {
        CHECK(tags_on_screen(ui) == 0);
        CHECK(spoken_in(out, "en").empty());
        CHECK(spoken_in(out, "pl").find(q.text.get("pl")) != std::string::npos);
    }
}

TEST_CASE("Help now in a language nobody has reviewed shows the English beside each entry",
          "[kiosk][i18n][help]") {
    ImGuiContextOwner imgui;
    const Catalogue catalogue = load_catalogue();
    KioskUi ui(catalogue);
    give_fonts(ui);
    const auto key = make_sealing_keypair();
    const auto content = test::shared(test::sample_bundle(key));
    Flow f(content, "", test::sample_day);
    std::int64_t t = 0;
    f.start(++t);
    const std::string language = GENERATE(as<std::string>{}, "ar", "ti", "en");
    CAPTURE(language);
    f.choose_language(language, ++t);
    f.set_speech(true, ++t);
    f.open_help(++t);
    REQUIRE(f.state().screen == Screen::help_now);
    const FrameOutput out = draw_one_frame(ui, f, ++t);
    const auto& first = content->help.front();
    if (language == "en") {
        CHECK(catalogue.reviewed("en"));
        CHECK(tags_on_screen(ui) == 0);
        CHECK(spoken_in(out, "en").find(first.what.get("en")) != std::string::npos);
    } else {
        REQUIRE_FALSE(catalogue.reviewed(language));
        // Every entry is translated (Help now is complete in every language) ...
        CHECK(spoken_in(out, language).find(first.what.get(language)) != std::string::npos);
        // ... and the first entries on screen carry their English too. (Those
        // scrolled below are drawn as well: ImGui clips them, so count >= 1.)
        CHECK(tags_on_screen(ui) >= 1);
        CHECK(spoken_in(out, "en").find(first.what.get("en")) != std::string::npos);
    }
}

TEST_CASE("Read aloud says in words when a language has no voice", "[kiosk][i18n][speech]") {
    ImGuiContextOwner imgui;
    const Catalogue catalogue = load_catalogue();
    KioskUi ui(catalogue);
    give_fonts(ui);
    ui.set_voices({"en", "pl", "ar"}); // as espeak-ng reports them; not so or ti
    const auto key = make_sealing_keypair();
    Flow f(test::shared(test::sample_bundle(key)), "", test::sample_day);
    std::int64_t t = 0;
    f.start(++t);
    const std::string language = GENERATE(as<std::string>{}, "so", "ti", "pl", "ar");
    CAPTURE(language);
    f.choose_language(language, ++t);
    draw_one_frame(ui, f, ++t);
    const auto button = ui.registry().find("top.read_aloud");
    REQUIRE(button);
    const bool voiced = language == "pl" || language == "ar";
    CHECK(button->label_en == (voiced ? "Read aloud" : "No voice for this language"));
    CHECK(button->enabled == voiced);
}

TEST_CASE("wiping a visit stops what is being read aloud at once", "[kiosk][speech][privacy]") {
    ImGuiContextOwner imgui;
    const Catalogue catalogue = load_catalogue();
    KioskUi ui(catalogue);
    give_fonts(ui);
    SpeakerOptions options;
    options.output = SpeechOutput::buffer;
    Speaker speaker(options);
    REQUIRE(speaker.available());
    const auto key = make_sealing_keypair();
    Flow f(test::shared(test::sample_bundle(key)), "", test::sample_day);
    std::int64_t t = 0;
    f.start(++t);
    f.choose_language("en", ++t);
    f.set_speech(true, ++t);
    f.open_help(++t); // the longest screen to read
    const FrameOutput help = draw_one_frame(ui, f, ++t);
    REQUIRE_FALSE(help.say_parts.empty());
    // How long the whole screen is when nobody stops it.
    speak_frame(help, speaker);
    REQUIRE(speaker.wait_idle(60000));
    const auto whole = speaker.last_samples().size();
    REQUIRE(whole > static_cast<std::size_t>(speaker.sample_rate()) * 10);
    // A short utterance in between: a stop that lands before the worker has
    // started the long one leaves its samples, not the whole screen's, as
    // the last ones, so "fewer than the whole screen" holds in every case.
    speaker.say("Hello.", "en");
    REQUIRE(speaker.wait_idle(60000));
    REQUIRE(speaker.last_samples().size() < whole);

    speak_frame(help, speaker);
    CHECK(speaker.speaking()); // queued or being synthesised: the speaker's own queue
    f.start_again(++t);        // the person walks away and presses Start again
    const FrameOutput wiped = draw_one_frame(ui, f, ++t);
    CHECK(wiped.stop_speech);
    // On a loaded machine the synthesis may have finished while the frame was
    // drawn; then start it again, so the stop meets an utterance in progress.
    if (!speaker.speaking())
        speak_frame(help, speaker);
    REQUIRE(speaker.speaking());
    speak_frame(wiped, speaker);
    // The queue empties at once: the worker drops the rest of the utterance.
    REQUIRE(speaker.wait_idle(5000));
    CHECK_FALSE(speaker.speaking());
    CHECK(speaker.last_samples().size() < whole);
}

TEST_CASE("the sample content is complete in every language, Help now above all",
          "[kiosk][i18n][content]") {
    const Catalogue catalogue = load_catalogue();
    const auto key = make_sealing_keypair();
    const ContentBundle bundle = test::sample_bundle(key);
    CHECK(bundle.settings.languages == catalogue.languages());
    for (const auto& language : catalogue.languages()) {
        const auto c = content_coverage(bundle, language);
        CAPTURE(language, c.strings, c.translated, c.help_strings, c.help_translated);
        CHECK(c.help_strings > 0);
        CHECK(c.help_complete());
        CHECK(c.complete());
        CHECK(c.percent() == 100);
    }
    SECTION("a language with forms missing is counted short, Help now still whole") {
        ContentBundle partial = bundle;
        test::drop_form_language(partial, "pl");
        const auto c = content_coverage(partial, "pl");
        CHECK(c.help_complete());
        CHECK_FALSE(c.complete());
        CHECK(c.percent() < 100);
        CHECK(c.percent() == static_cast<int>(c.translated * 100 / c.strings));
    }
}

TEST_CASE("the language screen and a question in every new language are saved for people",
          "[kiosk][i18n][screens]") {
    test::KioskDataOptions options;
    options.untranslated_language = "kmr"; // one language shows the "in English" tags
    const auto data = test::make_kiosk_data(options);
    const auto shots = test::screenshot_dir("languages");
    std::ostringstream s;
    s << "tap Touch to start\nshot language-screen\ndump language-screen.json\ntap English\n";
    for (const char* lang : {"pa", "bn", "ti", "am", "kmr", "ar", "so"}) {
        s << "language " << lang << "\n"
          << "shot home-" << lang << "\n"
          << "tap home.feedback\n"
          << "tap intro.start\n"
          << "shot question-" << lang << "\n"
          << "dump question-" << lang << ".json\n"
          << "tap top.help_now\n"
          << "shot help-" << lang << "\n"
          << "tap nav.back\n"
          << "tap top.start_again\ntap start_again.yes\ntap Touch to start\ntap English\n";
    }
    s << "quit\n";
    const auto r = test::run_kiosk_script(*data, s.str(), shots);
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    const auto languages = test::read_widgets(shots / "language-screen.json");
    for (const char* code :
         {"en", "pl", "ro", "pt", "so", "kmr", "ar", "fa", "ur", "ckb", "pa", "bn", "ti", "am"}) {
        CAPTURE(code);
        const auto* b = test::find_widget(languages, std::string("language.") + code);
        REQUIRE(b);
        CHECK(b->visible);
        CHECK(b->y + b->h <= 800);
    }
    const auto kurmanji = test::read_widgets(shots / "question-kmr.json");
    CHECK(std::any_of(kurmanji.begin(), kurmanji.end(),
                      [](const auto& w) { return w.id.starts_with("in_english."); }));
    const auto amharic = test::read_widgets(shots / "question-am.json");
    CHECK(std::none_of(amharic.begin(), amharic.end(),
                       [](const auto& w) { return w.id.starts_with("in_english."); }));
}
