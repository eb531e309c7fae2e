#pragma once
// The one set-up of the browser end-to-end tests (publish_to_kiosk_test.cpp,
// signup_to_coordinator_test.cpp, decision_to_kiosk_test.cpp), as an
// operator would do it: a data folder made by `engage-admin init`, users by
// `add-user` (so roles that need a second factor get one), content by
// `content import`, `serve --test-mode`; then the browser half (a Node script
// built on e2e-fixture.mjs) and the headless kiosk on a `--script`. Uses
// Catch's REQUIRE: call it from a test case.

#include "support/admin_cli.hpp"
#include "support/server_process.hpp"

#include <chrono>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace engage::test::e2e {

// The passphrase init_data() locks the coordinators' key with.
inline constexpr std::string_view passphrase = "coordinators keep this one long and secret 81";

// tests/web, where the Node scripts are.
std::filesystem::path web_dir();

// REQUIREs the npm packages and Debian's chromium; makes `shots` and removes
// from it what `ours(file name)` claims, so no picture is left from an
// earlier run (the other end-to-end tests write beside it at the same time).
void prepare(const std::filesystem::path& shots,
             const std::function<bool(const std::string&)>& ours);

// `engage-admin init --data DATA` with `passphrase`. REQUIREs exit 0.
void init_data(const std::filesystem::path& data);

// `add-user --data DATA --user NAME --role ROLE` plus `extra` ("--totp"), the
// password on stdin. Returns the `otpauth://` line it printed (REQUIREd:
// every end-to-end user signs in with a second factor).
std::string add_user(const std::filesystem::path& data, const std::string& name,
                     const std::string& role, const std::string& password,
                     const std::vector<std::string>& extra = {});

// The sample winter poll, open whatever today is, with kiosks offering
// `languages`: a document for import_content().
std::string winter_poll_content(const std::vector<std::string>& languages);

// `content import` of `document` (written to DATA/content.json). REQUIREs exit 0.
void import_content(const std::filesystem::path& data, const std::string& document);

// `serve --test-mode`, with --sample when `sample`.
ServerOptions server_options(bool sample);

// `node tests/web/SCRIPT --base URL --user USER --otpauth LINE --screenshots
// SHOTS --chromium …` and `args`, with `secrets` one a line on stdin (never
// on the command line, where `ps` shows them). The caller checks the result.
CommandResult run_browser(const std::string& script, const ServerProcess& server,
                          const std::string& user, const std::string& otpauth,
                          const std::vector<std::string>& args,
                          const std::vector<std::string>& secrets,
                          const std::filesystem::path& shots, std::chrono::milliseconds timeout);

// The headless kiosk with its data in `kiosk_data`, running `script` (the
// text of a --script) against `server`, screenshots to `shots`; enrols with
// `enrol_code` unless it is empty. REQUIREs exit 0.
void run_kiosk(const ServerProcess& server, const std::filesystem::path& kiosk_data,
               const std::string& script, const std::string& enrol_code,
               const std::filesystem::path& shots, std::chrono::milliseconds timeout);

} // namespace engage::test::e2e
