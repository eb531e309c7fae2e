// ETag matching and per-site bundles of the content cache.
#include "content/content_cache.hpp"
#include "sample/sample_content.hpp"
#include "support/temp_dir.hpp"

#include <boost/json.hpp>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

using namespace engage;

TEST_CASE("If-None-Match matches the ETag in any of its usual spellings",
          "[server-unit][content]") {
    store::ContentSnapshot snap;
    snap.version = "abc-3";
    const content::ContentGeneration g(std::move(snap));
    REQUIRE(g.etag() == "\"abc-3\"");
    const auto [header, expected] = GENERATE(table<std::string, bool>({
        {"\"abc-3\"", true},
        {"W/\"abc-3\"", true},
        {"\"old\", \"abc-3\"", true},
        {"*", true},
        {"\"abc-2\"", false},
        {"abc-3", false},
        {"", false},
    }));
    CAPTURE(header);
    CHECK(g.matches(header) == expected);
}

TEST_CASE("a form lookup finds exact versions and the latest for any_version",
          "[server-unit][content]") {
    store::ContentSnapshot snap;
    snap.version = "v-1";
    FormVersion one;
    one.slug = "poll";
    one.version = 1;
    one.status = FormStatus::closed;
    FormVersion two = one;
    two.version = 2;
    two.status = FormStatus::published;
    snap.forms = {one, two};
    const content::ContentGeneration g(std::move(snap));
    CHECK(g.find_form("poll", 1)->version == 1);
    CHECK(g.find_form("poll", any_version)->version == 2);
    CHECK(g.find_form("poll", 3) == nullptr);
    CHECK(g.find_form("other", any_version) == nullptr);
    // Built once per site: the same body object comes back.
    CHECK(g.bundle_for("a") == g.bundle_for("a"));
    CHECK(g.bundle_for("a")->find("\"site\":\"a\"") != std::string::npos);
}

TEST_CASE("the sample content is every file in assets/sample and parses", "[server-unit][sample]") {
    const std::filesystem::path dir =
        std::filesystem::path(ENGAGE_SOURCE_DIR) / "assets" / "sample";
    std::size_t on_disk = 0;
    std::size_t forms_on_disk = 0;
    for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
        if (e.is_regular_file() && e.path().extension() == ".json") {
            ++on_disk;
            forms_on_disk += e.path().parent_path().filename() == "forms" ? 1 : 0;
        }
    }
    store::ContentSet content;
    std::string error;
    // Found through the assets lookup: the build tree's share/engage/sample
    // links to the source tree's assets/sample.
    const auto found = sample::sample_dir(error);
    REQUIRE(std::filesystem::equivalent(found, dir));
    REQUIRE(sample::load_sample_content(content, error));
    CHECK(content.forms.size() == forms_on_disk);
    CHECK(on_disk == forms_on_disk + 4); // help, you-said-we-did, settings, sites
    CHECK(content.sites.size() == 2);
    CHECK_FALSE(content.help.empty());
    CHECK_FALSE(content.settings.languages.empty());
}

TEST_CASE("a site's bundle carries its name, hours and languages, never its address",
          "[server-unit][content][sites]") {
    store::ContentSnapshot snap;
    snap.version = "v-1";
    snap.settings.languages = {"en", "pl", "ar"};
    store::Site site;
    site.slug = "hub-north";
    site.name = "Hub North";
    site.address = "1 Secret Street";
    std::string error;
    REQUIRE(site.hours.set_day(0, {{9 * 60, 17 * 60}}, error));
    site.languages = {"en", "so"};
    store::Site plain;
    plain.slug = "outreach";
    plain.name = "Outreach van";
    snap.sites = {site, plain};
    const content::ContentGeneration g(std::move(snap));

    auto bundle_of = [&](std::string_view slug) {
        const auto body = g.bundle_for(slug);
        REQUIRE(body);
        boost::json::value jv = boost::json::parse(*body);
        ContentBundle b;
        REQUIRE(parse_content_bundle(jv, b, error));
        CHECK(body->find("Secret") == std::string::npos);
        return b;
    };
    SECTION("a site with languages: its list wins, with its hours") {
        const auto b = bundle_of("hub-north");
        REQUIRE(b.site_info);
        CHECK(b.site_info->name == "Hub North");
        CHECK(b.site_info->hours == site.hours);
        CHECK(b.settings.languages == std::vector<std::string>{"en", "so"});
    }
    SECTION("a site without languages keeps the global list") {
        const auto b = bundle_of("outreach");
        REQUIRE(b.site_info);
        CHECK(b.settings.languages == std::vector<std::string>{"en", "pl", "ar"});
    }
    SECTION("a site with no row gets no site_info: the kiosk behaves as before") {
        const auto b = bundle_of("elsewhere");
        CHECK_FALSE(b.site_info);
        CHECK(b.settings.languages == std::vector<std::string>{"en", "pl", "ar"});
    }
}

TEST_CASE("a broken sample folder is refused, naming the file", "[server-unit][sample]") {
    const std::filesystem::path source =
        std::filesystem::path(ENGAGE_SOURCE_DIR) / "assets" / "sample";
    engage::test::TempDir dir("engage-sample");
    std::filesystem::copy(source, dir.path(), std::filesystem::copy_options::recursive);
    store::ContentSet content;
    std::string error;
    REQUIRE(sample::load_sample_content(dir.path(), content, error));

    SECTION("a missing settings.json") {
        std::filesystem::remove(dir / "settings.json");
        CHECK_FALSE(sample::load_sample_content(dir.path(), content, error));
        CHECK(error.find("settings.json") != std::string::npos);
    }
    SECTION("a form that is not JSON") {
        std::ofstream(dir / "forms" / "broken.json") << "{not json";
        CHECK_FALSE(sample::load_sample_content(dir.path(), content, error));
        CHECK(error.find("broken.json") != std::string::npos);
    }
    SECTION("no forms at all") {
        std::filesystem::remove_all(dir / "forms");
        std::filesystem::create_directories(dir / "forms");
        CHECK_FALSE(sample::load_sample_content(dir.path(), content, error));
        CHECK(error.find("no sample forms") != std::string::npos);
    }
}
