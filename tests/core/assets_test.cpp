#include "engage/assets.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>
#include <fstream>

namespace {

void touch(const std::filesystem::path& file) {
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file) << "{}";
}

} // namespace

TEST_CASE("assets are found beside the program, then in the build tree", "[assets]") {
    engage::test::TempDir dir("engage-assets");
    const auto installed = dir / "usr" / "share" / "engage";
    const auto build_tree = dir / "build" / "share" / "engage";
    engage::AssetSearch search;
    search.exe = dir / "usr" / "bin" / "engage-admin";
    search.build_tree = build_tree;
    touch(build_tree / "sample" / "settings.json");

    SECTION("the installed share/engage wins over the build tree") {
        touch(installed / "sample" / "settings.json");
        const auto found = engage::find_asset(search, "sample/settings.json");
        REQUIRE(found);
        CHECK(found.path == installed / "sample" / "settings.json");
    }
    SECTION("the build tree is used when nothing is installed beside the program") {
        const auto found = engage::find_asset(search, "sample/settings.json");
        REQUIRE(found);
        CHECK(found.path == build_tree / "sample" / "settings.json");
    }
    SECTION("ENGAGE_ASSETS_DIR is the only place searched when set") {
        touch(installed / "i18n" / "en.json");
        search.override_dir = dir / "override";
        std::filesystem::create_directories(search.override_dir);
        const auto missing = engage::find_asset(search, "i18n");
        CHECK_FALSE(missing);
        CHECK(missing.error.find("ENGAGE_ASSETS_DIR") != std::string::npos);
        touch(search.override_dir / "i18n" / "en.json");
        const auto found = engage::find_asset(search, "i18n");
        REQUIRE(found);
        CHECK(found.path == search.override_dir / "i18n");
    }
    SECTION("a missing asset's error names every path tried") {
        const auto found = engage::find_asset(search, "web/nothing.css");
        CHECK_FALSE(found);
        CHECK(found.path.empty());
        CHECK(found.error.find((installed / "web/nothing.css").string()) != std::string::npos);
        CHECK(found.error.find((build_tree / "web/nothing.css").string()) != std::string::npos);
    }
}

TEST_CASE("the process's own search starts beside its executable", "[assets]") {
    const auto search = engage::process_asset_search();
    REQUIRE_FALSE(search.exe.empty());
    const auto roots = engage::asset_roots(search);
    REQUIRE_FALSE(roots.empty());
    if (search.override_dir.empty()) {
        CHECK(roots.front() == search.exe.parent_path().parent_path() / "share" / "engage");
    }
}
