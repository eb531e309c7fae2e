#pragma once
// Links to the Board's results views (page_results.cpp) as a decision keeps
// them (issue 10: "the results it drew on (links to the result views)"): a
// path on this server, "/results/SLUG" with at most site, period and version
// in its query, in that order. Nothing else is stored as a decision's
// result, so a stored link can never point off the server.

#include <optional>
#include <string>
#include <string_view>

namespace engage::web {

// The link to one results view; empty parts are left out.
std::string results_link(std::string_view slug, std::string_view site, std::string_view period,
                         std::string_view version);

// `text` as a results link in the form above, or nullopt when it is not one.
// Accepts the path alone or after `public_url` (copied from the address bar),
// fields in any order; refuses other fields, a fragment, a slug that is not
// 1-64 of a-z 0-9 - _, a period that is not YYYY-MM or YYYY-Qn, a version
// that is not a whole number.
std::optional<std::string> parse_results_link(std::string_view text, std::string_view public_url);

} // namespace engage::web
