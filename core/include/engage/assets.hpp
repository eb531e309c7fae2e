#pragma once
// Where the programs' run-time data files come from (assets/ in the source
// tree, /usr/share/engage when installed). One lookup for every program, so
// the kiosk, the server and the tests agree on the order:
//
//   1. ENGAGE_ASSETS_DIR, when set: only there (an override that silently
//      fell back to another copy would hide a mistake);
//   2. <dir of the running program>/../share/engage: the installed layout
//      (/usr/bin/engage-admin → /usr/share/engage), wherever the tree was
//      unpacked, and the build tree (build/bin → build/share/engage, which
//      cmake/assets.cmake fills with links into the source tree);
//   3. the build tree's share/engage, a path baked in at configure time, for
//      programs run from elsewhere (a copied test binary).
//
// No UI, network or SQLite here: core links none (STYLE 1).

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace engage {

// The inputs of a search, so tests can give their own instead of the process's.
struct AssetSearch {
    std::filesystem::path override_dir; // ENGAGE_ASSETS_DIR; empty when unset
    std::filesystem::path exe;          // the running program (/proc/self/exe)
    std::filesystem::path build_tree;   // baked in at configure time; may be empty
};

// The running process's search: ENGAGE_ASSETS_DIR, /proc/self/exe and the
// path CMake baked in.
AssetSearch process_asset_search();

// The folders searched, in order (only override_dir when it is set).
std::vector<std::filesystem::path> asset_roots(const AssetSearch& search);

// A found asset: `path` is set on success; otherwise `error` names the asset
// and every path tried, in one line for stderr.
struct AssetLookup {
    std::filesystem::path path;
    std::string error;
    explicit operator bool() const { return !path.empty(); }
};

// Finds `relative` (a file or folder under the assets root, e.g. "i18n" or
// "sample/settings.json") under the first root that has it.
AssetLookup find_asset(const AssetSearch& search, std::string_view relative);
// The same with the running process's search.
AssetLookup find_asset(std::string_view relative);

} // namespace engage
