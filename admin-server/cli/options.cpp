#include "cli/options.hpp"

#include <charconv>

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
