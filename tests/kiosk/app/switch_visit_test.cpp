// Whole visits without touch (issue 11), on the real engage-kiosk, headless:
// one with ONE SWITCH only (a USB switch interface sends Space) and one with
// KEYS only (Tab, Return, typing). Each starts on the attract screen and
// sends feedback, a poll and a peer-mentoring sign-up; what arrives in the
// outbox (the real SQLite file) is the proof, the sign-up opened with the
// coordinators' key.
#include "engage/sealing.hpp"
#include "engage/strict_json.hpp"
#include "kiosk/flow/text_size.hpp"
#include "kiosk/outbox/outbox.hpp"
#include "kiosk_app_fixture.hpp"

#include <boost/json.hpp>
#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

using namespace engage::test;
namespace kiosk = engage::kiosk;

namespace {

// A screen of twenty items at the quickest interval is ten seconds round;
// a whole visit is far below this (it only bounds a hang).
constexpr int kScanWaitMs = 60000;

// What the visit left in the outbox: form slug -> item JSON.
std::map<std::string, boost::json::object> outbox_items(const KioskData& data) {
    std::string error;
    auto box = kiosk::Outbox::open(data.dir / "outbox.db", error);
    REQUIRE(box);
    const auto items = box->pick_batch(100);
    REQUIRE(items);
    std::map<std::string, boost::json::object> out;
    for (const auto& item : *items) {
        boost::json::value v;
        REQUIRE(engage::parse_json_strict(item.json_text, v, error));
        out[std::string(v.at("form").as_string())] = v.as_object();
    }
    return out;
}

// The sign-up's answers, opened with the coordinators' key.
boost::json::object signup_answers(const KioskData& data, const boost::json::object& item) {
    const auto opened = engage::open_sealed(item.at("sealed").as_string(), data.key.public_key_b64,
                                            data.key.secret_key_b64);
    REQUIRE(opened);
    boost::json::value v;
    std::string error;
    REQUIRE(engage::parse_json_strict(*opened, v, error));
    return v.at("answers").as_object();
}

void check_three_sent(const KioskData& data, const std::string& name) {
    const auto items = outbox_items(data);
    CHECK(items.size() == 3);
    REQUIRE(items.count("day-centre-feedback") == 1);
    REQUIRE(items.count("ebe-poll-winter") == 1);
    REQUIRE(items.count("peer-mentoring") == 1);
    const auto& feedback = items.at("day-centre-feedback").at("answers").as_object();
    CHECK(feedback.at("visit").as_int64() == 4);
    CHECK(feedback.at("safe").as_string() == "yes");
    CHECK(feedback.at("helped").as_array().size() == 1);
    CHECK_FALSE(feedback.contains("trust")); // skipped
    const auto& poll = items.at("ebe-poll-winter").at("answers").as_object();
    CHECK(poll.at("open-earlier").as_string() == "yes");
    const auto signup = signup_answers(data, items.at("peer-mentoring"));
    CHECK(signup.at("want").as_string() == "find-mentor");
    CHECK(signup.at("name").as_string() == name);
    CHECK(signup.at("contact").as_string() == "phone");
    CHECK(signup.at("contact-detail").as_string() == "12");
}

// One switch: wait until the scan reaches the widget, press. A key on the
// on-screen keyboard or the number pad is two presses: its row, then the key.
struct OneSwitch {
    std::ostringstream s;
    OneSwitch& pick(const std::string& id) {
        s << "await-scan " << id << " " << kScanWaitMs << "\nswitch 1\n";
        if (id.rfind("key.", 0) == 0 || id.rfind("pad.", 0) == 0)
            s << "await-scan " << id << " " << kScanWaitMs << "\nswitch 1\n";
        return *this;
    }
    OneSwitch& line(const std::string& l) {
        s << l << "\n";
        return *this;
    }
};

// Keys only: Tab until it has focus, Return.
struct KeysOnly {
    std::ostringstream s;
    KeysOnly& pick(const std::string& id) {
        s << "tab-to " << id << "\nkey Return\n";
        return *this;
    }
    KeysOnly& line(const std::string& l) {
        s << l << "\n";
        return *this;
    }
};

// The same visit for both: feedback, a poll, a sign-up.
template <class Input>
void whole_visit(Input& in, bool keys) {
    in.pick("language.en").pick("home.feedback").pick("intro.start");
    in.pick("answer.visit.4").pick("nav.next");
    in.pick("answer.safe.yes").pick("nav.next");
    in.pick("nav.skip"); // trust
    in.pick("answer.helped.food").pick("nav.next");
    in.pick("nav.skip"); // anything else
    for (int i = 0; i < 6; ++i)
        in.pick("nav.skip"); // the About-you questions
    in.line("shot review").pick("review.send").line("expect thanks.finish");
    in.pick("thanks.another").pick("home.poll").pick("intro.start");
    in.pick("answer.open-earlier.yes").pick("nav.next");
    in.pick("nav.skip"); // winter needs
    in.pick("review.send").line("expect thanks.finish").pick("thanks.another");
    in.pick("home.mentoring").pick("intro.start");
    in.pick("answer.want.find-mentor").pick("nav.next");
    // The name on the on-screen keyboard (keys: typed on the physical one).
    if (keys)
        in.line("type jo");
    else
        in.pick("key.j").pick("key.o");
    in.line("shot name-typed").pick("nav.next");
    in.pick("answer.contact.phone").pick("nav.next");
    // The number on the number pad a phone question opens.
    in.pick("pad.1").pick("pad.2").line("shot contact-typed").pick("nav.next");
    in.pick("nav.skip"); // times
    in.pick("review.send").pick("consent.yes");
    in.line("expect thanks.finish").line("shot thank-you").line("quit");
}

void write_conf(const KioskData& data, const std::string& text) {
    std::ofstream f(data.dir / "kiosk.conf");
    f << "format = 1\n" << text;
}

} // namespace

TEST_CASE("a whole visit with one switch only: feedback, a poll and a sign-up arrive in the outbox",
          "[kiosk][switch][slow]") {
    const auto data = make_kiosk_data();
    // The quickest interval keeps the test short; the switch press on the
    // attract screen is what turns scanning on (the staff default is off).
    write_conf(*data, "scan_interval = 0.5\n");
    const auto shots = screenshot_dir("one-switch-visit");
    OneSwitch in;
    in.line("expect attract.start").line("switch 1");
    whole_visit(in, false);
    const auto r = run_kiosk_script(*data, in.s.str(), shots);
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    check_three_sent(*data, "jo");
}

TEST_CASE("a whole visit with keys only: Tab, Return and typing send all three",
          "[kiosk][keyboard]") {
    const auto data = make_kiosk_data();
    const auto shots = screenshot_dir("keys-only-visit");
    KeysOnly in;
    in.pick("attract.start");
    whole_visit(in, true);
    const auto r = run_kiosk_script(*data, in.s.str(), shots);
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    check_three_sent(*data, "jo");
}

TEST_CASE("the scan highlight is drawn in every theme, left to right and right to left, at the "
          "default and the largest size",
          "[kiosk][switch][screens]") {
    const auto data = make_kiosk_data();
    write_conf(*data, "scan_mode = one-switch\nscan_cycles = 10\n");
    const auto shots = screenshot_dir("scan-highlight");
    std::ostringstream s;
    // Touch starts this visit: scanning is on from the staff default.
    s << "tap attract.start\nlanguage en\n";
    s << "tap home.feedback\ntap intro.start\n";
    for (int i = 0; i < 4; ++i)
        s << "tap nav.skip\n"; // to the free-text question: a keyboard to scan
    for (const std::string language : {"en", "ar"}) {
        s << "language " << language << "\n";
        for (const bool largest : {false, true}) {
            for (const bool contrast : {false, true}) {
                const std::string name = language + (contrast ? "-contrast" : "-standard") +
                                         (largest ? "-largest" : "-default");
                s << "await-scan text.help_now 30000\nshot " << name << "-item\n";
                // A key of the first letter row: q, and ض on the Arabic keyboard.
                const std::string key = language == "ar" ? "key.ض" : "key.q";
                s << "await-scan " << key << " 30000\nshot " << name << "-row\n";
                // (Behind Settings while the keys are up; "Type here" brings them back.)
                s << "tap top.settings\ntap top.contrast\ntap text.keys\n";
            }
            for (int i = 0; i < kiosk::max_text_size_step; ++i)
                s << "tap " << (largest ? "top.text_smaller" : "top.text_bigger") << "\n";
        }
    }
    s << "quit\n";
    const auto r = run_kiosk_script(*data, s.str(), shots);
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    // Each screenshot is there; the standard theme's focus colour marks the ring.
    for (const std::string language : {"en", "ar"}) {
        const auto file = shots / (language + "-standard-default-row.png");
        const auto image = read_png(file);
        REQUIRE(image);
        int ring = 0;
        for (int y = 0; y < image->height; ++y) {
            for (int x = 0; x < image->width; ++x) {
                const auto p = image->at(x, y);
                ring += p.r == 0xB3 && p.g == 0x00 && p.b == 0x6B; // theme.cpp: focus
            }
        }
        CAPTURE(language);
        CHECK(ring > 2000); // a thick ring around a whole row, not a hairline
    }
}
