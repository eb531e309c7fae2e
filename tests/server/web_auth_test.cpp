// The web app's foundation on the real program (issue 9): who may open which
// page, CSRF, session expiry on the test clock, sign-in limits, TOTP and
// recovery codes, security headers and cookie attributes, and add-user's
// password rules. Each case starts its own `serve --test-mode` with the
// clock fixed, so nothing here sleeps or depends on the time of day.

#include "support/admin_cli.hpp"
#include "support/server_process.hpp"
#include "support/temp_dir.hpp"
#include "web_client.hpp"

#include <catch2/catch.hpp>
#include <string>

using namespace engage::test;

namespace {

// 2027-01-15 08:00:15 UTC: 15 s into a TOTP step, so ±1 step is unambiguous.
constexpr std::int64_t t0 = 1'800'000'015;
constexpr std::int64_t minute = 60;

// A data folder with one user per role, and a server on the test clock.
struct WebServer : RoleUsers {
    TempDir data{"engage-web"};
    std::optional<ServerProcess> server;

    explicit WebServer(bool sample = false) {
        if (!sample) {
            // A real data folder: the coordinators' keys come first (serve
            // without a terminal refuses a folder that has none).
            const auto init = run_admin({"init", "--data", data.path().string()},
                                        "web tests coordinators' passphrase\n"
                                        "web tests coordinators' passphrase\n");
            INFO(init.out << init.err);
            REQUIRE(init.exit_code == 0);
        }
        set_test_clock(data.path(), t0);
        RoleUsers::operator=(add_role_users(data.path()));
        server.emplace(data.path(), web_server_options(sample));
    }
    std::uint16_t port() const { return server->port(); }
    void clock(std::int64_t t) const { set_test_clock(data.path(), t); }
    // A client signed in as `u` (with a TOTP code for now, when the user has one).
    WebClient signed_in(const WebUser& u, std::int64_t now = t0) const {
        return signed_in_client(port(), u, now);
    }
};

bool is_sign_in_redirect(const HttpResponse& r) {
    return r.status == 303 && r.header("Location") == "/login";
}

} // namespace

TEST_CASE("add-user refuses short and common passwords with a clear error", "[web][accounts]") {
    TempDir data("engage-web");
    const std::string dir = data.path().string();
    SECTION("a password under 12 characters") {
        const auto r = run_admin({"add-user", "--data", dir, "--user", "ann", "--role", "staff"},
                                 "short pass\n");
        CHECK(r.exit_code == 2);
        CHECK(r.err.find("at least 12 characters") != std::string::npos);
    }
    SECTION("a password from the shipped common-password list, in any case") {
        const auto r = run_admin({"add-user", "--data", dir, "--user", "ann", "--role", "staff"},
                                 "Password1234\n");
        CHECK(r.exit_code == 2);
        CHECK(r.err.find("common passwords") != std::string::npos);
    }
    SECTION("an unknown role") {
        const auto r = run_admin({"add-user", "--data", dir, "--user", "ann", "--role", "root"},
                                 std::string(good_password) + "\n");
        CHECK(r.exit_code == 2);
        CHECK(r.err.find("admin, staff, coordinator, board") != std::string::npos);
    }
    SECTION("staff get an otpauth URI and ten recovery codes; board members need neither") {
        const auto staff = add_web_user(data.path(), "ann", "staff,board");
        CHECK(staff.secret.size() == 32);
        CHECK(staff.recovery_codes.size() == 10);
        const auto board = add_web_user(data.path(), "bob", "board");
        CHECK(board.secret.empty());
        CHECK(board.recovery_codes.empty());
    }
    SECTION("a name already taken") {
        add_web_user(data.path(), "ann", "staff");
        const auto r = run_admin({"add-user", "--data", dir, "--user", "ann", "--role", "board"},
                                 std::string(good_password) + "\n");
        CHECK(r.exit_code == 2);
        CHECK(r.err.find("already a user called ann") != std::string::npos);
    }
}

TEST_CASE("every page answers each role as the access table says", "[web][roles]") {
    const WebServer s(true); // the sample content has forms to open
    struct Row {
        const char* path;
        bool admin_only;
        bool drafter_only = false; // staff or board (forms and polls)
        bool staff_only = false;   // moderation and safeguarding (issue 10)
    };
    // The GET pages; pages.json lists the same for the browser checks.
    const std::vector<Row> pages = {{"/", false},
                                    {"/users", true},
                                    {"/audit", true},
                                    {"/forms", false, true},
                                    {"/forms/ebe-poll-winter", false, true},
                                    {"/moderation", false, false, true},
                                    {"/safeguarding", false, false, true}};
    const std::vector<const WebUser*> people = {&s.admin, &s.staff, &s.coordinator, &s.board};
    for (const auto* person : people) {
        WebClient c = s.signed_in(*person);
        for (const auto& page : pages) {
            const auto r = c.get(page.path);
            const bool drafter = person == &s.staff || person == &s.board;
            const int expected = (page.admin_only && person != &s.admin) ||
                                         (page.drafter_only && !drafter) ||
                                         (page.staff_only && person != &s.staff)
                                     ? 403
                                     : 200;
            INFO(person->name << " GET " << page.path);
            CHECK(r.status == expected);
        }
        // Admin actions with a valid token are still refused to other roles.
        const auto post =
            c.post("/users/end-sessions", {{"csrf", c.session_csrf()}, {"user", "sam"}});
        INFO(person->name << " POST /users/end-sessions");
        CHECK(post.status == (person == &s.admin ? 303 : 403));
    }
    WebClient stranger(s.port());
    for (const auto& page : pages) {
        INFO("signed out GET " << page.path);
        CHECK(is_sign_in_redirect(stranger.get(page.path)));
    }
    CHECK(stranger.get("/login").status == 200);
    CHECK(stranger.get("/static/engage.css").status == 200);
    CHECK(stranger.get("/no-such-page").status == 404);
    CHECK(stranger.post("/users/disable", {{"user", "sam"}}).status == 403);
}

TEST_CASE("a POST with a missing or wrong CSRF token is refused with 403", "[web][csrf]") {
    const WebServer s;
    WebClient c = s.signed_in(s.admin);
    const std::string token = c.session_csrf();
    REQUIRE(!token.empty());
    SECTION("signed in") {
        CHECK(c.post("/users/disable", {{"user", "sam"}}).status == 403);
        CHECK(c.post("/users/disable", {{"csrf", token + "x"}, {"user", "sam"}}).status == 403);
        std::string wrong = token;
        wrong[0] = wrong[0] == 'A' ? 'B' : 'A';
        CHECK(c.post("/logout", {{"csrf", wrong}}).status == 403);
        // Nothing happened: sam can still sign in and alice is still signed in.
        CHECK(c.get("/users").status == 200);
        s.signed_in(s.staff, t0);
        // The right token works.
        CHECK(c.post("/logout", {{"csrf", token}}).status == 303);
        CHECK(is_sign_in_redirect(c.get("/")));
    }
    SECTION("signing in") {
        WebClient fresh(s.port());
        (void)fresh.get("/login"); // sets the sign-in cookie
        const auto r = fresh.post(
            "/login",
            {{"csrf", "not-the-cookie"}, {"user", s.board.name}, {"password", s.board.password}});
        CHECK(r.status == 403);
        CHECK(!fresh.has_cookie("__Host-engage"));
    }
    SECTION("GET never changes state") {
        CHECK(c.get("/users/disable?user=sam").status == 405);
        CHECK(c.get("/logout").status == 405);
        CHECK(c.get("/").status == 200);
    }
}

TEST_CASE("sessions end after 30 idle minutes and after 12 hours however busy", "[web][sessions]") {
    const WebServer s;
    WebClient c = s.signed_in(s.board);
    SECTION("idle") {
        s.clock(t0 + 29 * minute);
        CHECK(c.get("/").status == 200); // use renews the idle time
        s.clock(t0 + 58 * minute);
        CHECK(c.get("/").status == 200);
        s.clock(t0 + 58 * minute + 30 * minute + 1);
        CHECK(is_sign_in_redirect(c.get("/")));
        // Ended for good, not only while idle.
        s.clock(t0 + 58 * minute);
        CHECK(is_sign_in_redirect(c.get("/")));
    }
    SECTION("absolute") {
        std::int64_t t = t0;
        while (t + 25 * minute <= t0 + 12 * 60 * minute) {
            t += 25 * minute;
            s.clock(t);
            INFO("at +" << (t - t0) / minute << " min");
            REQUIRE(c.get("/").status == 200);
        }
        s.clock(t0 + 12 * 60 * minute + 1);
        CHECK(is_sign_in_redirect(c.get("/")));
    }
    SECTION("signing out ends the session on the server, not only the cookie") {
        WebClient copy = c; // a stolen cookie
        CHECK(c.post("/logout", {{"csrf", c.session_csrf()}}).status == 303);
        CHECK(is_sign_in_redirect(copy.get("/")));
    }
    SECTION("an admin ends someone's sessions") {
        WebClient admin = s.signed_in(s.admin);
        CHECK(admin.post("/users/end-sessions", {{"csrf", admin.session_csrf()}, {"user", "bea"}})
                  .status == 303);
        CHECK(is_sign_in_redirect(c.get("/")));
        const auto audit = admin.get("/audit?action=end_sessions");
        CHECK(audit.body.find("bea (1)") != std::string::npos);
    }
    SECTION("a disabled user is signed out and cannot sign in") {
        WebClient admin = s.signed_in(s.admin);
        CHECK(admin.post("/users/disable", {{"csrf", admin.session_csrf()}, {"user", "bea"}})
                  .status == 303);
        CHECK(is_sign_in_redirect(c.get("/")));
        WebClient again(s.port());
        CHECK(again.sign_in(s.board.name, s.board.password).status == 200);
        CHECK(!again.has_cookie("__Host-engage"));
    }
}

TEST_CASE("sign-in is limited per account and per address, saying nothing of who exists",
          "[web][signin]") {
    const WebServer s;
    WebClient c(s.port());
    const auto wrong_known = c.sign_in(s.board.name, "wrong password here");
    const auto wrong_unknown = c.sign_in("nobody", "wrong password here");
    REQUIRE(wrong_known.status == 200);
    // The same words whether the account exists or not.
    const std::string failed = "Signing in did not work.";
    CHECK(wrong_known.body.find(failed) != std::string::npos);
    CHECK(wrong_unknown.body.find(failed) != std::string::npos);
    CHECK(wrong_known.status == wrong_unknown.status);

    SECTION("per account: the fifth failure locks the account for the window") {
        for (int i = 0; i < 4; ++i) {
            (void)c.sign_in(s.board.name, "wrong password here");
            (void)c.sign_in("nobody", "wrong password here");
        }
        const auto known = c.sign_in(s.board.name, s.board.password); // right, but locked
        const auto unknown = c.sign_in("nobody", "wrong password here");
        CHECK(known.status == 429);
        CHECK(unknown.status == 429);
        CHECK(known.body.find("Too many sign-in attempts") != std::string::npos);
        CHECK(unknown.body.find("Too many sign-in attempts") != std::string::npos);
        // Another account from the same address is not locked.
        s.signed_in(s.staff);
        // After the window the right password works again.
        s.clock(t0 + 16 * minute);
        CHECK(c.sign_in(s.board.name, s.board.password).status == 303);
    }
    SECTION("per address: twenty failures lock every account from that address") {
        for (int i = 0; i < 18; ++i) {
            (void)c.sign_in("nobody" + std::to_string(i), "wrong password here");
        }
        const auto r = c.sign_in(s.staff.name, s.staff.password, totp_code(s.staff.secret, t0));
        CHECK(r.status == 429);
        CHECK(r.body.find("Too many sign-in attempts") != std::string::npos);
    }
}

TEST_CASE("TOTP codes work one step either side, not two, and never twice", "[web][totp]") {
    const WebServer s;
    const auto& u = s.staff;
    auto try_code = [&](const std::string& code) {
        WebClient c(s.port());
        return c.sign_in(u.name, u.password, code).status == 303;
    };
    SECTION("a staff account without a code is asked for one") {
        WebClient c(s.port());
        const auto r = c.sign_in(u.name, u.password);
        CHECK(r.status == 200);
        CHECK(r.body.find("needs the code") != std::string::npos);
        CHECK(!c.has_cookie("__Host-engage"));
    }
    SECTION("one step early and one step late are accepted") {
        CHECK(try_code(totp_code(u.secret, t0 - 30)));
        s.clock(t0 + 120); // a later step, so the earlier acceptance does not block it
        CHECK(try_code(totp_code(u.secret, t0 + 150)));
    }
    SECTION("two steps away either side is refused") {
        CHECK_FALSE(try_code(totp_code(u.secret, t0 - 60)));
        CHECK_FALSE(try_code(totp_code(u.secret, t0 + 60)));
        CHECK(try_code(totp_code(u.secret, t0))); // and the right one still works
    }
    SECTION("a code is never accepted twice") {
        const auto code = totp_code(u.secret, t0);
        CHECK(try_code(code));
        CHECK_FALSE(try_code(code));
        // Nor an older step's code after a newer one was used.
        CHECK_FALSE(try_code(totp_code(u.secret, t0 - 30)));
    }
}

TEST_CASE("a recovery code signs in once", "[web][totp]") {
    const WebServer s;
    const auto& u = s.admin;
    REQUIRE(u.recovery_codes.size() == 10);
    WebClient first(s.port());
    CHECK(first.sign_in(u.name, u.password, u.recovery_codes[3]).status == 303);
    WebClient second(s.port());
    CHECK(second.sign_in(u.name, u.password, u.recovery_codes[3]).status == 200);
    CHECK(!second.has_cookie("__Host-engage"));
    WebClient other(s.port());
    CHECK(other.sign_in(u.name, u.password, u.recovery_codes[4]).status == 303);
}

TEST_CASE("every page carries the security headers, and the session cookie is __Host-, "
          "Secure, HttpOnly, SameSite=Strict",
          "[web][headers]") {
    const WebServer s;
    WebClient c(s.port());
    const auto form = c.get("/login");
    const auto signed_in = c.post("/login", {{"csrf", csrf_in(form.body)},
                                             {"user", s.admin.name},
                                             {"password", s.admin.password},
                                             {"code", totp_code(s.admin.secret, t0)}});
    REQUIRE(signed_in.status == 303);
    std::string session_cookie;
    for (const auto& [name, value] : signed_in.headers) {
        if (value.starts_with("__Host-engage=")) {
            session_cookie = value;
        }
    }
    INFO(session_cookie);
    CHECK(session_cookie.find("; Secure") != std::string::npos);
    CHECK(session_cookie.find("; HttpOnly") != std::string::npos);
    CHECK(session_cookie.find("; SameSite=Strict") != std::string::npos);
    CHECK(session_cookie.find("; Path=/") != std::string::npos);
    CHECK(session_cookie.find("Domain") == std::string::npos); // __Host- forbids it
    // 256 random bits in base64url: at least the 128 required.
    CHECK(session_cookie.find(';') - std::string("__Host-engage=").size() >= 22);

    const std::vector<std::string> paths = {"/",      "/users",   "/audit",
                                            "/login", "/nowhere", "/static/engage.css"};
    for (const auto& path : paths) {
        const auto r = c.get(path);
        INFO(path << " " << r.status);
        CHECK(r.header("Content-Security-Policy") ==
              "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
              "frame-ancestors 'none'; base-uri 'none'");
        CHECK(r.header("X-Content-Type-Options") == "nosniff");
        CHECK(r.header("Referrer-Policy") == "no-referrer");
        CHECK_FALSE(r.header("Strict-Transport-Security")); // plain HTTP: HSTS only under TLS
        if (path != "/static/engage.css") {
            CHECK(r.header("Cache-Control") == "no-store");
        }
    }
    // The kiosk API is untouched by the web app.
    CHECK(c.get("/api/v1/content").status == 401);
    CHECK(c.get("/healthz").status == 200);
}

TEST_CASE("only a sample database's demo user may skip the second factor, under a banner",
          "[web][demo]") {
    const WebServer s(/*sample=*/true);
    const std::string credentials = read_file(s.data / "demo-credentials.txt");
    const auto at = credentials.find("password: ");
    REQUIRE(at != std::string::npos);
    const std::string password = credentials.substr(at + 10, credentials.find('\n', at) - at - 10);
    WebClient c(s.port());
    CHECK(c.sign_in("demo", password).status == 303);
    const auto home = c.get("/");
    CHECK(home.body.find("Demonstration database.") != std::string::npos);
    // Other admins in the same database still need their code.
    WebClient other(s.port());
    CHECK(other.sign_in(s.admin.name, s.admin.password).status == 200);
    CHECK(other.get("/").status == 303);
    // And a real admin's pages carry no banner.
    const auto admin_home = s.signed_in(s.admin).get("/");
    CHECK(admin_home.body.find("Demonstration database.") == std::string::npos);
}

namespace {

// The value after `marker` up to the next '"' ("" when absent).
std::string value_after(const std::string& html, std::string_view marker) {
    const auto at = html.find(marker);
    if (at == std::string::npos) {
        return {};
    }
    const auto start = at + marker.size();
    return html.substr(start, html.find('"', start) - start);
}

} // namespace

TEST_CASE("an invitation link makes one account, once, and stops working after 72 hours",
          "[web][invite]") {
    const WebServer s;
    WebClient admin = s.signed_in(s.admin);
    const auto made =
        admin.post("/users/invite", {{"csrf", admin.session_csrf()}, {"role_staff", "on"}});
    REQUIRE(made.status == 200);
    const std::string token = value_after(made.body, "/invite?token=");
    REQUIRE(token.size() >= 22);
    CHECK(admin.get("/audit?action=invite").body.find("staff") != std::string::npos);
    // Other roles cannot invite.
    WebClient staff = s.signed_in(s.staff);
    CHECK(staff.post("/users/invite", {{"csrf", staff.session_csrf()}, {"role_admin", "on"}})
              .status == 403);

    WebClient invitee(s.port());
    const auto page = invitee.get("/invite?token=" + token);
    REQUIRE(page.status == 200);
    CHECK(page.body.find("<svg") != std::string::npos); // the QR code, drawn server-side
    const std::string secret = value_after(page.body, R"(name="secret" value=")");
    REQUIRE(secret.size() == 32);
    auto accept = [&](const std::string& code) {
        return invitee.post("/invite", {{"csrf", csrf_in(page.body)},
                                        {"token", token},
                                        {"user", "newbie"},
                                        {"password", std::string(good_password)},
                                        {"password2", std::string(good_password)},
                                        {"secret", secret},
                                        {"code", code}});
    };

    SECTION("accepted once, with a working second factor and ten recovery codes") {
        const auto done = accept(totp_code(secret, t0));
        INFO(done.body);
        REQUIRE(done.status == 200);
        CHECK(done.body.find("Your account is ready") != std::string::npos);
        std::size_t codes = 0;
        for (auto at = done.body.find("<li><code>"); at != std::string::npos;
             at = done.body.find("<li><code>", at + 1)) {
            ++codes;
        }
        CHECK(codes == 10);
        // The link is spent, whether opened or posted again.
        CHECK(invitee.get("/invite?token=" + token).status == 410);
        CHECK(accept(totp_code(secret, t0 + 30)).status == 410);
        // The new account signs in with its app (a later code: the enrolment one is used).
        s.clock(t0 + 30);
        WebClient c(s.port());
        CHECK(c.sign_in("newbie", std::string(good_password), totp_code(secret, t0 + 30)).status ==
              303);
    }
    SECTION("a wrong code is refused and the link still works") {
        const auto wrong = accept(totp_code(secret, t0 + 300));
        CHECK(wrong.status == 200);
        CHECK(wrong.body.find("That code is not right") != std::string::npos);
        CHECK(invitee.get("/invite?token=" + token).status == 200);
    }
    SECTION("an expired link is refused") {
        s.clock(t0 + 72 * 60 * minute + 1);
        CHECK(invitee.get("/invite?token=" + token).status == 410);
        CHECK(accept(totp_code(secret, t0 + 72 * 60 * minute + 1)).status == 410);
    }
    SECTION("an unknown token is refused") {
        CHECK(invitee.get("/invite?token=" + token + "x").status == 410);
    }
}
