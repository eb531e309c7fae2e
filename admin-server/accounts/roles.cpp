#include "accounts/roles.hpp"

#include <array>
#include <utility>

namespace engage::accounts {
namespace {

constexpr std::array<std::pair<Role, std::string_view>, 4> names{{
    {Role::admin, "admin"},
    {Role::staff, "staff"},
    {Role::coordinator, "coordinator"},
    {Role::board, "board"},
}};

} // namespace

std::string Roles::to_string() const {
    std::string out;
    for (const auto& [role, name] : names) {
        if (has(role)) {
            if (!out.empty()) {
                out += ',';
            }
            out += name;
        }
    }
    return out;
}

std::optional<Roles> Roles::parse(std::string_view text) {
    Roles roles;
    while (!text.empty()) {
        const auto comma = text.find(',');
        const std::string_view part = text.substr(0, comma);
        bool known = false;
        for (const auto& [role, name] : names) {
            if (part == name) {
                roles.add(role);
                known = true;
            }
        }
        if (!known) {
            return std::nullopt;
        }
        if (comma == std::string_view::npos) {
            break;
        }
        text.remove_prefix(comma + 1);
        if (text.empty()) {
            return std::nullopt; // a trailing comma
        }
    }
    if (roles.empty()) {
        return std::nullopt;
    }
    return roles;
}

} // namespace engage::accounts
