#pragma once
// Parsing what browsers send: application/x-www-form-urlencoded bodies and
// query strings, and the Cookie header. Never throws; malformed escapes are
// kept as typed (the value is then simply wrong, never a crash).

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace engage::web {

// A form's fields by name (the last value wins for a repeated name).
using Fields = std::map<std::string, std::string, std::less<>>;

// Fields of "a=1&b=x+y%21"; '+' is a space.
Fields parse_urlencoded(std::string_view text);
// The value of cookie `name` in a Cookie header ("a=1; b=2"), if sent.
std::optional<std::string> cookie_value(std::string_view header, std::string_view name);
// The value of `name` in `fields`, or "".
std::string field(const Fields& fields, std::string_view name);
// Percent-encodes a query value (for links built from names).
std::string url_encode(std::string_view text);

} // namespace engage::web
