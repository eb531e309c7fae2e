#pragma once
// The short id a coordinator uses for one stored sign-up ("7kq2-m9xd"): 8
// characters of Crockford's base32 (no i, l, o or u, so it reads aloud and
// types without look-alikes) from a hash of the sign-up's stored id. That id
// is the kiosk's random UUID, so the reference is random-looking too and says
// nothing about order or time, unlike a row number; and it needs no column of
// its own. 40 bits: two sign-ups of one server sharing a reference is
// vanishingly unlikely, and a command given a shared one refuses to pick.

#include <optional>
#include <string>
#include <string_view>

namespace engage::signups {

inline constexpr std::size_t reference_chars = 8;

// The reference of the sign-up stored under `stored_id`, as "xxxx-xxxx".
std::string signup_reference(std::string_view stored_id);

// What a person typed, read as a reference: case, spaces and dashes do not
// matter, and o, i and l are read as 0, 1 and 1 (Crockford's rule). nullopt
// when it is not 8 base32 characters. The result compares equal to
// signup_reference()'s form.
std::optional<std::string> parse_signup_reference(std::string_view typed);

} // namespace engage::signups
