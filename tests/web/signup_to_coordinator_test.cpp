// The browser end-to-end test of issue 10's sign-ups: a headless kiosk makes
// a peer-mentor sign-up and uploads it; a coordinator signs in in Debian's
// chromium with password and TOTP, unlocks the coordinators' key, opens the
// sign-up, marks it contacted and handled (signup-to-coordinator.mjs, which
// runs axe-core on every sign-up page on the way).
//
// Set up as an operator would: `engage-admin init` locks the key under a real
// passphrase, `add-user --role coordinator` makes the coordinator (so the
// second factor is required), `serve --sample --test-mode` adds the sample
// forms (the peer-mentoring one among them) and lets the kiosk's script sync.
// Screenshots go to build/screenshots/web/e2e-signup-*.png.

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
constexpr auto browser_timeout = std::chrono::minutes(3);
constexpr auto kiosk_timeout = std::chrono::minutes(2);

} // namespace

TEST_CASE("a sign-up made on a kiosk is unlocked, opened and handled by a coordinator in the "
          "browser",
          "[web][e2e][signups]") {
    const fs::path shots = ENGAGE_SCREENSHOT_DIR;
    e2e::prepare(shots, [](const std::string& name) { return name.starts_with("e2e-signup"); });

    // [Set up as an operator would]
    TempDir data("engage-signup-e2e");
    e2e::init_data(data.path());
    const std::string password = "seven quiet herons over the weir 5tK";
    // Coordinators must have a second factor: add_user REQUIREs its otpauth line.
    const std::string otpauth =
        e2e::add_user(data.path(), "e2e-coordinator", "coordinator", password);
    // The sample forms; the key stays the one init made.
    ServerProcess server(data.path(), e2e::server_options(true));
    INFO("server printed:\n" << server.output());

    // [The kiosk] enrols, makes a sign-up and uploads it (`sync` under --test-mode).
    const std::string name = "Zbyszek Unforgettable";
    TempDir kiosk("engage-signup-e2e-kiosk");
    e2e::run_kiosk(server, kiosk / "data",
                   "sync\n"
                   "tap attract.start\n"
                   "language en\n"
                   "tap home.mentoring\n"
                   "tap intro.start\n"
                   "tap answer.want.find-mentor\n"
                   "tap nav.next\n"
                   "type " +
                       name +
                       "\n"
                       "tap nav.next\n"
                       "tap answer.contact.ask-here\n"
                       "tap nav.next\n"
                       "tap nav.skip\n"
                       "tap answer.times.evenings\n"
                       "tap nav.next\n"
                       "tap review.send\n"
                       "shot e2e-signup-kiosk-consent\n"
                       "tap consent.yes\n"
                       "tap thanks.finish\n"
                       "sync\n"
                       "quit\n",
                   make_enrol_code(data.path(), "hub-north"), shots, kiosk_timeout);

    // [The browser] sign in, unlock, open, mark contacted and handled.
    const auto browser = e2e::run_browser(
        "signup-to-coordinator.mjs", server, "e2e-coordinator", otpauth, {"--expect", name},
        {password, std::string(e2e::passphrase)}, shots, browser_timeout);
    INFO("signup-to-coordinator.mjs printed:\n" << browser.out << browser.err);
    REQUIRE(browser.exit_code == 0);
    CHECK(browser.out.find("handled ") != std::string::npos);
    // Nothing the coordinator read went to the server's log.
    CHECK(server.output().find("Zbyszek") == std::string::npos);
}
