// The kiosk feeds the service manager's watchdog (issue 13): the real
// engage-kiosk, headless and idle, talks sd_notify to a socket this test
// owns, as systemd would hand it one with Type=notify and WatchdogSec=.
#include "kiosk_app_fixture.hpp"
#include "notify_socket.hpp"
#include "support/child_process.hpp"

#include <catch2/catch.hpp>
#include <csignal>
#include <string>
#include <unistd.h>
#include <vector>

using namespace engage::test;
using namespace std::chrono_literals;

namespace {

// WATCHDOG_USEC for the tests: pings every 150 ms, so a few arrive quickly
// even on a loaded machine, and a stop is plain within a second or two.
constexpr auto watchdog_usec = 300'000;
constexpr auto ping_interval = 150ms;
// Startup (fonts, content, first frame) on a loaded 2-core machine.
constexpr auto startup_limit = 60s;

struct WatchedKiosk {
    std::unique_ptr<KioskData> data = make_kiosk_data();
    NotifySocket socket{data->dir / "notify.sock"};
    std::optional<ChildProcess> kiosk;

    void start(const std::vector<std::string>& env, const std::vector<std::string>& extra = {}) {
        std::vector<std::string> argv{"/usr/bin/env", "-u", "WATCHDOG_PID",
                                      "NOTIFY_SOCKET=" + socket.path().string(),
                                      "WATCHDOG_USEC=" + std::to_string(watchdog_usec)};
        argv.insert(argv.end(), env.begin(), env.end());
        argv.insert(argv.end(), {kiosk_program().string(), "--headless", "--data",
                                 data->dir.path().string(), "--test-mode"});
        argv.insert(argv.end(), extra.begin(), extra.end());
        kiosk.emplace(argv, ChildIo{{}, data->dir / "out.txt", data->dir / "err.txt"});
    }
    // The WATCHDOG=1 messages that arrive within `window` (other messages are skipped).
    int pings_within(std::chrono::milliseconds window) {
        int pings = 0;
        const auto end = std::chrono::steady_clock::now() + window;
        while (true) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                end - std::chrono::steady_clock::now());
            if (left.count() <= 0)
                return pings;
            auto m = socket.receive(left);
            if (m && m->text == "WATCHDOG=1")
                ++pings;
        }
    }
};

} // namespace

TEST_CASE("the kiosk tells the service manager it is ready and pings the watchdog while idle",
          "[kiosk][app][watchdog]") {
    WatchedKiosk w;

    SECTION("READY=1 after the first frame, WATCHDOG=1 again and again, STOPPING=1 on SIGTERM") {
        w.start({});
        const auto ready = w.socket.wait_for("READY=1", startup_limit);
        REQUIRE(ready);
        CHECK(ready->sender == w.kiosk->pid());
        // Idle on the attract screen, nothing to draw: the loop still wakes for each ping.
        for (int i = 0; i < 5; ++i) {
            const auto ping = w.socket.wait_for("WATCHDOG=1", 20 * ping_interval);
            REQUIRE(ping);
            CHECK(ping->sender == w.kiosk->pid());
        }
        REQUIRE(w.kiosk->send_signal(SIGTERM));
        CHECK(w.socket.wait_for("STOPPING=1", 30s));
        const auto status = w.kiosk->wait_for(30s);
        REQUIRE(status);
        CHECK(status->exited);
        CHECK(status->code == 0);
    }

    SECTION("a watchdog set for the parent process (cage as the unit's main pid) is fed") {
        w.start({"WATCHDOG_PID=" + std::to_string(getpid())});
        REQUIRE(w.socket.wait_for("READY=1", startup_limit));
        CHECK(w.socket.wait_for("WATCHDOG=1", 20 * ping_interval));
    }

    SECTION("a watchdog set for some other process is left alone") {
        // pid 1 is neither the kiosk nor its parent here.
        w.start({"WATCHDOG_PID=1"});
        REQUIRE(w.socket.wait_for("READY=1", startup_limit));
        CHECK(w.pings_within(10 * ping_interval) == 0);
        CHECK(w.kiosk->running());
    }
}

TEST_CASE("a hung main loop stops the watchdog pings", "[kiosk][app][watchdog]") {
    WatchedKiosk w;
    // An idle kiosk draws only its first few (settling) frames.
    w.start({}, {"--test-hang-after-frames", "2"});
    REQUIRE(w.socket.wait_for("READY=1", startup_limit));
    // The hook says when it hangs; from then on nothing may ping.
    REQUIRE(w.socket.wait_for("STATUS=main loop hung on purpose (--test-hang-after-frames)",
                              startup_limit));
    CHECK(w.pings_within(10 * ping_interval) == 0);
    CHECK(w.kiosk->running()); // hung, not ended: only the manager's SIGKILL ends it

    SECTION("the hook is refused without --test-mode") {
        const auto r = run_program({kiosk_program().string(), "--headless", "--data",
                                    w.data->dir.path().string(), "--test-hang-after-frames", "5"});
        CHECK(r.exit_code == 2);
        CHECK(r.err.find("--test-hang-after-frames needs --test-mode") != std::string::npos);
    }
}
