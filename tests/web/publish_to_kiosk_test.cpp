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

#include "e2e_setup.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <string>

using namespace engage::test;
namespace fs = std::filesystem;

namespace {

// Far above what each half takes (seconds) so only a hang trips them, on a
// 2-core machine that may be running other tests at the same time.
constexpr auto browser_timeout = std::chrono::minutes(2);
constexpr auto kiosk_timeout = std::chrono::minutes(2);

} // namespace

TEST_CASE("a question changed and translated in the browser is asked in Polish by a kiosk",
          "[web][e2e]") {
    const fs::path shots = ENGAGE_SCREENSHOT_DIR;
    // Only this test's own pictures (e2e-NN-* from the browser, e2e-kiosk-*):
    // the other e2e tests write beside it (e2e-signup*, decision-e2e*).
    e2e::prepare(shots, [](const std::string& name) {
        return name.starts_with("e2e-kiosk") ||
               (name.size() > 4 && name.starts_with("e2e-") && name[4] >= '0' && name[4] <= '9');
    });

    // [Set up as an operator would]
    TempDir data("engage-web-e2e");
    e2e::init_data(data.path());
    const std::string password = "seven quiet herons over the weir 5tK";
    // Staff must have a second factor: add_user REQUIREs its otpauth line.
    const std::string otpauth = e2e::add_user(data.path(), "e2e-staff", "staff", password);
    e2e::import_content(data.path(), e2e::winter_poll_content({"en", "pl"}));
    ServerProcess server(data.path(), e2e::server_options(false));
    INFO("server printed:\n" << server.output());

    // [The browser] sign in with TOTP, edit, translate, publish.
    const std::string english = "Should the day centre open at 8 am on Saturdays?";
    const std::string polish = "Czy centrum powinno być otwarte od 8 rano w soboty?";
    const auto browser = e2e::run_browser(
        "publish-to-kiosk.mjs", server, "e2e-staff", otpauth,
        {"--form", "ebe-poll-winter", "--question", "0", "--english", english, "--polish", polish},
        {password}, shots, browser_timeout);
    INFO("publish-to-kiosk.mjs printed:\n" << browser.out << browser.err);
    REQUIRE(browser.exit_code == 0);
    CHECK(browser.out.find("published version 2") != std::string::npos);

    // [The kiosk] enrolled with a one-time code, fetches the content, and a
    // visit in Polish opens the poll.
    TempDir kiosk("engage-web-e2e-kiosk");
    e2e::run_kiosk(server, kiosk / "data",
                   R"(# The first sync enrols and fetches the content (on the attract
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
)",
                   make_enrol_code(data.path(), "Central Library"), shots, kiosk_timeout);
    const auto words = read_file(shots / "e2e-kiosk-question.txt");
    INFO("the kiosk's question screen says:\n" << words);
    CHECK(words.find(polish) != std::string::npos);
    CHECK(words.find("Czy centrum powinno otwierać się wcześniej") == std::string::npos); // old
    CHECK(words.find(english) == std::string::npos); // Polish shown, not the English
    CHECK(fs::exists(shots / "e2e-kiosk-2-question.png"));
}
