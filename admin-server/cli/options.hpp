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

// Exit status for a usage mistake (bad options exit 2, like the kiosk).
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

// Version of the config file format; a file declaring a newer one is refused.
inline constexpr int config_format_version = 1;
// The config file `serve` reads from its data directory (DESIGN §11: every
// option also has a setting in a config file; options win).
inline constexpr std::string_view config_file_name = "engage-admin.conf";

// Reads "name = value" lines ('#' comments, blank lines; flags as "name =
// true|false"; an optional "format = 1") from `text` and adds each setting
// the command line did not give. Returns false and sets `error` (naming the
// line) on an unknown name, a malformed line or a newer format.
bool merge_config(std::string_view text, const OptionSpec& spec, Options& options,
                  std::string& error);

// A whole number in [min, max], or nullopt.
std::optional<long long> parse_integer(std::string_view text, long long min, long long max);

} // namespace engage::cli
