#include "support/prometheus_text.hpp"

#include <cmath>
#include <cstdlib>
#include <set>
#include <vector>

namespace engage::test {

std::optional<double> Exposition::value(const std::string& series) const {
    const auto it = samples.find(series);
    if (it == samples.end()) {
        return std::nullopt;
    }
    return it->second;
}

namespace {

bool name_start(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
}
bool name_char(char c) {
    return name_start(c) || (c >= '0' && c <= '9');
}
bool valid_metric_name(std::string_view n) {
    if (n.empty() || !name_start(n[0])) {
        return false;
    }
    for (char c : n) {
        if (!name_char(c)) {
            return false;
        }
    }
    return true;
}
bool valid_label_name(std::string_view n) {
    return valid_metric_name(n) && n.find(':') == std::string_view::npos && !n.starts_with("__");
}

std::optional<double> parse_value(std::string_view v) {
    if (v == "+Inf") {
        return INFINITY;
    }
    if (v == "-Inf") {
        return -INFINITY;
    }
    if (v == "NaN") {
        return NAN;
    }
    if (v.empty()) {
        return std::nullopt;
    }
    const std::string s(v);
    char* end = nullptr;
    const double d = std::strtod(s.c_str(), &end);
    if (end != s.c_str() + s.size()) {
        return std::nullopt;
    }
    return d;
}

struct Sample {
    std::string name;
    std::vector<std::pair<std::string, std::string>> labels;
    double value = 0;
};

// name{a="x",b="y"} value [timestamp]
std::optional<Sample> parse_sample(std::string_view line, std::string& why) {
    Sample s;
    std::size_t i = 0;
    while (i < line.size() && name_char(line[i])) {
        ++i;
    }
    s.name = std::string(line.substr(0, i));
    if (!valid_metric_name(s.name)) {
        why = "bad metric name";
        return std::nullopt;
    }
    if (i < line.size() && line[i] == '{') {
        ++i;
        std::set<std::string> seen;
        while (i < line.size() && line[i] != '}') {
            const std::size_t start = i;
            while (i < line.size() && name_char(line[i])) {
                ++i;
            }
            std::string label(line.substr(start, i - start));
            if (!valid_label_name(label) || !seen.insert(label).second) {
                why = "bad or repeated label name '" + label + "'";
                return std::nullopt;
            }
            if (i + 1 >= line.size() || line[i] != '=' || line[i + 1] != '"') {
                why = "expected =\" after a label name";
                return std::nullopt;
            }
            i += 2;
            std::string value;
            for (;;) {
                if (i >= line.size()) {
                    why = "unterminated label value";
                    return std::nullopt;
                }
                const char c = line[i++];
                if (c == '"') {
                    break;
                }
                if (c == '\\') {
                    if (i >= line.size()) {
                        why = "dangling escape";
                        return std::nullopt;
                    }
                    const char e = line[i++];
                    if (e == 'n') {
                        value += '\n';
                    } else if (e == '\\' || e == '"') {
                        value += e;
                    } else {
                        why = "unknown escape in a label value";
                        return std::nullopt;
                    }
                } else {
                    value += c;
                }
            }
            s.labels.emplace_back(std::move(label), std::move(value));
            if (i < line.size() && line[i] == ',') {
                ++i;
            } else if (i >= line.size() || line[i] != '}') {
                why = "expected , or } after a label value";
                return std::nullopt;
            }
        }
        if (i >= line.size()) {
            why = "unterminated label set";
            return std::nullopt;
        }
        ++i; // '}'
    }
    if (i >= line.size() || line[i] != ' ') {
        why = "expected one space before the value";
        return std::nullopt;
    }
    ++i;
    const std::string_view rest = line.substr(i);
    const auto space = rest.find(' ');
    const auto v = parse_value(rest.substr(0, space));
    if (!v) {
        why = "value is not a number";
        return std::nullopt;
    }
    if (space != std::string_view::npos) {
        const std::string ts(rest.substr(space + 1));
        char* end = nullptr;
        (void)std::strtoll(ts.c_str(), &end, 10);
        if (ts.empty() || end != ts.c_str() + ts.size()) {
            why = "bad timestamp";
            return std::nullopt;
        }
    }
    s.value = *v;
    return s;
}

// The family a sample belongs to: its name less a histogram suffix.
std::string family_of(const std::string& name, const std::map<std::string, std::string>& types) {
    for (std::string_view suffix : {"_bucket", "_sum", "_count"}) {
        if (name.ends_with(suffix)) {
            const auto base = name.substr(0, name.size() - suffix.size());
            if (auto it = types.find(base); it != types.end() && it->second == "histogram") {
                return base;
            }
        }
    }
    return name;
}

std::string series_text(const Sample& s) {
    std::string out = s.name;
    if (!s.labels.empty()) {
        out += '{';
        for (std::size_t i = 0; i < s.labels.size(); ++i) {
            out += (i ? "," : "") + s.labels[i].first + "=\"" + s.labels[i].second + "\"";
        }
        out += '}';
    }
    return out;
}

struct HistogramSeries {
    std::vector<std::pair<double, double>> buckets; // le, count, in order
    std::optional<double> sum;
    std::optional<double> count;
};

} // namespace

std::optional<Exposition> parse_exposition(std::string_view text, std::string& error) {
    if (text.empty() || text.back() != '\n') {
        error = "the exposition must end with a newline";
        return std::nullopt;
    }
    Exposition out;
    std::set<std::string> helped;
    std::set<std::string> finished; // families whose samples ended
    std::string current;            // family of the previous sample
    // histogram family + labels without le -> its series
    std::map<std::string, HistogramSeries> histograms;
    int line_no = 0;
    std::size_t pos = 0;
    while (pos < text.size()) {
        const auto nl = text.find('\n', pos);
        const std::string_view line = text.substr(pos, nl - pos);
        pos = nl + 1;
        ++line_no;
        const std::string where = "line " + std::to_string(line_no) + ": ";
        if (line.empty()) {
            continue;
        }
        if (line.starts_with("#")) {
            if (line.starts_with("# HELP ") || line.starts_with("# TYPE ")) {
                const std::string_view rest = line.substr(7);
                const auto sp = rest.find(' ');
                const std::string name(rest.substr(0, sp));
                if (!valid_metric_name(name) || sp == std::string_view::npos) {
                    error = where + "bad HELP/TYPE line";
                    return std::nullopt;
                }
                if (out.samples.size() > 0 && (finished.contains(name) || current == name)) {
                    error = where + "HELP/TYPE after samples of " + name;
                    return std::nullopt;
                }
                if (line[2] == 'H') {
                    if (!helped.insert(name).second) {
                        error = where + "second HELP for " + name;
                        return std::nullopt;
                    }
                } else {
                    const std::string type(rest.substr(sp + 1));
                    static const std::set<std::string> types{"counter", "gauge", "histogram",
                                                             "summary", "untyped"};
                    if (!types.contains(type)) {
                        error = where + "unknown type " + type;
                        return std::nullopt;
                    }
                    if (!out.types.emplace(name, type).second) {
                        error = where + "second TYPE for " + name;
                        return std::nullopt;
                    }
                    if (type == "counter" && !name.ends_with("_total")) {
                        error = where + "counter " + name + " does not end in _total";
                        return std::nullopt;
                    }
                }
            }
            continue; // other comments are allowed
        }
        std::string why;
        auto sample = parse_sample(line, why);
        if (!sample) {
            error = where + why + ": " + std::string(line);
            return std::nullopt;
        }
        const std::string family = family_of(sample->name, out.types);
        if (!out.types.contains(family) || !helped.contains(family)) {
            error = where + family + " has no HELP and TYPE before its samples";
            return std::nullopt;
        }
        if (family != current) {
            if (finished.contains(family)) {
                error = where + "samples of " + family + " are not together";
                return std::nullopt;
            }
            if (!current.empty()) {
                finished.insert(current);
            }
            current = family;
        }
        const std::string series = series_text(*sample);
        if (!out.samples.emplace(series, sample->value).second) {
            error = where + "series twice: " + series;
            return std::nullopt;
        }
        const std::string& type = out.types.at(family);
        if (type == "counter" && !(sample->value >= 0)) {
            error = where + "counter below 0: " + series;
            return std::nullopt;
        }
        if (type == "histogram") {
            Sample key = *sample;
            std::optional<double> le;
            for (auto it = key.labels.begin(); it != key.labels.end(); ++it) {
                if (it->first == "le") {
                    le = parse_value(it->second);
                    if (!le) {
                        error = where + "le is not a number";
                        return std::nullopt;
                    }
                    key.labels.erase(it);
                    break;
                }
            }
            key.name = family;
            auto& h = histograms[series_text(key)];
            if (sample->name == family + "_bucket") {
                if (!le) {
                    error = where + "a bucket without le";
                    return std::nullopt;
                }
                if (!h.buckets.empty() &&
                    (*le <= h.buckets.back().first || sample->value < h.buckets.back().second)) {
                    error = where + "buckets not in increasing le with cumulative counts";
                    return std::nullopt;
                }
                h.buckets.emplace_back(*le, sample->value);
            } else if (sample->name == family + "_sum") {
                h.sum = sample->value;
            } else if (sample->name == family + "_count") {
                h.count = sample->value;
            } else {
                error = where + "a histogram sample that is not _bucket, _sum or _count";
                return std::nullopt;
            }
        }
    }
    for (const auto& [series, h] : histograms) {
        if (h.buckets.empty() || !std::isinf(h.buckets.back().first) || !h.sum || !h.count ||
            *h.count != h.buckets.back().second) {
            error = "histogram " + series +
                    " lacks +Inf, _sum or _count, or its +Inf bucket "
                    "differs from _count";
            return std::nullopt;
        }
    }
    return out;
}

} // namespace engage::test
