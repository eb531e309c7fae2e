// engage-admin: the admin server and its operator commands (DESIGN §11).
// Wires subcommands only; each lives in cli/.
#include "cli/commands.hpp"
#include "cli/options.hpp"

#include <cstdio>
#include <string_view>
#include <sys/stat.h>

int main(int argc, char** argv) {
    using namespace engage::cli;
    // The database, its WAL and backups hold submissions: owner only.
    ::umask(0077);
    if (argc < 2) {
        print_usage();
        return exit_usage;
    }
    const std::string_view command = argv[1];
    const Args args(argv + 2, argv + argc);
    if (command == "init") {
        return init(args);
    }
    if (command == "serve") {
        return serve(args);
    }
    if (command == "enrol-code") {
        return enrol_code(args);
    }
    if (command == "report") {
        return report(args);
    }
    if (command == "status") {
        return status(args);
    }
    if (command == "coordinator-key") {
        return coordinator_key(args);
    }
    if (command == "signups") {
        return signups_command(args);
    }
    if (command == "backup") {
        return backup(args);
    }
    if (command == "migrate-store") {
        return migrate_store(args);
    }
    if (command == "restore") {
        return restore(args);
    }
    if (command == "add-user") {
        return add_user(args);
    }
    if (command == "content") {
        return content_command(args);
    }
    if (command == "--help" || command == "-h" || command == "help") {
        print_usage();
        return 0;
    }
    std::fprintf(stderr, "engage-admin: unknown command '%.*s'\n", static_cast<int>(command.size()),
                 command.data());
    print_usage();
    return exit_usage;
}
