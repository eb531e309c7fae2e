// Every screen at every text size (issue 11): the real kiosk, headless, walks
// every screen of a visit in a left-to-right and a right-to-left language, in
// both themes, at each text size, and dumps what it drew. The test fails when
// a widget or a block of words runs into another, a label spills out of its
// button, or anything leaves the window. The screenshots go to
// <build>/screenshots/kiosk-matrix/ with an index.html showing them side by
// side (screen x language x theme x text size) for people to look at.
//
// CI runs a fast subset (the largest text size in en with the standard theme
// and in ar with high contrast); ENGAGE_LAYOUT_MATRIX=full runs every
// language of the sample content in both themes at every size
// (scripts/long-checks.sh layout).
#include "kiosk/widgets/theme.hpp"
#include "kiosk_app_fixture.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <sstream>

using namespace engage::test;
namespace kiosk = engage::kiosk;

namespace {

constexpr double kWidth = 1280;
constexpr double kHeight = 800;
// Rounding of float layout to pixels: boxes touching may share a pixel.
constexpr double kTolerance = 1.0;
// The still-there screen needs the inactivity pause to pass; short, so the
// matrix stays quick, yet far longer than any one scripted step takes.
constexpr int kInactivitySeconds = 6;

struct Combo {
    std::string language;
    bool high_contrast = false;
    int step = kiosk::kDefaultTextStep;
    bool easy_words = false; // the top bar's Easy words on: easy wording and pictures

    std::string name() const {
        return language + "-" + (high_contrast ? "contrast" : "standard") + "-size" +
               std::to_string(step) + (easy_words ? "-easy" : "");
    }
};

// The screens a visit passes, in order: each is shot and dumped under its name.
const std::vector<std::string>& screen_names() {
    static const std::vector<std::string> names{
        "language",       "home",           "start-again",
        "about",          "feedback-intro", "q-scale",
        "q-scale-chosen", "q-choice",       "q-yesno",
        "q-multi",        "q-text",         "q-text-typed",
        "q-text-digits",  "q-demographic",  "q-ethnicity",
        "review",         "thank-you",      "help-now",
        "poll-intro",     "poll-question",  "poll-review",
        "signup-intro",   "signup-choice",  "signup-name",
        "signup-contact", "signup-detail",  "signup-detail-keyboard",
        "signup-times",   "signup-review",  "signup-consent",
        "signup-thanks",  "still-there"};
    return names;
}

std::string matrix_script(const Combo& c) {
    std::ostringstream s;
    auto shot = [&s](const std::string& name) {
        s << "shot " << name << "\ndump " << name << ".json\n";
    };
    s << "tap attract.start\n";
    shot("language");
    s << "tap language." << c.language << "\n";
    if (c.high_contrast)
        s << "tap top.contrast\n";
    for (int i = kiosk::kDefaultTextStep; i < c.step; ++i)
        s << "tap top.text_bigger\n";
    for (int i = kiosk::kDefaultTextStep; i > c.step; --i)
        s << "tap top.text_smaller\n";
    if (c.easy_words)
        s << "tap top.easy_words\n";
    shot("home");
    s << "tap top.start_again\n";
    shot("start-again");
    s << "tap start_again.no\ntap home.about\n";
    shot("about");
    s << "tap nav.back\ntap home.feedback\n";
    shot("feedback-intro");
    s << "tap intro.start\n";
    shot("q-scale");
    s << "tap answer.visit.1\n";
    shot("q-scale-chosen");
    s << "tap nav.next\n";
    shot("q-choice");
    s << "tap answer.safe.sometimes\ntap nav.next\n";
    shot("q-yesno");
    s << "tap answer.trust.yes\ntap nav.next\n";
    shot("q-multi");
    s << "tap answer.helped.food\ntap nav.next\n";
    shot("q-text");
    s << "type Warm place and kind staff, thank you all\n";
    shot("q-text-typed");
    // The keyboard's digits page (the locale's digits in ar), then back.
    s << "tap key.page.digits\n";
    shot("q-text-digits");
    s << "tap key.page.letters\ntap nav.next\n";
    // The "About you" set: age (with the sentence saying why it is asked),
    // then the ethnicity question's twenty answers in a scrolled list.
    shot("q-demographic");
    s << "tap nav.skip\ntap nav.skip\n";
    shot("q-ethnicity");
    s << "tap nav.skip\ntap nav.skip\ntap nav.skip\ntap nav.skip\n";
    shot("review");
    s << "tap review.send\n";
    shot("thank-you");
    s << "tap top.help_now\n";
    shot("help-now");
    s << "tap nav.back\ntap thanks.another\ntap home.poll\n";
    shot("poll-intro");
    s << "tap intro.start\n";
    shot("poll-question");
    s << "tap answer.open-earlier.yes\ntap nav.next\ntap answer.winter-needs.coats\ntap nav.next\n";
    shot("poll-review");
    s << "tap review.send\ntap thanks.another\nscroll home.mentoring\ntap home.mentoring\n";
    shot("signup-intro");
    s << "tap intro.start\n";
    shot("signup-choice");
    s << "tap answer.want.find-mentor\ntap nav.next\n";
    shot("signup-name");
    s << "type Alex\ntap nav.next\n";
    shot("signup-contact");
    s << "tap answer.contact.phone\ntap nav.next\n";
    shot("signup-detail"); // a phone question: the number pad
    s << "tap pad.letters\n";
    shot("signup-detail-keyboard");
    s << "tap key.page.pad\n";
    s << "type 07700 900123\ntap nav.next\n";
    shot("signup-times");
    s << "tap answer.times.evenings\ntap nav.next\n";
    shot("signup-review");
    s << "tap review.send\n";
    shot("signup-consent");
    s << "tap consent.yes\n";
    shot("signup-thanks");
    s << "tap thanks.another\nwait " << kInactivitySeconds * 1000 + 800 << "\n";
    shot("still-there");
    s << "quit\n";
    // At the largest sizes an answer may sit below the fold, as for a
    // person: the wheel brings it into view first (no-op when it is).
    std::istringstream lines(s.str());
    std::ostringstream out;
    for (std::string line; std::getline(lines, line);) {
        if (line.rfind("tap answer.", 0) == 0)
            out << "scroll " << line.substr(4) << "\n";
        out << line << "\n";
    }
    return out.str();
}

std::string describe(const DumpedBox& b) {
    std::ostringstream o;
    o << (b.text ? (b.icon ? "icon" : "text") : b.id);
    if (b.text && !b.parent.empty())
        o << " of " << b.parent;
    o << " [" << b.x << "," << b.y << " " << b.w << "x" << b.h << "]";
    return o.str();
}

bool inside(const DumpedBox& in, const DumpedBox& out) {
    return in.x >= out.x - kTolerance && in.y >= out.y - kTolerance &&
           in.x + in.w <= out.x + out.w + kTolerance && in.y + in.h <= out.y + out.h + kTolerance;
}

// What is wrong with one screen's layout, one line per fault ("" = nothing).
std::vector<std::string> layout_faults(const std::vector<DumpedBox>& all, double width = kWidth,
                                       double height = kHeight) {
    std::vector<std::string> faults;
    std::vector<const DumpedBox*> shown;
    for (const auto& b : all) {
        if (b.visible && b.w > 0.5 && b.h > 0.5)
            shown.push_back(&b);
    }
    auto find_parent = [&all](const DumpedBox& t) -> const DumpedBox* {
        for (const auto& b : all)
            if (!b.text && b.id == t.parent)
                return &b;
        return nullptr;
    };
    // Off the window: only a scrolled list may cut what it holds.
    for (const DumpedBox* b : shown) {
        if (b->in_region)
            continue;
        const bool cut = b->full_w > b->w + kTolerance || b->full_h > b->h + kTolerance;
        const bool out = b->full_x < -kTolerance || b->full_y < -kTolerance ||
                         b->full_x + b->full_w > width + kTolerance ||
                         b->full_y + b->full_h > height + kTolerance;
        if (cut || out)
            faults.push_back(describe(*b) + " leaves the window");
    }
    // A label stays inside its button.
    for (const DumpedBox* b : shown) {
        if (!b->text || b->parent.empty())
            continue;
        if (const DumpedBox* p = find_parent(*b); p && !inside(*b, *p))
            faults.push_back(describe(*b) + " spills out of " + describe(*p));
    }
    // Nothing overlaps anything else, except a label and its own button.
    for (std::size_t i = 0; i < shown.size(); ++i) {
        for (std::size_t j = i + 1; j < shown.size(); ++j) {
            const DumpedBox& a = *shown[i];
            const DumpedBox& b = *shown[j];
            if ((a.text && a.parent == b.id) || (b.text && b.parent == a.id))
                continue;
            // Two lines of one button's label (label and its sub-label) are
            // its own business; the spill check above covers them. Its
            // picture and its words must stay apart, though.
            if (a.text && b.text && !a.parent.empty() && a.parent == b.parent && a.icon == b.icon)
                continue;
            if (boxes_overlap(a, b, kTolerance))
                faults.push_back(describe(a) + " overlaps " + describe(b));
        }
    }
    return faults;
}

// The home screen's heading keeps at least `gap` (the screen's gap between
// blocks) above the first tile, in every script: Urdu's Nastaliq heading
// reaches far below its line and was seen resting on the tiles at the
// largest size. "" when it does, else the fault.
std::string heading_gap_fault(const std::vector<DumpedBox>& all, double gap) {
    double bar_bottom = 0;
    for (const auto& b : all)
        if (!b.text && b.id.rfind("top.", 0) == 0 && b.id != "top.corner")
            bar_bottom = std::max(bar_bottom, b.y + b.h);
    const DumpedBox* heading = nullptr;
    const DumpedBox* tile = nullptr;
    for (const auto& b : all) {
        if (b.text && b.parent.empty() && b.y >= bar_bottom - kTolerance &&
            (!heading || b.y < heading->y))
            heading = &b;
        if (!b.text && b.id.rfind("home.", 0) == 0 && (!tile || b.y < tile->y))
            tile = &b;
    }
    if (!heading || !tile)
        return "no heading or no tile";
    const double below = tile->y - (heading->y + heading->h);
    if (below >= gap - kTolerance)
        return {};
    std::ostringstream o;
    o << "the heading " << describe(*heading) << " is " << below << " px above the first tile "
      << describe(*tile) << ", less than the gap " << gap;
    return o.str();
}

std::filesystem::path matrix_root() {
    return std::filesystem::path(ENGAGE_BIN_DIR).parent_path() / "screenshots" / "kiosk-matrix";
}

// The page people open to compare: one row per screen, one column per combo.
void write_index(const std::vector<Combo>& combos) {
    std::ofstream html(matrix_root() / "index.html");
    html << "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\">"
            "<title>Kiosk screens: every screen x language x theme x text size</title>"
            "<style>body{font-family:sans-serif}table{border-collapse:collapse}"
            "td,th{border:1px solid #888;padding:4px;vertical-align:top}"
            "img{width:320px;display:block}th{position:sticky;top:0;background:#fff}</style>"
            "<h1>Kiosk screens</h1><p>Columns: language, theme, text size (0 smallest .. "
         << kiosk::kTextScales.size() - 1
         << " largest). Click a picture for full size.</p><table><tr><th>screen</th>";
    for (const auto& c : combos)
        html << "<th>" << c.language << "<br>" << (c.high_contrast ? "contrast" : "standard")
             << "<br>size " << c.step << (c.easy_words ? "<br>easy words" : "") << "</th>";
    html << "</tr>\n";
    for (const auto& s : screen_names()) {
        html << "<tr><th>" << s << "</th>";
        for (const auto& c : combos) {
            const std::string file = c.name() + "/" + s + ".png";
            html << "<td>";
            if (std::filesystem::exists(matrix_root() / file))
                html << "<a href=\"" << file << "\"><img loading=\"lazy\" src=\"" << file
                     << "\" alt=\"" << s << " " << c.name() << "\"></a>";
            html << "</td>";
        }
        html << "</tr>\n";
    }
    html << "</table></html>\n";
}

std::vector<Combo> combos_to_run() {
    const char* env = std::getenv("ENGAGE_LAYOUT_MATRIX");
    const bool full = env != nullptr && std::string_view(env) == "full";
    const int largest = static_cast<int>(kiosk::kTextScales.size()) - 1;
    if (env != nullptr && *env != '\0' && !full) {
        // ENGAGE_LAYOUT_MATRIX=bn,ur: those languages only, every theme and size.
        std::vector<Combo> out;
        std::string_view list(env);
        while (!list.empty()) {
            const auto comma = list.find(',');
            const std::string language(list.substr(0, comma));
            list = comma == std::string_view::npos ? std::string_view{} : list.substr(comma + 1);
            for (bool hc : {false, true})
                for (int step = 0; step <= largest; ++step)
                    out.push_back({language, hc, step});
        }
        return out;
    }
    if (!full) {
        // Where the trouble is: the largest text size, left to right and
        // right to left, each theme once (the default size: screens_test).
        // Easy words once, in an Indic script: pictures beside the questions.
        return {{"en", false, largest}, {"ar", true, largest}, {"bn", false, largest, true}};
    }
    std::vector<Combo> out;
    for (const auto& l : sample_languages())
        for (bool hc : {false, true})
            for (int step = 0; step <= largest; ++step)
                for (bool easy : {false, true})
                    if (!easy || step == largest) // Easy words where space is tightest
                        out.push_back({l, hc, step, easy});
    return out;
}

// [Top bar] Where its words are longest (Somali, Kurmanji), widest (Ethiopic,
// Bengali, Gurmukhi) and right to left (Arabic, Urdu), at the smallest and
// largest text size: the home and a question screen, with speech switched on
// between them (its label changes).
std::string top_bar_script(const Combo& c) {
    std::ostringstream s;
    s << "tap attract.start\nscroll language." << c.language << "\ntap language." << c.language
      << "\n";
    if (c.high_contrast)
        s << "tap top.contrast\n";
    for (int i = kiosk::kDefaultTextStep; i < c.step; ++i)
        s << "tap top.text_bigger\n";
    for (int i = kiosk::kDefaultTextStep; i > c.step; --i)
        s << "tap top.text_smaller\n";
    s << "shot home\ndump home.json\n";
    s << "tap home.feedback\ntap intro.start\ntap top.speech\n";
    s << "shot question\ndump question.json\nquit\n";
    return s.str();
}

bool in_top_bar(const DumpedBox& b) {
    return b.text ? b.parent.rfind("top.", 0) == 0 : b.id.rfind("top.", 0) == 0;
}

// What is wrong with the bar in one dump: its buttons (and the hidden staff
// corner) overlapping, a label out of its button, a button smaller than the
// minimum target, anything off the window.
std::vector<std::string> top_bar_faults(const std::vector<DumpedBox>& all, double width,
                                        double height, double min_target) {
    std::vector<std::string> faults;
    std::vector<const DumpedBox*> bar;
    for (const auto& b : all)
        if (in_top_bar(b))
            bar.push_back(&b);
    std::size_t buttons = 0;
    for (const DumpedBox* b : bar) {
        if (b->x < -kTolerance || b->y < -kTolerance || b->x + b->w > width + kTolerance ||
            b->y + b->h > height + kTolerance)
            faults.push_back(describe(*b) + " leaves the window");
        if (b->text || b->id == "top.corner")
            continue;
        ++buttons;
        if (b->w < min_target - kTolerance || b->h < min_target - kTolerance)
            faults.push_back(describe(*b) + " is smaller than the minimum target");
    }
    if (buttons == 0)
        faults.push_back("no top bar buttons in the dump");
    for (std::size_t i = 0; i < bar.size(); ++i) {
        const DumpedBox& a = *bar[i];
        if (a.text) {
            const auto p = std::find_if(all.begin(), all.end(), [&a](const DumpedBox& b) {
                return !b.text && b.id == a.parent;
            });
            if (p != all.end() && !inside(a, *p))
                faults.push_back(describe(a) + " spills out of " + describe(*p));
            continue;
        }
        for (std::size_t j = i + 1; j < bar.size(); ++j) {
            const DumpedBox& b = *bar[j];
            if (b.text)
                continue;
            if (boxes_overlap(a, b, kTolerance))
                faults.push_back(describe(a) + " overlaps " + describe(b));
        }
    }
    return faults;
}

} // namespace

TEST_CASE("the top bar keeps every button whole, apart and clear of the staff corner in long, "
          "wide and right-to-left languages at the smallest and largest text size",
          "[kiosk][screens][layout][top-bar]") {
    const auto data = make_kiosk_data();
    const int largest = static_cast<int>(kiosk::kTextScales.size()) - 1;
    struct Window {
        double width, height;
    };
    std::vector<std::pair<Combo, Window>> runs;
    for (const char* l : {"en", "so", "ar", "ur", "pa", "bn", "am", "kmr", "ti"})
        for (int step : {0, largest})
            runs.push_back({{l, false, step}, {kWidth, kHeight}});
    // Both themes where people look at the screenshots (the bar's colours).
    for (const char* l : {"so", "ar", "ur", "am"})
        for (int step : {0, largest})
            runs.push_back({{l, true, step}, {kWidth, kHeight}});
    // A portrait screen has 800 pixels for the bar: the longest words there.
    for (const char* l : {"so", "ti"})
        runs.push_back({{l, false, largest}, {kHeight, kWidth}});
    const auto root = matrix_root() / "top-bar";
    for (const auto& [c, window] : runs) {
        const bool portrait = window.width < window.height;
        const auto shots = root / (c.name() + (portrait ? "-portrait" : ""));
        std::error_code ec;
        std::filesystem::remove_all(shots, ec);
        std::filesystem::create_directories(shots);
        std::vector<std::string> env;
        if (portrait)
            env.push_back("ENGAGE_KIOSK_SIZE=" + std::to_string(static_cast<int>(window.width)) +
                          "x" + std::to_string(static_cast<int>(window.height)));
        const auto r = run_kiosk_script(*data, top_bar_script(c), shots, {}, env);
        INFO(c.name() << (portrait ? " portrait" : "") << "\n" << r.out << r.err);
        REQUIRE(r.exit_code == 0);
        const kiosk::Metrics metrics = kiosk::metrics_for(
            static_cast<float>(window.width), static_cast<float>(window.height), 1.0f, c.step);
        const float min_target = metrics.min_target;
        const double gap = metrics.gap;
        for (const char* screen : {"home", "question"}) {
            INFO(screen);
            const auto dump = read_layout(shots / (std::string(screen) + ".json"));
            auto faults = top_bar_faults(dump, window.width, window.height, min_target);
            // And the screen below it, which the bar's rows make shorter.
            for (auto& f : layout_faults(dump, window.width, window.height))
                faults.push_back(std::move(f));
            if (std::string_view(screen) == "home")
                if (auto f = heading_gap_fault(dump, gap); !f.empty())
                    faults.push_back(std::move(f));
            std::string all;
            for (const auto& f : faults)
                all += "  " + f + "\n";
            INFO(all);
            CHECK(faults.empty());
            // In English, the kiosk's usual first language, the bar keeps to
            // one row: the language list below it needs no scrolling.
            if (c.language == "en" && !portrait) {
                const auto again = std::find_if(dump.begin(), dump.end(), [](const DumpedBox& b) {
                    return !b.text && b.id == "top.start_again";
                });
                const auto help = std::find_if(dump.begin(), dump.end(), [](const DumpedBox& b) {
                    return !b.text && b.id == "top.help_now";
                });
                REQUIRE(again != dump.end());
                REQUIRE(help != dump.end());
                CHECK(again->y == Approx(help->y));
            }
        }
    }
}

TEST_CASE("the top bar check finds buttons over the staff corner, on each other or too small",
          "[kiosk][layout][top-bar]") {
    DumpedBox corner;
    corner.id = "top.corner";
    corner.x = corner.full_x = 0;
    corner.w = corner.full_w = 108;
    corner.h = corner.full_h = 108;
    DumpedBox again = corner;
    again.id = "top.start_again";
    again.x = again.full_x = 120;
    again.y = again.full_y = 8;
    again.w = again.full_w = 150;
    again.h = again.full_h = 92;
    DumpedBox help = again;
    help.id = "top.help_now";
    help.x = help.full_x = 300;

    SECTION("buttons apart and beside the corner are fine") {
        CHECK(top_bar_faults({corner, again, help}, kWidth, kHeight, 92).empty());
    }
    SECTION("a button over the staff corner is a fault") {
        again.x = 60;
        const auto f = top_bar_faults({corner, again, help}, kWidth, kHeight, 92);
        REQUIRE(f.size() == 1);
        CHECK(f[0].find("overlaps") != std::string::npos);
    }
    SECTION("two buttons on each other are a fault") {
        help.x = 200;
        const auto f = top_bar_faults({corner, again, help}, kWidth, kHeight, 92);
        REQUIRE(f.size() == 1);
        CHECK(f[0].find("top.start_again") != std::string::npos);
    }
    SECTION("a button narrower than the minimum target is a fault") {
        help.w = 60;
        const auto f = top_bar_faults({corner, again, help}, kWidth, kHeight, 92);
        REQUIRE(f.size() == 1);
        CHECK(f[0].find("minimum target") != std::string::npos);
    }
    SECTION("a label wider than its button spills") {
        DumpedBox label;
        label.text = true;
        label.parent = "top.help_now";
        label.x = 290;
        label.y = 60;
        label.w = 180;
        label.h = 25;
        const auto f = top_bar_faults({corner, again, help, label}, kWidth, kHeight, 92);
        REQUIRE(f.size() == 1);
        CHECK(f[0].find("spills out of top.help_now") != std::string::npos);
    }
}

TEST_CASE("every screen at every text size keeps its widgets and words apart and on screen",
          "[kiosk][screens][layout]") {
    KioskDataOptions options;
    options.inactivity_seconds = kInactivitySeconds;
    const auto data = make_kiosk_data(options);
    const auto combos = combos_to_run();
    std::filesystem::create_directories(matrix_root());
    for (const auto& c : combos) {
        const auto shots = matrix_root() / c.name();
        std::error_code ec;
        std::filesystem::remove_all(shots, ec);
        std::filesystem::create_directories(shots);
        const auto r = run_kiosk_script(*data, matrix_script(c), shots);
        INFO(c.name() << "\n" << r.out << r.err);
        REQUIRE(r.exit_code == 0);
        for (const auto& s : screen_names()) {
            INFO(c.name() << " " << s);
            REQUIRE(std::filesystem::exists(shots / (s + ".png")));
            const auto dump = read_layout(shots / (s + ".json"));
            auto faults = layout_faults(dump);
            if (s == "home")
                if (auto f = heading_gap_fault(
                        dump, kiosk::metrics_for(kWidth, kHeight, 1.0f, c.step).gap);
                    !f.empty())
                    faults.push_back(std::move(f));
            std::string all;
            for (const auto& f : faults)
                all += "  " + f + "\n";
            INFO(all);
            CHECK(faults.empty());
        }
    }
    write_index(combos);
}

TEST_CASE("the heading check finds a heading resting on the home tiles", "[kiosk][layout]") {
    DumpedBox bar;
    bar.id = "top.help_now";
    bar.w = bar.full_w = 100;
    bar.h = bar.full_h = 100;
    DumpedBox heading;
    heading.text = true;
    heading.id = "text";
    heading.x = 28;
    heading.y = 140;
    heading.w = 600;
    heading.h = 100;
    DumpedBox tile;
    tile.id = "home.feedback";
    tile.x = 28;
    tile.y = 264;
    tile.w = tile.full_w = 600;
    tile.h = tile.full_h = 300;
    SECTION("a heading a gap above the tiles is fine") {
        CHECK(heading_gap_fault({bar, heading, tile}, 16).empty());
    }
    SECTION("a heading touching the tiles is a fault") {
        heading.h = 122;
        CHECK(heading_gap_fault({bar, heading, tile}, 16).find("less than the gap") !=
              std::string::npos);
    }
}

TEST_CASE("the layout check finds overlaps, spilled labels and boxes off the window",
          "[kiosk][layout]") {
    DumpedBox button;
    button.id = "nav.next";
    button.x = 100;
    button.y = 600;
    button.w = 200;
    button.h = 92;
    button.full_x = 100;
    button.full_y = 600;
    button.full_w = 200;
    button.full_h = 92;
    DumpedBox label;
    label.text = true;
    label.id = "text";
    label.parent = "nav.next";
    label.x = label.full_x = 120;
    label.y = label.full_y = 620;
    label.w = label.full_w = 100;
    label.h = label.full_h = 40;

    SECTION("a label inside its own button is fine") {
        CHECK(layout_faults({button, label}).empty());
    }
    SECTION("words of the screen drawn behind a button are an overlap") {
        DumpedBox line = label;
        line.parent.clear();
        const auto f = layout_faults({button, line});
        REQUIRE(f.size() == 1);
        CHECK(f[0].find("overlaps") != std::string::npos);
    }
    SECTION("a button's picture over its own words is an overlap") {
        DumpedBox picture = label;
        picture.icon = true;
        picture.id = "icon";
        picture.x = picture.full_x = 110;
        const auto f = layout_faults({button, label, picture});
        REQUIRE(f.size() == 1);
        CHECK(f[0].find("icon of nav.next") != std::string::npos);
    }
    SECTION("a label wider than its button spills") {
        DumpedBox wide = label;
        wide.w = wide.full_w = 260;
        const auto f = layout_faults({button, wide});
        REQUIRE(f.size() == 1);
        CHECK(f[0].find("spills out of nav.next") != std::string::npos);
    }
    SECTION("words below the window's bottom edge leave the window") {
        DumpedBox line = label;
        line.parent.clear();
        line.y = 760;
        line.h = 40;
        line.full_y = 760;
        line.full_h = 80;
        const auto f = layout_faults({line});
        REQUIRE(f.size() == 1);
        CHECK(f[0].find("leaves the window") != std::string::npos);
    }
    SECTION("inside a scrolled list a cut is scrolling, not a fault") {
        DumpedBox line = label;
        line.parent.clear();
        line.in_region = true;
        line.full_y = 700;
        line.full_h = 200;
        CHECK(layout_faults({line}).empty());
    }
}
