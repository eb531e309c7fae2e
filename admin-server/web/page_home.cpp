// Home: what this person's roles let them do. Pages still to come (issue 9's
// content pages, issue 10's Board and coordinator pages) are named as such.
#include "web/pages.hpp"

namespace engage::web {

api::Response home(Context& c) {
    View v;
    v.set("user", c.user->name);
    struct RoleText {
        accounts::Role role;
        std::string_view name;
        std::string_view key;
    };
    static constexpr RoleText texts[] = {
        {accounts::Role::admin, "admin", "home_admin"},
        {accounts::Role::staff, "staff", "home_staff"},
        {accounts::Role::coordinator, "coordinator", "home_coordinator"},
        {accounts::Role::board, "board", "home_board"},
    };
    for (const auto& t : texts) {
        if (c.user->roles.has(t.role)) {
            View role;
            role.set("name", c.renderer.word(std::string("role_") + std::string(t.name)));
            role.set("text", c.renderer.word(t.key));
            role.flag("admin", t.role == accounts::Role::admin);
            role.flag("staff", t.role == accounts::Role::staff);
            role.flag("coordinator", t.role == accounts::Role::coordinator);
            v.add("roles", std::move(role));
        }
    }
    return c.page(200, "home", "title_home", v);
}

} // namespace engage::web
