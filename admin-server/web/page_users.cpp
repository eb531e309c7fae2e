// Admin: the users, their roles, and ending sessions or disabling a user.
#include "accounts/new_user.hpp"
#include "web/pages.hpp"

namespace engage::web {

std::string role_words(const Renderer& words, accounts::Roles roles) {
    std::string out;
    // Stored order (admin, staff, coordinator, board): the same on every page.
    for (const std::string_view name : {"admin", "staff", "coordinator", "board"}) {
        const auto one = accounts::Roles::parse(name);
        if (one && roles.any_of(*one)) {
            out += out.empty() ? "" : ", ";
            out += words.word("role_" + std::string(name));
        }
    }
    return out;
}

api::Response users(Context& c) {
    View v;
    v.set("csrf", c.csrf);
    for (const auto& u : c.accounts.list_users()) {
        View row;
        row.set("name", u.name);
        row.set("roles", role_words(c.renderer, u.roles));
        row.set("second_factor", c.renderer.word(u.has_totp ? "yes" : "no"));
        row.set("status", c.renderer.word(u.disabled ? "status_disabled" : "status_active"));
        row.set("sessions", std::to_string(u.sessions));
        row.flag("active", !u.disabled);
        row.flag("has_sessions", u.sessions > 0);
        v.add("users", std::move(row));
    }
    const std::string done = field(c.query, "done");
    if (done == "ended" || done == "disabled") {
        v.set("notice", c.renderer.word("users_done_" + done));
    }
    return c.page(200, "users", "title_users", v);
}

api::Response end_sessions(Context& c) {
    const std::string name = field(c.form, "user");
    if (!c.accounts.find_user(name)) {
        return c.message(404, "title_not_found", "error_no_user");
    }
    const auto ended = c.accounts.end_sessions(name);
    c.accounts.audit(c.now, c.user->name, "end_sessions",
                     name + " (" + std::to_string(ended) + ")");
    return c.redirect("/users?done=ended");
}

api::Response disable_user(Context& c) {
    const std::string name = field(c.form, "user");
    if (name == c.user->name) {
        // Disabling oneself could leave nobody able to sign in as admin.
        return c.message(403, "title_forbidden", "error_disable_self");
    }
    if (!c.accounts.disable_user(name)) {
        return c.message(404, "title_not_found", "error_no_user");
    }
    c.accounts.audit(c.now, c.user->name, "disable_user", name);
    return c.redirect("/users?done=disabled");
}

} // namespace engage::web
