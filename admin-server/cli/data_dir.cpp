#include "cli/data_dir.hpp"

#include <cstdio>
#include <exception>

namespace engage::cli {

std::unique_ptr<store::SqliteStore> open_data_dir(const Options& options) {
    const auto dir = options.get("data");
    if (!dir || dir->empty()) {
        std::fprintf(stderr, "engage-admin: --data DIR is required\n");
        return nullptr;
    }
    try {
        return store::SqliteStore::open(*dir);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "engage-admin: cannot open the database in %s: %s\n", dir->c_str(),
                     e.what());
        return nullptr;
    }
}

} // namespace engage::cli
