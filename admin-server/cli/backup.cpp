// engage-admin backup --data DIR --to FILE
//
// On PostgreSQL the database server makes consistent copies itself while
// servers run (pg_dump, WAL archiving): this command says so and prints the
// command rather than copying a database it does not own.
#include "cli/commands.hpp"
#include "cli/data_dir.hpp"
#include "engage/pg/connection.hpp"

#include <cstdio>

namespace engage::cli {

int backup(const Args& args) {
    std::string error;
    const auto options = parse_options(args, {{"data", "store", "to"}, {}}, error);
    if (!options) {
        std::fprintf(stderr, "engage-admin backup: %s\n", error.c_str());
        return exit_usage;
    }
    const auto to = options->get("to");
    if (!to || to->empty()) {
        std::fputs("engage-admin backup: --to FILE is required\n", stderr);
        return exit_usage;
    }
    const auto where = data_location(*options, "backup");
    if (!where) {
        return options->has("data") ? exit_failure : exit_usage;
    }
    if (where->postgresql()) {
        std::fprintf(stderr,
                     "engage-admin backup: the database is on PostgreSQL; back it up with "
                     "pg_dump, which takes a consistent copy while the servers run:\n"
                     "  pg_dump --format=custom --file='%s' '%s'\n"
                     "(restore into an empty database with pg_restore; docs/postgresql.md)\n",
                     to->c_str(), where->describe().c_str());
        return exit_failure;
    }
    auto store = open_store(*where, "backup");
    if (!store) {
        return exit_failure;
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
