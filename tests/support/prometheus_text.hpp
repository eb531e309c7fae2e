#pragma once
// A strict reader of the Prometheus text exposition format, version 0.0.4
// (what /metrics serves), for tests. Debian's `prometheus` package would give
// `promtool check metrics`, but it installs a 96 MB server with its own user
// and service for one check, so this parser checks what promtool would and
// a little more: every rule of the format, plus the naming and histogram
// rules promtool lints.

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace engage::test {

struct Exposition {
    // Every sample as `name{label="value",...}` (labels as sent) -> value.
    std::map<std::string, double> samples;
    // Family name -> its # TYPE ("counter", "gauge", "histogram", ...).
    std::map<std::string, std::string> types;

    // The value of `series` (exact text as in `samples`), or nullopt.
    std::optional<double> value(const std::string& series) const;
};

// Parses `text`. Returns nullopt and sets `error` (naming the line) when any
// rule is broken: a malformed line, a name or label that is not allowed, a
// value that is not a number, a family without HELP and TYPE before its
// samples or whose samples are not together, a series twice, a counter not
// ending in _total or below 0, a histogram whose buckets are not cumulative,
// lack +Inf, or disagree with _count, or lack _sum; no final newline.
std::optional<Exposition> parse_exposition(std::string_view text, std::string& error);

} // namespace engage::test
