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

#include "support/admin_cli.hpp"
#include "support/server_process.hpp"
#include "support/temp_dir.hpp"

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
constexpr auto browser_timeout = std::chrono::minutes(3);
constexpr auto kiosk_timeout = std::chrono::minutes(2);

const fs::path web_dir = fs::path(ENGAGE_SOURCE_DIR) / "tests" / "web";

std::string otpauth_line(const std::string& out) {
    std::istringstream lines(out);
    for (std::string line; std::getline(lines, line);) {
        if (line.rfind("otpauth://totp/", 0) == 0) {
            return line;
        }
    }
    return {};
}

} // namespace

TEST_CASE("a sign-up made on a kiosk is unlocked, opened and handled by a coordinator in the "
          "browser",
          "[web][e2e][signups]") {
    REQUIRE(fs::is_directory(web_dir / "node_modules" / "playwright-core"));
    REQUIRE(fs::exists(ENGAGE_CHROMIUM));
    const fs::path shots = ENGAGE_SCREENSHOT_DIR;
    fs::create_directories(shots);
    for (const auto& f : fs::directory_iterator(shots)) {
        if (f.path().filename().string().starts_with("e2e-signup")) {
            fs::remove_all(f.path()); // no stale pictures from an earlier run
        }
    }

    // [Set up as an operator would]
    TempDir data("engage-signup-e2e");
    const std::string dir = data.path().string();
    const std::string passphrase = "coordinators keep this one long and secret 81";
    const auto init = run_admin({"init", "--data", dir}, passphrase + "\n" + passphrase + "\n",
                                std::chrono::minutes(1));
    INFO("init printed:\n" << init.out << init.err);
    REQUIRE(init.exit_code == 0);
    const std::string password = "seven quiet herons over the weir 5tK";
    const auto user =
        run_admin({"add-user", "--data", dir, "--user", "e2e-coordinator", "--role", "coordinator"},
                  password + "\n");
    INFO("add-user printed:\n" << user.out << user.err);
    REQUIRE(user.exit_code == 0);
    const std::string otpauth = otpauth_line(user.out);
    REQUIRE_FALSE(otpauth.empty()); // coordinators must have a second factor

    ServerOptions server_options;
    server_options.sample = true; // the sample forms; the key stays the one init made
    server_options.extra_args = {"--test-mode"};
    ServerProcess server(data.path(), server_options);
    INFO("server printed:\n" << server.output());

    // [The kiosk] enrols, makes a sign-up and uploads it (`sync` under --test-mode).
    const std::string name = "Zbyszek Unforgettable";
    const auto code = make_enrol_code(data.path(), "hub-north");
    TempDir kiosk("engage-signup-e2e-kiosk");
    const auto script = kiosk / "visit.txt";
    std::ofstream(script) << "sync\n"
                             "tap attract.start\n"
                             "language en\n"
                             "tap home.mentoring\n"
                             "tap intro.start\n"
                             "tap answer.want.find-mentor\n"
                             "tap nav.next\n"
                             "type "
                          << name
                          << "\n"
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
                             "quit\n";
    const auto run = run_program({(fs::path(ENGAGE_BIN_DIR) / "engage-kiosk").string(),
                                  "--headless", "--data", (kiosk / "data").string(), "--server",
                                  server.url(), "--enrol", code, "--test-mode", "--script",
                                  script.string(), "--screenshot-dir", shots.string()},
                                 {}, kiosk_timeout);
    INFO("engage-kiosk printed:\n" << run.out << run.err);
    REQUIRE(run.exit_code == 0);

    // [The browser] sign in, unlock, open, mark contacted and handled.
    const auto browser =
        run_program({ENGAGE_NODE, (web_dir / "signup-to-coordinator.mjs").string(), "--base",
                     server.url(), "--user", "e2e-coordinator", "--otpauth", otpauth, "--expect",
                     name, "--screenshots", shots.string(), "--chromium", ENGAGE_CHROMIUM},
                    password + "\n" + passphrase + "\n", browser_timeout);
    INFO("signup-to-coordinator.mjs printed:\n" << browser.out << browser.err);
    REQUIRE(browser.exit_code == 0);
    CHECK(browser.out.find("handled ") != std::string::npos);
    // Nothing the coordinator read went to the server's log.
    CHECK(server.output().find("Zbyszek") == std::string::npos);
}
