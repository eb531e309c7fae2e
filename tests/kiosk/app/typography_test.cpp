// Typography on the real screens (issue 11): every number a person sees is in
// the digits of their language (the real KioskUi in a windowless ImGui
// context, read through what Read aloud would say), and the real program's
// screenshots of the language screen, home and a question in all fourteen
// languages, both themes, default and largest text size, go to
// <build>/screenshots/typography/ for people to look at, each checked by the
// layout rules of layout_matrix_test (nothing overlaps, spills or leaves).
#include "engage/text.hpp"
#include "kiosk/flow/flow.hpp"
#include "kiosk/i18n/catalogue.hpp"
#include "kiosk/i18n/content_coverage.hpp"
#include "kiosk/screens/kiosk_ui.hpp"
#include "kiosk/text/fonts.hpp"
#include "kiosk/widgets/theme.hpp"
#include "kiosk_app_fixture.hpp"
#include "logic/sample_content.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <catch2/catch.hpp>
#include <fstream>
#include <imgui.h>
#include <sstream>

using namespace engage;
using namespace engage::kiosk;

namespace {

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
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
}

FrameOutput draw_one_frame(KioskUi& ui, Flow& flow, std::int64_t now,
                           const SyncStatus* status = nullptr) {
    ImGui::NewFrame();
    FrameInput in;
    in.now_ms = now;
    in.status = status;
    const FrameOutput out = ui.frame(flow, in);
    ImGui::Render();
    return out;
}

// The words of one frame of the current screen, as Read aloud would say them.
std::string words_of(KioskUi& ui, Flow& flow, std::int64_t now,
                     const SyncStatus* status = nullptr) {
    (void)draw_one_frame(ui, flow, now, status);
    return ui.screen_words();
}

// The test's own statement of which digits each language writes (CLDR's
// default numbering system, except Urdu: see kiosk/text/digits.hpp), written
// out here rather than asked of the code under test.
char32_t zero_of(std::string_view language) {
    if (language == "ar" || language == "ckb")
        return U'\u0660'; // Arabic-Indic
    if (language == "fa" || language == "ur")
        return U'\u06F0'; // Extended Arabic-Indic
    if (language == "bn")
        return U'\u09E6'; // Bengali
    return U'0';
}

std::string digits_in(std::string_view language, long long n) {
    std::string out;
    for (char c : std::to_string(n))
        text::append_utf8(out, zero_of(language) + static_cast<char32_t>(c - '0'));
    return out;
}

const std::vector<std::string>& all_languages() {
    static const std::vector<std::string> all{"en", "pl", "ro",  "pt", "so", "kmr", "ar",
                                              "fa", "ur", "ckb", "pa", "bn", "ti",  "am"};
    return all;
}

} // namespace

TEST_CASE("every number on the screens is in the digits of the person's language",
          "[kiosk][i18n][digits]") {
    ImGuiContextOwner imgui;
    const Catalogue catalogue = load_catalogue();
    KioskUi ui(catalogue);
    give_fonts(ui);
    const auto key = make_sealing_keypair();
    const auto bundle = test::shared(test::sample_bundle(key));
    const std::string language = GENERATE(from_range(all_languages()));
    CAPTURE(language);
    Flow f(bundle, "", test::sample_day);
    std::int64_t t = 0;
    f.start(++t);
    f.choose_language(language, ++t);

    SECTION("the question's \"2 of 5\"") {
        f.open_feedback(++t);
        if (f.state().screen == Screen::form_intro)
            f.begin_questions(++t);
        f.set_scale(3, ++t);
        f.next(++t);
        REQUIRE(f.state().screen == Screen::question);
        const auto total = static_cast<long long>(f.question_count());
        const std::string progress =
            fill(catalogue.text("question.progress", language),
                 {{"n", digits_in(language, 2)}, {"m", digits_in(language, total)}});
        const std::string words = words_of(ui, f, ++t);
        CAPTURE(progress, words);
        CHECK(words.find(progress) != std::string::npos);
    }
    SECTION("each language's share of the content, in that language's own digits") {
        f.open_language(++t);
        const std::string words = words_of(ui, f, ++t);
        CAPTURE(words);
        for (const auto& code : all_languages()) {
            if (code == kFallbackLanguage)
                continue;
            const std::string share =
                fill(catalogue.text("language.content", code),
                     {{"n", digits_in(code, content_coverage(*bundle, code).percent())}});
            CAPTURE(code, share);
            CHECK(words.find(share) != std::string::npos);
        }
    }
    SECTION("the still-there countdown") {
        f.open_feedback(++t);
        t += f.inactivity_ms() + 1;
        f.tick(t);
        REQUIRE(f.state().screen == Screen::still_there);
        const int left = f.countdown_seconds_left(t);
        const std::string countdown =
            fill(catalogue.plural("still_there.countdown", language, left),
                 {{"s", digits_in(language, left)}});
        const std::string words = words_of(ui, f, t);
        CAPTURE(countdown, words);
        CHECK(words.find(countdown) != std::string::npos);
    }
    SECTION("the staff screen's count of answers waiting") {
        // Staff mode is in the kiosk's own language (a visit's ends there).
        FlowConfig config;
        config.default_language = language;
        // The hash is never checked here: the test gives the check's answer.
        Flow staff(bundle, "not-checked-in-this-test", test::sample_day, config);
        staff.start(++t);
        staff.staff_requested(++t);
        staff.submit_staff_pin("2468", ++t);
        staff.staff_pin_checked(true, ++t);
        REQUIRE(staff.state().screen == Screen::staff);
        SyncStatus status;
        status.kiosk_id = "k-1a2b3c4d";
        status.outbox_depth = 37;
        status.last_error = "offline";
        const std::string summary = fill(catalogue.text("staff.summary_offline", language),
                                         {{"n", digits_in(language, 37)}});
        const std::string words = words_of(ui, staff, ++t, &status);
        CAPTURE(summary, words);
        CHECK(words.find(summary) != std::string::npos);
        // An identifier stays as it is: staff read it out to the server's page.
        CHECK(words.find("k-1a2b3c4d") != std::string::npos);
    }
}

namespace {

struct ShotCombo {
    std::string language;
    bool high_contrast = false;
    int step = kDefaultTextStep;
    std::string name() const {
        return language + "-" + (high_contrast ? "contrast" : "standard") + "-size" +
               std::to_string(step);
    }
};

std::string shots_script(const ShotCombo& c) {
    std::ostringstream s;
    auto shot = [&s](const std::string& name) {
        s << "shot " << name << "\ndump " << name << ".json\n";
    };
    s << "tap attract.start\ntap language." << c.language << "\n";
    if (c.high_contrast)
        s << "tap top.contrast\n";
    for (int i = kDefaultTextStep; i < c.step; ++i)
        s << "tap top.text_bigger\n";
    shot("home");
    s << "tap top.language\n";
    shot("language");
    s << "tap nav.back\ntap home.feedback\ntap intro.start\n";
    s << "tap answer.visit.3\ntap nav.next\n";
    shot("question");
    s << "quit\n";
    return s.str();
}

// CI: the five scripts whose faces have their own size and line metrics, at
// the largest size; ENGAGE_TYPOGRAPHY_SHOTS=full: all fourteen languages, both
// themes, default and largest size (the set people compare by eye).
std::vector<ShotCombo> shot_combos() {
    const int largest = static_cast<int>(kTextScales.size()) - 1;
    const char* env = std::getenv("ENGAGE_TYPOGRAPHY_SHOTS");
    std::vector<ShotCombo> out;
    if (env == nullptr || std::string_view(env) != "full") {
        for (const char* l : {"ar", "ur", "pa", "bn", "am"})
            out.push_back({l, std::string_view(l) == "ur", largest});
        return out;
    }
    for (const auto& l : all_languages())
        for (bool hc : {false, true})
            for (int step : {kDefaultTextStep, largest})
                out.push_back({l, hc, step});
    return out;
}

bool starts_with(std::string_view s, std::string_view p) {
    return s.substr(0, p.size()) == p;
}

} // namespace

TEST_CASE("the top bar fits and its labels stay in their buttons in every language and size",
          "[kiosk][screens][typography]") {
    constexpr double kWidth = 1280, kTolerance = 1.0;
    const auto data = test::make_kiosk_data();
    const auto root =
        std::filesystem::path(ENGAGE_BIN_DIR).parent_path() / "screenshots" / "typography";
    for (const auto& c : shot_combos()) {
        const auto shots = root / c.name();
        std::error_code ec;
        std::filesystem::remove_all(shots, ec);
        std::filesystem::create_directories(shots);
        const auto r = test::run_kiosk_script(*data, shots_script(c), shots);
        INFO(c.name() << "\n" << r.out << r.err);
        REQUIRE(r.exit_code == 0);
        for (const char* screen : {"home", "language", "question"}) {
            INFO(c.name() << " " << screen);
            const auto boxes = test::read_layout(shots / (std::string(screen) + ".json"));
            std::vector<const test::DumpedBox*> bar;
            for (const auto& b : boxes)
                if (!b.text && starts_with(b.id, "top.") && b.id != "top.corner")
                    bar.push_back(&b);
            REQUIRE(bar.size() >= 2);
            for (const auto* b : bar) {
                CAPTURE(b->id, b->x, b->w, b->full_w);
                CHECK(b->x >= -kTolerance);
                CHECK(b->x + b->full_w <= kWidth + kTolerance);
                for (const auto* o : bar) {
                    if (o == b)
                        continue;
                    // (The bar may have two rows: buttons one above the other are apart.)
                    const double ox = std::min(b->x + b->w, o->x + o->w) - std::max(b->x, o->x);
                    const double oy = std::min(b->y + b->h, o->y + o->h) - std::max(b->y, o->y);
                    CAPTURE(o->id);
                    CHECK((ox <= kTolerance || oy <= kTolerance));
                }
            }
            for (const auto& t : boxes) {
                if (!t.text || !starts_with(t.parent, "top."))
                    continue;
                for (const auto* b : bar) {
                    if (b->id != t.parent)
                        continue;
                    CAPTURE(t.parent, t.x, t.y, t.w, t.h, b->x, b->y, b->w, b->h);
                    CHECK(t.x >= b->x - kTolerance);
                    CHECK(t.x + t.w <= b->x + b->w + kTolerance);
                    CHECK(t.y >= b->y - kTolerance);
                    CHECK(t.y + t.h <= b->y + b->h + kTolerance);
                }
            }
        }
    }
}

TEST_CASE("the empty text box's invitation ends without a Latin full stop in every language, its "
          "hint apart after it",
          "[kiosk][i18n][typography]") {
    ImGuiContextOwner imgui;
    const Catalogue catalogue = load_catalogue();
    KioskUi ui(catalogue);
    give_fonts(ui);
    const auto key = make_sealing_keypair();
    const auto bundle = test::shared(test::sample_bundle(key));
    const std::string language = GENERATE(from_range(all_languages()));
    CAPTURE(language);
    Flow f(bundle, "", test::sample_day);
    std::int64_t t = 0;
    f.start(++t);
    f.choose_language(language, ++t);
    f.open_feedback(++t);
    if (f.state().screen == Screen::form_intro)
        f.begin_questions(++t);
    // On to the first free-text question (it has a hint in the sample).
    for (int i = 0; i < 40 && f.state().screen == Screen::question &&
                    f.current_question()->type != QuestionType::text;
         ++i)
        f.skip(++t);
    REQUIRE(f.state().screen == Screen::question);
    const Question& q = *f.current_question();
    REQUIRE(q.type == QuestionType::text);
    REQUIRE_FALSE(q.hint.empty());
    const std::string invitation = catalogue.text("text.placeholder", language);
    REQUIRE_FALSE(invitation.empty());
    const std::string words = words_of(ui, f, ++t);
    CAPTURE(invitation, words);
    const auto at = words.find(invitation);
    REQUIRE(at != std::string::npos);
    const std::string after = words.substr(at + invitation.size());
    // Right after the invitation: its words end, and the hint follows apart
    // (beside it where both fit one line, else on the next: each is a piece
    // of its own, read as its own line).
    CHECK(after.rfind("\n" + q.hint.get(language), 0) == 0);
    CHECK(after.rfind(".", 0) != 0);
}
