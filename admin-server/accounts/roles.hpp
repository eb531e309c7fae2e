#pragma once
// Staff roles (DESIGN §12) as a small set. A user may hold several.

#include <optional>
#include <string>
#include <string_view>

namespace engage::accounts {

enum class Role : unsigned {
    admin = 1u << 0,       // users, sites, kiosks, settings
    staff = 1u << 1,       // content, help directory, moderation
    coordinator = 1u << 2, // peer-mentor sign-ups (the only role that reads them)
    board = 1u << 3,       // results and decisions
};

class Roles {
public:
    Roles() = default;
    bool has(Role r) const { return (bits_ & static_cast<unsigned>(r)) != 0; }
    void add(Role r) { bits_ |= static_cast<unsigned>(r); }
    bool empty() const { return bits_ == 0; }
    bool any_of(Roles other) const { return (bits_ & other.bits_) != 0; }
    // admin, staff and coordinator must use a second factor; board may.
    bool need_second_factor() const {
        return has(Role::admin) || has(Role::staff) || has(Role::coordinator);
    }
    // "admin,staff" (fixed order), as stored and shown.
    std::string to_string() const;
    // Parses "admin,staff"; nullopt on an unknown or empty role, or no role.
    static std::optional<Roles> parse(std::string_view text);

    friend bool operator==(Roles, Roles) = default;

private:
    unsigned bits_ = 0;
};

} // namespace engage::accounts
