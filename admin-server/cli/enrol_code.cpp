// engage-admin enrol-code --data DIR --site NAME [--valid-hours H]
#include "api/new_enrol_code.hpp"
#include "cli/commands.hpp"
#include "cli/data_dir.hpp"
#include "engage/limits.hpp"

#include <chrono>
#include <cstdio>

namespace engage::cli {

int enrol_code(const Args& args) {
    std::string error;
    const auto options = parse_options(args, {{"data", "store", "site", "valid-hours"}, {}}, error);
    if (!options) {
        std::fprintf(stderr, "engage-admin enrol-code: %s\n", error.c_str());
        return exit_usage;
    }
    const auto site = options->get("site");
    if (!site || site->empty() || site->size() > limits::max_id_bytes) {
        std::fprintf(stderr, "engage-admin enrol-code: --site NAME is required (1 to %zu bytes)\n",
                     limits::max_id_bytes);
        return exit_usage;
    }
    const auto hours =
        parse_integer(options->get("valid-hours").value_or("24"), 1, api::max_enrol_code_hours);
    if (!hours) {
        std::fputs("engage-admin enrol-code: --valid-hours must be a whole number of hours\n",
                   stderr);
        return exit_usage;
    }
    auto store = open_data_dir(*options, "enrol-code");
    if (!store) {
        return options->has("data") ? exit_failure : exit_usage;
    }
    const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
    std::string code;
    try {
        code = api::make_enrol_code(*store, *site, now, *hours).code;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "engage-admin enrol-code: %s\n", e.what());
        return exit_failure;
    }
    std::printf("%s\n", code.c_str());
    return 0;
}

} // namespace engage::cli
