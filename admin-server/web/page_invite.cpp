// Invitations: an admin makes a one-time link with roles (POST
// /users/invite); the invitee opens it (GET /invite?token=…), chooses a user
// name and password and, where the roles need a second factor, scans a QR
// code and proves it with a code (POST /invite). The link works once and
// expires; only a hash of its token is stored.
#include "accounts/new_user.hpp"
#include "accounts/password.hpp"
#include "accounts/totp.hpp"
#include "engage/ids.hpp"
#include "web/pages.hpp"
#include "web/qr_svg.hpp"

namespace engage::web {
namespace {

// 72 hours: long enough to reach someone over a weekend, short enough that a
// forgotten link in an inbox soon stops being a way in.
constexpr std::int64_t invitation_seconds = 72 * 60 * 60;

// The form's CSRF token: the session's when this browser is signed in, else
// the sign-in cookie's (double submit), made here if missing.
std::string form_token(Context& c) {
    if (c.signed_in()) {
        return c.csrf;
    }
    std::string token = cookie_value(c.request.cookie, signin_csrf_cookie).value_or("");
    if (token.empty()) {
        token = random_token();
        c.extra.headers.emplace_back("Set-Cookie",
                                     session_cookie_header(signin_csrf_cookie, token));
    }
    return token;
}

api::Response invite_form(Context& c, const std::string& token, accounts::Roles roles,
                          const std::string& secret, std::string_view error_key,
                          const std::string& user) {
    View v;
    v.set("csrf", form_token(c));
    v.set("token", token);
    v.set("roles", role_words(c.renderer, roles));
    v.set("user", user);
    if (!error_key.empty()) {
        v.set("error", c.renderer.word(error_key));
    }
    if (!secret.empty()) {
        v.flag("totp", true);
        v.set("secret", secret);
        v.set("qr", qr_svg(accounts::otpauth_uri(user.empty() ? "new user" : user, secret),
                           c.renderer.word("invite_qr_label")));
    }
    return c.page(200, "invite", "title_invite", v);
}

} // namespace

api::Response make_invitation(Context& c) {
    accounts::Roles roles;
    struct Box {
        const char* field;
        accounts::Role role;
    };
    for (const Box box :
         {Box{"role_admin", accounts::Role::admin}, Box{"role_staff", accounts::Role::staff},
          Box{"role_coordinator", accounts::Role::coordinator},
          Box{"role_board", accounts::Role::board}}) {
        if (field(c.form, box.field) == "on") {
            roles.add(box.role);
        }
    }
    if (roles.empty()) {
        return c.message(400, "title_error", "error_invite_roles");
    }
    const std::string token = random_token();
    c.accounts.add_invitation(hash_secret(token), roles, c.user->name, c.now + invitation_seconds);
    c.accounts.audit(c.now, c.user->name, "invite", roles.to_string());
    View v;
    // Absolute, so it can be pasted into an email: from the configured
    // public address (WebOptions::public_url), never from the request's Host
    // header, which a client or a proxy may set to anything.
    v.set("link", c.public_url + "/invite?token=" + token);
    v.set("roles", role_words(c.renderer, roles));
    return c.page(200, "invitation_made", "title_invitation_made", v);
}

api::Response invite(Context& c) {
    const std::string token = field(c.query, "token");
    const auto roles = c.accounts.find_invitation(hash_secret(token), c.now);
    if (token.empty() || !roles) {
        return c.message(410, "title_invite", "error_invite_gone");
    }
    const std::string secret =
        roles->need_second_factor() ? accounts::new_totp_secret() : std::string();
    return invite_form(c, token, *roles, secret, "", "");
}

api::Response accept_invitation(Context& c) {
    const std::string token = field(c.form, "token");
    const auto roles = c.accounts.find_invitation(hash_secret(token), c.now);
    if (token.empty() || !roles) {
        return c.message(410, "title_invite", "error_invite_gone");
    }
    const std::string user = field(c.form, "user");
    const std::string password = field(c.form, "password");
    std::string secret = field(c.form, "secret");
    if (roles->need_second_factor() && secret.size() != 32) {
        secret = accounts::new_totp_secret(); // tampered with: start enrolment again
    }
    auto again = [&](std::string_view key) {
        return invite_form(c, token, *roles, secret, key, user);
    };
    if (!accounts::valid_user_name(user)) {
        return again("error_invite_name");
    }
    if (c.accounts.find_user(user)) {
        return again("error_invite_taken");
    }
    if (password != field(c.form, "password2")) {
        return again("error_invite_mismatch");
    }
    if (accounts::password_problem(password, user)) {
        return again("error_invite_password");
    }
    std::optional<std::int64_t> step;
    if (!secret.empty()) {
        step = accounts::totp_step_of(secret, field(c.form, "code"), c.now);
        if (!step) {
            return again("error_invite_code");
        }
    }
    if (!c.accounts.use_invitation(hash_secret(token), c.now)) {
        return c.message(410, "title_invite", "error_invite_gone");
    }
    const auto made =
        accounts::make_user(c.accounts, {user, password, *roles, false, false, secret}, c.now);
    if (!made.error.empty()) {
        return c.message(400, "title_error", "error_invite_password");
    }
    if (step) {
        (void)c.accounts.use_totp_step(user, *step); // the enrolment code cannot sign in
    }
    c.accounts.audit(c.now, user, "accept_invitation", roles->to_string());
    View v;
    v.set("user", user);
    for (const auto& code : made.recovery_codes) {
        View item;
        item.set("code", code);
        v.add("codes", std::move(item));
    }
    v.flag("has_codes", !made.recovery_codes.empty());
    return c.page(200, "invite_done", "title_invite_done", v);
}

} // namespace engage::web
