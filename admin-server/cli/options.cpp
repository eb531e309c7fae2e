#include "cli/options.hpp"

#include "engage/text.hpp"

#include <charconv>
#include <string>

namespace engage::cli {

bool Options::has(std::string_view name) const {
    return flags.contains(name) || values.contains(name);
}

std::optional<std::string> Options::get(std::string_view name) const {
    const auto it = values.find(name);
    return it == values.end() ? std::nullopt : std::optional<std::string>(it->second);
}

std::optional<Options> parse_options(const std::vector<std::string_view>& args,
                                     const OptionSpec& spec, std::string& error) {
    Options out;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string_view arg = args[i];
        if (!arg.starts_with("--") || arg.size() == 2) {
            error = "unexpected argument '" + std::string(arg) + "'";
            return std::nullopt;
        }
        std::string name(arg.substr(2));
        std::optional<std::string> inline_value;
        if (const auto eq = name.find('='); eq != std::string::npos) {
            inline_value = name.substr(eq + 1);
            name.resize(eq);
        }
        if (spec.flags.contains(name) && !inline_value) {
            out.flags.insert(name);
        } else if (spec.with_value.contains(name)) {
            if (inline_value) {
                out.values[name] = *inline_value;
            } else if (i + 1 < args.size()) {
                out.values[name] = std::string(args[++i]);
            } else {
                error = "--" + name + " needs a value";
                return std::nullopt;
            }
        } else {
            error = "unknown option --" + name;
            return std::nullopt;
        }
    }
    return out;
}

using text::trim;

bool merge_config(std::string_view text, const OptionSpec& spec, Options& options,
                  std::string& error) {
    int line_no = 0;
    while (!text.empty()) {
        const auto nl = text.find('\n');
        std::string_view line = text.substr(0, nl);
        text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
        ++line_no;
        line = trim(line);
        if (line.empty() || line.front() == '#')
            continue;
        const auto where = "line " + std::to_string(line_no) + ": ";
        const auto eq = line.find('=');
        if (eq == std::string_view::npos) {
            error = where + "expected 'name = value'";
            return false;
        }
        const std::string name(trim(line.substr(0, eq)));
        const std::string value(trim(line.substr(eq + 1)));
        if (name == "format") {
            const auto v = parse_integer(value, 1, 1000);
            if (!v || *v > config_format_version) {
                error = where + "format " + value + " is newer than this program reads (" +
                        std::to_string(config_format_version) + ")";
                return false;
            }
        } else if (spec.flags.contains(name)) {
            if (value != "true" && value != "false") {
                error = where + name + " must be true or false";
                return false;
            }
            // A flag on the command line wins; the file can only switch one on.
            if (value == "true")
                options.flags.insert(name);
        } else if (spec.with_value.contains(name) && name != "data") {
            options.values.try_emplace(name, value); // the command line wins
        } else {
            error = where + "unknown setting '" + name + "'";
            return false;
        }
    }
    return true;
}

std::optional<long long> parse_integer(std::string_view text, long long min, long long max) {
    long long v = 0;
    const auto* end = text.data() + text.size();
    const auto [p, ec] = std::from_chars(text.data(), end, v);
    if (ec != std::errc() || p != end || v < min || v > max) {
        return std::nullopt;
    }
    return v;
}

} // namespace engage::cli
