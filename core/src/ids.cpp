#include "engage/ids.hpp"

#include "engage/limits.hpp"
#include "engage/sealing.hpp"

#include <algorithm>
#include <array>
#include <sodium.h>

namespace engage {

namespace {

// No 0/O, 1/I/L: a code read aloud or typed on a touchscreen is not misread.
constexpr std::string_view enrol_alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

bool is_lower_hex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

} // namespace

std::string random_uuid_v4() {
    ensure_sodium();
    std::array<unsigned char, 16> b{};
    randombytes_buf(b.data(), b.size());
    b[6] = static_cast<unsigned char>((b[6] & 0x0fU) | 0x40U); // version 4
    b[8] = static_cast<unsigned char>((b[8] & 0x3fU) | 0x80U); // RFC 4122 variant
    std::array<char, 33> hex{};
    sodium_bin2hex(hex.data(), hex.size(), b.data(), b.size());
    const std::string_view h(hex.data(), 32);
    std::string out;
    out.reserve(36);
    out.append(h.substr(0, 8)).append("-");
    out.append(h.substr(8, 4)).append("-");
    out.append(h.substr(12, 4)).append("-");
    out.append(h.substr(16, 4)).append("-");
    out.append(h.substr(20, 12));
    return out;
}

bool is_uuid_v4(std::string_view s) {
    if (s.size() != 36) {
        return false;
    }
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (s[i] != '-') {
                return false;
            }
        } else if (!is_lower_hex(s[i])) {
            return false;
        }
    }
    return s[14] == '4' && (s[19] == '8' || s[19] == '9' || s[19] == 'a' || s[19] == 'b');
}

std::string random_token() {
    ensure_sodium();
    std::array<unsigned char, 32> b{};
    randombytes_buf(b.data(), b.size());
    const auto variant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
    std::string out(sodium_base64_ENCODED_LEN(b.size(), variant), '\0');
    sodium_bin2base64(out.data(), out.size(), b.data(), b.size(), variant);
    out.resize(std::char_traits<char>::length(out.c_str()));
    sodium_memzero(b.data(), b.size());
    return out;
}

std::string random_enrol_code() {
    ensure_sodium();
    std::string out;
    out.reserve(limits::enrol_code_length);
    for (std::size_t i = 0; i < limits::enrol_code_length; ++i) {
        out.push_back(
            enrol_alphabet[randombytes_uniform(static_cast<std::uint32_t>(enrol_alphabet.size()))]);
    }
    return out;
}

std::string normalise_enrol_code(std::string_view typed) {
    std::string out;
    out.reserve(typed.size());
    for (char c : typed) {
        if (c == ' ' || c == '-' || c == '_' || c == '\t' || c == '\r' || c == '\n') {
            continue;
        }
        if (c >= 'a' && c <= 'z') {
            c = static_cast<char>(c - 'a' + 'A');
        }
        out.push_back(c);
    }
    return out;
}

std::string hash_secret(std::string_view secret) {
    ensure_sodium();
    std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
    crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(secret.data()),
                       secret.size());
    std::array<char, crypto_hash_sha256_BYTES * 2 + 1> hex{};
    sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
    return std::string(hex.data(), crypto_hash_sha256_BYTES * 2);
}

bool equal_constant_time(std::string_view a, std::string_view b) {
    ensure_sodium();
    if (a.size() != b.size()) {
        return false;
    }
    if (a.empty()) {
        return true;
    }
    return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

} // namespace engage
