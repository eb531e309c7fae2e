#pragma once
// Runs engage-admin subcommands (enrol-code, status, backup, ...) the way an
// operator would, capturing what they print.

#include <boost/json/object.hpp>
#include <chrono>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace engage::test {

// The engage-admin program under test: $ENGAGE_ADMIN_BIN if set, else the
// build's bin directory.
std::filesystem::path admin_binary();

struct CommandResult {
    int exit_code = -1; // -1 when killed by a signal or the timeout
    std::string out;    // everything printed on stdout
    std::string err;    // everything printed on stderr
};

// Runs argv (argv[0] a path) with `stdin_text` on its stdin and waits up to
// `timeout` (then kills it). Throws std::runtime_error only if it cannot start.
CommandResult run_program(const std::vector<std::string>& argv, std::string_view stdin_text = {},
                          std::chrono::milliseconds timeout = std::chrono::seconds(30));

// run_program for `engage-admin args...`.
CommandResult run_admin(const std::vector<std::string>& args, std::string_view stdin_text = {},
                        std::chrono::milliseconds timeout = std::chrono::seconds(30));

// `engage-admin enrol-code --data DIR --site SITE [extra]`: the one-time code
// (stdout without its newline). Throws std::runtime_error unless it exits 0
// and prints exactly one non-empty line.
std::string make_enrol_code(const std::filesystem::path& data_dir, std::string_view site,
                            const std::vector<std::string>& extra = {});

// `engage-admin status --data DIR --json` parsed. Throws std::runtime_error
// unless it exits 0 and prints one JSON object.
boost::json::object admin_status(const std::filesystem::path& data_dir);

// The whole content of a file (binary safe); empty when it cannot be read.
std::string read_file(const std::filesystem::path& file);

} // namespace engage::test
