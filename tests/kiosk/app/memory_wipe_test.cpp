// The kiosk's memory plays the attacker (issue 8, "The kiosk's memory"): the
// real engage-kiosk, headless and without --test-mode, takes a peer-mentor
// sign-up whose name and phone are a canary, sends it, serves one more visit,
// and then waits; the test reads the child's whole memory through
// /proc/PID/mem (the tests run as root, or as the child's parent with
// ptrace_scope 1) and fails if the canary is anywhere in it.
//
// The script types the canary in pieces, so the script's own text never
// holds it whole, and a control run stopped before Send must find it: the
// scan can fail.
#include "kiosk/outbox/outbox.hpp"
#include "kiosk_app_fixture.hpp"
#include "support/child_process.hpp"
#include "support/memory_scan.hpp"

#include <catch2/catch.hpp>
#include <chrono>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace engage::test;

namespace {

constexpr std::string_view kCanary = "CANARYzq81";

// The canary as UTF-8, as UTF-16LE (ImGui's typed characters) and as
// UTF-32LE (decoded code points): ASCII, so each is the bytes spread out.
std::vector<std::string> canary_forms() {
    std::vector<std::string> forms{std::string(kCanary)};
    for (std::size_t width : {2u, 4u}) {
        std::string wide;
        for (char c : kCanary) {
            wide += c;
            wide.append(width - 1, '\0');
        }
        forms.push_back(wide);
    }
    return forms;
}

// Waits for the kiosk to write `file` (the script's "I am there" signal).
bool wait_for_file(const std::filesystem::path& file, ChildProcess& child) {
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    while (std::chrono::steady_clock::now() < give_up) {
        if (std::filesystem::exists(file))
            return true;
        if (!child.running())
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
}

// The sign-up up to its review screen: the name typed on a physical keyboard,
// the phone on the on-screen keyboard (the phone question opens the number
// pad; its key to the full keyboard, for letters), each in pieces. The name is long
// enough to live on the heap, where freed copies linger, with the canary past
// its first 16 bytes (malloc writes its own pointers there when a block is
// freed); the phone is short enough to live inline in std::string objects.
const std::string kSignupToReview = R"(tap Touch to start
tap English
tap Peer mentoring
tap Start
tap Find a peer mentor
tap Next
type Alexandra Longname CANA
type RYzq81
tap Next
tap Phone or text
tap Next
tap pad.letters
tap key.shift
tap key.c
tap key.shift
tap key.a
tap key.shift
tap key.n
tap key.shift
tap key.a
tap key.shift
tap key.r
tap key.shift
tap key.y
tap key.z
tap key.q
tap key.page.digits
tap key.8
tap key.1
tap Next
tap Evenings
tap Next
expect review.send
)";

struct Run {
    std::unique_ptr<KioskData> data = make_kiosk_data();
    std::filesystem::path ready = data->dir / "ready.json";
    std::unique_ptr<ChildProcess> child;

    explicit Run(const std::string& script_body) {
        const auto script = data->dir / "visit.script";
        std::ofstream(script) << script_body << "dump " << ready.string() << "\nwait 600000\n";
        ChildIo io;
        io.stdout_file = data->dir / "stdout";
        io.stderr_file = data->dir / "stderr";
        child = std::make_unique<ChildProcess>(
            std::vector<std::string>{kiosk_program().string(), "--headless", "--data",
                                     data->dir.path().string(), "--script", script.string()},
            io);
    }
    std::string output() const {
        std::ifstream out(data->dir / "stderr");
        std::stringstream ss;
        ss << out.rdbuf();
        return ss.str();
    }
};

std::string describe(const std::vector<MemoryHit>& hits) {
    std::string out;
    static const char* names[] = {"UTF-8", "UTF-16", "UTF-32"};
    for (const auto& h : hits)
        out += std::string(names[h.needle]) + " in " + h.region + "\n";
    return out;
}

} // namespace

TEST_CASE("a sign-up's typed name and phone are gone from the kiosk's memory after the next "
          "visit",
          "[kiosk][privacy][memory]") {
    const auto forms = canary_forms();

    SECTION("control: before Send the scan finds the canary") {
        Run run(kSignupToReview);
        REQUIRE(wait_for_file(run.ready, *run.child));
        const auto hits = scan_memory(run.child->pid(), forms);
        INFO(run.output());
        CHECK_FALSE(hits.empty());
    }
    SECTION("after Send and one more visit nothing of it is left") {
        Run run(kSignupToReview + R"(tap Send
tap Yes, send it
tap Finish
tap Touch to start
tap English
tap Give feedback
tap Start
tap answer.visit.4
tap Next
tap Sometimes
tap Next
tap Yes
tap Next
tap Skip
tap Skip
tap Skip
tap Skip
tap Skip
tap Skip
tap Skip
tap Skip
expect review.send
tap Send
tap Finish
expect attract.start
)");
        REQUIRE(wait_for_file(run.ready, *run.child));
        const auto hits = scan_memory(run.child->pid(), forms);
        INFO(run.output());
        INFO(describe(hits));
        CHECK(hits.empty());
        run.child->kill_and_wait();
        // Not vacuous: both visits were sent (the sign-up sealed).
        std::string error;
        auto box = engage::kiosk::Outbox::open(run.data->dir / "outbox.db", error);
        REQUIRE(box);
        CHECK(box->depth() == 2);
    }
}
