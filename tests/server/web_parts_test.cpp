// The web app's pure parts without a server: roles, form and cookie
// parsing, password rules, TOTP steps. The real program's behaviour is in
// web_auth_test.cpp.

#include "accounts/password.hpp"
#include "accounts/roles.hpp"
#include "accounts/totp.hpp"
#include "web/form_fields.hpp"
#include "web/render.hpp"
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

namespace {
std::size_t occurrences(const std::string& text, std::string_view of) {
    std::size_t n = 0;
    for (auto at = text.find(of); at != std::string::npos; at = text.find(of, at + 1)) {
        ++n;
    }
    return n;
}
} // namespace

TEST_CASE("an empty error text marks no field invalid, and hides an outer one from a nested field",
          "[web][render]") {
    const web::Renderer renderer;
    web::View v;
    v.flag("is_new", true);
    v.set("slug_error", "");
    v.set("name_error", "Give the site a name");
    v.set("address_error", "");
    // An outer `error` a nested time's section would find if the time had
    // no `error` of its own (mustache looks outwards).
    v.set("error", "outer error");
    web::View time;
    time.set("id", "mon-open1");
    time.set("error", "");
    web::View range;
    range.add("times", std::move(time));
    web::View day;
    day.add("ranges", std::move(range));
    v.add("days", std::move(day));
    const std::string html = renderer.page("site_edit", v, web::Frame{});
    CHECK(occurrences(html, "aria-invalid") == 1);
    CHECK(html.find("aria-describedby=\"name-hint name-error\" aria-invalid=\"true\"") !=
          std::string::npos);
    CHECK(html.find("aria-describedby=\"slug-hint\">") != std::string::npos);
    CHECK(html.find("id=\"mon-open1-error\"") == std::string::npos);
    CHECK(html.find("outer error") == std::string::npos);
}
