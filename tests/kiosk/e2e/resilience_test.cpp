// The kiosk keeps what people sent through crashes and outages: kill -9
// after Send and before sync uploads the item exactly once after restart;
// with the server down for a while, everything arrives once it is back.

#include "e2e/kiosk_process.hpp"
#include "e2e/visit_scripts.hpp"
#include "kiosk/outbox/outbox.hpp"
#include "support/admin_cli.hpp"
#include "support/server_process.hpp"
#include "support/stored_counts.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>
#include <stdexcept>
#include <thread>

using namespace engage::test;
using namespace std::chrono_literals;

namespace {

std::int64_t total_on(const std::filesystem::path& server_data) {
    return stored_counts(server_data).total;
}

std::size_t outbox_depth(const std::filesystem::path& data_dir) {
    std::string error;
    auto outbox = engage::kiosk::Outbox::open(data_dir / "outbox.db", error);
    if (!outbox) {
        throw std::runtime_error("cannot open the outbox: " + error);
    }
    return outbox->depth().value(); // a fault throws, never reads as "empty"
}

// Enrols a kiosk in `data_dir` and lets it fetch content, then it exits.
void enrol(const std::filesystem::path& data_dir, const ServerProcess& server) {
    KioskRun run;
    run.data_dir = data_dir;
    run.server = server.url();
    run.enrol_code = make_enrol_code(server.data_dir(), "hub-north");
    run.script = "sync\nquit\n";
    run.test_mode = true;
    const auto r = run_kiosk(run);
    INFO(r.out << r.err);
    REQUIRE(r.exited_ok());
}

KioskResult sync_once(const std::filesystem::path& data_dir) {
    KioskRun run;
    run.data_dir = data_dir; // server and token come from the enrolment
    run.script = "sync\nquit\n";
    run.test_mode = true;
    return run_kiosk(run);
}

} // namespace

TEST_CASE("kill -9 after Send and before sync: the item is uploaded exactly once",
          "[e2e][kiosk][crash][slow]") {
    TempDir server_dir("engage-e2e-server");
    ServerProcess server(server_dir.path());
    TempDir kiosk_dir("engage-e2e-kiosk");
    const auto data = kiosk_dir / "data";
    enrol(data, server);

    {
        KioskRun run;
        run.data_dir = data;
        // Send, then linger (the upload delay is 30 minutes) until killed.
        run.script = std::string(feedback_visit) + "wait 600000\nquit\n";
        KioskProcess kiosk(run);
        const auto until = std::chrono::steady_clock::now() + 120s;
        while (outbox_depth(data) == 0 && std::chrono::steady_clock::now() < until) {
            std::this_thread::sleep_for(50ms);
        }
        INFO(kiosk.output());
        REQUIRE(outbox_depth(data) == 1);
        kiosk.kill9();
    }
    CHECK(total_on(server_dir.path()) == 0); // nothing went before the kill

    const auto first = sync_once(data);
    INFO(first.out << first.err);
    REQUIRE(first.exited_ok());
    CHECK(total_on(server_dir.path()) == 1);
    CHECK(outbox_depth(data) == 0);

    const auto second = sync_once(data);
    REQUIRE(second.exited_ok());
    CHECK(total_on(server_dir.path()) == 1); // exactly once
}

TEST_CASE("without --test-mode the script's sync is refused and nothing is uploaded",
          "[e2e][kiosk][privacy]") {
    TempDir server_dir("engage-e2e-server");
    ServerProcess server(server_dir.path());
    TempDir kiosk_dir("engage-e2e-kiosk");
    const auto data = kiosk_dir / "data";
    enrol(data, server);
    KioskRun run;
    run.data_dir = data;
    run.script = std::string(feedback_visit) + "sync\nquit\n";
    const auto r = run_kiosk(run);
    INFO(r.out << r.err);
    CHECK_FALSE(r.exited_ok());
    CHECK(r.err.find("--test-mode") != std::string::npos);
    CHECK(outbox_depth(data) == 1); // the answer is kept for the timer
    CHECK(total_on(server_dir.path()) == 0);
}

TEST_CASE("with the server down nothing is lost and all of it arrives once it is back",
          "[e2e][kiosk][slow]") {
    TempDir server_dir("engage-e2e-server");
    TempDir kiosk_dir("engage-e2e-kiosk");
    const auto data = kiosk_dir / "data";
    std::string listen;
    {
        ServerProcess server(server_dir.path());
        listen = "127.0.0.1:" + std::to_string(server.port());
        enrol(data, server);
        server.terminate();
    }
    // Three visits while the server is away; the kiosk works from its cache.
    KioskRun offline;
    offline.data_dir = data;
    offline.script = std::string(feedback_visit) + poll_visit + feedback_visit + "quit\n";
    const auto r = run_kiosk(offline);
    INFO(r.out << r.err);
    REQUIRE(r.exited_ok());
    CHECK(outbox_depth(data) == 3);

    SECTION("a sync while it is down fails plainly and keeps everything") {
        const auto failed = sync_once(data);
        CHECK_FALSE(failed.exited_ok());
        CHECK(outbox_depth(data) == 3);
    }

    ServerOptions back;
    back.listen = listen;
    ServerProcess server(server_dir.path(), back);
    const auto synced = sync_once(data);
    INFO(synced.out << synced.err);
    REQUIRE(synced.exited_ok());
    CHECK(total_on(server_dir.path()) == 3);
    CHECK(outbox_depth(data) == 0);
}

TEST_CASE("engage-kiosk --set-staff-pin stores only the PIN's hash", "[e2e][kiosk]") {
    TempDir kiosk_dir("engage-e2e-kiosk");
    const auto data = kiosk_dir / "data";
    const auto r = run_program(
        {kiosk_binary().string(), "--data", data.string(), "--set-staff-pin"}, "482916\n");
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    const auto conf = read_file(data / "kiosk.conf");
    CHECK(conf.find("staff_pin_hash") != std::string::npos);
    CHECK(conf.find("482916") == std::string::npos);
    CHECK(r.out.find("482916") == std::string::npos);
    CHECK(r.err.find("482916") == std::string::npos);
}
