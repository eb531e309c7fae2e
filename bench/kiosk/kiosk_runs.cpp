#include "kiosk_runs.hpp"

#include <cstdlib>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>

namespace engage::bench {
namespace {

std::string slurp(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

// ENGAGE_FRAME_STATS for the child only: posix_spawn passes the current
// environment, and the bench runs no other thread while it starts a kiosk.
class ScopedEnv {
public:
    ScopedEnv(const char* name, const std::filesystem::path& value) : name_(name) {
        if (!value.empty()) {
            setenv(name, value.c_str(), 1);
            set_ = true;
        }
    }
    ~ScopedEnv() {
        if (set_)
            unsetenv(name_);
    }
    ScopedEnv(const ScopedEnv&) = delete;
    ScopedEnv& operator=(const ScopedEnv&) = delete;

private:
    const char* name_;
    bool set_ = false;
};

} // namespace

std::filesystem::path kiosk_binary() {
    if (const char* bin = std::getenv("ENGAGE_KIOSK_BIN"); bin != nullptr && *bin != '\0') {
        return bin;
    }
    return std::filesystem::path(ENGAGE_BENCH_BIN_DIR) / "engage-kiosk";
}

KioskProcess::KioskProcess(const KioskLaunch& launch) : io_("bench-kiosk-io") {
    std::vector<std::string> argv = {kiosk_binary().string(), "--data", launch.data_dir.string(),
                                     "--headless"};
    if (!launch.server.empty())
        argv.insert(argv.end(), {"--server", launch.server});
    if (!launch.enrol_code.empty())
        argv.insert(argv.end(), {"--enrol", launch.enrol_code});
    if (!launch.screenshot_dir.empty()) {
        argv.insert(argv.end(),
                    {"--screenshot-dir", launch.screenshot_dir.string(), "--test-mode"});
    }
    if (launch.test_mode)
        argv.emplace_back("--test-mode");
    if (!launch.script.empty()) {
        std::ofstream(io_ / "script.txt") << launch.script;
        argv.insert(argv.end(), {"--script", (io_ / "script.txt").string()});
    }
    const ScopedEnv stats("ENGAGE_FRAME_STATS", launch.frame_stats);
    child_.emplace(argv, test::ChildIo{{}, io_ / "out.txt", io_ / "err.txt"});
}

std::optional<test::ExitStatus> KioskProcess::wait(std::chrono::milliseconds timeout) {
    return child_->wait_for(timeout);
}

std::string KioskProcess::stdout_text() const {
    return slurp(io_ / "out.txt");
}
std::string KioskProcess::stderr_text() const {
    return slurp(io_ / "err.txt");
}

std::string run_to_end(const KioskLaunch& launch, std::chrono::milliseconds timeout) {
    KioskProcess kiosk(launch);
    const auto status = kiosk.wait(timeout);
    if (!status || !status->exited || status->code != 0) {
        throw std::runtime_error("engage-kiosk did not finish its script cleanly:\n" +
                                 kiosk.stdout_text() + kiosk.stderr_text());
    }
    return kiosk.stdout_text();
}

std::optional<double> first_frame_ms(const std::string& stdout_text) {
    static const std::regex line(R"(first frame after ([0-9.]+) ms)");
    std::smatch m;
    if (!std::regex_search(stdout_text, m, line))
        return std::nullopt;
    return std::stod(m[1].str());
}

std::vector<double> read_frame_stats(const std::filesystem::path& file) {
    std::vector<double> out;
    std::ifstream in(file);
    double us = 0;
    while (in >> us)
        out.push_back(us);
    return out;
}

} // namespace engage::bench
