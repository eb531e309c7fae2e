#include "signups/signup_reference.hpp"

#include "engage/ids.hpp"

#include <cstdint>

namespace engage::signups {
namespace {

constexpr std::string_view crockford = "0123456789abcdefghjkmnpqrstvwxyz";
static_assert(crockford.size() == 32, "base32: 5 bits a character");

// Keeps these references apart from any other hash of the same id.
constexpr std::string_view domain = "engage sign-up reference v1\n";

std::string with_dash(std::string_view chars) {
    std::string out(chars.substr(0, reference_chars / 2));
    out += '-';
    out += chars.substr(reference_chars / 2);
    return out;
}

} // namespace

std::string signup_reference(std::string_view stored_id) {
    std::string input(domain);
    input += stored_id;
    const std::string hex = hash_secret(input); // 64 hex characters
    // The first 40 bits of the hash, 5 at a time.
    const std::uint64_t bits = std::stoull(hex.substr(0, reference_chars * 5 / 4), nullptr, 16);
    std::string chars(reference_chars, '0');
    for (std::size_t i = 0; i < reference_chars; ++i) {
        chars[i] = crockford[(bits >> (5 * (reference_chars - 1 - i))) & 31U];
    }
    return with_dash(chars);
}

std::optional<std::string> parse_signup_reference(std::string_view typed) {
    std::string chars;
    for (const char raw : typed) {
        if (raw == '-' || raw == ' ') {
            continue;
        }
        char c = raw >= 'A' && raw <= 'Z' ? static_cast<char>(raw - 'A' + 'a') : raw;
        if (c == 'o') {
            c = '0';
        } else if (c == 'i' || c == 'l') {
            c = '1';
        }
        if (crockford.find(c) == std::string_view::npos || chars.size() == reference_chars) {
            return std::nullopt;
        }
        chars += c;
    }
    if (chars.size() != reference_chars) {
        return std::nullopt;
    }
    return with_dash(chars);
}

} // namespace engage::signups
