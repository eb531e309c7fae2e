#include "web/result_link.hpp"

#include "engage/limits.hpp"
#include "engage/text.hpp"
#include "web/form_fields.hpp"

#include <algorithm>

namespace engage::web {
namespace {

constexpr std::string_view prefix = "/results/";

bool valid_slug(std::string_view s) {
    return !s.empty() && s.size() <= limits::max_id_bytes &&
           std::all_of(s.begin(), s.end(), [](char c) {
               return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
           });
}

bool digits(std::string_view s) {
    return !s.empty() &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool valid_period(std::string_view p) {
    if (p.size() == 7 && digits(p.substr(0, 4)) && p[4] == '-') {
        if (digits(p.substr(5, 2))) {
            const int m = (p[5] - '0') * 10 + (p[6] - '0');
            return m >= 1 && m <= 12;
        }
        return p[5] == 'Q' && p[6] >= '1' && p[6] <= '4';
    }
    return false;
}

} // namespace

std::string results_link(std::string_view slug, std::string_view site, std::string_view period,
                         std::string_view version) {
    std::string out(prefix);
    out.append(slug);
    char sep = '?';
    for (const auto& [name, value] :
         {std::pair{"site", site}, std::pair{"period", period}, std::pair{"version", version}}) {
        if (!value.empty()) {
            out.push_back(sep);
            out.append(name).append("=").append(url_encode(value));
            sep = '&';
        }
    }
    return out;
}

std::optional<std::string> parse_results_link(std::string_view text, std::string_view public_url) {
    text = text::trim(text);
    if (text.empty() || text.size() > limits::max_url_bytes ||
        text.find('#') != std::string_view::npos) {
        return std::nullopt;
    }
    if (!public_url.empty() && text.starts_with(public_url)) {
        text.remove_prefix(public_url.size());
    }
    if (!text.starts_with(prefix)) {
        return std::nullopt;
    }
    text.remove_prefix(prefix.size());
    const auto q = text.find('?');
    const std::string_view slug = text.substr(0, q);
    if (!valid_slug(slug)) {
        return std::nullopt;
    }
    const Fields query =
        q == std::string_view::npos ? Fields{} : parse_urlencoded(text.substr(q + 1));
    for (const auto& [name, value] : query) {
        if (name != "site" && name != "period" && name != "version") {
            return std::nullopt;
        }
    }
    const std::string site = field(query, "site");
    const std::string period = field(query, "period");
    const std::string version = field(query, "version");
    if (site.size() > limits::max_site_name_bytes || (!period.empty() && !valid_period(period)) ||
        (!version.empty() && (!digits(version) || version.size() > 9))) {
        return std::nullopt;
    }
    return results_link(slug, site, period, version);
}

} // namespace engage::web
