// bench-kiosk: how light and quick the real kiosk is (issue 4, Benchmark).
//
//   bench-kiosk [--quick]
//
// [SECTION] set-up: a real server with sample content, a kiosk enrolled to it
// [SECTION] start to first frame   (target < 500 ms)
// [SECTION] idle CPU and PSS on the home screen (targets < 1% of a core, < 80 MB)
// [SECTION] frame time of a busy screen, software renderer (median, p99)
// [SECTION] upload of 10,000 queued submissions once the server is reachable
//
// Figures are printed, never judged: timing is not a pass/fail criterion.
// --quick runs every measurement once and small, for the bench-smoke test.

#include "kiosk_runs.hpp"
#include "proc_stats.hpp"
#include "support/admin_cli.hpp"
#include "support/server_process.hpp"
#include "support/stored_counts.hpp"
#include "support/temp_dir.hpp"
#include "upload_run.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <exception>
#include <iostream>
#include <thread>
#include <vector>

namespace {

using namespace engage;
using namespace std::chrono_literals;

struct Plan {
    int first_frame_runs = 5;
    int idle_seconds = 30;
    int busy_frames = 300;
    std::size_t upload_items = 10'000;
};

double percentile(std::vector<double> v, double p) {
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    const auto index = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
    return v[std::min(index, v.size() - 1)];
}

// The widget ids the kiosk's own scripts use (kiosk/script/README.md).
constexpr const char* kToHome = "tap attract.start\nlanguage en\n";

void first_frame(const Plan& plan, const std::filesystem::path& data_dir) {
    std::vector<double> ms;
    for (int i = 0; i < plan.first_frame_runs; ++i) {
        const auto out = bench::run_to_end({data_dir, "", "", "quit\n", {}, {}}, 60s);
        if (auto v = bench::first_frame_ms(out))
            ms.push_back(*v);
    }
    if (ms.empty()) {
        std::cout << "start to first frame: the kiosk printed no 'first frame after' line\n";
        return;
    }
    std::printf(
        "start to first frame: median %.0f ms, max %.0f ms over %zu runs (target < 500 ms)\n",
        percentile(ms, 0.5), percentile(ms, 1.0), ms.size());
}

void idle(const Plan& plan, const std::filesystem::path& data_dir, const std::string& server) {
    test::TempDir shots("bench-kiosk-shots");
    const std::string script = std::string(kToHome) + "shot home.png\nwait " +
                               std::to_string((plan.idle_seconds + 60) * 1000) + "\nquit\n";
    bench::KioskProcess kiosk({data_dir, server, "", script, shots.path(), {}});
    // The screenshot appears once the home screen has been drawn.
    const auto deadline = std::chrono::steady_clock::now() + 60s;
    while (!std::filesystem::exists(shots / "home.png") && kiosk.running() &&
           std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(100ms);
    }
    if (!std::filesystem::exists(shots / "home.png")) {
        std::cout << "idle: the kiosk never showed the home screen\n"
                  << kiosk.stdout_text() << kiosk.stderr_text();
        return;
    }
    std::this_thread::sleep_for(2s); // let the last frames and the PNG write finish
    const auto before = bench::cpu_seconds(kiosk.pid());
    const auto start = std::chrono::steady_clock::now();
    std::this_thread::sleep_for(std::chrono::seconds(plan.idle_seconds));
    const auto after = bench::cpu_seconds(kiosk.pid());
    const double wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const auto pss = bench::pss_mib(kiosk.pid());
    if (!before || !after || !pss) {
        std::cout << "idle: could not read /proc for the kiosk\n";
        return;
    }
    std::printf("idle on home over %.0f s: CPU %.3f%% of one core (%.3f s used; target < 1%%)\n",
                wall, 100.0 * (*after - *before) / wall, *after - *before);
    std::printf("memory on home: PSS %.1f MiB (target < 80 MB)\n", *pss);
}

void busy_frames(const Plan& plan, const std::filesystem::path& data_dir) {
    test::TempDir stats("bench-kiosk-frames");
    const auto file = stats / "frames.txt";
    // The first feedback question: five faces with words, the top bar,
    // progress and navigation: the busiest screen a person sees.
    const std::string script = std::string(kToHome) +
                               "tap home.feedback\ntap intro.start\nframes " +
                               std::to_string(plan.busy_frames) + "\nquit\n";
    bench::run_to_end({data_dir, "", "", script, {}, file}, 120s);
    auto us = bench::read_frame_stats(file);
    if (us.size() < static_cast<std::size_t>(plan.busy_frames)) {
        std::cout << "busy frames: only " << us.size() << " frame times recorded\n";
        return;
    }
    us.erase(us.begin(), us.end() - plan.busy_frames); // the question screen's frames only
    std::printf(
        "busy screen frame time (software renderer, %zu frames): median %.2f ms, p99 %.2f ms\n",
        us.size(), percentile(us, 0.5) / 1000.0, percentile(us, 0.99) / 1000.0);
}

void upload(const Plan& plan, const test::ServerProcess& server) {
    test::TempDir work("bench-kiosk-upload");
    const auto r = bench::run_upload(server.port(), server.url(), server.data_dir(), work.path(),
                                     plan.upload_items);
    std::printf("outbox fill: %zu items in %.1f s (%.0f durable enqueues/s)\n", r.items,
                r.enqueue_seconds, static_cast<double>(r.items) / r.enqueue_seconds);
    std::printf("upload of %zu queued submissions: %.2f s (%.0f items/s), %zu left in outbox%s%s\n",
                r.items, r.upload_seconds, static_cast<double>(r.uploaded) / r.upload_seconds,
                r.left_in_outbox, r.error.empty() ? "" : ", last error: ", r.error.c_str());
    std::cout << "server now holds " << test::stored_counts(server.data_dir()).total
              << " submissions\n";
}

} // namespace

int main(int argc, char** argv) {
    Plan plan;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--quick") == 0) {
            plan = Plan{1, 3, 30, 200};
        } else {
            std::cerr << "usage: bench-kiosk [--quick]\n";
            return 2;
        }
    }
    try {
        test::TempDir root("bench-kiosk");
        test::ServerProcess server(root / "server");
        const auto data_dir = root / "kiosk";
        // Enrol and cache the sample content, as a kiosk does on its first day.
        bench::run_to_end({data_dir,
                           server.url(),
                           test::make_enrol_code(root / "server", "bench"),
                           "sync\nquit\n",
                           {},
                           {},
                           true},
                          120s);
        std::cout << "bench-kiosk" << (plan.upload_items < 10'000 ? " --quick" : "")
                  << ": engage-kiosk --headless (SDL offscreen, software renderer)\n";
        first_frame(plan, data_dir);
        idle(plan, data_dir, server.url());
        busy_frames(plan, data_dir);
        upload(plan, server);
    } catch (const std::exception& e) {
        std::cerr << "bench-kiosk: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
