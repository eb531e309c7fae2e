#include "accounts/new_user.hpp"

#include "accounts/password.hpp"
#include "accounts/totp.hpp"
#include "engage/ids.hpp"

#include <cctype>
#include <sodium.h>

namespace engage::accounts {
namespace {

// 10 characters from 32 (50 bits): enough against guessing with sign-in
// rate limits, short enough to type from paper. No 0/o, 1/l/i look-alikes.
constexpr std::string_view recovery_alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
constexpr std::size_t recovery_code_chars = 10;

std::string new_recovery_code() {
    std::string code;
    for (std::size_t i = 0; i < recovery_code_chars; ++i) {
        if (i == recovery_code_chars / 2) {
            code += '-';
        }
        code += recovery_alphabet[randombytes_uniform(
            static_cast<std::uint32_t>(recovery_alphabet.size()))];
    }
    return code;
}

} // namespace

bool valid_user_name(std::string_view name) {
    if (name.empty() || name.size() > max_user_name_bytes) {
        return false;
    }
    for (const char ch : name) {
        const auto c = static_cast<unsigned char>(ch);
        if (!(std::islower(c) || std::isdigit(c) || c == '.' || c == '_' || c == '-' || c == '@')) {
            return false;
        }
    }
    return true;
}

std::string recovery_code_hash(std::string_view typed) {
    std::string norm;
    for (const char ch : typed) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == '-' || c == ' ') {
            continue;
        }
        norm += static_cast<char>(std::tolower(c));
    }
    return hash_secret("recovery:" + norm);
}

MadeUser make_user(AccountStore& store, const NewUser& user, std::int64_t now_unix) {
    MadeUser made;
    if (!valid_user_name(user.name)) {
        made.error = "A user name is 1 to 64 characters: lowercase letters, digits, '.', '_', "
                     "'-' or '@'.";
        return made;
    }
    if (user.roles.empty()) {
        made.error = "A user needs at least one role.";
        return made;
    }
    if (auto problem = password_problem(user.password, user.name)) {
        made.error = std::move(*problem);
        return made;
    }
    User u;
    u.name = user.name;
    u.password_hash = hash_password(user.password);
    u.roles = user.roles;
    u.demo = user.demo;
    u.created = now_unix;
    if (!user.totp_secret.empty()) {
        u.totp_secret = user.totp_secret;
    } else if (user.totp || user.roles.need_second_factor()) {
        u.totp_secret = new_totp_secret();
    }
    // Recovery codes stand in for the second factor, so only users with one get them.
    std::vector<std::string> hashes;
    for (std::size_t i = 0; !u.totp_secret.empty() && i < recovery_code_count; ++i) {
        made.recovery_codes.push_back(new_recovery_code());
        hashes.push_back(recovery_code_hash(made.recovery_codes.back()));
    }
    if (!store.add_user(u, hashes)) {
        made = MadeUser{};
        made.error = "There is already a user called " + user.name + ".";
        return made;
    }
    made.totp_secret = u.totp_secret;
    return made;
}

} // namespace engage::accounts
