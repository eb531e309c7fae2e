// The help-now directory and "you said, we did" in the browser (issue 9), on
// the real program: who may open each page, CSRF, a phone number that would
// not dial refused with the field named and nothing saved, a save reaching
// the kiosks of the chosen site only (new ETag, new text), Move up / Move
// down changing the bundle's order, translations per language, deleting
// only after the confirmation, and the audit log. Each case starts its own
// `serve --sample --test-mode` with the clock fixed and two kiosks at two
// sites.

#include "engage/protocol.hpp"
#include "support/kiosk_api.hpp"
#include "support/server_process.hpp"
#include "support/temp_dir.hpp"
#include "web_client.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <string>

using namespace engage;
using namespace engage::test;

namespace {

// 2027-01-15 08:00:15 UTC.
constexpr std::int64_t t0 = 1'800'000'015;

struct HelpServer : RoleUsers {
    TempDir data{"engage-help"};
    std::optional<ServerProcess> server;
    Kiosk day_centre, library;

    HelpServer() {
        set_test_clock(data.path(), t0);
        RoleUsers::operator=(add_role_users(data.path()));
        server.emplace(data.path(), web_server_options(true));
        day_centre = enrol_kiosk(port(), data.path(), "day-centre");
        library = enrol_kiosk(port(), data.path(), "library");
    }
    std::uint16_t port() const { return server->port(); }
    WebClient signed_in(const WebUser& u) const { return signed_in_client(port(), u, t0); }
    std::string etag(const Kiosk& k) const {
        HttpConnection c(port());
        const auto r = c.get(std::string(protocol::paths::content), {bearer(k.token)});
        REQUIRE(r);
        REQUIRE(r->status == 200);
        return r->header("ETag").value_or("");
    }
    ContentBundle bundle(const Kiosk& k) const { return fetch_content(port(), k.token); }
};

const HelpEntry* find_help(const ContentBundle& b, std::string_view id) {
    const auto it =
        std::find_if(b.help.begin(), b.help.end(), [&](const HelpEntry& h) { return h.id == id; });
    return it == b.help.end() ? nullptr : &*it;
}

std::vector<std::string> help_ids(const ContentBundle& b) {
    std::vector<std::string> out;
    for (const auto& h : b.help) {
        out.push_back(h.id);
    }
    return out;
}

std::vector<std::string> yswd_ids(const ContentBundle& b) {
    std::vector<std::string> out;
    for (const auto& y : b.you_said_we_did) {
        out.push_back(y.id);
    }
    return out;
}

// The editor fields for the sample's Samaritans entry, as a browser posts them.
std::vector<std::pair<std::string, std::string>> samaritans_fields(const std::string& csrf) {
    return {{"csrf", csrf},
            {"name", "Samaritans"},
            {"what", "Someone to talk to, whatever you're going through. Free to call."},
            {"hours", "24 hours, every day"},
            {"phone", "116 123"},
            {"url", "https://www.samaritans.org"}};
}

bool is_sign_in_redirect(const HttpResponse& r) {
    return r.status == 303 && r.header("Location") == "/login";
}

} // namespace

TEST_CASE("help and you-said pages are for staff and admins only", "[web][help][roles]") {
    const HelpServer s;
    const std::vector<std::string> pages = {"/help",
                                            "/help/new",
                                            "/help/samaritans",
                                            "/help/samaritans/delete",
                                            "/help/samaritans/translations?lang=pl",
                                            "/you-said-we-did",
                                            "/you-said-we-did/new",
                                            "/you-said-we-did/showers",
                                            "/you-said-we-did/showers/delete",
                                            "/you-said-we-did/showers/translations?lang=ar"};
    for (const auto* person : {&s.admin, &s.staff, &s.coordinator, &s.board}) {
        WebClient c = s.signed_in(*person);
        const bool allowed = person == &s.admin || person == &s.staff;
        // The nav offers the pages to the roles that may open them.
        CHECK((c.get("/").body.find("href=\"/help\"") != std::string::npos) == allowed);
        for (const auto& page : pages) {
            INFO(person->name << " GET " << page);
            CHECK(c.get(page).status == (allowed ? 200 : 403));
        }
        // A valid token does not help a role without the right.
        const auto move =
            c.post("/help/move",
                   {{"csrf", c.session_csrf()}, {"id", "samaritans"}, {"direction", "down"}});
        INFO(person->name << " POST /help/move");
        CHECK(move.status == (allowed ? 303 : 403));
    }
    WebClient stranger(s.port());
    for (const auto& page : pages) {
        INFO("signed out GET " << page);
        CHECK(is_sign_in_redirect(stranger.get(page)));
    }
    CHECK(stranger.post("/help/samaritans", samaritans_fields("x")).status == 403);
}

TEST_CASE("a help edit without the right CSRF token changes nothing", "[web][help][csrf]") {
    const HelpServer s;
    auto staff = s.signed_in(s.staff);
    const std::string before = s.etag(s.day_centre);
    auto fields = samaritans_fields("");
    fields[4].second = "0800 000 0000";
    CHECK(staff.post("/help/samaritans", fields).status == 403);
    fields[0].second = staff.session_csrf() + "x";
    CHECK(staff.post("/help/samaritans", fields).status == 403);
    CHECK(staff.post("/help/samaritans/delete", {{"csrf", "wrong"}, {"confirm", "yes"}}).status ==
          403);
    CHECK(s.etag(s.day_centre) == before);
    CHECK(find_help(s.bundle(s.day_centre), "samaritans")->phone == "116 123");
}

TEST_CASE("a phone number that would not dial is refused naming the field, nothing saved",
          "[web][help]") {
    const HelpServer s;
    auto staff = s.signed_in(s.staff);
    const std::string before = s.etag(s.day_centre);
    auto fields = samaritans_fields(staff.session_csrf());
    const std::string bad = GENERATE(as<std::string>{}, "call us", "116 123 (free)", "12");
    fields[4].second = bad;
    const auto r = staff.post("/help/samaritans", fields);
    INFO(bad);
    CHECK(r.status == 400);
    CHECK(r.body.find("Phone number: this would not dial") != std::string::npos);
    // The field points at its hint and its error.
    CHECK(r.body.find("aria-describedby=\"phone-hint phone-error\" aria-invalid=\"true\"") !=
          std::string::npos);
    CHECK(r.body.find("href=\"#phone\"") != std::string::npos);
    CHECK(s.etag(s.day_centre) == before);
    CHECK(find_help(s.bundle(s.day_centre), "samaritans")->phone == "116 123");

    SECTION("no phone and no address is refused too") {
        fields[4].second = "";
        fields[5].second = "";
        const auto none = staff.post("/help/samaritans", fields);
        CHECK(none.status == 400);
        CHECK(none.body.find("give a phone number or a web address") != std::string::npos);
    }
    SECTION("an address that is not http(s) is refused naming the address field") {
        fields[4].second = "116 123";
        fields[5].second = "javascript:alert(1)";
        const auto url = staff.post("/help/samaritans", fields);
        CHECK(url.status == 400);
        CHECK(url.body.find("Web address: it must start") != std::string::npos);
        CHECK(s.etag(s.day_centre) == before);
    }
}

TEST_CASE("a help entry saved for one site reaches that site's kiosks only, at once",
          "[web][help]") {
    const HelpServer s;
    auto staff = s.signed_in(s.staff);
    const std::string day_before = s.etag(s.day_centre);
    const std::string library_before = s.etag(s.library);
    REQUIRE(find_help(s.bundle(s.library), "samaritans") != nullptr);

    // The editor offers the known sites as checkboxes.
    const auto page = staff.get("/help/samaritans");
    REQUIRE(page.status == 200);
    CHECK(page.body.find("value=\"day-centre\"") != std::string::npos);
    CHECK(page.body.find("value=\"library\"") != std::string::npos);

    auto fields = samaritans_fields(staff.session_csrf());
    fields[2].second = "Someone to talk to, day or night.";
    fields[4].second = "+44 116 123";
    fields.emplace_back("site-0", "day-centre");
    const auto r = staff.post("/help/samaritans", fields);
    INFO(r.body);
    REQUIRE(r.status == 303);
    CHECK(r.header("Location") == "/help/samaritans?done=saved");

    CHECK(s.etag(s.day_centre) != day_before);
    CHECK(s.etag(s.library) != library_before);
    const auto day = s.bundle(s.day_centre);
    const HelpEntry* h = find_help(day, "samaritans");
    REQUIRE(h != nullptr);
    CHECK(h->what.get("en") == "Someone to talk to, day or night.");
    CHECK(h->phone == "+44 116 123");
    CHECK(h->sites == std::vector<std::string>{"day-centre"});
    // The other languages of a field edited in English are kept.
    CHECK(h->name.has("pl"));
    CHECK(find_help(s.bundle(s.library), "samaritans") == nullptr);
    // Entries for every site are still at both.
    CHECK(find_help(s.bundle(s.library), "emergency") != nullptr);

    SECTION("the save is in the audit log under the person's name") {
        auto admin = s.signed_in(s.admin);
        const auto audit = admin.get("/audit");
        CHECK(audit.body.find("help_save") != std::string::npos);
        CHECK(audit.body.find("samaritans") != std::string::npos);
        CHECK(audit.body.find("sam") != std::string::npos);
    }
}

TEST_CASE("Move up and Move down change the order kiosks show", "[web][help]") {
    const HelpServer s;
    auto admin = s.signed_in(s.admin); // admins edit the directory too
    const auto before = help_ids(s.bundle(s.day_centre));
    REQUIRE(before.at(0) == "emergency");
    REQUIRE(before.at(1) == "samaritans");
    const std::string csrf = admin.session_csrf();

    REQUIRE(admin.post("/help/move", {{"csrf", csrf}, {"id", "samaritans"}, {"direction", "up"}})
                .status == 303);
    auto after = help_ids(s.bundle(s.day_centre));
    CHECK(after.at(0) == "samaritans");
    CHECK(after.at(1) == "emergency");
    CHECK(after.size() == before.size());

    REQUIRE(admin.post("/help/move", {{"csrf", csrf}, {"id", "samaritans"}, {"direction", "down"}})
                .status == 303);
    CHECK(help_ids(s.bundle(s.day_centre)) == before);

    SECTION("the list page has a labelled Move button for each entry, no dragging") {
        const auto list = admin.get("/help");
        CHECK(list.body.find("Move down<span class=\"visually-hidden\"> Samaritans</span>") !=
              std::string::npos);
        CHECK(list.body.find("draggable") == std::string::npos);
    }
    SECTION("you-said items move the same way") {
        REQUIRE(yswd_ids(s.bundle(s.day_centre)) ==
                std::vector<std::string>{"showers", "timetable"});
        REQUIRE(admin
                    .post("/you-said-we-did/move",
                          {{"csrf", csrf}, {"id", "showers"}, {"direction", "down"}})
                    .status == 303);
        CHECK(yswd_ids(s.bundle(s.library)) == std::vector<std::string>{"timetable", "showers"});
    }
}

TEST_CASE("translations are saved per language, beside the English", "[web][help]") {
    const HelpServer s;
    auto staff = s.signed_in(s.staff);
    const auto page = staff.get("/help/samaritans/translations?lang=pl");
    REQUIRE(page.status == 200);
    CHECK(page.body.find("Someone to talk to") != std::string::npos); // the English
    CHECK(page.body.find("%)") != std::string::npos);                 // coverage per language
    // A language the kiosks do not offer has no page.
    CHECK(staff.get("/help/samaritans/translations?lang=de").status == 404);

    const auto before = s.bundle(s.day_centre);
    const std::string before_ar = find_help(before, "samaritans")->what.get("ar");
    const std::string csrf = staff.session_csrf();
    REQUIRE(staff
                .post("/help/samaritans/translations", {{"csrf", csrf},
                                                        {"lang", "pl"},
                                                        {"name", "Samarytanie"},
                                                        {"what", "Rozmowa, zawsze."},
                                                        {"hours", ""}})
                .status == 303);
    const auto after = s.bundle(s.day_centre);
    const HelpEntry* h = find_help(after, "samaritans");
    REQUIRE(h != nullptr);
    CHECK(h->name.get("pl") == "Samarytanie");
    CHECK(h->what.get("pl") == "Rozmowa, zawsze.");
    CHECK_FALSE(h->hours.has("pl")); // emptied: the kiosk shows English
    CHECK(h->what.get("ar") == before_ar);
    // The page now marks the emptied one missing.
    CHECK(staff.get("/help/samaritans/translations?lang=pl").body.find("(missing") !=
          std::string::npos);

    SECTION("you-said items are translated the same way") {
        REQUIRE(
            staff
                .post("/you-said-we-did/showers/translations", {{"csrf", csrf},
                                                                {"lang", "ro"},
                                                                {"you_said", "Dușuri reci"},
                                                                {"we_did", "Am reparat boilerul"}})
                .status == 303);
        const auto b = s.bundle(s.library);
        CHECK(b.you_said_we_did.at(0).you_said.get("ro") == "Dușuri reci");
        CHECK(b.you_said_we_did.at(0).we_did.get("ro") == "Am reparat boilerul");
        CHECK(b.you_said_we_did.at(0).you_said.has("pl"));
    }
}

TEST_CASE("an entry is added, and deleted only after the confirmation", "[web][help]") {
    const HelpServer s;
    auto staff = s.signed_in(s.staff);
    const std::string csrf = staff.session_csrf();
    const auto added = staff.post("/help/new", {{"csrf", csrf},
                                                {"name", "Food Bank (North)"},
                                                {"what", "Free food parcels"},
                                                {"hours", "Tuesdays 10 to 2"},
                                                {"phone", "0115 496 0999"},
                                                {"url", ""},
                                                {"site-0", "library"}});
    INFO(added.body);
    REQUIRE(added.status == 303);
    CHECK(added.header("Location") == "/help/food-bank-north?done=saved");
    const auto library = s.bundle(s.library);
    REQUIRE(find_help(library, "food-bank-north") != nullptr);
    CHECK(help_ids(library).back() == "food-bank-north");
    CHECK(find_help(s.bundle(s.day_centre), "food-bank-north") == nullptr);

    SECTION("Delete shows a confirmation; without the box ticked nothing goes") {
        const auto confirm = staff.get("/help/samaritans/delete");
        REQUIRE(confirm.status == 200);
        CHECK(confirm.body.find("Samaritans") != std::string::npos);
        const std::string etag = s.etag(s.day_centre);
        const auto unticked = staff.post("/help/samaritans/delete", {{"csrf", csrf}});
        CHECK(unticked.status == 400);
        CHECK(unticked.body.find("Nothing was deleted") != std::string::npos);
        CHECK(s.etag(s.day_centre) == etag);
        CHECK(find_help(s.bundle(s.day_centre), "samaritans") != nullptr);

        const auto done =
            staff.post("/help/samaritans/delete", {{"csrf", csrf}, {"confirm", "yes"}});
        REQUIRE(done.status == 303);
        CHECK(find_help(s.bundle(s.day_centre), "samaritans") == nullptr);
        CHECK(staff.get("/help/samaritans").status == 404);
    }
    SECTION("a you-said item is added and deleted the same way") {
        const auto y = staff.post("/you-said-we-did/new",
                                  {{"csrf", csrf}, {"you_said", "More tea"}, {"we_did", ""}});
        CHECK(y.status == 400);
        CHECK(y.body.find("We did: write what was done") != std::string::npos);
        REQUIRE(staff
                    .post("/you-said-we-did/new",
                          {{"csrf", csrf}, {"you_said", "More tea"}, {"we_did", "Tea all day"}})
                    .status == 303);
        CHECK(yswd_ids(s.bundle(s.day_centre)).back() == "more-tea");
        REQUIRE(staff.post("/you-said-we-did/more-tea/delete", {{"csrf", csrf}, {"confirm", "yes"}})
                    .status == 303);
        CHECK(yswd_ids(s.bundle(s.day_centre)) == std::vector<std::string>{"showers", "timetable"});
    }
}
