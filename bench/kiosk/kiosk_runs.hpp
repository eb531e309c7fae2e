#pragma once
// Starting the real engage-kiosk, headless, with a script, and reading what it
// reports: the measurements of bench-kiosk that need the whole program.

#include "support/child_process.hpp"
#include "support/temp_dir.hpp"

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace engage::bench {

// $ENGAGE_KIOSK_BIN if set, else the build's bin/engage-kiosk.
std::filesystem::path kiosk_binary();

struct KioskLaunch {
    std::filesystem::path data_dir;       // --data
    std::string server;                   // --server; "" = offline
    std::string enrol_code;               // --enrol; "" = none
    std::string script;                   // script text (written to a file)
    std::filesystem::path screenshot_dir; // --screenshot-dir; "" = none
    std::filesystem::path frame_stats;    // ENGAGE_FRAME_STATS for the child; "" = none
    bool test_mode = false;               // --test-mode: the script's `sync` needs it
};

// One headless kiosk process. The destructor kills it if it still runs.
// Not thread-safe.
class KioskProcess {
public:
    // Throws std::runtime_error when it cannot start.
    explicit KioskProcess(const KioskLaunch& launch);
    pid_t pid() const { return child_->pid(); }
    bool running() { return child_->running(); }
    // Waits up to `timeout`; nullopt if it still runs (it is then left running).
    std::optional<test::ExitStatus> wait(std::chrono::milliseconds timeout);
    std::string stdout_text() const;
    std::string stderr_text() const;

private:
    test::TempDir io_;
    std::optional<test::ChildProcess> child_;
};

// Runs a launch to its end (killed after `timeout`). Throws std::runtime_error
// with the kiosk's output unless it exits 0.
std::string run_to_end(const KioskLaunch& launch, std::chrono::milliseconds timeout);

// The N from the kiosk's "first frame after N ms" line; nullopt if absent.
std::optional<double> first_frame_ms(const std::string& stdout_text);

// Frame times in microseconds, one a line, as ENGAGE_FRAME_STATS writes them.
std::vector<double> read_frame_stats(const std::filesystem::path& file);

} // namespace engage::bench
