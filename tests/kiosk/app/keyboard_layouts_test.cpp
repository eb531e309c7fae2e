// The on-screen keyboards as data (issue 11): every visit language has one,
// every letter the sample content writes in a language can be typed on that
// language's keyboard, the Ethiopic picker gives the right syllables, and
// Delete removes one grapheme cluster.
#include "engage/text.hpp"
#include "kiosk/text/digits.hpp"
#include "kiosk/text/text_pipeline.hpp"
#include "kiosk/widgets/keyboard_layouts.hpp"

#include <boost/json.hpp>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

namespace kiosk = engage::kiosk;
namespace fs = std::filesystem;

namespace {

const fs::path kSample = fs::path(ENGAGE_SOURCE_DIR) / "assets/sample";

boost::json::value read_json(const fs::path& file) {
    std::ifstream in(file);
    std::stringstream s;
    s << in.rdbuf();
    return boost::json::parse(s.str());
}

std::vector<std::string> sample_languages() {
    std::vector<std::string> out;
    const boost::json::value settings = read_json(kSample / "settings.json");
    for (const auto& l : settings.at("languages").as_array())
        out.emplace_back(l.as_string());
    return out;
}

// Every string the sample content gives in `language` (a localised text is
// an object with language codes as keys): forms, help, "you said, we did".
void collect(const boost::json::value& v, const std::string& language, std::string& out) {
    if (const auto* o = v.if_object()) {
        for (const auto& [key, value] : *o) {
            if (key == language && value.is_string()) {
                out += std::string(value.get_string());
                out += '\n';
            } else {
                collect(value, language, out);
            }
        }
    } else if (const auto* a = v.if_array()) {
        for (const auto& e : *a)
            collect(e, language, out);
    }
}

std::string sample_text(const std::string& language) {
    std::string out;
    for (const auto& e : fs::directory_iterator(kSample / "forms"))
        collect(read_json(e.path()), language, out);
    collect(read_json(kSample / "help.json"), language, out);
    collect(read_json(kSample / "you-said-we-did.json"), language, out);
    return out;
}

std::u32string nfc(std::string_view utf8) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(status);
    REQUIRE(U_SUCCESS(status));
    const icu::UnicodeString out =
        n->normalize(icu::UnicodeString::fromUTF8(std::string(utf8)), status);
    REQUIRE(U_SUCCESS(status));
    std::string bytes;
    out.toUTF8String(bytes);
    return *engage::text::decode_utf8(bytes);
}

// Every code point a person can type on `layout`: each key's insert (and its
// upper case on pages with Shift), each Ethiopic consonant's forms.
std::set<char32_t> typeable(const kiosk::KeyboardLayout& layout) {
    std::set<char32_t> out;
    auto add = [&out](std::string_view s) {
        for (const char32_t cp : nfc(s))
            out.insert(cp);
    };
    for (const auto& page : layout.pages)
        for (const auto& r : page.rows)
            for (const auto& k : r) {
                if (page.kind == kiosk::PageKind::ethiopic) {
                    for (const auto& s : kiosk::ethiopic_orders(k.insert))
                        add(s);
                    continue;
                }
                add(k.insert);
                if (page.has_case)
                    add(kiosk::upper_case(k.insert));
            }
    return out;
}

bool is_letter_or_mark(char32_t cp) {
    const auto c = static_cast<UChar32>(cp);
    return u_isalpha(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0;
}

std::string keys_of(const kiosk::KeyboardPage& page) {
    std::string out;
    for (const auto& r : page.rows)
        for (const auto& k : r)
            out += k.insert + " ";
    return out;
}

} // namespace

TEST_CASE("every language of the sample content has its own keyboard that fits the screen",
          "[kiosk][keyboard]") {
    for (const auto& language : sample_languages()) {
        INFO(language);
        const auto& layout = kiosk::keyboard_layout(language);
        CHECK(layout.language == language);
        REQUIRE(!layout.pages.empty());
        // Three rows of keys (the Ethiopic picker's row of orders counted),
        // so the keyboard and its bottom row never make the screen scroll.
        CHECK(layout.max_rows() <= kiosk::kMaxRows - 1);
        // Script keyboards offer Latin (names, places) and every one the digits.
        CHECK(layout.page("digits") != nullptr);
        CHECK((layout.page("latin") != nullptr || layout.pages.front().has_case));
        for (const auto& page : layout.pages) {
            INFO(page.name);
            CHECK(!page.label.empty());
            std::set<std::string> ids;
            for (const auto& r : page.rows) {
                float units = 0;
                for (const auto& k : r) {
                    units += k.width;
                    CHECK(!k.insert.empty());
                    CHECK(!k.label.empty());
                    CHECK(ids.insert(k.insert).second); // ids key.<insert> are unique
                }
                CHECK(units <= static_cast<float>(kiosk::kMaxKeysPerRow));
            }
        }
    }
    SECTION("an unknown language gets the Latin keyboard") {
        CHECK(kiosk::keyboard_layout("xx").language == "latin");
    }
}

TEST_CASE("every letter the sample content writes in a language can be typed on its keyboard",
          "[kiosk][keyboard]") {
    for (const auto& language : sample_languages()) {
        const std::string text = sample_text(language);
        INFO(language << ": " << text.size() << " bytes of sample text");
        REQUIRE(!text.empty());
        const auto keys = typeable(kiosk::keyboard_layout(language));
        std::set<char32_t> missing;
        for (const char32_t cp : nfc(text))
            if (is_letter_or_mark(cp) && keys.count(cp) == 0)
                missing.insert(cp);
        std::string shown;
        for (const char32_t cp : missing)
            shown += engage::text::encode_utf8(std::u32string(1, cp)) + " ";
        INFO("not on the keyboard: " << shown);
        CHECK(missing.empty());
    }
}

TEST_CASE("each Latin language has the accents it needs and Romanian the comma below",
          "[kiosk][keyboard]") {
    auto accents = [](std::string_view language) {
        const auto* p = kiosk::keyboard_layout(language).page("accents");
        return p ? keys_of(*p) : std::string();
    };
    CHECK(accents("pl") == "ą ć ę ł ń ó ś ź ż ");
    CHECK(accents("pt") == "á à â ã ç é ê í ó ô õ ú ");
    CHECK(accents("kmr") == "ç ê î ş û ");
    CHECK(accents("so").empty());
    CHECK(accents("en").empty());
    SECTION("Romanian: ș ț with a comma below, never the cedilla ş ţ") {
        const std::string ro = accents("ro");
        CHECK(ro.find("\u0219") != std::string::npos);
        CHECK(ro.find("\u021B") != std::string::npos);
        CHECK(ro.find("\u015F") == std::string::npos);
        CHECK(ro.find("\u0163") == std::string::npos);
        const auto keys = typeable(kiosk::keyboard_layout("ro"));
        CHECK(keys.count(U'\u0218') == 1); // Shift gives Ș
    }
    SECTION("Somali's apostrophe (a letter there) is on the letters page") {
        CHECK(keys_of(kiosk::keyboard_layout("so").pages.front()).find('\'') != std::string::npos);
    }
}

TEST_CASE("the digits page shows the locale's own digits", "[kiosk][keyboard]") {
    for (const auto& language : sample_languages()) {
        INFO(language);
        const auto* digits = kiosk::keyboard_layout(language).page("digits");
        REQUIRE(digits != nullptr);
        const std::string keys = keys_of(*digits);
        // Whatever digits.* writes numbers with is typeable, and 0–9 always.
        const std::string native = kiosk::localise_digits("0123456789", language);
        for (const auto& cp : engage::text::split_utf8(native))
            CHECK(keys.find(cp) != std::string::npos);
        CHECK(keys.find("1 2 3 4 5 6 7 8 9 0") != std::string::npos);
    }
    CHECK(keys_of(*kiosk::keyboard_layout("fa").page("digits")).find("۴") != std::string::npos);
    CHECK(keys_of(*kiosk::keyboard_layout("ur").page("digits")).find("۴") != std::string::npos);
    CHECK(keys_of(*kiosk::keyboard_layout("ar").page("digits")).find("٤") != std::string::npos);
    CHECK(keys_of(*kiosk::keyboard_layout("bn").page("digits")).find("৪") != std::string::npos);
}

TEST_CASE("the script keyboards have their own letters", "[kiosk][keyboard]") {
    auto letters = [](std::string_view language) {
        std::string all;
        for (const auto& p : kiosk::keyboard_layout(language).pages)
            all += keys_of(p);
        return all;
    };
    for (const char* c : {"پ", "چ", "ژ", "گ", "ک", "ی"})
        CHECK(letters("fa").find(c) != std::string::npos);
    for (const char* c : {"ٹ", "ڈ", "ڑ", "ں", "ھ", "ے", "ہ"})
        CHECK(letters("ur").find(c) != std::string::npos);
    for (const char* c : {"ڕ", "ڵ", "ۆ", "ێ", "ە"})
        CHECK(letters("ckb").find(c) != std::string::npos);
    for (const char* c : {"ቐ", "ኸ", "ዸ"})
        CHECK(letters("ti").find(c) != std::string::npos);
    SECTION("Bengali and Gurmukhi have the virama and the nukta") {
        CHECK(letters("bn").find("\u09CD") != std::string::npos);
        CHECK(letters("bn").find("\u09BC") != std::string::npos);
        CHECK(letters("pa").find("\u0A4D") != std::string::npos);
        CHECK(letters("pa").find("\u0A3C") != std::string::npos);
    }
    SECTION("Arabic-script letter pages run right to left, Latin and digits left to right") {
        const auto& ar = kiosk::keyboard_layout("ar");
        CHECK(ar.rtl);
        CHECK(ar.pages.front().rtl);
        CHECK_FALSE(ar.page("latin")->rtl);
        CHECK_FALSE(ar.page("digits")->rtl);
        CHECK_FALSE(kiosk::keyboard_layout("bn").pages.front().rtl);
    }
}

TEST_CASE("a lone vowel sign is labelled on a dotted circle but inserts only the sign",
          "[kiosk][keyboard]") {
    CHECK(kiosk::key_label("\u09BF") == "\u25CC\u09BF"); // ি
    CHECK(kiosk::key_label("\u0651") == "\u25CC\u0651"); // shadda
    CHECK(kiosk::key_label("ক") == "ক");
    const auto* vowels = kiosk::keyboard_layout("bn").page("vowels");
    REQUIRE(vowels != nullptr);
    bool found = false;
    for (const auto& r : vowels->rows)
        for (const auto& k : r)
            if (k.insert == "\u09BF") {
                found = true;
                CHECK(k.label == "\u25CC\u09BF");
            }
    CHECK(found);
}

TEST_CASE("the Ethiopic picker gives the syllable of a consonant and a vowel order",
          "[kiosk][keyboard]") {
    CHECK(kiosk::ethiopic_syllable("ሰ", 0) == "ሰ");
    CHECK(kiosk::ethiopic_syllable("ሰ", 1) == "ሱ");
    CHECK(kiosk::ethiopic_syllable("ለ", 3) == "ላ");
    CHECK(kiosk::ethiopic_syllable("መ", 5) == "ም");
    CHECK(kiosk::ethiopic_syllable("ቐ", 6) == "ቖ");
    CHECK(kiosk::ethiopic_syllable("ለ", 7) == "ሏ");
    CHECK(kiosk::ethiopic_syllable("a", 1).empty());
    SECTION("a consonant's row: seven orders, then its wa forms") {
        CHECK(kiosk::ethiopic_orders("ሰ") ==
              std::vector<std::string>{"ሰ", "ሱ", "ሲ", "ሳ", "ሴ", "ስ", "ሶ", "ሷ"});
        CHECK(kiosk::ethiopic_orders("ቀ") ==
              std::vector<std::string>{"ቀ", "ቁ", "ቂ", "ቃ", "ቄ", "ቅ", "ቆ", "ቈ", "ቊ", "ቋ", "ቌ", "ቍ"});
        CHECK(kiosk::ethiopic_orders("ቈ") == std::vector<std::string>{"ቈ", "ቊ", "ቋ", "ቌ", "ቍ"});
        CHECK(kiosk::ethiopic_orders("ሱ") == kiosk::ethiopic_orders("ሰ"));
        CHECK(kiosk::ethiopic_orders("x").empty());
    }
    SECTION("every consonant's row fits one row of keys") {
        for (const char* language : {"am", "ti"})
            for (const auto& page : kiosk::keyboard_layout(language).pages)
                for (const auto& r : page.rows)
                    for (const auto& k : r) {
                        if (page.kind != kiosk::PageKind::ethiopic)
                            continue;
                        INFO(language << " " << k.insert);
                        const auto orders = kiosk::ethiopic_orders(k.insert);
                        CHECK(orders.size() >= 7);
                        CHECK(orders.size() <= kiosk::kMaxKeysPerRow);
                    }
    }
}

TEST_CASE("Delete removes one grapheme cluster", "[kiosk][keyboard]") {
    auto deleted = [](std::string s) {
        kiosk::pop_back_grapheme(s);
        return s;
    };
    CHECK(deleted("abc") == "ab");
    CHECK(deleted("").empty());
    CHECK(deleted("e\u0301") == "");       // e + combining acute
    CHECK(deleted("ሰላም") == "ሰላ");         // one Ethiopic syllable
    CHECK(deleted("আকি") == "আ");          // consonant + vowel sign
    CHECK(deleted("আক্ষ") == "আ");          // a Bengali conjunct (ক্ষ), GB9c
    CHECK(deleted("ক্ষমা") == "ক্ষ");        // ...and only the last cluster
    CHECK(deleted("ਪ੍ਰ") == "");            // Gurmukhi subjoined ra
    CHECK(deleted("سلام\u0651") == "سلا"); // a letter and its shadda go together
    CHECK(deleted("ab\u200C") == "a");     // a half-space goes with its letter
    CHECK(deleted("Ș") == "");             // two bytes, one letter
}

TEST_CASE("every key label of every keyboard is drawn with glyphs its fonts have (no empty boxes)",
          "[kiosk][keyboard][text]") {
    // The real pipeline and Noto fonts the kiosk draws with: a label that
    // shapes to glyph 0 (.notdef) shows as an empty box on the key, as the
    // Arabic marks did when they were set in Noto Sans.
    kiosk::TextPipeline text("/usr/share/fonts/truetype/noto");
    std::vector<std::string> languages = kiosk::keyboard_languages();
    for (const auto& language : languages) {
        const auto& layout = kiosk::keyboard_layout(language);
        for (const auto& page : layout.pages) {
            std::vector<std::string> labels{page.label};
            for (const auto& r : page.rows)
                for (const auto& k : r) {
                    labels.push_back(k.label);
                    if (page.kind == kiosk::PageKind::ethiopic)
                        for (const auto& s : kiosk::ethiopic_orders(k.insert))
                            labels.push_back(s);
                }
            for (const auto& label : labels) {
                const auto& shaped = text.shape(label, page.rtl, language);
                int missing = 0;
                for (const auto& g : shaped.glyphs)
                    missing += g.glyph == 0;
                INFO(language << " " << page.name << " " << label);
                CHECK(missing == 0);
            }
        }
    }
}
