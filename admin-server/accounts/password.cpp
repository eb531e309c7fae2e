#include "accounts/password.hpp"

#include "engage/ids.hpp"

#include <algorithm>
#include <cctype>
#include <sodium.h>
#include <stdexcept>

namespace engage::accounts {
namespace {

// INTERACTIVE (64 MiB, 2 passes): measured about 0.1 s per hash on the
// 2-core build machine, against about 0.6 s for MODERATE (256 MiB). Sign-in
// runs on the web app's one thread, so MODERATE would hold every other web
// page up for most of a second per attempt. INTERACTIVE meets OWASP's
// argon2id minimum (19 MiB, 2 passes) with room to spare.
constexpr auto ops_limit = crypto_pwhash_OPSLIMIT_INTERACTIVE;
constexpr auto mem_limit = crypto_pwhash_MEMLIMIT_INTERACTIVE;

std::size_t code_points(std::string_view s) {
    return static_cast<std::size_t>(std::count_if(
        s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string lowercase(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

} // namespace

std::optional<std::string> password_problem(std::string_view password, std::string_view user) {
    const std::size_t n = code_points(password);
    if (n < min_password_chars) {
        return "The password is too short: use at least " + std::to_string(min_password_chars) +
               " characters (a few words together work well).";
    }
    if (n > max_password_chars) {
        return "The password is too long: use at most " + std::to_string(max_password_chars) +
               " characters.";
    }
    const std::string lower = lowercase(password);
    if (is_common_password(lower)) {
        return "That password is on a list of common passwords that attackers try first. "
               "Choose another.";
    }
    if (!user.empty() && lower.find(lowercase(user)) != std::string::npos) {
        return "The password must not contain the user name.";
    }
    return std::nullopt;
}

std::string hash_password(std::string_view password) {
    std::string out(crypto_pwhash_STRBYTES, '\0');
    if (crypto_pwhash_str(out.data(), password.data(), password.size(), ops_limit, mem_limit) !=
        0) {
        throw std::runtime_error("argon2id: out of memory");
    }
    out.resize(out.find('\0'));
    return out;
}

bool verify_password(std::string_view password, const std::string& hash) {
    return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

const std::string& decoy_password_hash() {
    static const std::string decoy = hash_password(random_token());
    return decoy;
}

} // namespace engage::accounts
