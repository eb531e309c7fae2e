#pragma once
// Runs the real engage-kiosk program headless with a script, the way the
// demo and an operator would, and collects what it printed.

#include "support/child_process.hpp"
#include "support/temp_dir.hpp"

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace engage::test {

// $ENGAGE_KIOSK_BIN if set, else ENGAGE_BIN_DIR/engage-kiosk.
std::filesystem::path kiosk_binary();

struct KioskRun {
    std::filesystem::path data_dir;       // --data
    std::string server;                   // --server (may be empty)
    std::string enrol_code;               // --enrol (may be empty)
    std::string script;                   // the script text (written to a file)
    std::filesystem::path screenshot_dir; // --screenshot-dir (may be empty)
    bool test_mode = false;               // --test-mode: the script's `sync` needs it
    std::vector<std::string> extra;       // more arguments
};

struct KioskResult {
    ExitStatus status;
    std::string out;
    std::string err;
    bool exited_ok() const { return status.exited && status.code == 0; }
};

// A headless kiosk running a script. The destructor kills it if it still runs.
class KioskProcess {
public:
    explicit KioskProcess(const KioskRun& run);
    // Waits for it to end (killing it after `timeout`).
    KioskResult wait(std::chrono::milliseconds timeout = std::chrono::seconds(120));
    // SIGKILL now: a crash or a pulled plug.
    void kill9();
    std::string output() const; // stdout + stderr so far

private:
    TempDir io_;
    std::optional<ChildProcess> child_;
};

// Runs a script to the end and returns how it went.
KioskResult run_kiosk(const KioskRun& run,
                      std::chrono::milliseconds timeout = std::chrono::seconds(120));

} // namespace engage::test
