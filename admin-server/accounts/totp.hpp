#pragma once
// Time-based one-time codes (RFC 6238: HMAC-SHA-1, 30 s steps, 6 digits),
// the settings every authenticator app assumes, via Debian's liboath.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace engage::accounts {

inline constexpr unsigned totp_step_seconds = 30;
inline constexpr unsigned totp_digits = 6;
// ±1 step: a code typed just as it changes, or a phone clock 30 s off, still
// works (RFC 6238 §5.2 recommends at most one step of drift).
inline constexpr unsigned totp_window_steps = 1;

// A new secret: 20 random bytes (RFC 4226's recommended 160 bits) in base32
// without padding, as authenticator apps take it.
std::string new_totp_secret();

// otpauth://totp/Engage:USER?secret=...&issuer=Engage&algorithm=SHA1&digits=6&period=30
std::string otpauth_uri(std::string_view user, std::string_view base32_secret);

// The step number of the code if `code` is right for `base32_secret` at
// `now_unix` within the window, else nullopt. The caller refuses a step it
// has already accepted (a code never works twice).
std::optional<std::int64_t> totp_step_of(std::string_view base32_secret, std::string_view code,
                                         std::int64_t now_unix);

} // namespace engage::accounts
