// The web app's pure parts without a server: roles, form and cookie
// parsing, password rules, TOTP steps. The real program's behaviour is in
// web_auth_test.cpp.

#include "accounts/password.hpp"
#include "accounts/roles.hpp"
#include "accounts/totp.hpp"
#include "web/form_fields.hpp"
#include "web_client.hpp"

#include <catch2/catch.hpp>

using namespace engage;

TEST_CASE("roles parse from a comma list and refuse anything else", "[web][accounts]") {
    const auto both = accounts::Roles::parse("staff,admin");
    REQUIRE(both);
    CHECK(both->to_string() == "admin,staff");
    CHECK(both->need_second_factor());
    const auto board = accounts::Roles::parse("board");
    REQUIRE(board);
    CHECK_FALSE(board->need_second_factor());
    for (const char* bad : {"", "root", "admin,", ",admin", "admin,,staff", "Admin"}) {
        INFO(bad);
        CHECK_FALSE(accounts::Roles::parse(bad));
    }
}

TEST_CASE("form bodies and cookies parse as browsers send them", "[web][forms]") {
    const auto f = web::parse_urlencoded("user=ann&password=a+b%21c&code=&csrf=x%3Dy&bad=%zz&=v");
    CHECK(web::field(f, "user") == "ann");
    CHECK(web::field(f, "password") == "a b!c");
    CHECK(web::field(f, "code").empty());
    CHECK(web::field(f, "csrf") == "x=y");
    CHECK(web::field(f, "bad") == "%zz"); // kept as typed, never a crash
    CHECK(web::field(f, "missing").empty());
    const std::string header = "a=1; __Host-engage=abc; __Host-engage-signin=def";
    CHECK(web::cookie_value(header, "__Host-engage") == "abc");
    CHECK(web::cookie_value(header, "__Host-engage-signin") == "def");
    CHECK_FALSE(web::cookie_value(header, "__Host-engag"));
    CHECK_FALSE(web::cookie_value("", "a"));
}

TEST_CASE("passwords need 12 characters, not on the list, not the user name", "[web][accounts]") {
    CHECK(accounts::password_problem("eleven char", "ann"));
    CHECK_FALSE(accounts::password_problem("violet tram under 7 bridges", "ann"));
    // Code points, not bytes: twelve Polish letters are enough, eleven are not.
    CHECK_FALSE(accounts::password_problem("ąęółśżźćńąęó", "ann"));
    CHECK(accounts::password_problem("ąęółśżźćńąę", "ann"));
    CHECK(accounts::password_problem("QWERTYUIOP123", "ann")); // on the list, any case
    CHECK(accounts::password_problem("annabel-lives-here", "annabel"));
    CHECK(accounts::is_common_password("passwordpassword"));
    CHECK_FALSE(accounts::is_common_password("violet tram under 7 bridges"));
}

TEST_CASE("a TOTP code names its step, one step either side", "[web][totp]") {
    const std::string secret = accounts::new_totp_secret();
    REQUIRE(secret.size() == 32);
    constexpr std::int64_t t = 1'800'000'015; // step 60'000'000, 15 s in
    CHECK(accounts::totp_step_of(secret, test::totp_code(secret, t), t) == 60'000'000);
    CHECK(accounts::totp_step_of(secret, test::totp_code(secret, t - 30), t) == 59'999'999);
    CHECK(accounts::totp_step_of(secret, test::totp_code(secret, t + 30), t) == 60'000'001);
    CHECK_FALSE(accounts::totp_step_of(secret, test::totp_code(secret, t + 60), t));
    CHECK_FALSE(accounts::totp_step_of(secret, "12345", t));
    CHECK_FALSE(accounts::totp_step_of(secret, "12345a", t));
    CHECK(accounts::otpauth_uri("a b", secret)
              .starts_with("otpauth://totp/Engage:a%20b?secret=" + secret));
}
