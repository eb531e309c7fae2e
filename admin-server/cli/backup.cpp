// engage-admin backup --data DIR --to FILE
#include "cli/commands.hpp"
#include "cli/data_dir.hpp"

#include <cstdio>

namespace engage::cli {

int backup(const Args& args) {
    std::string error;
    const auto options = parse_options(args, {{"data", "to"}, {}}, error);
    if (!options) {
        std::fprintf(stderr, "engage-admin backup: %s\n", error.c_str());
        return exit_usage;
    }
    const auto to = options->get("to");
    if (!to || to->empty()) {
        std::fputs("engage-admin backup: --to FILE is required\n", stderr);
        return exit_usage;
    }
    auto store = open_data_dir(*options);
    if (!store) {
        return options->has("data") ? exit_failure : exit_usage;
    }
    try {
        const auto size = store->backup_to(*to);
        std::printf("%s %lld bytes\n", to->c_str(), static_cast<long long>(size));
    } catch (const std::exception& e) {
        std::fprintf(stderr, "engage-admin backup: %s\n", e.what());
        return exit_failure;
    }
    return 0;
}

} // namespace engage::cli
