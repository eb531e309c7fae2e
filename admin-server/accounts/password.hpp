#pragma once
// Staff passwords (OWASP ASVS 2.1/2.4): at least min_password_chars, not in
// the shipped list of common passwords, stored as argon2id (libsodium).

#include <optional>
#include <string>
#include <string_view>

namespace engage::accounts {

// ASVS 2.1.1: 12 characters at least. Counted in Unicode code points, so a
// passphrase in any script counts the same.
inline constexpr std::size_t min_password_chars = 12;
// ASVS 2.1.2 allows at least 64; 128 keeps argon2id's input bounded.
inline constexpr std::size_t max_password_chars = 128;

// Why `password` may not be used by `user` (a sentence for the person), or
// nullopt when it may.
std::optional<std::string> password_problem(std::string_view password, std::string_view user);

// libsodium's "$argon2id$v=19$m=...,t=...,p=1$salt$hash" string (the
// parameters travel with the hash). Throws std::runtime_error when out of memory.
std::string hash_password(std::string_view password);
// True when `password` matches `hash`. Takes as long for any wrong password.
bool verify_password(std::string_view password, const std::string& hash);
// A hash of a random password: verified against when the account is unknown,
// so an unknown name takes as long as a wrong password (no timing hint).
const std::string& decoy_password_hash();

// True when `lowercase` is in assets/common-passwords.txt (embedded at build time).
bool is_common_password(std::string_view lowercase);

} // namespace engage::accounts
