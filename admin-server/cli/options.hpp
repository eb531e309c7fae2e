#pragma once
// Command-line parsing for engage-admin's subcommands: "--name value" and
// bare "--flag" options, checked against what each subcommand accepts.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace engage::cli {

// Exit status for a usage mistake (server-api.md: bad options exit 2).
inline constexpr int exit_usage = 2;
// Exit status for a failure at run time (database, network).
inline constexpr int exit_failure = 1;

struct Options {
    std::map<std::string, std::string, std::less<>> values;
    std::set<std::string, std::less<>> flags;

    bool has(std::string_view name) const;
    // The value of --name, or nullopt.
    std::optional<std::string> get(std::string_view name) const;
};

struct OptionSpec {
    std::set<std::string, std::less<>> with_value; // e.g. "data", "listen"
    std::set<std::string, std::less<>> flags;      // e.g. "sample", "insecure"
};

// Parses args (after the subcommand). Returns nullopt and sets `error` on an
// unknown option, a missing value or a stray argument.
std::optional<Options> parse_options(const std::vector<std::string_view>& args,
                                     const OptionSpec& spec, std::string& error);

// A whole number in [min, max], or nullopt.
std::optional<long long> parse_integer(std::string_view text, long long min, long long max);

} // namespace engage::cli
