#pragma once
// Making a user, shared by `engage-admin add-user`, the sample database's
// demo user and (later) invitations: checks the name and password, hashes
// the password, makes the TOTP secret and ten recovery codes.

#include "accounts/account_store.hpp"

#include <string>
#include <vector>

namespace engage::accounts {

inline constexpr std::size_t recovery_code_count = 10;
// User names: 1 to 64 of a-z, 0-9, '.', '_', '-', '@' (e-mail addresses work).
inline constexpr std::size_t max_user_name_bytes = 64;

struct NewUser {
    std::string name;
    std::string password;
    Roles roles;
    bool totp = false; // forced on when roles.need_second_factor()
    bool demo = false;
    std::string totp_secret; // use this secret (enrolled already, e.g. from an invitation)
};

struct MadeUser {
    std::string error;       // non-empty: nothing was stored; a sentence for the person
    std::string totp_secret; // base32; empty without a second factor
    std::vector<std::string> recovery_codes; // shown once, stored hashed
};

// True when `name` is an acceptable user name.
bool valid_user_name(std::string_view name);

// Stores the user (created at `now_unix`), or says why not.
MadeUser make_user(AccountStore& store, const NewUser& user, std::int64_t now_unix);

// A recovery code as typed, normalised (lowercase, no spaces or dashes) and
// hashed for lookup.
std::string recovery_code_hash(std::string_view typed);

} // namespace engage::accounts
