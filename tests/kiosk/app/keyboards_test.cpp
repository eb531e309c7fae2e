// The on-screen keyboards in the real kiosk, headless (issue 11): a word
// typed key by key on the Arabic, Urdu, Bengali and Amharic keyboards is the
// answer that is sent; the number pad types a phone number and leads to the
// full keyboard; and every language's keyboard, each page, is shot at the
// default and the largest text size (<build>/screenshots/kiosk-app/keyboards/)
// with every key at least the minimum target.
#include "kiosk/flow/text_size.hpp"
#include "kiosk/outbox/outbox.hpp"
#include "kiosk/widgets/keyboard_layouts.hpp"
#include "kiosk/widgets/theme.hpp"
#include "kiosk_app_fixture.hpp"

#include <boost/json.hpp>
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

using namespace engage::test;
namespace kiosk = engage::kiosk;

namespace {

// The sample's feedback form up to its free-text question.
std::string to_text_question(const std::string& language) {
    return "tap attract.start\ntap language." + language +
           "\ntap home.feedback\ntap intro.start\n"
           "tap answer.visit.1\ntap nav.next\ntap answer.safe.sometimes\ntap nav.next\n"
           "tap answer.trust.yes\ntap nav.next\ntap answer.helped.food\ntap nav.next\n";
}

// From the free-text question (answered) to the review: Next, then Skip over
// the six "About you" questions that end the sample feedback form.
std::string text_to_review() {
    std::string s = "tap nav.next\n";
    for (int i = 0; i < 6; ++i)
        s += "tap nav.skip\n";
    return s;
}

std::string read_all(const std::filesystem::path& file) {
    std::ifstream in(file);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// Every waiting item's JSON, as it would be uploaded.
std::string outbox_text(const KioskData& data) {
    std::string error;
    auto box = kiosk::Outbox::open(data.dir / "outbox.db", error);
    REQUIRE(box);
    const auto items = box->pick_batch(100);
    REQUIRE(items);
    std::string all;
    for (const auto& i : *items)
        all += i.json_text + "\n";
    return all;
}

struct KeyBox {
    std::string id;
    double w = 0, h = 0;
    int row = -1;
};

// The keys (ids starting with `prefix`) of a widget dump, with their rows.
std::vector<KeyBox> keys_in(const std::filesystem::path& dump, std::string_view prefix) {
    std::vector<KeyBox> out;
    const boost::json::value all = boost::json::parse(read_all(dump));
    for (const auto& v : all.as_array()) {
        const auto& o = v.as_object();
        if (o.at("kind").as_string() != "widget")
            continue;
        const std::string id(o.at("id").as_string());
        if (id.rfind(prefix, 0) != 0)
            continue;
        KeyBox k;
        k.id = id;
        k.w = o.at("full_w").to_number<double>();
        k.h = o.at("full_h").to_number<double>();
        if (const auto* r = o.if_contains("row"))
            k.row = static_cast<int>(r->to_number<double>());
        out.push_back(k);
    }
    return out;
}

// Metrics of the 1280x800 test window (the minimum target is the same at
// every text size: theme.cpp).
constexpr double kMinTarget = 92;
constexpr double kWindowHeight = 800;

} // namespace

TEST_CASE("a word typed on the Arabic, Urdu, Bengali and Amharic keyboards is sent as typed",
          "[kiosk][keyboard]") {
    struct Typing {
        std::string language;
        std::string taps; // `tap` lines
        std::string word; // what must arrive
    };
    const std::vector<Typing> cases{
        {"ar", "key.س key.ل key.ا key.م", "سلام"},
        {"ur", "key.ش key.ک key.ر key.ی key.ہ", "شکریہ"},
        // A conjunct (ক + hasanta + ষ) across two pages, a vowel sign, then
        // "কি" typed and taken back with one Delete (one grapheme cluster).
        {"bn",
         "key.ক key.page.vowels key.্ key.page.letters key.ষ key.ম key.page.vowels key.া "
         "key.page.letters key.ক key.page.vowels key.ি key.delete",
         "ক্ষমা"},
        // The syllable picker: a consonant, then its order.
        {"am", "key.pick.ሰ key.ሰ key.pick.ለ key.ላ key.pick.መ key.ም", "ሰላም"},
    };
    for (const auto& c : cases) {
        INFO(c.language);
        const auto data = make_kiosk_data();
        const auto shots = screenshot_dir("keyboard-typing-" + c.language);
        std::string script = to_text_question(c.language);
        std::istringstream taps(c.taps);
        for (std::string t; taps >> t;)
            script += "tap " + t + "\n";
        script += "shot typed\ndump typed.json\n" + text_to_review() +
                  "shot review\nwords review.txt\ntap review.send\n";
        const auto r = run_kiosk_script(*data, script, shots);
        INFO(r.out << r.err);
        REQUIRE(r.exit_code == 0);
        // The review names the typed answer without reading it out.
        CHECK(read_all(shots / "review.txt").find(c.word) == std::string::npos);
        const std::string sent = outbox_text(*data);
        INFO(sent);
        CHECK(sent.find("\"" + c.word + "\"") != std::string::npos);
        // Every key is registered in row order with its row.
        const auto keys = keys_in(shots / "typed.json", "key.");
        REQUIRE(!keys.empty());
        int last_row = 0;
        for (const auto& k : keys) {
            INFO(k.id);
            CHECK(k.row >= last_row);
            last_row = k.row;
        }
    }
}

TEST_CASE("a phone question opens the number pad, which leads to the full keyboard and back",
          "[kiosk][keyboard]") {
    const auto data = make_kiosk_data();
    const auto shots = screenshot_dir("keyboard-number-pad");
    const auto r = run_kiosk_script(*data, R"(tap attract.start
tap language.fa
tap home.mentoring
tap intro.start
tap answer.want.find-mentor
tap nav.next
type Alex
tap nav.next
tap answer.contact.phone
tap nav.next
shot pad
dump pad.json
tap pad.+
tap pad.4
tap pad.4
tap pad.space
tap pad.7
tap pad.9
tap pad.delete
tap pad.letters
shot full-keyboard
dump full-keyboard.json
tap key.page.latin
tap key.a
tap key.page.pad
expect pad.0
tap nav.next
tap answer.times.evenings
tap nav.next
tap review.send
tap consent.yes
)",
                                    shots);
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    const auto pad = keys_in(shots / "pad.json", "pad.");
    CHECK(pad.size() == 15); // 0–9, +, -, Space, Delete, the key to the full keyboard
    for (const auto& k : pad) {
        INFO(k.id);
        CHECK(std::min(k.w, k.h) >= kMinTarget - 0.5);
    }
    CHECK(keys_in(shots / "full-keyboard.json", "key.page.pad").size() == 1);
    CHECK(keys_in(shots / "full-keyboard.json", "pad.").empty());
    // What was typed is sealed for the coordinators: it reaches the outbox,
    // not in the clear.
    CHECK(outbox_text(*data).find("+44 7a") == std::string::npos);
}

namespace {

// Each shot of the keyboard test: the text size and theme it was taken in.
struct KeyboardShot {
    int step = kiosk::kDefaultTextStep;
    bool contrast = false;
    std::string name(const std::string& page) const {
        return std::string(contrast ? "contrast" : "standard") + "-size" + std::to_string(step) +
               "-" + page;
    }
};

// The window the kiosk runs in: the tests' 1280x800, or a portrait screen.
struct Window {
    double width = 1280, height = kWindowHeight;
};

// What is wrong with one keyboard shot ("" = nothing): a key below the
// minimum target, not wholly in view or overlapping another key, the text
// box hidden or under the keys.
std::vector<std::string> keyboard_faults(const std::filesystem::path& dump, const Window& window) {
    std::vector<std::string> faults;
    const auto boxes = read_layout(dump);
    const DumpedBox* box = nullptr;
    double keys_top = window.height;
    std::vector<const DumpedBox*> keys;
    for (const auto& b : boxes) {
        if (b.text)
            continue;
        if (b.id == "text.box")
            box = &b;
        if (b.id.rfind("key.", 0) != 0 && b.id.rfind("pad.", 0) != 0)
            continue;
        std::ostringstream at;
        at << b.id << " [" << b.x << "," << b.y << " " << b.full_w << "x" << b.full_h << "]";
        if (std::min(b.full_w, b.full_h) < kMinTarget - 0.5)
            faults.push_back(at.str() + " is smaller than the minimum target");
        // Wholly on screen: not scrolled out of the body, not clipped.
        if (!b.visible || b.h < b.full_h - 1 || b.w < b.full_w - 1 || b.x < 0 || b.y < 0 ||
            b.x + b.w > window.width || b.y + b.h > window.height)
            faults.push_back(at.str() + " is not wholly in view");
        for (const DumpedBox* k : keys) {
            const double ox = std::min(b.x + b.w, k->x + k->w) - std::max(b.x, k->x);
            const double oy = std::min(b.y + b.h, k->y + k->h) - std::max(b.y, k->y);
            if (ox > 0.5 && oy > 0.5)
                faults.push_back(at.str() + " overlaps " + k->id);
        }
        keys.push_back(&b);
        keys_top = std::min(keys_top, b.y);
    }
    if (box == nullptr) {
        faults.push_back("no text box");
    } else {
        // At least a line of the box shows, above the keys.
        if (!box->visible || box->h < kMinTarget * 0.4)
            faults.push_back("the text box is scrolled out of view");
        if (box->y + box->h > keys_top + 1)
            faults.push_back("the text box runs under the keys");
    }
    return faults;
}

// A screen the keyboards are checked on: where its shots go under
// <build>/screenshots/kiosk-app/, its size, and how the kiosk is told it.
struct Orientation {
    std::string shots;
    Window window;
    std::vector<std::string> env;
};
const Orientation landscape{"keyboards", {}, {}};
// 800 px wide: a 12-key row across it made 55 px keys.
const Orientation portrait{"keyboards-portrait", {800, 1280}, {"ENGAGE_KIOSK_SIZE=800x1280"}};

// Where one language's keyboard shots went, and their names in the order taken.
struct KeyboardShots {
    std::filesystem::path dir;
    std::vector<std::string> names;
};

// Shoots and dumps every page of `language`'s keyboard at the default and
// the largest text size in both themes on `screen`, and checks each shot
// with keyboard_faults().
KeyboardShots check_keyboard(const std::string& language, const Orientation& screen) {
    const auto& layout = kiosk::keyboard_layout(language);
    const auto data = make_kiosk_data();
    KeyboardShots out{screenshot_dir(screen.shots + "/" + language), {}};
    std::string script = to_text_question(language);
    // The text size is changed on the question screen, as a person
    // would: the keyboard and the box must stay in view.
    const std::vector<KeyboardShot> order{{kiosk::kDefaultTextStep, false},
                                          {kiosk::max_text_size_step, false},
                                          {kiosk::max_text_size_step, true},
                                          {kiosk::kDefaultTextStep, true}};
    int step = kiosk::kDefaultTextStep;
    bool contrast = false;
    for (const auto& shot : order) {
        for (; step < shot.step; ++step)
            script += "tap top.text_bigger\n";
        for (; step > shot.step; --step)
            script += "tap top.text_smaller\n";
        if (shot.contrast != contrast) {
            // While the keys are up the bar keeps Contrast behind
            // Settings, which puts the keys away; "Type here" brings
            // them back.
            script += "tap top.settings\ntap top.contrast\ntap text.keys\n";
            contrast = shot.contrast;
        }
        for (const auto& page : layout.pages) {
            script += "tap key.page." + page.name + "\n";
            // The picker with a consonant's row of orders open.
            if (page.kind == kiosk::PageKind::ethiopic)
                script += "tap key.pick." + page.rows.back().back().insert + "\n";
            out.names.push_back(shot.name(page.name));
            script += "shot " + out.names.back() + "\ndump " + out.names.back() + ".json\n";
        }
    }
    const auto r = run_kiosk_script(*data, script, out.dir, {}, screen.env);
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    for (const auto& name : out.names) {
        INFO(name);
        const auto faults = keyboard_faults(out.dir / (name + ".json"), screen.window);
        for (const auto& f : faults)
            UNSCOPED_INFO(f);
        CHECK(faults.empty());
    }
    return out;
}

} // namespace

TEST_CASE("every language's keyboard, each page, stays whole with keys of at least the minimum "
          "target at the default and the largest text size, in both themes",
          "[kiosk][keyboard][screenshots]") {
    for (const auto& language : kiosk::keyboard_languages()) {
        INFO(language);
        check_keyboard(language, landscape);
    }
}

TEST_CASE("on a portrait screen the keyboards split their rows so every key stays at least the "
          "minimum target, whole and apart, at the default and the largest text size, in both "
          "themes",
          "[kiosk][keyboard][screenshots][portrait]") {
    for (const char* language : {"en", "ar", "ur", "am", "bn"}) {
        INFO(language);
        const auto shots = check_keyboard(language, portrait);
        // The letters' order is kept: on the first page, a drawn row's keys
        // come in the layout's order, each split row going on below.
        const auto first = keys_in(shots.dir / (shots.names.front() + ".json"), "key.");
        const auto& page = kiosk::keyboard_layout(language).pages.front();
        if (page.kind == kiosk::PageKind::keys) {
            std::vector<std::string> expected;
            for (const auto& row : page.rows)
                for (const auto& k : row)
                    expected.push_back("key." + k.insert);
            std::vector<std::string> drawn;
            int most_row = 0;
            for (const auto& k : first)
                if (k.id.rfind("key.page.", 0) != 0 && k.id != "key.shift" && k.id != "key.space" &&
                    k.id != "key.delete") {
                    drawn.push_back(k.id);
                    most_row = std::max(most_row, k.row);
                }
            CHECK(drawn == expected);
            // More drawn rows than the page has: the rows were split.
            CHECK(most_row + 1 > static_cast<int>(page.rows.size()));
        }
    }
}

TEST_CASE("Delete's word is set at the size of the other keys' words, or its picture stands "
          "alone where the word does not fit",
          "[kiosk][keyboard][delete]") {
    const auto data = make_kiosk_data();
    for (const char* language : {"en", "so", "am", "ar"}) {
        for (const char* size : {"1280x800", "800x1280"}) {
            INFO(language << " " << size);
            const auto shots =
                screenshot_dir(std::string("keyboards-delete/") + language + "-" + size);
            std::string script = to_text_question(language);
            script += "shot size0\ndump size0.json\n";
            for (int step = kiosk::kDefaultTextStep; step < kiosk::max_text_size_step; ++step)
                script += "tap top.text_bigger\n";
            script += "shot size4\ndump size4.json\nquit\n";
            const auto r = run_kiosk_script(*data, script, shots, {},
                                            {std::string("ENGAGE_KIOSK_SIZE=") + size});
            INFO(r.out << r.err);
            REQUIRE(r.exit_code == 0);
            for (const char* name : {"size0", "size4"}) {
                INFO(name);
                const auto all = read_layout(shots / (std::string(name) + ".json"));
                // Compared with a letter key's (Space's word may be set
                // smaller where its key is squeezed: a portrait screen).
                const DumpedBox* del_words = nullptr;
                const DumpedBox* letter_words = nullptr;
                const DumpedBox* del_picture = nullptr;
                for (const auto& b : all) {
                    if (b.text && !b.icon && b.parent == "key.delete")
                        del_words = &b;
                    const bool letter = b.parent.rfind("key.", 0) == 0 &&
                                        b.parent.rfind("key.page.", 0) != 0 &&
                                        b.parent != "key.space" && b.parent != "key.delete" &&
                                        b.parent != "key.shift";
                    if (b.text && !b.icon && letter && letter_words == nullptr)
                        letter_words = &b;
                    if (b.icon && b.parent == "key.delete")
                        del_picture = &b;
                }
                REQUIRE(letter_words != nullptr);
                if (del_words == nullptr) {
                    CHECK(del_picture != nullptr); // never an empty key
                    continue;
                }
                // One line each, in one font at one scale: nearly one
                // height (a line's box follows its own ink: Arabic's tall
                // alef and low dal differ by up to 7%); a word set smaller
                // (down to 0.6 of it, as Delete's was) is far outside.
                CHECK(del_words->h == Approx(letter_words->h).epsilon(0.1));
            }
        }
    }
}
