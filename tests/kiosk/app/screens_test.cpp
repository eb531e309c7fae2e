// The real engage-kiosk, headless, driven by scripts: a screenshot of every
// screen (kept in <build>/screenshots/kiosk-app/ for people to look at),
// checked for size, colours, target sizes, right-to-left layout and a QR
// code that reads back as the number it stands for.
#include "engage/help_contact.hpp"
#include "engage/limits.hpp"
#include "kiosk/help/qr_code.hpp"
#include "kiosk/outbox/outbox.hpp"
#include "kiosk/widgets/theme.hpp"
#include "kiosk_app_fixture.hpp"
#include "logic/sample_content.hpp"

#include <boost/json.hpp>
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

using namespace engage::test;
namespace kiosk = engage::kiosk;

namespace {

constexpr int kWidth = 1280;
constexpr int kHeight = 800;
// min_target at 1280x800 (theme.cpp): nothing touchable is smaller.
constexpr double kMinTarget = 92.0;

bool same(Image::Px p, kiosk::Rgb c) {
    auto near = [](int a, float b) {
        return std::abs(a - static_cast<int>(b * 255.0f + 0.5f)) <= 2;
    };
    return near(p.r, c.r) && near(p.g, c.g) && near(p.b, c.b);
}

// Every pressable widget in a dump is at least the minimum size.
void check_target_sizes(const std::filesystem::path& dump) {
    const auto widgets = read_widgets(dump);
    REQUIRE_FALSE(widgets.empty());
    for (const auto& w : widgets) {
        if (!w.enabled || !w.focusable)
            continue;
        INFO(dump.filename().string() << ": " << w.id << " is " << w.full_w << " x " << w.full_h);
        CHECK(std::min(w.full_w, w.full_h) >= kMinTarget - 0.5);
    }
}

std::size_t outbox_depth(const KioskData& data) {
    std::string error;
    auto box = kiosk::Outbox::open(data.dir / "outbox.db", error);
    REQUIRE(box);
    return box->depth().value();
}

} // namespace

TEST_CASE("a scripted visit saves a screenshot of every screen, each target big enough",
          "[kiosk][screens]") {
    KioskDataOptions options;
    options.staff_pin = "246813";
    const auto data = make_kiosk_data(options);
    const auto shots = screenshot_dir("every-screen");
    const std::string script = R"(# Every screen of the issue, in English, standard theme.
shot 01-attract
dump 01-attract.json
tap Touch to start
shot 02-language
dump 02-language.json
tap English
shot 03-home
dump 03-home.json
tap Give feedback
shot 04-form-intro
dump 04-form-intro.json
tap Start
shot 05-question-scale
dump 05-question-scale.json
tap answer.visit.4
shot 06-question-scale-chosen
tap Next
shot 07-question-choice
tap Sometimes
tap Next
shot 08-question-yesno
dump 08-question-yesno.json
tap Yes
tap Next
tap Food
tap A warm, dry place
shot 09-question-multi
dump 09-question-multi.json
tap Next
tap key.o
tap key.k
shot 11-question-text
dump 11-question-text.json
tap Next
shot 10-question-demographic
tap Prefer not to say
tap Next
tap Skip
tap Skip
tap Skip
tap Skip
tap Skip
shot 12-review
dump 12-review.json
tap Send
shot 13-thank-you
dump 13-thank-you.json
tap Help now
shot 14-help-now
dump 14-help-now.json
tap Back
tap Do something else
tap Have your say
shot 15-poll-intro
tap Start
shot 16-poll-question
tap Yes, open earlier
tap Next
tap Next
tap Send
tap Do something else
tap Peer mentoring
shot 17-signup-intro
tap Start
tap Become a peer mentor
tap Next
type Alex
tap Next
tap Ask for me at this centre
tap Next
tap Skip
tap Evenings
tap Next
shot 18-signup-review
tap Send
shot 19-signup-consent
dump 19-signup-consent.json
tap Yes, send it
shot 20-signup-thank-you
tap Finish
hold top.corner 3300
shot 21-staff-pin
dump 21-staff-pin.json
tap 1
tap 1
tap OK
await pin.ok 30000
shot 22-staff-pin-wrong
tap 2
tap 4
tap 6
tap 8
tap 1
tap 3
tap OK
await staff.close 30000
shot 23-staff
dump 23-staff.json
tap Re-enrol
shot 24-staff-re-enrol
dump 24-staff-re-enrol.json
tap Cancel
tap Close
shot 25-attract-after-staff
quit
)";
    const auto r = run_kiosk_script(*data, script, shots);
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("first frame after") != std::string::npos);

    for (const auto& name : {"01-attract",
                             "02-language",
                             "03-home",
                             "04-form-intro",
                             "05-question-scale",
                             "06-question-scale-chosen",
                             "07-question-choice",
                             "08-question-yesno",
                             "09-question-multi",
                             "10-question-demographic",
                             "11-question-text",
                             "12-review",
                             "13-thank-you",
                             "14-help-now",
                             "15-poll-intro",
                             "16-poll-question",
                             "17-signup-intro",
                             "18-signup-review",
                             "19-signup-consent",
                             "20-signup-thank-you",
                             "21-staff-pin",
                             "22-staff-pin-wrong",
                             "23-staff",
                             "24-staff-re-enrol",
                             "25-attract-after-staff"}) {
        INFO(name);
        const auto img = read_png(shots / (std::string(name) + ".png"));
        REQUIRE(img);
        CHECK(img->width == kWidth);
        CHECK(img->height == kHeight);
        // The standard theme's background shows at the bottom-left corner.
        CHECK(same(img->at(2, kHeight - 3), kiosk::standard_theme().background));
    }
    for (const auto& entry : std::filesystem::directory_iterator(shots)) {
        if (entry.path().extension() == ".json")
            check_target_sizes(entry.path());
    }
    // Three visits were sent (feedback, poll, sign-up), nothing else.
    CHECK(outbox_depth(*data) == 3);
    // The sign-up's words never reached the disk in the clear.
    const std::string db =
        read_file(data->dir / "outbox.db") + read_file(data->dir / "outbox.db-wal");
    CHECK(db.find("Alex") == std::string::npos);
}

TEST_CASE("high contrast draws yellow on black and keeps the QR code dark on light",
          "[kiosk][screens]") {
    const auto data = make_kiosk_data();
    const auto shots = screenshot_dir("high-contrast");
    const auto r = run_kiosk_script(*data, R"(tap Touch to start
tap English
tap Contrast
shot home
dump home.json
tap Give feedback
tap Start
tap answer.visit.2
shot question
tap top.help_now
shot help
dump help.json
quit
)",
                                    shots);
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    const auto& hc = kiosk::high_contrast_theme();
    const auto home = read_png(shots / "home.png");
    REQUIRE(home);
    CHECK(same(home->at(2, kHeight - 3), hc.background));
    // Yellow heading text exists above the tiles.
    const auto widgets = read_widgets(shots / "home.json");
    const auto* tile = find_widget(widgets, "home.feedback");
    REQUIRE(tile);
    int yellow = 0;
    for (int y = 110; y < static_cast<int>(tile->y); ++y)
        for (int x = 0; x < kWidth; ++x)
            yellow += same(home->at(x, y), hc.text) ? 1 : 0;
    CHECK(yellow > 200);
    check_target_sizes(shots / "home.json");
    // The QR code keeps its own light background on the black screen.
    const auto help = read_png(shots / "help.png");
    REQUIRE(help);
    const auto* qr = find_widget(read_widgets(shots / "help.json"), "qr.emergency");
    REQUIRE(qr);
    CHECK(same(help->at(static_cast<int>(qr->x) + 2, static_cast<int>(qr->y) + 2), hc.qr_light));
}

TEST_CASE("the help screen's QR code reads back module by module as the phone number",
          "[kiosk][screens][qr]") {
    const auto data = make_kiosk_data();
    const auto shots = screenshot_dir("help-qr");
    const auto r = run_kiosk_script(*data,
                                    "tap Touch to start\ntap Help now\nshot help\n"
                                    "dump help.json\nquit\n",
                                    shots);
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    const auto img = read_png(shots / "help.png");
    REQUIRE(img);
    const auto* qr = find_widget(read_widgets(shots / "help.json"), "qr.emergency");
    REQUIRE(qr);
    const auto code = kiosk::make_qr_code(*engage::tel_uri("999"));
    REQUIRE(code);
    const int modules = code->size + 2 * kiosk::kQrQuietZone;
    const double per = std::floor(qr->w / modules);
    // Big enough to scan from 40 cm: at least 4 cm at 96 dpi (151 px), 3 px a module.
    CHECK(qr->w >= 151.0);
    CHECK(per >= 3.0);
    auto dark_at = [&](int mx, int my) {
        const int x = static_cast<int>(qr->x + (mx + 0.5) * per);
        const int y = static_cast<int>(qr->y + (my + 0.5) * per);
        const auto p = img->at(x, y);
        return p.r + p.g + p.b < 3 * 128;
    };
    int wrong = 0;
    for (int my = 0; my < modules; ++my) {
        for (int mx = 0; mx < modules; ++mx) {
            const bool in_quiet = mx < kiosk::kQrQuietZone || my < kiosk::kQrQuietZone ||
                                  mx >= modules - kiosk::kQrQuietZone ||
                                  my >= modules - kiosk::kQrQuietZone;
            const bool want =
                !in_quiet && code->dark(mx - kiosk::kQrQuietZone, my - kiosk::kQrQuietZone);
            wrong += dark_at(mx, my) != want ? 1 : 0;
        }
    }
    CHECK(wrong == 0);
    // The three finder patterns, explicitly: dark ring, light ring, dark centre.
    const int q = kiosk::kQrQuietZone, s = code->size;
    for (auto [ox, oy] : {std::pair{q, q}, std::pair{q + s - 7, q}, std::pair{q, q + s - 7}}) {
        CHECK(dark_at(ox, oy));
        CHECK(dark_at(ox + 6, oy + 6));
        CHECK_FALSE(dark_at(ox + 1, oy + 1));
        CHECK(dark_at(ox + 3, oy + 3));
    }
}

TEST_CASE("a keyboard-only visit with Tab and Return reaches Send", "[kiosk][screens][keyboard]") {
    const auto data = make_kiosk_data();
    const auto shots = screenshot_dir("keyboard-only");
    std::ostringstream s;
    auto tabs = [&s](int n) {
        for (int i = 0; i < n; ++i)
            s << "key Tab\n";
    };
    // Attract, language, home: the first widget of each is the one we want.
    s << "key Tab\nkey Return\n";                  // Touch to start
    s << "key Tab\nkey Return\n";                  // English
    s << "key Tab\nshot home-focus\nkey Return\n"; // Give feedback
    tabs(2);                                       // intro: Back, Start
    s << "key Return\n";
    // Question 1 (scale, 5 faces): choose "Very bad", then on to Next.
    s << "key Tab\nkey Return\nshot scale-chosen\n";
    tabs(6); // faces 2..5, Back, Next (Skip goes once an answer is chosen)
    s << "key Return\n";
    // The rest: skip each (answers, then Back, Skip). The free-text
    // question's "answers" are Help now beside it and the 35 keys; then the
    // six "About you" questions, each with "Prefer not to say".
    for (int answers : {3, 2, 7, 36, 8, 5, 20, 5, 3, 4}) {
        tabs(answers + 2);
        s << "key Return\n";
    }
    s << "shot review\n";
    tabs(11 + 2); // eleven Change buttons, Back, Send
    s << "shot send-focused\nkey Return\nshot thank-you\nexpect thanks.finish\n";
    // Escape is Back: from help now back to the thank-you screen.
    s << "tap top.help_now\nexpect qr.emergency\nkey Escape\nexpect thanks.finish\nquit\n";
    const auto r = run_kiosk_script(*data, s.str(), shots);
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(outbox_depth(*data) == 1);
}

TEST_CASE("Arabic lays the screens out right to left", "[kiosk][screens][rtl]") {
    const auto data = make_kiosk_data();
    // The real catalogues, plus a minimal Arabic one if it is not written yet.
    const auto i18n = data->dir / "i18n";
    std::filesystem::create_directories(i18n);
    for (const auto& f :
         std::filesystem::directory_iterator(std::filesystem::path(ENGAGE_SOURCE_DIR) / "i18n"))
        if (f.path().extension() == ".json")
            std::filesystem::copy_file(f.path(), i18n / f.path().filename());
    if (!std::filesystem::exists(i18n / "ar.json"))
        std::ofstream(i18n / "ar.json")
            << R"({"language": "ar", "native_name": "العربية", "direction": "rtl",
                  "strings": {"question.next": "التالي", "question.back": "رجوع"}})";
    const auto shots = screenshot_dir("arabic");
    const auto r = run_kiosk_script(*data, R"(tap Touch to start
tap language.ar
shot home
dump home.json
tap home.feedback
tap intro.start
shot question-scale
dump question.json
tap answer.visit.5
tap nav.next
tap nav.next
tap nav.next
tap nav.next
shot question-text
tap nav.next
tap nav.next
tap nav.next
tap nav.next
tap nav.next
tap nav.next
tap nav.next
shot review
tap top.help_now
shot help
quit
)",
                                    shots, {"--i18n-dir", i18n.string()});
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    const auto q = read_widgets(shots / "question.json");
    const auto* next = find_widget(q, "nav.next");
    const auto* back = find_widget(q, "nav.back");
    const auto* very_bad = find_widget(q, "answer.visit.1");
    const auto* very_good = find_widget(q, "answer.visit.5");
    REQUIRE((next && back && very_bad && very_good));
    CHECK(next->x < back->x);          // forward is to the left
    CHECK(very_bad->x > very_good->x); // the scale reads from the right
    const auto home = read_widgets(shots / "home.json");
    const auto* again = find_widget(home, "top.start_again");
    const auto* lang = find_widget(home, "top.language");
    const auto* help = find_widget(home, "top.help_now");
    const auto* corner = find_widget(home, "top.corner");
    REQUIRE((again && lang && help && corner));
    CHECK(help->x < lang->x);        // Help now at the far (left) edge
    CHECK(again->x > lang->x);       // Start again by the corner, away from Help now
    CHECK(corner->x > kWidth / 2.0); // the staff corner moves to the right too
    check_target_sizes(shots / "question.json");
}

TEST_CASE("the biggest text size still fits every target", "[kiosk][screens]") {
    const auto data = make_kiosk_data();
    const auto shots = screenshot_dir("largest-text");
    const auto r = run_kiosk_script(*data, R"(tap Touch to start
tap English
tap Bigger
tap Bigger
tap Bigger
shot home
dump home.json
tap Give feedback
tap Start
tap Next
tap Next
tap Next
shot question-multi
dump question-multi.json
tap Smaller
tap Smaller
tap Smaller
shot question-multi-normal
quit
)",
                                    shots);
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    check_target_sizes(shots / "home.json");
    check_target_sizes(shots / "question-multi.json");
}

TEST_CASE("a portrait screen gets a two-row top bar and every target still fits",
          "[kiosk][screens]") {
    const auto data = make_kiosk_data();
    const auto shots = screenshot_dir("portrait");
    const auto r = run_kiosk_script(*data, R"(tap Touch to start
tap English
shot home
dump home.json
tap Give feedback
tap Start
tap Next
tap Next
tap Next
shot question-multi
dump question-multi.json
quit
)",
                                    shots, {}, {"ENGAGE_KIOSK_SIZE=800x1280"});
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    const auto img = read_png(shots / "home.png");
    REQUIRE(img);
    CHECK(img->width == 800);
    CHECK(img->height == 1280);
    const auto home = read_widgets(shots / "home.json");
    check_target_sizes(shots / "home.json");
    check_target_sizes(shots / "question-multi.json");
    // Every bar button lies inside the screen.
    for (const auto& w : home) {
        if (w.id.rfind("top.", 0) != 0 || w.id == "top.corner")
            continue;
        INFO(w.id);
        CHECK(w.x >= 0);
        CHECK(w.x + w.full_w <= 800.5);
    }
    const auto* lang = find_widget(home, "top.language");
    const auto* help = find_widget(home, "top.help_now");
    REQUIRE((lang && help));
    CHECK(help->y > lang->y); // two rows
}

TEST_CASE("after a pause the kiosk asks, counts down, then wipes the visit", "[kiosk][screens]") {
    // The shortest pauses the kiosk accepts (limits.hpp): it refuses
    // settings the server would refuse, tests included.
    KioskDataOptions options;
    options.inactivity_seconds = engage::limits::min_inactivity_seconds;
    options.countdown_seconds = engage::limits::min_countdown_seconds;
    const auto data = make_kiosk_data(options);
    const auto shots = screenshot_dir("still-there");
    const auto after_pause = std::to_string(options.inactivity_seconds * 1000 + 600);
    const auto after_countdown = std::to_string(options.countdown_seconds * 1000 + 600);
    const auto r = run_kiosk_script(*data, R"(tap Touch to start
tap English
tap Give feedback
tap Start
tap answer.visit.5
await still_there.continue )" + after_pause + R"(
shot still-there
dump still-there.json
tap I'm still here
expect answer.visit.5
await still_there.continue )" + after_pause + R"(
await attract.start )" + after_countdown + R"(
shot wiped
quit
)",
                                    shots);
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    check_target_sizes(shots / "still-there.json");
    CHECK(outbox_depth(*data) == 0); // nothing is sent that the person did not send
}

TEST_CASE("sign-up says it is not available when the kiosk has no coordinators' key",
          "[kiosk][screens]") {
    KioskDataOptions options;
    options.coordinator_key = false;
    const auto data = make_kiosk_data(options);
    const auto shots = screenshot_dir("signup-unavailable");
    const auto r = run_kiosk_script(
        *data,
        "tap Touch to start\ntap English\ntap Peer mentoring\nshot unavailable\n"
        "expect unavailable.help\ntap unavailable.help\nexpect qr.samaritans\nquit\n",
        shots);
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(read_png(shots / "unavailable.png"));
}

TEST_CASE("a short press on the staff corner does nothing, Start again asks, then wipes at once",
          "[kiosk][screens]") {
    KioskDataOptions options;
    options.staff_pin = "246813";
    const auto data = make_kiosk_data(options);
    const auto shots = screenshot_dir("start-again");
    const auto r = run_kiosk_script(*data, R"(tap Touch to start
tap English
hold top.corner 800
expect home.feedback
tap Give feedback
tap Start
tap answer.visit.1
shot before-start-again
dump before.json
tap Start again
shot start-again-asks
expect start_again.yes
tap start_again.no
expect answer.visit.1
tap Start again
tap start_again.yes
expect attract.start
tap Touch to start
tap English
tap Give feedback
tap Start
dump after.json
quit
)",
                                    shots);
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    const auto* chosen = find_widget(read_widgets(shots / "before.json"), "answer.visit.1");
    REQUIRE(chosen);
    CHECK(chosen->selected);
    // The new visit starts blank: the wiped answer is not chosen any more.
    const auto* again = find_widget(read_widgets(shots / "after.json"), "answer.visit.1");
    REQUIRE(again);
    CHECK_FALSE(again->selected);
    CHECK(outbox_depth(*data) == 0);
}

TEST_CASE("Read aloud speaks the screen in the person's language", "[kiosk][speech]") {
    const auto data = make_kiosk_data();
    const auto shots = screenshot_dir("read-aloud");
    const auto wav = data->dir / "speech.wav";
    const auto r = run_kiosk_script(*data, R"(tap Touch to start
tap English
tap Read aloud
wait 1500
shot reading
quit
)",
                                    shots, {}, {"ENGAGE_SPEECH_WAV=" + wav.string()});
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    // A WAV header is 44 bytes; a spoken screen is many thousand samples more.
    CHECK(read_file(wav).size() > 44 + 2 * 8000);
}

TEST_CASE("a script tapping what is not on screen fails with its line and a screenshot",
          "[kiosk][script]") {
    const auto data = make_kiosk_data();
    const auto shots = screenshot_dir("script-error");
    const auto r =
        run_kiosk_script(*data, "tap Touch to start\n\ntap Launch rockets\nquit\n", shots);
    CHECK(r.exit_code == 3);
    CHECK(r.err.find("script line 3") != std::string::npos);
    CHECK(r.err.find("Launch rockets") != std::string::npos);
    CHECK(read_png(shots / "error-3.png"));
    SECTION("an unknown command is refused before the window opens") {
        const auto bad = run_kiosk_script(*data, "tap Touch to start\nfly away\n", shots);
        CHECK(bad.exit_code == 3);
        CHECK(bad.err.find("line 2") != std::string::npos);
    }
}

TEST_CASE("About your answers opens the privacy notice from home, in every language and size",
          "[kiosk][screens][privacy]") {
    const auto data = make_kiosk_data();
    const auto shots = screenshot_dir("about");
    std::ostringstream s;
    s << "tap Touch to start\ntap English\n";
    for (const char* lang : {"en", "ar", "pl"}) {
        s << "language " << lang << "\n"
          << "tap home.about\n"
          << "expect nav.back\n"
          << "shot about-" << lang << "\n"
          << "dump about-" << lang << ".json\n"
          << "tap top.text_bigger\ntap top.text_bigger\ntap top.text_bigger\n"
          << "shot about-" << lang << "-largest\n"
          << "tap top.text_smaller\ntap top.text_smaller\ntap top.text_smaller\n"
          << "tap nav.back\n"
          << "expect home.about\n";
    }
    s << "quit\n";
    const auto r = run_kiosk_script(*data, s.str(), shots);
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    for (const char* lang : {"en", "ar", "pl"}) {
        for (const std::string suffix : {"", "-largest"}) {
            const auto img = read_png(shots / ("about-" + std::string(lang) + suffix + ".png"));
            REQUIRE(img);
            CHECK(img->width == kWidth);
        }
        check_target_sizes(shots / ("about-" + std::string(lang) + ".json"));
    }
    // Reading the notice sends nothing.
    CHECK(outbox_depth(*data) == 0);
}

TEST_CASE("without --test-mode no screenshot of a visit can be taken", "[kiosk][privacy]") {
    const auto data = make_kiosk_data();
    const auto shots = screenshot_dir("no-test-mode");
    const auto script = data->dir / "shot.script";
    std::ofstream(script) << "tap Touch to start\nshot visit\nquit\n";
    SECTION("--screenshot-dir is refused") {
        const auto r = run_program({kiosk_program().string(), "--headless", "--data",
                                    data->dir.path().string(), "--screenshot-dir", shots.string()},
                                   "");
        CHECK(r.exit_code == 2);
        CHECK(r.err.find("--test-mode") != std::string::npos);
    }
    SECTION("a script's shot is refused before the window opens") {
        const auto r = run_program({kiosk_program().string(), "--headless", "--data",
                                    data->dir.path().string(), "--script", script.string()},
                                   "");
        CHECK(r.exit_code == 3);
        CHECK(r.err.find("shot needs --test-mode") != std::string::npos);
    }
    CHECK(std::filesystem::is_empty(shots));
}

TEST_CASE("with --fullscreen closing the window does nothing, without it the kiosk ends",
          "[kiosk][screens]") {
    const auto data = make_kiosk_data();
    const auto shots = screenshot_dir("window-close");
    // After the close request the script goes on only if the kiosk still runs:
    // a tap on what is not there then fails it with exit code 3.
    const std::string script = "tap Touch to start\nclose-window\ntap No such button\nquit\n";
    SECTION("fullscreen: the kiosk goes on (and the script's bad tap is reached)") {
        const auto r = run_kiosk_script(*data, script, shots, {"--fullscreen"});
        INFO(r.out << r.err);
        CHECK(r.exit_code == 3);
        CHECK(r.err.find("No such button") != std::string::npos);
    }
    SECTION("in a window: the kiosk ends at once, before the bad tap") {
        const auto r = run_kiosk_script(*data, script, shots);
        INFO(r.out << r.err);
        CHECK(r.exit_code == 0);
        CHECK(r.err.find("No such button") == std::string::npos);
    }
}

namespace {

// The sample content at a site open Monday to Friday 09:00-17:00, with the
// catalogues; run it with closed_time (Monday 20:00, --test-mode only).
const std::string closed_time = "ENGAGE_TEST_LOCAL_TIME=0 20:00";

struct ClosedKiosk {
    std::unique_ptr<KioskData> data;
    std::filesystem::path i18n;
};

ClosedKiosk make_closed_kiosk() {
    ClosedKiosk k{make_kiosk_data(), {}};
    const auto& data = k.data;
    engage::ContentBundle bundle = sample_bundle(data->key);
    engage::SiteInfo site;
    site.name = "Hub North Day Centre";
    std::string error;
    for (int wd = 0; wd < 5; ++wd)
        REQUIRE(site.hours.set_day(wd, {{9 * 60, 17 * 60}}, error));
    bundle.site_info = site;
    std::ofstream(data->dir / "content.json")
        << boost::json::serialize(boost::json::value_from(bundle));
    const auto i18n = data->dir / "i18n";
    std::filesystem::create_directories(i18n);
    for (const auto& f :
         std::filesystem::directory_iterator(std::filesystem::path(ENGAGE_SOURCE_DIR) / "i18n"))
        if (f.path().extension() == ".json")
            std::filesystem::copy_file(f.path(), i18n / f.path().filename());
    k.i18n = i18n;
    return k;
}

} // namespace

TEST_CASE("outside opening hours the kiosk shows the closed screen with Help now",
          "[kiosk][screens][sites]") {
    const auto closed = make_closed_kiosk();
    const auto& data = closed.data;
    const auto& i18n = closed.i18n;
    const auto shots = screenshot_dir("closed");
    const auto r = run_kiosk_script(*data, R"(shot closed-en
dump closed-en.json
tap closed.help
shot closed-help
tap nav.back
dump closed-again.json
tap Bigger
tap Bigger
tap Bigger
shot closed-largest
dump closed-largest.json
tap Smaller
tap Smaller
tap Smaller
tap top.language
tap language.ar
shot closed-ar
dump closed-ar.json
quit
)",
                                    shots, {"--i18n-dir", i18n.string()}, {closed_time});
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    const auto en = read_widgets(shots / "closed-en.json");
    CHECK(find_widget(en, "closed.help") != nullptr);
    CHECK(find_widget(en, "top.corner") != nullptr); // staff mode still reachable
    CHECK(find_widget(en, "attract.start") == nullptr);
    // Help now returns to the closed screen.
    CHECK(find_widget(read_widgets(shots / "closed-again.json"), "closed.help") != nullptr);
    check_target_sizes(shots / "closed-en.json");
    check_target_sizes(shots / "closed-largest.json");
    check_target_sizes(shots / "closed-ar.json");
    const auto ar = read_widgets(shots / "closed-ar.json");
    CHECK(find_widget(ar, "closed.help") != nullptr);
}

TEST_CASE("the closed screen asks for the display to dim when untouched and wakes it at a touch",
          "[kiosk][screens][sites][display]") {
    const auto closed = make_closed_kiosk();
    const auto request = closed.data->dir / "display-request";
    const auto shots = screenshot_dir("closed-dim");
    // --dim-after 1: a second of quiet; a text-size tap keeps the closed screen.
    const auto r = run_kiosk_script(*closed.data, R"(expect closed.help
wait 1600
expect closed.help
tap top.text_bigger
expect closed.help
quit
)",
                                    shots,
                                    {"--i18n-dir", closed.i18n.string(), "--display-request",
                                     request.string(), "--dim-after", "1"},
                                    {closed_time});
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    const auto first_wake = r.err.find("display wake asked");
    const auto dim = r.err.find("display dim (closed, no touch) asked");
    REQUIRE(first_wake != std::string::npos);
    REQUIRE(dim != std::string::npos);
    CHECK(first_wake < dim);
    CHECK(r.err.find("display wake asked", dim) != std::string::npos); // the touch
    std::ifstream in(request);
    std::string word;
    std::getline(in, word);
    CHECK(word == "wake");
}
