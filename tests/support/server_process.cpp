#include "support/server_process.hpp"

#include "support/admin_cli.hpp"

#include <fstream>
#include <signal.h>
#include <stdexcept>
#include <string_view>
#include <thread>

namespace engage::test {
namespace {

std::vector<std::string> serve_argv(const std::filesystem::path& data_dir,
                                    const ServerOptions& options) {
    if (const auto& database = database_for_new_servers();
        database && !std::filesystem::exists(data_dir / "engage-admin.conf")) {
        std::filesystem::create_directories(data_dir);
        std::ofstream(data_dir / "engage-admin.conf") << "store = " << database() << "\n";
    }
    std::vector<std::string> argv{admin_binary().string(), "serve",    "--data",
                                  data_dir.string(),       "--listen", options.listen};
    if (options.sample) {
        argv.emplace_back("--sample");
    }
    argv.insert(argv.end(), options.extra_args.begin(), options.extra_args.end());
    return argv;
}

// Finds "listening on http[s]://HOST:PORT" at the start of a line in `out`;
// sets url and port when the whole line has arrived.
bool parse_listening(std::string_view out, std::string& url, std::uint16_t& port) {
    constexpr std::string_view marker = "listening on ";
    std::size_t at = 0;
    while ((at = out.find(marker, at)) != std::string_view::npos) {
        if (at != 0 && out[at - 1] != '\n') {
            at += marker.size();
            continue;
        }
        const auto eol = out.find('\n', at);
        if (eol == std::string_view::npos) {
            return false; // the rest of the line is still on its way
        }
        std::string_view line = out.substr(at + marker.size(), eol - at - marker.size());
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        const auto colon = line.rfind(':');
        if (colon == std::string_view::npos || colon + 1 >= line.size()) {
            return false;
        }
        unsigned value = 0;
        for (char c : line.substr(colon + 1)) {
            if (c < '0' || c > '9' || value > 65535) {
                return false;
            }
            value = value * 10 + static_cast<unsigned>(c - '0');
        }
        if (value == 0 || value > 65535) {
            return false;
        }
        url = std::string(line);
        port = static_cast<std::uint16_t>(value);
        return true;
    }
    return false;
}

} // namespace

std::function<std::string()>& database_for_new_servers() {
    static std::function<std::string()> make;
    return make;
}

ServerProcess::ServerProcess(std::filesystem::path data_dir, ServerOptions options)
    : data_dir_(std::move(data_dir)), log_dir_("engage-server-log"),
      child_(serve_argv(data_dir_, options),
             ChildIo{{}, log_dir_ / "stdout", log_dir_ / "stderr"}) {
    const auto deadline = std::chrono::steady_clock::now() + options.start_timeout;
    for (;;) {
        if (parse_listening(read_file(log_dir_ / "stdout"), url_, port_)) {
            return;
        }
        if (!child_.running()) {
            const auto s = child_.status().value_or(ExitStatus{});
            throw std::runtime_error("engage-admin serve ended before listening (exit " +
                                     std::to_string(s.exited ? s.code : -s.signal) +
                                     "); output:\n" + output());
        }
        if (std::chrono::steady_clock::now() >= deadline) {
            child_.kill_and_wait();
            throw std::runtime_error("engage-admin serve printed no listening line in time; "
                                     "output:\n" +
                                     output());
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
}

ExitStatus ServerProcess::terminate(std::chrono::milliseconds timeout) {
    child_.send_signal(SIGTERM);
    if (auto s = child_.wait_for(timeout)) {
        return *s;
    }
    return child_.kill_and_wait();
}

ExitStatus ServerProcess::kill9() {
    return child_.kill_and_wait();
}

std::string ServerProcess::output() const {
    return read_file(log_dir_ / "stdout") + read_file(log_dir_ / "stderr");
}

} // namespace engage::test
