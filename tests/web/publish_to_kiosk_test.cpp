// The browser end-to-end test of issue 9: a staff member signs in in Debian's
// chromium with password and TOTP, changes a poll question's English wording
// and its Polish translation, and publishes; a headless kiosk enrolled to the
// same server then asks the new question in Polish.
//
// Everything as an operator would set it up, never the sample shortcut: a
// data folder made by `engage-admin init`, a staff user by `add-user` (so the
// second factor is required), the poll and the kiosk languages by `content
// import`, then `serve --test-mode` without --sample. The browser half is
// publish-to-kiosk.mjs; the kiosk half a `--script` whose `words` command
// writes the screen's words as Read aloud would say them. Screenshots of both
// halves go to build/screenshots/web/e2e-*.png.

#include "otpauth_line.hpp"
#include "support/admin_cli.hpp"
#include "support/server_process.hpp"
#include "support/temp_dir.hpp"

#include <boost/json.hpp>
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

using namespace engage::test;
namespace fs = std::filesystem;

namespace {

// Far above what each half takes (seconds) so only a hang trips them, on a
// 2-core machine that may be running other tests at the same time.
constexpr auto browser_timeout = std::chrono::minutes(2);
constexpr auto kiosk_timeout = std::chrono::minutes(2);

const fs::path web_dir = fs::path(ENGAGE_SOURCE_DIR) / "tests" / "web";
const fs::path sample_dir = fs::path(ENGAGE_SOURCE_DIR) / "assets" / "sample";

// What `content import` reads: the sample winter poll, open whatever today
// is, and kiosks that offer English and Polish.
std::string content_document() {
    auto poll = boost::json::parse(read_file(sample_dir / "forms" / "ebe-poll-winter.json"));
    poll.as_object()["opens"] = nullptr;
    poll.as_object()["closes"] = nullptr;
    boost::json::object settings{{"inactivity_seconds", 90},
                                 {"countdown_seconds", 30},
                                 {"languages", boost::json::array{"en", "pl"}}};
    boost::json::object doc{
        {"engage_content", 1}, {"forms", boost::json::array{poll}}, {"settings", settings}};
    return boost::json::serialize(doc);
}

} // namespace

TEST_CASE("a question changed and translated in the browser is asked in Polish by a kiosk",
          "[web][e2e]") {
    REQUIRE(fs::is_directory(web_dir / "node_modules" / "playwright-core"));
    REQUIRE(fs::exists(ENGAGE_CHROMIUM));
    const fs::path shots = ENGAGE_SCREENSHOT_DIR;
    fs::create_directories(shots);
    for (const auto& f : fs::directory_iterator(shots)) {
        // No stale pictures from an earlier run: only this test's own
        // (e2e-NN-* from the browser, e2e-kiosk-*); the other e2e tests write
        // beside it at the same time (e2e-signup*, decision-e2e*).
        const std::string name = f.path().filename().string();
        const bool ours =
            name.starts_with("e2e-kiosk") ||
            (name.size() > 4 && name.starts_with("e2e-") && name[4] >= '0' && name[4] <= '9');
        if (ours && f.is_regular_file()) {
            fs::remove(f.path());
        }
    }

    // [Set up as an operator would]
    TempDir data("engage-web-e2e");
    const std::string dir = data.path().string();
    const std::string passphrase = "coordinators keep this one long and secret 81";
    const auto init = run_admin({"init", "--data", dir}, passphrase + "\n" + passphrase + "\n",
                                std::chrono::minutes(1));
    INFO("init printed:\n" << init.out << init.err);
    REQUIRE(init.exit_code == 0);
    const std::string password = "seven quiet herons over the weir 5tK";
    const auto user = run_admin(
        {"add-user", "--data", dir, "--user", "e2e-staff", "--role", "staff"}, password + "\n");
    INFO("add-user printed:\n" << user.out << user.err);
    REQUIRE(user.exit_code == 0);
    const std::string otpauth = otpauth_line(user.out);
    REQUIRE_FALSE(otpauth.empty()); // staff must have a second factor
    const auto doc = data / "content.json";
    std::ofstream(doc) << content_document();
    const auto imported = run_admin({"content", "import", "--data", dir, doc.string()});
    INFO("content import printed:\n" << imported.out << imported.err);
    REQUIRE(imported.exit_code == 0);

    ServerOptions server_options;
    server_options.sample = false;
    server_options.extra_args = {"--test-mode"};
    ServerProcess server(data.path(), server_options);
    INFO("server printed:\n" << server.output());

    // [The browser] sign in with TOTP, edit, translate, publish.
    const std::string english = "Should the day centre open at 8 am on Saturdays?";
    const std::string polish = "Czy centrum powinno być otwarte od 8 rano w soboty?";
    const auto browser = run_program({ENGAGE_NODE,     (web_dir / "publish-to-kiosk.mjs").string(),
                                      "--base",        server.url(),
                                      "--user",        "e2e-staff",
                                      "--otpauth",     otpauth,
                                      "--form",        "ebe-poll-winter",
                                      "--question",    "0",
                                      "--english",     english,
                                      "--polish",      polish,
                                      "--screenshots", shots.string(),
                                      "--chromium",    ENGAGE_CHROMIUM},
                                     password + "\n", browser_timeout);
    INFO("publish-to-kiosk.mjs printed:\n" << browser.out << browser.err);
    REQUIRE(browser.exit_code == 0);
    CHECK(browser.out.find("published version 2") != std::string::npos);

    // [The kiosk] enrolled with a one-time code, fetches the content, and a
    // visit in Polish opens the poll.
    const auto code = make_enrol_code(data.path(), "Central Library");
    TempDir kiosk("engage-web-e2e-kiosk");
    const auto script = kiosk / "visit.txt";
    std::ofstream(script) << R"(# The first sync enrols and fetches the content (on the attract
# screen, between visits, so it is shown at once).
sync
tap attract.start
tap language.pl
shot e2e-kiosk-1-home
tap home.poll
tap intro.start
shot e2e-kiosk-2-question
words e2e-kiosk-question.txt
quit
)";
    const auto run = run_program({(fs::path(ENGAGE_BIN_DIR) / "engage-kiosk").string(),
                                  "--headless", "--data", (kiosk / "data").string(), "--server",
                                  server.url(), "--enrol", code, "--test-mode", "--script",
                                  script.string(), "--screenshot-dir", shots.string()},
                                 {}, kiosk_timeout);
    INFO("engage-kiosk printed:\n" << run.out << run.err);
    REQUIRE(run.exit_code == 0);
    const auto words = read_file(shots / "e2e-kiosk-question.txt");
    INFO("the kiosk's question screen says:\n" << words);
    CHECK(words.find(polish) != std::string::npos);
    CHECK(words.find("Czy centrum powinno otwierać się wcześniej") == std::string::npos); // old
    CHECK(words.find(english) == std::string::npos); // Polish shown, not the English
    CHECK(fs::exists(shots / "e2e-kiosk-2-question.png"));
}
