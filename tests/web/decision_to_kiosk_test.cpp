// The Board-to-kiosk end-to-end test of issue 10: headless kiosks answer a
// poll (six people at one site, two at a small one), a Board member reads
// its results in Debian's chromium, sees the small site's numbers hidden in
// the table and the chart, and records a decision marked as a service
// change from there; the kiosk then shows it on its thank-you screen.
//
// Set up as publish_to_kiosk_test.cpp is, as an operator would: `init`, a
// board member with a second factor by `add-user --totp`, the poll and
// kiosk languages by `content import` (no sample "you said, we did" items,
// so what the thank-you screen shows is the decision), `serve --test-mode`.
// The kiosks answer with today's date; then the web app's test clock moves
// to the first day of next month, so the month is closed and shown. The
// browser half is decision-to-kiosk.mjs; the kiosk halves are `--script`s
// built from the kiosk end-to-end tests' poll visit. Screenshots:
// build/screenshots/web/decision-e2e-*.png and decision-e2e/ (not "e2e-*":
// publish_to_kiosk_test.cpp clears those).

#include "../kiosk/e2e/visit_scripts.hpp"
#include "e2e_setup.hpp"
#include "engage/date.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

using namespace engage::test;
namespace fs = std::filesystem;

namespace {

// Far above what each half takes so only a hang trips them, on a 2-core
// machine that may be running other tests at the same time.
constexpr auto browser_timeout = std::chrono::minutes(4);
constexpr auto kiosk_timeout = std::chrono::minutes(3);

constexpr std::string_view kiosk_site = "Central Library"; // six people answer here
constexpr std::string_view small_site = "Hub North";       // two: fewer than 5
const std::string you_said = "You asked for the day centre to open earlier at weekends.";
const std::string we_did = "From next month it opens at 8 am on Saturdays and Sundays.";

// `people` visits that answer the poll, uploaded at once (test mode's sync).
std::string answering(int people) {
    std::string script = "# The first sync enrols and fetches the content.\nsync\n";
    for (int i = 0; i < people; ++i) {
        script += poll_visit;
    }
    return script + "sync\nquit\n";
}

} // namespace

TEST_CASE("a Board decision recorded in the browser is shown on the kiosk's thank-you screen",
          "[web][e2e][decisions]") {
    const fs::path shots = ENGAGE_SCREENSHOT_DIR;
    e2e::prepare(shots, [](const std::string& name) {
        return name == "decision-e2e" || name.starts_with("decision-e2e-");
    });

    // [Set up as an operator would] (no sample "you said, we did" items, so
    // what the thank-you screen shows is the decision)
    TempDir data("engage-decision-e2e");
    e2e::init_data(data.path());
    const std::string password = "the board meets on thursdays by the river 8Lp";
    const std::string otpauth =
        e2e::add_user(data.path(), "e2e-board", "board", password, {"--totp"});
    e2e::import_content(data.path(), e2e::winter_poll_content({"en"}));
    ServerProcess server(data.path(), e2e::server_options(false));
    INFO("server printed:\n" << server.output());

    // [The kiosks answer the poll]
    TempDir kiosks("engage-decision-e2e-kiosks");
    e2e::run_kiosk(server, kiosks / "library", answering(6),
                   make_enrol_code(data.path(), std::string(kiosk_site)), shots, kiosk_timeout);
    e2e::run_kiosk(server, kiosks / "hub", answering(2),
                   make_enrol_code(data.path(), std::string(small_site)), shots, kiosk_timeout);

    // [The month closes] the web app's clock: the first day of next month.
    const engage::Date today = engage::today_utc();
    const engage::Date first = today.month == 12 ? engage::Date{today.year + 1, 1, 1}
                                                 : engage::Date{today.year, today.month + 1, 1};
    const std::int64_t clock = engage::days_since_epoch(first) * 86400 + 10 * 3600;
    std::ofstream(data / "test-clock") << clock << "\n";

    // [The browser] the Board reads the results and records the decision.
    const auto browser =
        e2e::run_browser("decision-to-kiosk.mjs", server, "e2e-board", otpauth,
                         {"--clock", std::to_string(clock), "--form", "ebe-poll-winter",
                          "--small-site", std::string(small_site), "--kiosk-site",
                          std::string(kiosk_site), "--you-said", you_said, "--we-did", we_did},
                         {password}, shots, browser_timeout);
    INFO("decision-to-kiosk.mjs printed:\n" << browser.out << browser.err);
    REQUIRE(browser.exit_code == 0);
    CHECK(browser.out.find("recorded decision 1") != std::string::npos);

    // [The kiosk] syncs between visits, and the next person's thank-you
    // screen says what the Board did.
    std::string visit = poll_visit;
    visit = visit.substr(0, visit.find("tap thanks.finish"));
    e2e::run_kiosk(server, kiosks / "library",
                   "sync\n" + visit +
                       "shot decision-e2e-kiosk-thank-you\nwords decision-e2e-kiosk-thank-you.txt\n"
                       "quit\n",
                   {}, shots, kiosk_timeout);
    const auto words = read_file(shots / "decision-e2e-kiosk-thank-you.txt");
    INFO("the kiosk's thank-you screen says:\n" << words);
    CHECK(words.find(you_said) != std::string::npos);
    CHECK(words.find(we_did) != std::string::npos);
    CHECK(fs::exists(shots / "decision-e2e-kiosk-thank-you.png"));
}
