// The text pipeline against HarfBuzz's own tools: for each script the kiosk's
// glyph ids and positions must be what `hb-shape` gives for the same font,
// language and text, and its rendering is saved beside `hb-view`'s under
// build/screenshots/shaping/ for a person to compare.

#include "engage/text.hpp"
#include "kiosk/text/digits.hpp"
#include "kiosk/text/line_breaks.hpp"
#include "kiosk/text/text_pipeline.hpp"
#include "text_image.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <hb.h>
#include <memory>
#include <regex>
#include <sstream>
#include <sys/wait.h>

using namespace engage::kiosk;

namespace {

const std::filesystem::path kFontDir = "/usr/share/fonts/truetype/noto";

std::filesystem::path shots_dir() {
    std::filesystem::path dir = ENGAGE_SHAPING_SHOTS;
    std::filesystem::create_directories(dir);
    return dir;
}

struct PipeCloser {
    void operator()(FILE* f) const { pclose(f); }
};

// Runs a shell command (arguments are our own paths and names, no quoting
// needed) and returns its standard output.
std::string run(const std::string& command) {
    std::unique_ptr<FILE, PipeCloser> pipe(popen(command.c_str(), "r"));
    std::string out;
    if (!pipe)
        return out;
    char buf[4096];
    while (auto n = std::fread(buf, 1, sizeof buf, pipe.get()))
        out.append(buf, n);
    return out;
}

struct ToolGlyph {
    std::uint32_t glyph = 0;
    std::int32_t x_advance = 0, x_offset = 0, y_offset = 0;
    bool operator==(const ToolGlyph&) const = default;
};

std::ostream& operator<<(std::ostream& os, const ToolGlyph& g) {
    return os << g.glyph << "@" << g.x_offset << "," << g.y_offset << "+" << g.x_advance;
}

// hb-shape's text output, "[gid@dx,dy+adv|...]" with --no-glyph-names
// --no-clusters (the offsets only when not zero). `direction` "" lets
// hb-shape guess it from the script, as for a run of letters.
std::vector<ToolGlyph> hb_shape(const std::filesystem::path& font, const std::string& text,
                                const std::string& language, const std::string& direction = "") {
    const auto file = shots_dir() / "input.txt";
    std::ofstream(file) << text;
    const std::string dir = direction.empty() ? "" : " --direction=" + direction;
    const auto out = run("hb-shape --no-glyph-names --no-clusters --language=" + language + dir +
                         " " + font.string() + " --text-file=" + file.string());
    std::vector<ToolGlyph> glyphs;
    static const std::regex item(R"((\d+)(?:@(-?\d+),(-?\d+))?\+(-?\d+))");
    for (std::sregex_iterator it(out.begin(), out.end(), item), end; it != end; ++it) {
        ToolGlyph g;
        g.glyph = static_cast<std::uint32_t>(std::stoul((*it)[1]));
        if ((*it)[2].matched) {
            g.x_offset = std::stoi((*it)[2]);
            g.y_offset = std::stoi((*it)[3]);
        }
        g.x_advance = std::stoi((*it)[4]);
        glyphs.push_back(g);
    }
    return glyphs;
}

std::vector<ToolGlyph> ours(const ShapedLine& line) {
    std::vector<ToolGlyph> out;
    for (const auto& g : line.glyphs)
        out.push_back({g.glyph, g.x_advance, g.x_offset, g.y_offset});
    return out;
}

struct Sample {
    std::string name;
    std::string language;
    bool rtl;
    FaceId face;
    std::string text;
    // Digits run left to right inside right-to-left text (bidi level 2), so
    // hb-shape is told the direction; letters leave it to hb-shape.
    std::string direction{};
};

const std::vector<Sample>& samples() {
    static const std::vector<Sample> all = {
        {"latin", "pl", false, FaceId::latin, "Zażółć gęślą jaźń — Ședință, ffi"},
        {"arabic-shadda", "ar", true, FaceId::naskh, "اللّه لّا"},
        {"arabic", "ar", true, FaceId::naskh, "كيف كانت زيارتك اليوم؟"},
        {"persian", "fa", true, FaceId::naskh, "نظر شما درباره این خدمات چیست"},
        {"urdu-nastaliq", "ur", true, FaceId::nastaliq, "آج آپ کا دورہ کیسا رہا"},
        {"sorani", "ckb", true, FaceId::naskh, "بەڵێ سەردانەکەت چۆن بوو"},
        {"gurmukhi", "pa", false, FaceId::gurmukhi, "ਤੁਹਾਡਾ ਦੌਰਾ ਕਿਵੇਂ ਰਿਹਾ"},
        {"bengali", "bn", false, FaceId::bengali, "আজ আপনার পরিদর্শন কেমন ছিল"},
        {"tigrinya", "ti", false, FaceId::ethiopic, "ሎሚ ዑደትኩም ከመይ ነይሩ"},
        {"amharic", "am", false, FaceId::ethiopic, "ዛሬ ጉብኝትዎ እንዴት ነበር"},
        // Numbers as the screens show them (text/digits.hpp): Urdu's ۴ ۶ ۷
        // take their Urdu forms from Nastaliq's language-specific glyphs.
        {"urdu-digits", "ur", true, FaceId::nastaliq, "۰۱۲۳۴۵۶۷۸۹", "ltr"},
        {"persian-digits", "fa", true, FaceId::naskh, "۰۱۲۳۴۵۶۷۸۹", "ltr"},
        {"arabic-digits", "ar", true, FaceId::naskh, "٠١٢٣٤٥٦٧٨٩", "ltr"},
        {"bengali-digits", "bn", false, FaceId::bengali, "০১২৩৪৫৬৭৮৯"},
    };
    return all;
}

bool has_tool(const char* name) {
    return run(std::string("command -v ") + name).find(name) != std::string::npos;
}

} // namespace

TEST_CASE("each script shapes to the glyphs and positions hb-shape gives for its font",
          "[media][shaping]") {
    REQUIRE(has_tool("hb-shape")); // libharfbuzz-bin, from scripts/setup.sh
    TextPipeline text(kFontDir);
    INFO(text.faces().error());
    const auto sample = GENERATE(from_range(samples()));
    CAPTURE(sample.name, sample.text);
    REQUIRE(text.faces().has(sample.face));
    const auto& line = text.shape(sample.text, sample.rtl, sample.language);
    REQUIRE_FALSE(line.glyphs.empty());
    for (const auto& g : line.glyphs) {
        CHECK(g.face == sample.face); // one run: the script's own face
        CHECK(g.glyph != 0);          // no .notdef box
    }
    const auto font = kFontDir / face_file(sample.face).file;
    const auto expected = hb_shape(font, sample.text, sample.language, sample.direction);
    CHECK(ours(line) == expected);

    SECTION("the kiosk's rendering is saved beside hb-view's") {
        constexpr float kEm = 64.0f;
        const auto mine = shots_dir() / (sample.name + "-kiosk.png");
        CHECK(testing::write_png(mine, testing::draw_at_em(text, line, kEm)));
        if (has_tool("hb-view")) {
            const auto file = shots_dir() / "input.txt";
            std::ofstream(file) << sample.text;
            const auto theirs = shots_dir() / (sample.name + "-hb-view.png");
            const std::string dir =
                sample.direction.empty() ? "" : " --direction=" + sample.direction;
            run("hb-view --font-size=64 --margin=32 --language=" + sample.language + dir +
                " --output-format=png --output-file=" + theirs.string() + " " + font.string() +
                " --text-file=" + file.string());
            CHECK(std::filesystem::exists(theirs));
        }
    }
}

TEST_CASE("a harakat alone on its dotted circle is set in the Arabic face, not as empty boxes",
          "[media][shaping][keyboard]") {
    TextPipeline text(kFontDir);
    REQUIRE(text.faces().has(FaceId::naskh));
    // The keyboard's marks page labels its keys so (key_label): the circle
    // and the mark have no script of their own; Noto Sans has no harakat.
    for (const char* mark : {"\u064E", "\u0651", "\u0652", "\u0670"}) {
        const std::string label = std::string("\u25CC") + mark;
        CAPTURE(label);
        const auto& line = text.shape(label, true, "ar");
        REQUIRE(line.glyphs.size() == 2);
        for (const auto& g : line.glyphs) {
            CHECK(g.face == FaceId::naskh);
            CHECK(g.glyph != 0); // not .notdef, the empty box
        }
    }
    SECTION("a Bengali sign on its circle keeps its own face") {
        const auto& line = text.shape("\u25CC\u09BF", false, "bn");
        REQUIRE_FALSE(line.glyphs.empty());
        for (const auto& g : line.glyphs)
            CHECK(g.glyph != 0);
    }
}

TEST_CASE("a shadda stays over its tall letter", "[media][shaping]") {
    TextPipeline text(kFontDir);
    REQUIRE(text.faces().has(FaceId::naskh));
    // lam + shadda + alef, and Allah: the shadda sits on a lam, the tallest letter.
    const std::string word = "لّا";
    const auto& line = text.shape(word, true, "ar");
    hb_font_t* font = text.faces().hb(FaceId::naskh);
    hb_codepoint_t shadda_glyph = 0;
    REQUIRE(hb_font_get_nominal_glyph(font, 0x0651, &shadda_glyph));
    const ShapedGlyph* mark = nullptr;
    const ShapedGlyph* base = nullptr;
    for (const auto& g : line.glyphs) {
        if (g.x_advance == 0 && g.cluster == 0)
            mark = &g;
        else if (g.cluster == 0)
            base = &g;
    }
    REQUIRE(mark != nullptr);
    REQUIRE(base != nullptr);
    hb_glyph_extents_t mark_ink{}, base_ink{};
    REQUIRE(hb_font_get_glyph_extents(font, mark->glyph, &mark_ink));
    REQUIRE(hb_font_get_glyph_extents(font, base->glyph, &base_ink));
    // In Latin ems, from the line's left edge.
    const float k = mark->em_scale;
    const float mark_centre =
        mark->x +
        (static_cast<float>(mark_ink.x_bearing) + static_cast<float>(mark_ink.width) * 0.5f) * k;
    const float base_left = base->x + static_cast<float>(base_ink.x_bearing) * k;
    const float base_right = base_left + static_cast<float>(base_ink.width) * k;
    const float mark_bottom =
        mark->y + static_cast<float>(mark_ink.y_bearing + mark_ink.height) * k;
    const float base_top = base->y + static_cast<float>(base_ink.y_bearing) * k;
    CAPTURE(mark_centre, base_left, base_right, mark_bottom, base_top);
    CHECK(mark_centre >= base_left);
    CHECK(mark_centre <= base_right);
    // Above the letter's body, near its top: not dropped to the baseline nor
    // left at the default mark height beside it.
    CHECK(mark_bottom > base_top * 0.5f);
}

TEST_CASE("every script's letters look as big as Latin's at one text size",
          "[media][shaping][size]") {
    TextPipeline text(kFontDir);
    constexpr float kFontPx = 60.0f; // an ImGui size, as the widgets pass it
    const float em = text.em_px(kFontPx);
    // Rendered ink height above the baseline (FreeType's bitmaps, not the
    // metrics the size factors came from), median over the body letters.
    auto rendered_body = [&](FaceId face, float factor) {
        std::vector<int> tops;
        // Each letter alone (joined, Nastaliq would stack them on a slope).
        const std::u32string letters =
            engage::text::decode_utf8(face_file(face).body_letters).value_or(U"");
        for (char32_t cp : letters) {
            std::string letter;
            engage::text::append_utf8(letter, cp);
            // Urdu picks the Nastaliq face for Arabic letters.
            const char* language = face == FaceId::nastaliq ? "ur" : "und";
            for (const auto& g : text.shape(letter, false, language).glyphs)
                tops.push_back(text.glyphs().get(g.face, g.glyph, em * factor).top);
        }
        std::sort(tops.begin(), tops.end());
        return tops.empty() ? 0.0f : static_cast<float>(tops[tops.size() / 2]);
    };
    const float x_height = rendered_body(FaceId::latin, 1.0f);
    REQUIRE(x_height > 20.0f);
    // Latin capitals' ink top: Ethiopic's syllables, one height with nothing
    // above or below them, are matched to it (font_faces.cpp says why).
    std::vector<int> caps;
    for (const char* c = kLatinCapitals; *c != '\0'; ++c)
        for (const auto& g : text.shape(std::string(1, *c), false, "en").glyphs)
            caps.push_back(text.glyphs().get(g.face, g.glyph, em).top);
    std::sort(caps.begin(), caps.end());
    REQUIRE_FALSE(caps.empty());
    const float cap_height = static_cast<float>(caps[caps.size() / 2]);
    for (auto face :
         {FaceId::naskh, FaceId::nastaliq, FaceId::gurmukhi, FaceId::bengali, FaceId::ethiopic}) {
        CAPTURE(face_file(face).file);
        REQUIRE(text.faces().has(face));
        const float factor = text.faces().metrics(face).size_factor;
        const float body = rendered_body(face, factor);
        const float target = matched_to_cap_height(face) ? cap_height : x_height;
        CAPTURE(x_height, cap_height, body, factor);
        CHECK(body >= target * 0.9f);
        CHECK(body <= target * 1.1f);
    }
    SECTION("Ethiopic at the Latin x-height would read a size smaller than Latin") {
        // (What the kiosk did: Amharic questions looked small at size 0.)
        CHECK(matched_to_cap_height(FaceId::ethiopic));
        CHECK(x_height < cap_height * 0.8f);
    }
    SECTION("without the size factor Arabic would look a quarter smaller") {
        const float body = rendered_body(FaceId::naskh, 1.0f);
        CAPTURE(x_height, body);
        CHECK(body < x_height * 0.85f);
    }
}

TEST_CASE("long questions wrap at legal break points within the width", "[media][shaping]") {
    TextPipeline text(kFontDir);
    constexpr float kFontPx = 32.0f;
    constexpr float kWidth = 420.0f;
    auto [language, rtl, question] = GENERATE(table<std::string, bool, std::string>({
        {"en", false,
         "How easy was it to find the information you needed about the day centre, its "
         "opening hours and the activities on offer this week?"},
        {"ar", true,
         "ما مدى سهولة العثور على المعلومات التي احتجتها عن المركز النهاري ومواعيد عمله "
         "والأنشطة المتاحة هذا الأسبوع؟"},
        {"ur", true,
         "آپ کو ڈے سینٹر، اس کے اوقات اور اس ہفتے کی سرگرمیوں کے بارے میں معلومات "
         "تلاش کرنا کتنا آسان لگا؟"},
    }));
    CAPTURE(language, question);
    const auto& lines = text.wrap(question, kFontPx, kWidth, rtl, language);
    REQUIRE(lines.size() >= 2);
    const auto breaks = line_break_offsets(question, language);
    std::size_t offset = 0;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        CAPTURE(i, lines[i]);
        CHECK(text.width(lines[i], kFontPx, rtl, language) <= kWidth);
        // Each line is the next piece of the question (logical order: the
        // sentence's start is on the first line) and ends at a break point.
        REQUIRE(question.compare(offset, lines[i].size(), lines[i]) == 0);
        offset += lines[i].size();
        while (offset < question.size() && question[offset] == ' ')
            ++offset;
        CHECK(std::find(breaks.begin(), breaks.end(), offset) != breaks.end());
    }
    CHECK(offset == question.size());
    const auto image =
        testing::draw_lines(text, lines, kFontPx, static_cast<int>(kWidth) + 16, rtl, language);
    CHECK(testing::write_png(shots_dir() / ("wrap-" + language + ".png"), image));

    SECTION("a word wider than the line gets a line of its own") {
        const auto& long_word = text.wrap("see Donaudampfschifffahrtsgesellschaftskapitän now",
                                          kFontPx, 200.0f, false, "en");
        CHECK(long_word ==
              std::vector<std::string>{"see", "Donaudampfschifffahrtsgesellschaftskapitän", "now"});
    }
}

TEST_CASE("numbers use the digits each language writes", "[media][shaping][digits]") {
    // All fourteen kiosk languages; the reasons are in digits.hpp.
    auto [language, system, expected] = GENERATE(table<std::string, std::string, std::string>({
        {"en", "latn", "3 of 5, 10"},
        {"pl", "latn", "3 of 5, 10"},
        {"ro", "latn", "3 of 5, 10"},
        {"pt", "latn", "3 of 5, 10"},
        {"so", "latn", "3 of 5, 10"},
        {"kmr", "latn", "3 of 5, 10"},
        {"ar", "arab", "٣ of ٥, ١٠"},
        {"fa", "arabext", "۳ of ۵, ۱۰"},
        {"ur", "arabext", "۳ of ۵, ۱۰"}, // CLDR's native system for Urdu, not its default
        {"ckb", "arab", "٣ of ٥, ١٠"},
        {"pa", "latn", "3 of 5, 10"},
        {"bn", "beng", "৩ of ৫, ১০"},
        {"ti", "latn", "3 of 5, 10"},
        {"am", "latn", "3 of 5, 10"},
    }));
    CAPTURE(language);
    CHECK(numbering_system(language) == system);
    CHECK(localise_digits("3 of 5, 10", language) == expected);
    CHECK(localised_number(10, language) == localise_digits("10", language));
    SECTION("and speech gets them back as ASCII digits, the rest unchanged") {
        CHECK(ascii_digits(expected) == "3 of 5, 10");
        CHECK(ascii_digits("١٢ ۳۴ ৫৬ ੭੮ 9 — ok") == "12 34 56 78 9 — ok");
        CHECK(ascii_digits("\xFF"
                           "1") == "\xFF"
                                   "1"); // not UTF-8: left alone
    }
}

TEST_CASE("shaped lines are cached, and the cache is wiped at the end of a visit",
          "[media][shaping][privacy]") {
    TextPipeline text(kFontDir);
    const std::string typed = "رقم هاتفي ٠٧٧٠٠";
    const auto& first = text.shape(typed, true, "ar");
    const auto glyphs = first.glyphs.size();
    CHECK(text.counters().shaped == 1);
    const auto& again = text.shape(typed, true, "ar");
    CHECK(&again == &first);
    CHECK(text.counters().reused == 1);
    CHECK(again.glyphs.size() == glyphs);
    const auto& wrapped = text.wrap(typed, 32.0f, 1000.0f, true, "ar");
    CHECK(&text.wrap(typed, 32.0f, 1000.0f, true, "ar") == &wrapped);

    forget_display_text(); // as the app does when a visit ends
    text.shape(typed, true, "ar");
    CHECK(text.counters().shaped == 2); // shaped again: the old entry was gone
}
