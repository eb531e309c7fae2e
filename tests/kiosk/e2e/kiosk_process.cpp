#include "e2e/kiosk_process.hpp"

#include "support/admin_cli.hpp"

#include <csignal>
#include <cstdlib>
#include <fstream>
#include <stdexcept>

namespace engage::test {

std::filesystem::path kiosk_binary() {
    if (const char* env = std::getenv("ENGAGE_KIOSK_BIN"); env && *env) {
        return env;
    }
    return std::filesystem::path(ENGAGE_BIN_DIR) / "engage-kiosk";
}

KioskProcess::KioskProcess(const KioskRun& run) : io_("engage-kiosk-run") {
    {
        std::ofstream script(io_ / "visit.script");
        script << run.script;
    }
    std::vector<std::string> argv{
        kiosk_binary().string(),        "--data", run.data_dir.string(), "--headless", "--script",
        (io_ / "visit.script").string()};
    if (!run.server.empty()) {
        argv.insert(argv.end(), {"--server", run.server});
    }
    if (!run.enrol_code.empty()) {
        argv.insert(argv.end(), {"--enrol", run.enrol_code});
    }
    if (!run.screenshot_dir.empty()) {
        argv.insert(argv.end(), {"--screenshot-dir", run.screenshot_dir.string(), "--test-mode"});
    }
    if (run.test_mode) {
        argv.emplace_back("--test-mode");
    }
    argv.insert(argv.end(), run.extra.begin(), run.extra.end());
    ChildIo io;
    io.stdout_file = io_ / "stdout";
    io.stderr_file = io_ / "stderr";
    child_.emplace(argv, io);
}

KioskResult KioskProcess::wait(std::chrono::milliseconds timeout) {
    KioskResult r;
    auto st = child_->wait_for(timeout);
    r.status = st ? *st : child_->kill_and_wait();
    r.out = read_file(io_ / "stdout");
    r.err = read_file(io_ / "stderr");
    return r;
}

void KioskProcess::kill9() {
    child_->kill_and_wait();
}

std::string KioskProcess::output() const {
    return read_file(io_ / "stdout") + read_file(io_ / "stderr");
}

KioskResult run_kiosk(const KioskRun& run, std::chrono::milliseconds timeout) {
    KioskProcess p(run);
    return p.wait(timeout);
}

} // namespace engage::test
