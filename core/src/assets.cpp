#include "engage/assets.hpp"

#include <cstdlib>
#include <system_error>

#ifndef ENGAGE_BUILD_ASSETS_DIR
#error "core/CMakeLists.txt defines ENGAGE_BUILD_ASSETS_DIR (the build tree's share/engage)"
#endif

namespace engage {

AssetSearch process_asset_search() {
    AssetSearch search;
    if (const char* env = std::getenv("ENGAGE_ASSETS_DIR"); env != nullptr && *env != '\0') {
        search.override_dir = env;
    }
    // Not argv[0]: it may be a bare name found through PATH, or a symlink.
    std::error_code ec;
    search.exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    search.build_tree = ENGAGE_BUILD_ASSETS_DIR;
    return search;
}

std::vector<std::filesystem::path> asset_roots(const AssetSearch& search) {
    if (!search.override_dir.empty()) {
        return {search.override_dir};
    }
    std::vector<std::filesystem::path> roots;
    if (!search.exe.empty()) {
        roots.push_back((search.exe.parent_path().parent_path() / "share" / "engage"));
    }
    if (!search.build_tree.empty() && (roots.empty() || roots.front() != search.build_tree)) {
        roots.push_back(search.build_tree);
    }
    return roots;
}

AssetLookup find_asset(const AssetSearch& search, std::string_view relative) {
    AssetLookup out;
    std::string tried;
    for (const auto& root : asset_roots(search)) {
        const auto candidate = root / relative;
        std::error_code ec;
        if (std::filesystem::exists(candidate, ec)) {
            out.path = candidate;
            return out;
        }
        tried += (tried.empty() ? "" : ", ") + candidate.string();
    }
    out.error =
        "asset '" + std::string(relative) + "' not found; tried " +
        (tried.empty() ? std::string("nothing (no program path)") : tried) +
        (search.override_dir.empty() ? std::string() : std::string(" (ENGAGE_ASSETS_DIR is set)"));
    return out;
}

AssetLookup find_asset(std::string_view relative) {
    return find_asset(process_asset_search(), relative);
}

} // namespace engage
