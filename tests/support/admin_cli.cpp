#include "support/admin_cli.hpp"

#include "support/child_process.hpp"
#include "support/temp_dir.hpp"

#include <boost/json/parse.hpp>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <stdexcept>

namespace engage::test {

std::filesystem::path admin_binary() {
    if (const char* env = std::getenv("ENGAGE_ADMIN_BIN"); env != nullptr && *env != '\0') {
        return env;
    }
    return std::filesystem::path(ENGAGE_SUPPORT_BIN_DIR) / "engage-admin";
}

std::string read_file(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

CommandResult run_admin(const std::vector<std::string>& args, std::string_view stdin_text,
                        std::chrono::milliseconds timeout) {
    std::vector<std::string> argv{admin_binary().string()};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_program(argv, stdin_text, timeout);
}

CommandResult run_program(const std::vector<std::string>& argv, std::string_view stdin_text,
                          std::chrono::milliseconds timeout) {
    TempDir io_dir("engage-cli");
    const auto in_file = io_dir / "stdin";
    {
        std::ofstream in(in_file, std::ios::binary);
        in.write(stdin_text.data(), static_cast<std::streamsize>(stdin_text.size()));
    }
    ChildProcess child(argv, ChildIo{in_file, io_dir / "stdout", io_dir / "stderr"});
    auto status = child.wait_for(timeout);
    if (!status) {
        status = child.kill_and_wait();
    }
    CommandResult result;
    result.exit_code = status->exited ? status->code : -1;
    result.out = read_file(io_dir / "stdout");
    result.err = read_file(io_dir / "stderr");
    return result;
}

std::string make_enrol_code(const std::filesystem::path& data_dir, std::string_view site,
                            const std::vector<std::string>& extra) {
    std::vector<std::string> args{"enrol-code", "--data", data_dir.string(), "--site",
                                  std::string(site)};
    args.insert(args.end(), extra.begin(), extra.end());
    const auto r = run_admin(args);
    if (r.exit_code != 0) {
        throw std::runtime_error("enrol-code exited " + std::to_string(r.exit_code) + ": " + r.err);
    }
    std::string code = r.out;
    if (code.empty() || code.back() != '\n') {
        throw std::runtime_error("enrol-code did not print one line: [" + r.out + "]");
    }
    code.pop_back();
    if (code.empty() || code.find('\n') != std::string::npos) {
        throw std::runtime_error("enrol-code did not print exactly one line: [" + r.out + "]");
    }
    return code;
}

boost::json::object admin_status(const std::filesystem::path& data_dir) {
    const auto r = run_admin({"status", "--data", data_dir.string(), "--json"});
    if (r.exit_code != 0) {
        throw std::runtime_error("status --json exited " + std::to_string(r.exit_code) + ": " +
                                 r.err);
    }
    boost::system::error_code ec;
    auto v = boost::json::parse(r.out, ec);
    if (ec || !v.is_object()) {
        throw std::runtime_error("status --json printed no JSON object: [" + r.out + "]");
    }
    return std::move(v.as_object());
}

} // namespace engage::test
