// A whole visit with the real programs: the server with sample content, a
// headless kiosk enrolled to it, a scripted visit through feedback, a poll
// and a sign-up, then `sync`. The server must hold exactly those
// submissions, and the sign-up only as ciphertext.

#include "e2e/kiosk_process.hpp"
#include "e2e/visit_scripts.hpp"
#include "kiosk/outbox/outbox.hpp"
#include "support/admin_cli.hpp"
#include "support/server_process.hpp"
#include "support/stored_counts.hpp"
#include "support/temp_dir.hpp"

#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>
#include <cstdio>
#include <regex>

using namespace engage::test;

namespace {

std::string db_bytes(const std::filesystem::path& dir) {
    std::string bytes;
    for (const auto& e : std::filesystem::directory_iterator(dir)) {
        if (e.path().filename().string().starts_with("engage.db") ||
            e.path().filename().string().starts_with("outbox.db")) {
            bytes += read_file(e.path());
        }
    }
    return bytes;
}

// Puts `shot <prefix>-NN.png` before every tap, so the test leaves a picture
// of each screen of the visit for a person to look at.
std::string with_shots(std::string_view script, std::string_view prefix) {
    std::string out;
    int n = 0;
    std::size_t pos = 0;
    while (pos < script.size()) {
        auto end = script.find('\n', pos);
        if (end == std::string_view::npos) {
            end = script.size();
        }
        const auto line = script.substr(pos, end - pos);
        if (line.starts_with("tap ")) {
            char name[64];
            std::snprintf(name, sizeof name, "shot %.*s-%02d.png\n",
                          static_cast<int>(prefix.size()), prefix.data(), ++n);
            out += name;
        }
        out += line;
        out += '\n';
        pos = end + 1;
    }
    return out;
}

} // namespace

TEST_CASE("a scripted visit reaches the server as exactly its submissions, the sign-up sealed",
          "[e2e][kiosk][slow]") {
    TempDir server_dir("engage-e2e-server");
    ServerProcess server(server_dir.path());
    TempDir kiosk_dir("engage-e2e-kiosk");
    // Kept after the test (in the build tree) so a person can judge the screens.
    const auto shots =
        std::filesystem::path(ENGAGE_BIN_DIR).parent_path() / "test-shots" / "kiosk-e2e";
    std::filesystem::create_directories(shots);

    KioskRun run;
    run.data_dir = kiosk_dir / "data";
    run.server = server.url();
    run.enrol_code = make_enrol_code(server_dir.path(), "hub-north");
    run.screenshot_dir = shots;
    run.test_mode = true; // `sync`, and screenshots of a visit
    // The first `sync` enrols and fetches the content; the visit needs both.
    run.script = "sync\n" + with_shots(feedback_visit, "feedback") +
                 with_shots(poll_visit, "poll") + with_shots(signup_visit, "signup") +
                 "shot after-visit.png\nsync\nquit\n";
    const auto result = run_kiosk(run);
    INFO(result.out << result.err);
    REQUIRE(result.exited_ok());

    const auto stored = stored_counts(server_dir.path());
    CHECK(stored.total == 3);
    CHECK(stored.of("day-centre-feedback") == 1);
    CHECK(stored.of("ebe-poll-winter") == 1);
    CHECK(stored.sealed == 1);

    // The sign-up's words are nowhere on either side's disk, nor in any log.
    const auto server_bytes = db_bytes(server_dir.path());
    REQUIRE_FALSE(server_bytes.empty());
    CHECK(server_bytes.find("Zbyszek") == std::string::npos);
    CHECK(server_bytes.find("Unforgettable") == std::string::npos);
    CHECK(server_bytes.find("Warm place and kind staff") != std::string::npos); // feedback is plain
    CHECK(db_bytes(run.data_dir).find("Zbyszek") == std::string::npos);
    CHECK(result.out.find("Zbyszek") == std::string::npos);
    CHECK(result.err.find("Zbyszek") == std::string::npos);
    CHECK(server.output().find("Zbyszek") == std::string::npos);

    // Nothing is left waiting on the kiosk, and it never wrote a time of day.
    std::string error;
    auto outbox = engage::kiosk::Outbox::open(run.data_dir / "outbox.db", error);
    REQUIRE(outbox);
    CHECK(outbox->depth() == 0);
    outbox.reset();
    CHECK_FALSE(std::regex_search(db_bytes(run.data_dir), std::regex("[0-2][0-9]:[0-5][0-9]")));
    CHECK(std::filesystem::exists(shots / "after-visit.png"));
    CHECK(std::filesystem::exists(shots / "signup-13.png")); // the consent screen
}
