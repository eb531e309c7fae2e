#pragma once
// Untrusted JSON goes through here: no exceptions, strict options (no
// comments, no trailing commas, no invalid UTF-8) and a deliberate depth limit.

#include <boost/json/value.hpp>
#include <string>
#include <string_view>

namespace engage {

// Parses `text`; on failure returns false and sets `error` to a short reason
// ("syntax error at byte 17", "nested deeper than 16 levels").
bool parse_json_strict(std::string_view text, boost::json::value& out, std::string& error);

} // namespace engage
