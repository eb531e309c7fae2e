#pragma once
// A real `engage-admin serve` on a free loopback port. The constructor returns
// once the server has printed its "listening on http://127.0.0.1:PORT" line;
// the destructor kills it if it still runs, so no test leaves a server behind.
// Not thread-safe (share port() with other threads, not the object).

#include "support/child_process.hpp"
#include "support/temp_dir.hpp"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace engage::test {

struct ServerOptions {
    bool sample = true;                  // pass --sample
    std::string listen = "127.0.0.1:0";  // --listen value
    std::vector<std::string> extra_args; // e.g. {"--read-timeout", "1"}
    // Generous: a cold start creates the database and loads sample content
    // on a loaded 2-core machine.
    std::chrono::milliseconds start_timeout = std::chrono::seconds(30);
};

// The API tests run on both engines (issue 12). When this is set, a new
// server's data folder gets `store = URI` (a fresh database from the
// function) in its engage-admin.conf before the server starts, unless the
// file exists already; every `engage-admin --data DIR` command then uses
// that database too. Set by tests/server/engine_choice.cpp.
std::function<std::string()>& database_for_new_servers();

class ServerProcess {
public:
    // Starts `engage-admin serve --data data_dir --listen ... [--sample] extra...`
    // and waits for its listening line. Throws std::runtime_error (with the
    // server's output) if it exits or stays silent past start_timeout.
    explicit ServerProcess(std::filesystem::path data_dir, ServerOptions options = {});
    ~ServerProcess() = default; // ChildProcess kills and reaps
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;

    std::uint16_t port() const { return port_; }
    const std::filesystem::path& data_dir() const { return data_dir_; }
    // The URL from the listening line, e.g. "http://127.0.0.1:40123".
    const std::string& url() const { return url_; }
    pid_t pid() const { return child_.pid(); }
    bool running() { return child_.running(); }

    // SIGTERM, then waits up to `timeout`; if it has not ended by then it is
    // killed with SIGKILL and the result says so (signal 9).
    ExitStatus terminate(std::chrono::milliseconds timeout = std::chrono::seconds(15));
    // SIGKILL now (a crash), then reaps it.
    ExitStatus kill9();
    // Waits up to `timeout` for the server to end by itself (after a signal
    // the test sent); nullopt while it still runs.
    std::optional<ExitStatus> wait_for(std::chrono::milliseconds timeout) {
        return child_.wait_for(timeout);
    }

    // What the server printed so far on stdout and stderr (for failure messages
    // and for checking that logs hold nothing personal).
    std::string output() const;

private:
    std::filesystem::path data_dir_;
    TempDir log_dir_;
    ChildProcess child_;
    std::uint16_t port_ = 0;
    std::string url_;
};

} // namespace engage::test
