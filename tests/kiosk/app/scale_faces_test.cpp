// The 1-5 scale's faces (issue 11): faces are drawn, not widgets, so the
// layout matrix never saw them spill. Somali on a portrait screen at the
// largest text size had five 135 px tiles whose end labels took three lines
// and pushed the faces out, and the middle faces ran over their
// neighbours' edges. The widget dump now lists each button's picture
// ("icon", with its button as parent); this test walks the feedback form's
// scale question in every language of the sample content, at every text
// size, on a landscape and a portrait screen, and checks that every face
// lies inside its own tile, clear of its words, and that no tile or face
// runs into another. Screenshots: <build>/screenshots/kiosk-matrix/scale/.
#include "kiosk/widgets/theme.hpp"
#include "kiosk_app_fixture.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <sstream>

using namespace engage::test;
namespace kiosk = engage::kiosk;

namespace {

// Rounding of float layout to pixels: boxes touching may share a pixel.
constexpr double kTolerance = 1.0;
// A face smaller than half the minimum target is no longer a picture a
// person reads at a glance (the list's faces are 0.65 of it at 1280x800).
constexpr double kSmallestFace = 0.5;
// The feedback form's scale question (assets/sample/forms).
constexpr std::string_view kScale = "answer.visit.";

std::string describe(const DumpedBox& b) {
    std::ostringstream o;
    o << (b.icon ? "face of " + b.parent : b.id) << " [" << b.x << "," << b.y << " " << b.w << "x"
      << b.h << "]";
    return o.str();
}

bool inside(const DumpedBox& in, const DumpedBox& out) {
    return in.x >= out.x - kTolerance && in.y >= out.y - kTolerance &&
           in.x + in.w <= out.x + out.w + kTolerance && in.y + in.h <= out.y + out.h + kTolerance &&
           in.full_w <= out.full_w + kTolerance && in.full_h <= out.full_h + kTolerance;
}

// What is wrong with the scale's tiles and faces in one dump ("" = nothing):
// a tile without its one face, a face out of its tile or over its words, a
// face too small to see, tiles or faces running into each other.
std::vector<std::string> scale_faults(const std::vector<DumpedBox>& all, double min_target) {
    std::vector<std::string> faults;
    std::vector<const DumpedBox*> tiles, faces, words;
    for (const auto& b : all) {
        const std::string_view owner = b.text ? b.parent : b.id;
        if (owner.rfind(kScale, 0) != 0)
            continue;
        (b.icon ? faces : (b.text ? words : tiles)).push_back(&b);
    }
    if (tiles.size() != 5)
        faults.push_back(std::to_string(tiles.size()) + " scale tiles, not 5");
    for (const DumpedBox* t : tiles) {
        const auto n = std::count_if(faces.begin(), faces.end(),
                                     [t](const DumpedBox* f) { return f->parent == t->id; });
        // A tile scrolled out of view draws nothing (a portrait list's last
        // rows below the fold): only a tile in view needs its face.
        if (t->visible && t->h >= t->full_h - kTolerance && n != 1)
            faults.push_back(t->id + " has " + std::to_string(n) + " faces");
    }
    for (const DumpedBox* f : faces) {
        const auto own = std::find_if(tiles.begin(), tiles.end(),
                                      [f](const DumpedBox* t) { return t->id == f->parent; });
        if (own == tiles.end()) {
            faults.push_back(describe(*f) + " has no tile");
            continue;
        }
        if (!inside(*f, **own))
            faults.push_back(describe(*f) + " leaves its tile " + describe(**own));
        if (f->full_w < min_target * kSmallestFace - kTolerance)
            faults.push_back(describe(*f) + " is too small to see");
        for (const DumpedBox* t : tiles)
            if (t != *own && boxes_overlap(*f, *t))
                faults.push_back(describe(*f) + " runs into " + describe(*t));
        for (const DumpedBox* w : words)
            if (w->parent == f->parent && boxes_overlap(*f, *w))
                faults.push_back(describe(*f) + " is under its own words");
    }
    for (std::size_t i = 0; i < tiles.size(); ++i)
        for (std::size_t j = i + 1; j < tiles.size(); ++j)
            if (boxes_overlap(*tiles[i], *tiles[j]))
                faults.push_back(describe(*tiles[i]) + " overlaps " + describe(*tiles[j]));
    return faults;
}

// The scale question at every size, smallest first, in one run: Bigger in
// the top bar steps through them on the same screen.
std::string scale_script(const std::string& language, int largest) {
    std::ostringstream s;
    s << "tap attract.start\nscroll language." << language << "\ntap language." << language << "\n";
    for (int i = kiosk::kDefaultTextStep; i > 0; --i)
        s << "tap top.text_smaller\n";
    s << "tap home.feedback\ntap intro.start\n";
    for (int step = 0; step <= largest; ++step) {
        if (step > 0)
            s << "tap top.text_bigger\n";
        s << "shot size" << step << "\ndump size" << step << ".json\n";
    }
    s << "quit\n";
    return s.str();
}

DumpedBox box(std::string id, double x, double y, double w, double h) {
    DumpedBox b;
    b.id = std::move(id);
    b.x = b.full_x = x;
    b.y = b.full_y = y;
    b.w = b.full_w = w;
    b.h = b.full_h = h;
    return b;
}

DumpedBox face(const DumpedBox& tile, double x, double y, double side) {
    DumpedBox f = box("icon", x, y, side, side);
    f.text = f.icon = true;
    f.parent = tile.id;
    return f;
}

} // namespace

TEST_CASE("the scale's faces stay inside their own tiles, clear of their words and of each "
          "other, in every language at every text size, landscape and portrait",
          "[kiosk][screens][layout][scale]") {
    const auto data = make_kiosk_data();
    const int largest = static_cast<int>(kiosk::kTextScales.size()) - 1;
    struct Window {
        int width, height;
    };
    const auto root = std::filesystem::path(ENGAGE_BIN_DIR).parent_path() / "screenshots" /
                      "kiosk-matrix" / "scale";
    for (const auto& language : sample_languages()) {
        for (const Window window : {Window{1280, 800}, Window{800, 1280}}) {
            const bool portrait = window.width < window.height;
            const auto shots = root / (language + (portrait ? "-portrait" : "-landscape"));
            std::error_code ec;
            std::filesystem::remove_all(shots, ec);
            std::filesystem::create_directories(shots);
            const std::vector<std::string> env{"ENGAGE_KIOSK_SIZE=" + std::to_string(window.width) +
                                               "x" + std::to_string(window.height)};
            const auto r = run_kiosk_script(*data, scale_script(language, largest), shots, {}, env);
            INFO(language << (portrait ? " portrait" : " landscape") << "\n" << r.out << r.err);
            REQUIRE(r.exit_code == 0);
            for (int step = 0; step <= largest; ++step) {
                const float min_target =
                    kiosk::metrics_for(static_cast<float>(window.width),
                                       static_cast<float>(window.height), 1.0f, step)
                        .min_target;
                const auto dump = read_layout(shots / ("size" + std::to_string(step) + ".json"));
                const auto faults = scale_faults(dump, min_target);
                std::string all;
                for (const auto& f : faults)
                    all += "  " + f + "\n";
                INFO("size " << step << "\n" << all);
                CHECK(faults.empty());
            }
        }
    }
}

TEST_CASE("the scale check finds a face out of its tile, over a neighbour or its words",
          "[kiosk][layout][scale]") {
    std::vector<DumpedBox> all;
    for (int i = 0; i < 5; ++i)
        all.push_back(box("answer.visit." + std::to_string(i + 1), 28 + i * 150, 300, 135, 300));
    for (int i = 0; i < 5; ++i)
        all.push_back(face(all[static_cast<std::size_t>(i)], 40 + i * 150, 320, 110));
    DumpedBox words = box("text", 40, 450, 100, 40);
    words.text = true;
    words.parent = "answer.visit.1";
    all.push_back(words);

    SECTION("five faces inside five tiles apart are fine") {
        CHECK(scale_faults(all, 92).empty());
    }
    SECTION("a face wider than its tile runs into its neighbour") {
        all[6] = face(all[1], 170, 320, 160); // the second face, 160 px in a 135 px tile
        const auto f = scale_faults(all, 92);
        REQUIRE_FALSE(f.empty());
        CHECK(f[0].find("leaves its tile") != std::string::npos);
        CHECK(std::any_of(f.begin(), f.end(), [](const std::string& s) {
            return s.find("runs into") != std::string::npos;
        }));
    }
    SECTION("a face pushed above its tile leaves it") {
        all[5] = face(all[0], 40, 260, 110);
        const auto f = scale_faults(all, 92);
        REQUIRE(f.size() == 1);
        CHECK(f[0].find("leaves its tile") != std::string::npos);
    }
    SECTION("a face over its own words is a fault") {
        all[5] = face(all[0], 40, 400, 110);
        const auto f = scale_faults(all, 92);
        REQUIRE(f.size() == 1);
        CHECK(f[0].find("under its own words") != std::string::npos);
    }
    SECTION("a tile without its face is a fault") {
        all.erase(all.begin() + 7);
        const auto f = scale_faults(all, 92);
        REQUIRE(f.size() == 1);
        CHECK(f[0].find("answer.visit.3 has 0 faces") != std::string::npos);
    }
    SECTION("overlapping tiles are a fault") {
        all[1].x = 100;
        CHECK_FALSE(scale_faults(all, 92).empty());
    }
}
