#include "accounts/totp.hpp"

#include <array>
#include <cctype>
#include <cstdlib>
#include <liboath/oath.h>
#include <memory>
#include <sodium.h>
#include <stdexcept>

namespace engage::accounts {
namespace {

constexpr std::size_t secret_bytes = 20;

struct FreeDeleter {
    void operator()(char* p) const noexcept { std::free(p); }
};
using OathBuffer = std::unique_ptr<char, FreeDeleter>;

// liboath needs oath_init() once per process before use.
void ensure_oath() {
    static const int rc = oath_init();
    if (rc != OATH_OK) {
        throw std::runtime_error("liboath failed to start");
    }
}

// Percent-encodes for a URI component (unreserved characters stay).
std::string uri_component(std::string_view s) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    for (const char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        if (std::isalnum(c) != 0 || c == '-' || c == '.' || c == '_' || c == '~') {
            out += ch;
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

} // namespace

std::string new_totp_secret() {
    ensure_oath();
    std::array<char, secret_bytes> raw{};
    randombytes_buf(raw.data(), raw.size());
    char* out = nullptr;
    std::size_t out_len = 0;
    if (oath_base32_encode(raw.data(), raw.size(), &out, &out_len) != OATH_OK) {
        throw std::runtime_error("liboath: base32 encoding failed");
    }
    OathBuffer owned(out);
    sodium_memzero(raw.data(), raw.size());
    std::string secret(out, out_len);
    while (!secret.empty() && secret.back() == '=') {
        secret.pop_back();
    }
    return secret;
}

std::string otpauth_uri(std::string_view user, std::string_view base32_secret) {
    return "otpauth://totp/Engage:" + uri_component(user) +
           "?secret=" + std::string(base32_secret) +
           "&issuer=Engage&algorithm=SHA1&digits=6&period=30";
}

std::optional<std::int64_t> totp_step_of(std::string_view base32_secret, std::string_view code,
                                         std::int64_t now_unix) {
    ensure_oath();
    if (code.size() != totp_digits) {
        return std::nullopt;
    }
    for (const char c : code) {
        if (c < '0' || c > '9') {
            return std::nullopt;
        }
    }
    char* raw = nullptr;
    std::size_t raw_len = 0;
    const std::string secret(base32_secret);
    if (oath_base32_decode(secret.data(), secret.size(), &raw, &raw_len) != OATH_OK) {
        return std::nullopt;
    }
    OathBuffer owned(raw);
    const std::string otp(code);
    int position = 0;
    std::uint64_t counter = 0;
    const int rc =
        oath_totp_validate3(raw, raw_len, static_cast<time_t>(now_unix), totp_step_seconds, 0,
                            totp_window_steps, &position, &counter, otp.c_str());
    sodium_memzero(raw, raw_len);
    if (rc < 0) {
        return std::nullopt;
    }
    return static_cast<std::int64_t>(counter);
}

} // namespace engage::accounts
