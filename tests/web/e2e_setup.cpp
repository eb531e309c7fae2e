#include "e2e_setup.hpp"

#include "otpauth_line.hpp"

#include <boost/json.hpp>
#include <catch2/catch.hpp>
#include <fstream>

namespace fs = std::filesystem;

namespace engage::test::e2e {

fs::path web_dir() {
    return fs::path(ENGAGE_SOURCE_DIR) / "tests" / "web";
}

void prepare(const fs::path& shots, const std::function<bool(const std::string&)>& ours) {
    REQUIRE(fs::is_directory(web_dir() / "node_modules" / "playwright-core"));
    REQUIRE(fs::exists(ENGAGE_CHROMIUM));
    fs::create_directories(shots);
    for (const auto& f : fs::directory_iterator(shots)) {
        if (ours(f.path().filename().string())) {
            fs::remove_all(f.path());
        }
    }
}

void init_data(const fs::path& data) {
    const std::string line = std::string(passphrase) + "\n";
    // A minute: init hashes the passphrase with argon2id on a busy machine.
    const auto init =
        run_admin({"init", "--data", data.string()}, line + line, std::chrono::minutes(1));
    INFO("init printed:\n" << init.out << init.err);
    REQUIRE(init.exit_code == 0);
}

std::string add_user(const fs::path& data, const std::string& name, const std::string& role,
                     const std::string& password, const std::vector<std::string>& extra) {
    std::vector<std::string> args{"add-user", "--data", data.string(), "--user",
                                  name,       "--role", role};
    args.insert(args.end(), extra.begin(), extra.end());
    const auto user = run_admin(args, password + "\n");
    INFO("add-user printed:\n" << user.out << user.err);
    REQUIRE(user.exit_code == 0);
    std::string otpauth = otpauth_line(user.out);
    REQUIRE_FALSE(otpauth.empty());
    return otpauth;
}

std::string winter_poll_content(const std::vector<std::string>& languages) {
    const fs::path sample_dir = fs::path(ENGAGE_SOURCE_DIR) / "assets" / "sample";
    auto poll = boost::json::parse(read_file(sample_dir / "forms" / "ebe-poll-winter.json"));
    poll.as_object()["opens"] = nullptr;
    poll.as_object()["closes"] = nullptr;
    boost::json::array langs;
    for (const auto& l : languages) {
        langs.emplace_back(l);
    }
    boost::json::object settings{
        {"inactivity_seconds", 90}, {"countdown_seconds", 30}, {"languages", std::move(langs)}};
    boost::json::object doc{
        {"engage_content", 1}, {"forms", boost::json::array{poll}}, {"settings", settings}};
    return boost::json::serialize(doc);
}

void import_content(const fs::path& data, const std::string& document) {
    const auto doc = data / "content.json";
    std::ofstream(doc) << document;
    const auto imported = run_admin({"content", "import", "--data", data.string(), doc.string()});
    INFO("content import printed:\n" << imported.out << imported.err);
    REQUIRE(imported.exit_code == 0);
}

ServerOptions server_options(bool sample) {
    ServerOptions o;
    o.sample = sample;
    o.extra_args = {"--test-mode"};
    return o;
}

CommandResult run_browser(const std::string& script, const ServerProcess& server,
                          const std::string& user, const std::string& otpauth,
                          const std::vector<std::string>& args,
                          const std::vector<std::string>& secrets, const fs::path& shots,
                          std::chrono::milliseconds timeout) {
    std::vector<std::string> argv{ENGAGE_NODE,     (web_dir() / script).string(),
                                  "--base",        server.url(),
                                  "--user",        user,
                                  "--otpauth",     otpauth,
                                  "--screenshots", shots.string(),
                                  "--chromium",    ENGAGE_CHROMIUM};
    argv.insert(argv.end(), args.begin(), args.end());
    std::string stdin_text;
    for (const auto& s : secrets) {
        stdin_text += s + "\n";
    }
    return run_program(argv, stdin_text, timeout);
}

void run_kiosk(const ServerProcess& server, const fs::path& kiosk_data, const std::string& script,
               const std::string& enrol_code, const fs::path& shots,
               std::chrono::milliseconds timeout) {
    const fs::path file =
        kiosk_data.parent_path() / (kiosk_data.filename().string() + "-script.txt");
    std::ofstream(file) << script;
    std::vector<std::string> argv{(fs::path(ENGAGE_BIN_DIR) / "engage-kiosk").string(),
                                  "--headless",
                                  "--data",
                                  kiosk_data.string(),
                                  "--server",
                                  server.url(),
                                  "--test-mode",
                                  "--script",
                                  file.string(),
                                  "--screenshot-dir",
                                  shots.string()};
    if (!enrol_code.empty()) {
        argv.insert(argv.end(), {"--enrol", enrol_code});
    }
    const auto run = run_program(argv, {}, timeout);
    INFO("engage-kiosk printed:\n" << run.out << run.err);
    REQUIRE(run.exit_code == 0);
}

} // namespace engage::test::e2e
