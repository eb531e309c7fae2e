#pragma once
// A browser, as far as the web app's tests need one: keeps cookies (Secure
// ones too: the tests talk to loopback, where browsers send them), signs in
// through /login's form, posts forms with their CSRF token. Plus the
// operator's side: users made with `engage-admin add-user`, TOTP codes
// computed from the printed secret (liboath), and the test clock of
// `serve --test-mode`.

#include "engage/date.hpp"
#include "support/http_client.hpp"
#include "support/server_process.hpp"

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace engage::test {

struct WebUser {
    std::string name;
    std::string password;
    std::string secret;                      // base32 from the otpauth:// line; "" without TOTP
    std::vector<std::string> recovery_codes; // as printed
};

// A strong password no list holds (add-user refuses common ones).
inline constexpr std::string_view good_password = "violet tram under 7 bridges";

// `engage-admin add-user --data DIR --user NAME --role ROLES` with the
// password on stdin. Throws unless it exits 0.
WebUser add_web_user(const std::filesystem::path& data, const std::string& name,
                     const std::string& roles, std::string password = std::string(good_password));

// The 6-digit code for `base32_secret` at `unix_time` (RFC 6238, 30 s, SHA-1).
std::string totp_code(const std::string& base32_secret, std::int64_t unix_time);

// Sets the clock of a server started with --test-mode (DIR/test-clock).
void set_test_clock(const std::filesystem::path& data, std::int64_t unix_time);

// The value of the first hidden `csrf` input in a page ("" when none).
std::string csrf_in(const std::string& html);

// A form body: "a=1&b=x%20y".
std::string form_body(const std::vector<std::pair<std::string, std::string>>& fields);

// The four people most web tests sign in as, one a role: alice (admin), sam
// (staff), cora (coordinator) and bea (board), each made by add_web_user.
struct RoleUsers {
    WebUser admin, staff, coordinator, board;
};
RoleUsers add_role_users(const std::filesystem::path& data);

// How the web tests start the server: `serve --test-mode` (the clock from
// DIR/test-clock), with --sample when `sample`, then `extra`.
ServerOptions web_server_options(bool sample, std::vector<std::string> extra = {});

// 10:00 UTC on the first day of the month after `day`: the month of `day`
// is then closed, so the Board's pages show it.
std::int64_t next_month_start(const Date& day);

class WebClient;
// A client on `port` signed in as `u`, with the TOTP code for `unix_time`
// (the server's test clock) when `u` has a second factor. Throws, with the
// page's text, unless the sign-in ends in 303 to /.
WebClient signed_in_client(std::uint16_t port, const WebUser& u, std::int64_t unix_time);

class WebClient {
public:
    explicit WebClient(std::uint16_t port) : port_(port) {}
    // One request on a new connection, with the cookies held; keeps the
    // cookies the answer sets. Throws on a transport failure.
    HttpResponse request(std::string_view method, std::string_view target,
                         const std::string& body = {});
    HttpResponse get(std::string_view target) { return request("GET", target); }
    HttpResponse post(std::string_view target,
                      const std::vector<std::pair<std::string, std::string>>& fields) {
        return request("POST", target, form_body(fields));
    }
    // GET /login, then POST the form: the reply to the POST.
    HttpResponse sign_in(const std::string& user, const std::string& password,
                         const std::string& code = {});
    // The CSRF token of the signed-in session, read from the home page.
    std::string session_csrf();
    bool has_cookie(const std::string& name) const { return cookies_.count(name) != 0; }
    // The same browser (its cookies) on another server of the same
    // installation, as a load balancer may send it (issue 12).
    void set_port(std::uint16_t port) { port_ = port; }
    void forget_cookies() { cookies_.clear(); }

private:
    std::uint16_t port_;
    std::map<std::string, std::string> cookies_;
};

} // namespace engage::test
