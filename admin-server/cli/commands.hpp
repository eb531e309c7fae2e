#pragma once
// engage-admin's subcommands (DESIGN §11). Each takes the
// arguments after its name, prints its result to stdout and problems to
// stderr, and returns the process exit status.

#include <string_view>
#include <vector>

namespace engage::cli {

using Args = std::vector<std::string_view>;

int serve(const Args& args);           // cli/serve.cpp
int enrol_code(const Args& args);      // cli/enrol_code.cpp
int status(const Args& args);          // cli/status.cpp
int coordinator_key(const Args& args); // cli/coordinator_key.cpp
int backup(const Args& args);          // cli/backup.cpp
int restore(const Args& args);         // cli/restore.cpp
int add_user(const Args& args);        // not yet available: exits 2

// Usage text for `engage-admin --help` and mistakes.
void print_usage();

} // namespace engage::cli
