// Sign in (user, password and the second factor on one form) and sign out.
// Every failure says the same thing, whether the account exists or not, and
// takes as long (an unknown name is checked against a decoy hash).
#include "accounts/new_user.hpp"
#include "accounts/password.hpp"
#include "accounts/totp.hpp"
#include "engage/ids.hpp"
#include "web/pages.hpp"

#include <cctype>

namespace engage::web {
namespace {

std::string lowercase(std::string_view s) {
    std::string out(s);
    for (char& ch : out) {
        ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    }
    return out;
}

// The sign-in form, with `error_key` said above it and tied to the fields.
api::Response form(Context& c, int status, std::string_view error_key, std::string_view user) {
    std::string token = cookie_value(c.request.cookie, signin_csrf_cookie).value_or("");
    if (token.empty()) {
        token = random_token();
        c.extra.headers.emplace_back("Set-Cookie",
                                     session_cookie_header(signin_csrf_cookie, token));
    }
    View v;
    v.set("csrf", token);
    v.set("user", std::string(user));
    if (!error_key.empty()) {
        v.set("error", c.renderer.word(error_key));
    }
    return c.page(status, "login", "title_sign_in", v);
}

// A code from the authenticator app (6 digits) or one of the recovery codes.
bool second_factor_ok(Context& c, const accounts::User& u, const std::string& code) {
    if (code.size() == accounts::totp_digits) {
        const auto step = accounts::totp_step_of(u.totp_secret, code, c.now);
        // Each step's code works once (ASVS 2.8.4), even inside the window.
        return step && c.accounts.use_totp_step(u.name, *step);
    }
    return !code.empty() &&
           c.accounts.use_recovery_code(u.name, accounts::recovery_code_hash(code));
}

} // namespace

api::Response sign_in_form(Context& c) {
    if (c.signed_in()) {
        return c.redirect("/");
    }
    return form(c, 200, "", "");
}

api::Response sign_in(Context& c) {
    const std::string name = lowercase(field(c.form, "user"));
    const std::string password = field(c.form, "password");
    std::string code;
    for (const char ch : field(c.form, "code")) {
        if (ch != ' ') {
            code += ch; // apps show "123 456"
        }
    }
    const std::string account_key = "account:" + name;
    const std::string address_key = "address:" + c.request.peer;
    const std::int64_t window_start = c.now - signin_window_seconds;
    // Counted for unknown names too, so the limit says nothing about who exists.
    if (c.accounts.failures(account_key, window_start) >= signin_failures_per_account ||
        c.accounts.failures(address_key, window_start) >= signin_failures_per_address) {
        return form(c, 429, "error_too_many", name);
    }
    const auto user = name.empty() ? std::nullopt : c.accounts.find_user(name);
    const bool password_ok =
        accounts::verify_password(password,
                                  user ? user->password_hash : accounts::decoy_password_hash()) &&
        user && !user->disabled;
    bool ok = password_ok;
    if (password_ok) {
        // Only the sample database's demo user may go without a second
        // factor; a real database never allows it (issue 9).
        const bool may_skip = user->demo && c.accounts.is_sample_database() && code.empty();
        const bool needs = !user->totp_secret.empty() || user->roles.need_second_factor();
        if (needs && !may_skip) {
            if (code.empty()) {
                return form(c, 200, "error_need_code", name);
            }
            ok = !user->totp_secret.empty() && second_factor_ok(c, *user, code);
        }
    }
    if (!ok) {
        c.accounts.add_failure(account_key, c.now, window_start);
        c.accounts.add_failure(address_key, c.now, window_start);
        if (user) {
            c.accounts.audit(c.now, user->name, "sign_in_failed");
        }
        return form(c, 200, "error_sign_in", name);
    }
    c.accounts.clear_failures(account_key);
    // A new session id at every sign-in (ASVS 3.2.1); an old one is ended.
    if (const auto old = cookie_value(c.request.cookie, session_cookie); old && !old->empty()) {
        c.accounts.delete_session(hash_secret(*old));
        c.keys->forget(hash_secret(*old));
    }
    const std::string id = random_token(); // 256 random bits (at least 128 required)
    c.accounts.add_session(hash_secret(id), user->name, c.now, random_token());
    c.accounts.audit(c.now, user->name, "sign_in");
    api::Response r = c.redirect("/");
    r.headers.emplace_back("Set-Cookie", session_cookie_header(session_cookie, id));
    r.headers.emplace_back("Set-Cookie", session_cookie_header(signin_csrf_cookie, "", true));
    return r;
}

api::Response sign_out(Context& c) {
    c.accounts.delete_session(c.session_hash);
    c.keys->forget(c.session_hash); // a coordinator's unlocked key goes with the session
    c.accounts.audit(c.now, c.user->name, "sign_out");
    api::Response r = c.redirect("/login");
    r.headers.emplace_back("Set-Cookie", session_cookie_header(session_cookie, "", true));
    return r;
}

} // namespace engage::web
