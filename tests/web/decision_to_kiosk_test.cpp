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
#include "engage/date.hpp"
#include "otpauth_line.hpp"
#include "support/admin_cli.hpp"
#include "support/server_process.hpp"
#include "support/temp_dir.hpp"

#include <boost/json.hpp>
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

const fs::path web_dir = fs::path(ENGAGE_SOURCE_DIR) / "tests" / "web";
const fs::path sample_dir = fs::path(ENGAGE_SOURCE_DIR) / "assets" / "sample";

constexpr std::string_view kiosk_site = "Central Library"; // six people answer here
constexpr std::string_view small_site = "Hub North";       // two: fewer than 5
const std::string you_said = "You asked for the day centre to open earlier at weekends.";
const std::string we_did = "From next month it opens at 8 am on Saturdays and Sundays.";

// The sample winter poll open whatever today is; kiosks in English.
std::string content_document() {
    auto poll = boost::json::parse(read_file(sample_dir / "forms" / "ebe-poll-winter.json"));
    poll.as_object()["opens"] = nullptr;
    poll.as_object()["closes"] = nullptr;
    boost::json::object settings{{"inactivity_seconds", 90},
                                 {"countdown_seconds", 30},
                                 {"languages", boost::json::array{"en"}}};
    boost::json::object doc{
        {"engage_content", 1}, {"forms", boost::json::array{poll}}, {"settings", settings}};
    return boost::json::serialize(doc);
}

// Runs the headless kiosk with data in `data` on `script`; REQUIREs exit 0.
void run_kiosk(const ServerProcess& server, const fs::path& data, const std::string& script,
               const std::string& code, const fs::path& shots) {
    const fs::path file = data.parent_path() / (data.filename().string() + "-script.txt");
    std::ofstream(file) << script;
    std::vector<std::string> argv{(fs::path(ENGAGE_BIN_DIR) / "engage-kiosk").string(),
                                  "--headless",
                                  "--data",
                                  data.string(),
                                  "--server",
                                  server.url(),
                                  "--test-mode",
                                  "--script",
                                  file.string(),
                                  "--screenshot-dir",
                                  shots.string()};
    if (!code.empty()) {
        argv.insert(argv.end(), {"--enrol", code});
    }
    const auto run = run_program(argv, {}, kiosk_timeout);
    INFO("engage-kiosk printed:\n" << run.out << run.err);
    REQUIRE(run.exit_code == 0);
}

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
    REQUIRE(fs::is_directory(web_dir / "node_modules" / "playwright-core"));
    REQUIRE(fs::exists(ENGAGE_CHROMIUM));
    const fs::path shots = ENGAGE_SCREENSHOT_DIR;
    fs::create_directories(shots);
    fs::remove_all(shots / "decision-e2e");
    for (const auto& f : fs::directory_iterator(shots)) {
        const std::string name = f.path().filename().string();
        if (name.starts_with("decision-e2e-")) {
            fs::remove(f.path()); // no stale pictures from an earlier run
        }
    }

    // [Set up as an operator would]
    TempDir data("engage-decision-e2e");
    const std::string dir = data.path().string();
    const std::string passphrase = "coordinators keep this one long and secret 81";
    const auto init = run_admin({"init", "--data", dir}, passphrase + "\n" + passphrase + "\n",
                                std::chrono::minutes(1));
    INFO("init printed:\n" << init.out << init.err);
    REQUIRE(init.exit_code == 0);
    const std::string password = "the board meets on thursdays by the river 8Lp";
    const auto user =
        run_admin({"add-user", "--data", dir, "--user", "e2e-board", "--role", "board", "--totp"},
                  password + "\n");
    INFO("add-user printed:\n" << user.out << user.err);
    REQUIRE(user.exit_code == 0);
    const std::string otpauth = otpauth_line(user.out);
    REQUIRE_FALSE(otpauth.empty());
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

    // [The kiosks answer the poll]
    TempDir kiosks("engage-decision-e2e-kiosks");
    run_kiosk(server, kiosks / "library", answering(6),
              make_enrol_code(data.path(), std::string(kiosk_site)), shots);
    run_kiosk(server, kiosks / "hub", answering(2),
              make_enrol_code(data.path(), std::string(small_site)), shots);

    // [The month closes] the web app's clock: the first day of next month.
    const engage::Date today = engage::today_utc();
    const engage::Date first = today.month == 12 ? engage::Date{today.year + 1, 1, 1}
                                                 : engage::Date{today.year, today.month + 1, 1};
    const std::int64_t clock = engage::days_since_epoch(first) * 86400 + 10 * 3600;
    std::ofstream(data / "test-clock") << clock << "\n";

    // [The browser] the Board reads the results and records the decision.
    const auto browser = run_program({ENGAGE_NODE,     (web_dir / "decision-to-kiosk.mjs").string(),
                                      "--base",        server.url(),
                                      "--user",        "e2e-board",
                                      "--otpauth",     otpauth,
                                      "--clock",       std::to_string(clock),
                                      "--form",        "ebe-poll-winter",
                                      "--small-site",  std::string(small_site),
                                      "--kiosk-site",  std::string(kiosk_site),
                                      "--you-said",    you_said,
                                      "--we-did",      we_did,
                                      "--screenshots", shots.string(),
                                      "--chromium",    ENGAGE_CHROMIUM},
                                     password + "\n", browser_timeout);
    INFO("decision-to-kiosk.mjs printed:\n" << browser.out << browser.err);
    REQUIRE(browser.exit_code == 0);
    CHECK(browser.out.find("recorded decision 1") != std::string::npos);

    // [The kiosk] syncs between visits, and the next person's thank-you
    // screen says what the Board did.
    std::string visit = poll_visit;
    visit = visit.substr(0, visit.find("tap thanks.finish"));
    run_kiosk(server, kiosks / "library",
              "sync\n" + visit +
                  "shot decision-e2e-kiosk-thank-you\nwords decision-e2e-kiosk-thank-you.txt\n"
                  "quit\n",
              {}, shots);
    const auto words = read_file(shots / "decision-e2e-kiosk-thank-you.txt");
    INFO("the kiosk's thank-you screen says:\n" << words);
    CHECK(words.find(you_said) != std::string::npos);
    CHECK(words.find(we_did) != std::string::npos);
    CHECK(fs::exists(shots / "decision-e2e-kiosk-thank-you.png"));
}
