// The Sites pages on the real program (issue 9, "Sites and kiosks"): who may
// open them, the CSRF token, opening hours refused with an error that names
// the field, and what a kiosk at the site gets in its content bundle.

#include "engage/protocol.hpp"
#include "support/kiosk_api.hpp"
#include "support/server_process.hpp"
#include "support/temp_dir.hpp"
#include "web/kiosk_languages.hpp"
#include "web_client.hpp"

#include <boost/json.hpp>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <string>

using namespace engage;
using namespace engage::test;

namespace {

constexpr std::int64_t t0 = 1'800'000'015; // as in web_kiosks_test.cpp

struct SitesWebServer : RoleUsers {
    TempDir data{"engage-web-sites"};
    std::optional<ServerProcess> server;

    SitesWebServer() {
        set_test_clock(data.path(), t0);
        RoleUsers::operator=(add_role_users(data.path()));
        server.emplace(data.path(), web_server_options(true));
    }
    std::uint16_t port() const { return server->port(); }
    WebClient signed_in(const WebUser& u) const { return signed_in_client(port(), u, t0); }
};

bool has(const std::string& body, std::string_view text) {
    return body.find(text) != std::string::npos;
}

std::size_t count(const std::string& body, std::string_view text) {
    std::size_t n = 0;
    for (auto at = body.find(text); at != std::string::npos; at = body.find(text, at + 1)) {
        ++n;
    }
    return n;
}

using Fields = std::vector<std::pair<std::string, std::string>>;

// A site open Monday to Friday 09:00-12:30 and 13:30-17:00, in English and Polish.
Fields library_fields(const std::string& csrf) {
    Fields f{{"csrf", csrf},
             {"slug", "library"},
             {"name", "Central Library"},
             {"address", "1 Secret Street"},
             {"lang-en", "on"},
             {"lang-pl", "on"}};
    for (const char* day : {"mon", "tue", "wed", "thu", "fri"}) {
        f.emplace_back(std::string(day) + "-open1", "09:00");
        f.emplace_back(std::string(day) + "-close1", "12:30");
        f.emplace_back(std::string(day) + "-open2", "13:30");
        f.emplace_back(std::string(day) + "-close2", "17:00");
    }
    return f;
}

Fields with(Fields f, const std::string& name, const std::string& value) {
    for (auto& [n, v] : f) {
        if (n == name) {
            v = value;
            return f;
        }
    }
    f.emplace_back(name, value);
    return f;
}

} // namespace

TEST_CASE("only admins reach the Sites pages, and every POST needs the session's CSRF token",
          "[web][sites][roles][csrf]") {
    const SitesWebServer s;
    WebClient admin = s.signed_in(s.admin);
    const std::string csrf = admin.session_csrf();
    REQUIRE(admin.post("/sites/new", library_fields(csrf)).status == 303);

    // page x role: admin allowed, every other role 403, signed out → sign-in.
    const std::vector<std::string> pages{"/sites", "/sites/new", "/sites/library"};
    for (const auto& page : pages) {
        INFO(page);
        CHECK(admin.get(page).status == 200);
    }
    for (const WebUser* person : {&s.staff, &s.coordinator, &s.board}) {
        WebClient c = s.signed_in(*person);
        const std::string their_csrf = c.session_csrf();
        INFO(person->name);
        for (const auto& page : pages) {
            INFO(page);
            CHECK(c.get(page).status == 403);
        }
        CHECK(c.post("/sites/new", library_fields(their_csrf)).status == 403);
        CHECK(c.post("/sites/library", with(library_fields(their_csrf), "name", "Taken over"))
                  .status == 403);
    }
    WebClient stranger(s.port());
    for (const auto& page : pages) {
        const auto r = stranger.get(page);
        INFO(page);
        CHECK(r.status == 303);
        CHECK(r.header("Location") == "/login");
    }
    CHECK(stranger.post("/sites/library", library_fields("")).status == 403);

    // CSRF missing or wrong: refused, nothing saved.
    auto no_csrf = library_fields(csrf);
    no_csrf.erase(no_csrf.begin());
    CHECK(admin.post("/sites/library", with(no_csrf, "name", "Renamed")).status == 403);
    CHECK(admin.post("/sites/library", with(library_fields("wrong"), "name", "Renamed")).status ==
          403);
    CHECK_FALSE(has(admin.get("/sites").body, "Renamed"));
    CHECK(admin.get("/sites/nowhere").status == 404);
}

TEST_CASE("bad opening hours are refused with an error naming the day and the time",
          "[web][sites]") {
    const SitesWebServer s;
    WebClient admin = s.signed_in(s.admin);
    const std::string csrf = admin.session_csrf();
    SECTION("an overnight range") {
        const auto r =
            admin.post("/sites/new", with(with(library_fields(csrf), "mon-open1", "20:00"),
                                          "mon-close1", "08:00"));
        CHECK(r.status == 400);
        CHECK(has(r.body,
                  "href=\"#mon-open1\">Monday: closes at 08:00, not after it opens at 20:00"));
        CHECK(has(r.body, "id=\"mon-open1\" name=\"mon-open1\" type=\"text\" inputmode=\"numeric\" "
                          "size=\"5\" maxlength=\"5\" value=\"20:00\""));
        CHECK(has(r.body, "aria-invalid=\"true\""));
    }
    SECTION("overlapping ranges") {
        const auto r = admin.post("/sites/new", with(library_fields(csrf), "tue-open2", "12:00"));
        CHECK(r.status == 400);
        CHECK(has(r.body, "Tuesday: opening at 12:00 overlaps"));
    }
    SECTION("a time that is not HH:MM") {
        const auto r = admin.post("/sites/new", with(library_fields(csrf), "wed-close1", "5pm"));
        CHECK(r.status == 400);
        CHECK(has(r.body, "href=\"#wed-close1\">Wednesday, first opening time, closes: write the "
                          "time as HH:MM"));
    }
    SECTION("half a range") {
        const auto r = admin.post("/sites/new", with(library_fields(csrf), "thu-close2", ""));
        CHECK(r.status == 400);
        CHECK(has(r.body, "href=\"#thu-close2\">Thursday, second opening time (optional): give "
                          "both"));
    }
    SECTION("a slug that is not a-z, 0-9, - and _, or a missing name") {
        const auto r = admin.post("/sites/new",
                                  with(with(library_fields(csrf), "slug", "Big Hub"), "name", ""));
        CHECK(r.status == 400);
        CHECK(has(r.body, "href=\"#slug\">"));
        CHECK(has(r.body, "href=\"#name\">"));
    }
    // None of the refused forms saved anything.
    CHECK_FALSE(has(admin.get("/audit?action=new_site").body, "library"));
}

TEST_CASE("a Sites form as first opened marks no field invalid, and a refused one only the "
          "fields at fault",
          "[web][sites][a11y]") {
    const SitesWebServer s;
    WebClient admin = s.signed_in(s.admin);
    const std::string csrf = admin.session_csrf();
    SECTION("a new site's form") {
        const auto r = admin.get("/sites/new");
        REQUIRE(r.status == 200);
        CHECK(count(r.body, "aria-invalid") == 0);
        CHECK(count(r.body, "class=\"error\"") == 0);
        CHECK_FALSE(has(r.body, "-error\""));
    }
    SECTION("a stored site's form") {
        REQUIRE(admin.post("/sites/new", library_fields(csrf)).status == 303);
        const auto r = admin.get("/sites/library");
        REQUIRE(r.status == 200);
        CHECK(count(r.body, "aria-invalid") == 0);
        CHECK_FALSE(has(r.body, "-error\""));
    }
    SECTION("a refused form") {
        const auto r = admin.post(
            "/sites/new", with(with(library_fields(csrf), "slug", "Big Hub"), "wed-close1", "5pm"));
        REQUIRE(r.status == 400);
        CHECK(count(r.body, "aria-invalid=\"true\"") == 2);
        CHECK(has(r.body, "aria-describedby=\"slug-hint slug-error\" aria-invalid=\"true\""));
        CHECK(
            has(r.body, "aria-describedby=\"hours-hint wed-close1-error\" aria-invalid=\"true\""));
        CHECK(has(r.body, "aria-describedby=\"name-hint\">"));
    }
}

TEST_CASE("a kiosk at a site gets its name, hours and languages, and a save changes the ETag",
          "[web][sites][content]") {
    const SitesWebServer s;
    WebClient admin = s.signed_in(s.admin);
    const std::string csrf = admin.session_csrf();
    const auto made = admin.post("/sites/new", library_fields(csrf));
    REQUIRE(made.status == 303);
    CHECK(made.header("Location") == "/sites/library?done=saved");
    CHECK(has(admin.get("/audit?action=new_site").body, "library"));

    const Kiosk k = enrol_kiosk(s.port(), s.data.path(), "library");
    HttpConnection c(s.port());
    const auto first = c.get(protocol::paths::content, {bearer(k.token)});
    REQUIRE(first);
    REQUIRE(first->status == 200);
    CHECK_FALSE(has(first->body, "Secret Street")); // the address is for staff only
    const auto etag = first->header("ETag");
    REQUIRE(etag);
    ContentBundle bundle = fetch_content(s.port(), k.token);
    REQUIRE(bundle.site_info);
    CHECK(bundle.site_info->name == "Central Library");
    CHECK(bundle.site_info->hours.is_open(0, 9 * 60));
    CHECK_FALSE(bundle.site_info->hours.is_open(0, 13 * 60));
    CHECK_FALSE(bundle.site_info->hours.is_open(6, 12 * 60));
    CHECK(bundle.settings.languages == std::vector<std::string>{"en", "pl"});

    // Saving the site replaces the generation at once: the old ETag is stale.
    auto changed = with(library_fields(csrf), "sat-open1", "10:00");
    changed = with(with(changed, "sat-close1", "14:00"), "lang-ar", "on");
    const auto saved = admin.post("/sites/library", changed);
    REQUIRE(saved.status == 303);
    CHECK(has(admin.get("/audit?action=save_site").body, "library"));
    HttpConnection again(s.port());
    const auto second =
        again.get(protocol::paths::content, {bearer(k.token), {"If-None-Match", *etag}});
    REQUIRE(second);
    CHECK(second->status == 200);
    CHECK(second->header("ETag") != etag);
    bundle = fetch_content(s.port(), k.token);
    REQUIRE(bundle.site_info);
    CHECK(bundle.site_info->hours.is_open(5, 11 * 60));
    CHECK(bundle.settings.languages == std::vector<std::string>{"en", "pl", "ar"});

    // The enrolment page offers the site from the list.
    CHECK(has(admin.get("/kiosks").body, "<option value=\"library\">Central Library (library)"));
}

TEST_CASE("the server's list of kiosk languages is i18n/", "[web][sites]") {
    const auto dir = std::filesystem::path(ENGAGE_SOURCE_DIR) / "i18n";
    std::set<std::string> on_disk;
    for (const auto& f : std::filesystem::directory_iterator(dir)) {
        if (f.path().extension() == ".json") {
            on_disk.insert(f.path().stem().string());
        }
    }
    std::set<std::string> listed;
    for (const auto& l : web::kiosk_languages) {
        listed.insert(std::string(l.code));
        std::ifstream in(dir / (std::string(l.code) + ".json"));
        const std::string text((std::istreambuf_iterator<char>(in)),
                               std::istreambuf_iterator<char>());
        const auto jv = parse_json(text);
        INFO(l.code);
        CHECK(std::string(jv.at("native_name").as_string()) == l.native_name);
    }
    CHECK(listed == on_disk);
}
