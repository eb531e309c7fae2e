// The web app's word catalogues (issue 9: "English first, with the
// structure for more"): every catalogue's keys are English's keys, every
// key the templates and pages use is in en.json, a language's missing keys
// fall back to English one by one, and Accept-Language picks the catalogue.
// Reads the source tree (ENGAGE_SOURCE_DIR) and the embedded catalogues.

#include "web/render.hpp"

#include <boost/json.hpp>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

using namespace engage;
namespace fs = std::filesystem;

namespace {

// The words and templates (assets/web) and the pages that use them (admin-server/web).
const fs::path web_dir = fs::path(ENGAGE_SOURCE_DIR) / "assets" / "web";
const fs::path pages_dir = fs::path(ENGAGE_SOURCE_DIR) / "admin-server" / "web";

std::string read_text(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::set<std::string> keys_of(const fs::path& catalogue) {
    std::set<std::string> keys;
    // Named: a range-for over .as_object() of the temporary would dangle.
    const boost::json::value doc = boost::json::parse(read_text(catalogue));
    for (const auto& [k, v] : doc.as_object()) {
        keys.insert(std::string(k));
    }
    return keys;
}

} // namespace

TEST_CASE("every web catalogue holds only English's keys, and every key used is in en.json",
          "[web][catalogue]") {
    const auto english = keys_of(web_dir / "catalogue" / "en.json");
    REQUIRE(english.size() > 100);

    SECTION("each other catalogue's keys are a subset of en.json's") {
        for (const auto& entry : fs::directory_iterator(web_dir / "catalogue")) {
            if (entry.path().extension() != ".json") {
                continue;
            }
            for (const auto& key : keys_of(entry.path())) {
                INFO(entry.path().filename().string() << ": " << key);
                CHECK(english.contains(key));
            }
        }
    }
    SECTION("every {{t.key}} in a template is in en.json") {
        const std::regex used(R"(\{\{[#^/]?t\.([a-z0-9_]+)\}\})");
        std::size_t seen = 0;
        for (const auto& entry : fs::directory_iterator(web_dir / "templates")) {
            const std::string text = read_text(entry.path());
            for (auto it = std::sregex_iterator(text.begin(), text.end(), used);
                 it != std::sregex_iterator(); ++it) {
                ++seen;
                INFO(entry.path().filename().string() << ": " << (*it)[1]);
                CHECK(english.contains((*it)[1]));
            }
        }
        CHECK(seen > 100);
    }
    SECTION("every catalogue key written literally in a page is in en.json") {
        // Keys built at run time ("audit_action_" + action, "role_" + name:
        // literals ending in '_') are checked by the pages' own tests.
        // A word(...) argument, or a title_/error_/... literal (message and
        // page titles); template names and audit actions are not keys.
        const std::regex literal(
            R"re(word\("([a-z0-9_]*[a-z0-9])"\)|"((?:title|error|nav|label|hint|status|col)_[a-z0-9_]*[a-z0-9])")re");
        for (const auto& entry : fs::directory_iterator(pages_dir)) {
            if (entry.path().extension() != ".cpp") {
                continue;
            }
            const std::string text = read_text(entry.path());
            for (auto it = std::sregex_iterator(text.begin(), text.end(), literal);
                 it != std::sregex_iterator(); ++it) {
                const std::string key = (*it)[1].matched ? (*it)[1].str() : (*it)[2].str();
                INFO(entry.path().filename().string() << ": " << key);
                CHECK(english.contains(key));
            }
        }
    }
}

TEST_CASE("a catalogue's missing keys fall back to English one by one", "[web][catalogue]") {
    const std::string english = R"({"nav_home": "Home", "nav_forms": "Forms and polls"})";
    // A test catalogue: machine-made, one key only.
    const std::string test = R"({"nav_home": "Strona główna"})";
    const web::Renderer r("pl", english, test);
    CHECK(r.word("nav_home") == "Strona główna");
    CHECK(r.word("nav_forms") == "Forms and polls");
    CHECK(r.word("no_such_key") == "no_such_key"); // a gap shows
    CHECK(r.language() == "pl");
    const web::Renderer en("en", english, "");
    CHECK(en.word("nav_home") == "Home");
}

TEST_CASE("Accept-Language picks an embedded catalogue, else English", "[web][catalogue]") {
    CHECK(web::Renderer::has_catalogue("en"));
    CHECK_FALSE(web::Renderer::has_catalogue("../en"));
    CHECK_FALSE(web::Renderer::has_catalogue("xx"));
    CHECK(web::Renderer::choose_language("") == "en");
    CHECK(web::Renderer::choose_language("xx-YY, zz;q=0.9") == "en");
    // English-only today, so an English tag anywhere wins over unknown ones,
    // and a region falls back to its language.
    CHECK(web::Renderer::choose_language("xx;q=0.9, en-GB;q=0.5") == "en");
    CHECK(web::Renderer::choose_language("EN-gb") == "en");
    CHECK(web::Renderer::choose_language("en;q=abc, *") == "en");
}
