#pragma once
// Random identifiers and secrets, from libsodium's CSPRNG.

#include <string>
#include <string_view>

namespace engage {

// Lowercase UUID v4, e.g. "0b8e6a2c-...-4...-[89ab]...".
std::string random_uuid_v4();
bool is_uuid_v4(std::string_view s);

// 32 random bytes, base64url without padding: a kiosk bearer token.
std::string random_token();
// limits::enrol_code_length characters from an alphabet without look-alikes
// (no 0/O, 1/I/L): easy to read aloud and type.
std::string random_enrol_code();
// Normalises what a person typed (case, spaces, dashes) before hashing.
std::string normalise_enrol_code(std::string_view typed);

// Hex SHA-256 of a secret, for storing tokens and codes (they are
// high-entropy, so a fast hash is right here; passwords use argon2id).
std::string hash_secret(std::string_view secret);

// Constant-time comparison of equal-length strings.
bool equal_constant_time(std::string_view a, std::string_view b);

} // namespace engage
