#pragma once
// engage-admin's subcommands (DESIGN §11). Each takes the
// arguments after its name, prints its result to stdout and problems to
// stderr, and returns the process exit status.

#include <string>
#include <string_view>
#include <vector>

namespace engage::store {
class Store;
}

namespace engage::cli {

using Args = std::vector<std::string_view>;

int init(const Args& args);            // cli/init.cpp
int serve(const Args& args);           // cli/serve.cpp
int enrol_code(const Args& args);      // cli/enrol_code.cpp
int status(const Args& args);          // cli/status.cpp
int coordinator_key(const Args& args); // cli/coordinator_key.cpp
int backup(const Args& args);          // cli/backup.cpp
int restore(const Args& args);         // cli/restore.cpp
int signups_command(const Args& args); // cli/signups.cpp
int add_user(const Args& args);        // cli/add_user.cpp
int content_command(const Args& args); // cli/content_command.cpp
int report(const Args& args);          // cli/report.cpp
int migrate_store(const Args& args);   // cli/migrate_store.cpp

// Asks for the first coordinators' passphrase (twice) and stores a new
// keyring at the MODERATE argon2id level; messages name `command`. Returns
// the exit status, 0 when the keyring was made (cli/init.cpp).
int make_first_keyring(store::Store& store, const std::string& dir, const char* command);

// Usage text for `engage-admin --help` and mistakes.
void print_usage();

} // namespace engage::cli
