// engage-admin add-user --data DIR --user NAME --role ROLE[,ROLE...] [--totp]
// The password comes from the terminal without echo, or from the first line
// of standard input when that is not a terminal (scripts, tests).
#include "accounts/account_store.hpp"
#include "accounts/new_user.hpp"
#include "accounts/totp.hpp"
#include "api/services.hpp"
#include "cli/commands.hpp"
#include "cli/data_dir.hpp"

#include <cstdio>
#include <iostream>
#include <string>
#include <termios.h>
#include <unistd.h>

namespace engage::cli {
namespace {

// Turns terminal echo off for its lifetime (RAII: echo comes back on every path).
class NoEcho {
public:
    NoEcho() : active_(::tcgetattr(STDIN_FILENO, &saved_) == 0) {
        if (active_) {
            termios quiet = saved_;
            quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
            ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
        }
    }
    NoEcho(const NoEcho&) = delete;
    NoEcho& operator=(const NoEcho&) = delete;
    ~NoEcho() {
        if (active_) {
            ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_);
            std::fputs("\n", stderr);
        }
    }

private:
    termios saved_{};
    bool active_;
};

std::optional<std::string> read_password() {
    std::string first;
    if (::isatty(STDIN_FILENO) == 0) {
        if (!std::getline(std::cin, first)) {
            return std::nullopt;
        }
        if (!first.empty() && first.back() == '\r') {
            first.pop_back();
        }
        return first;
    }
    std::string second;
    {
        std::fputs("Password (at least 12 characters): ", stderr);
        NoEcho quiet;
        if (!std::getline(std::cin, first)) {
            return std::nullopt;
        }
    }
    {
        std::fputs("The same password again: ", stderr);
        NoEcho quiet;
        if (!std::getline(std::cin, second)) {
            return std::nullopt;
        }
    }
    if (first != second) {
        std::fputs("engage-admin add-user: the two passwords differ\n", stderr);
        return std::nullopt;
    }
    return first;
}

} // namespace

int add_user(const Args& args) {
    std::string error;
    const auto options = parse_options(args, {{"data", "store", "user", "role"}, {"totp"}}, error);
    if (!options) {
        std::fprintf(stderr, "engage-admin add-user: %s\n", error.c_str());
        return exit_usage;
    }
    const auto name = options->get("user");
    const auto roles = accounts::Roles::parse(options->get("role").value_or(""));
    if (!name || !roles) {
        std::fputs("engage-admin add-user: --user NAME and --role ROLE[,ROLE...] are required "
                   "(roles: admin, staff, coordinator, board)\n",
                   stderr);
        return exit_usage;
    }
    if (!accounts::valid_user_name(*name)) {
        std::fputs("engage-admin add-user: a user name is 1 to 64 characters: lowercase letters, "
                   "digits, '.', '_', '-' or '@'\n",
                   stderr);
        return exit_usage;
    }
    const auto where = data_location(*options, "add-user");
    if (!where) {
        return options->has("data") ? exit_failure : exit_usage;
    }
    // The store first: it makes or upgrades the schema the accounts live in.
    auto store = open_store(*where, "add-user");
    if (!store) {
        return exit_failure;
    }
    const auto password = read_password();
    if (!password) {
        std::fputs("engage-admin add-user: no password given\n", stderr);
        return exit_usage;
    }
    try {
        auto accounts_store = open_accounts(*where);
        const auto now = api::system_now_unix();
        const auto made = accounts::make_user(
            *accounts_store, {*name, *password, *roles, options->has("totp"), false, {}}, now);
        if (!made.error.empty()) {
            std::fprintf(stderr, "engage-admin add-user: %s\n", made.error.c_str());
            return exit_usage;
        }
        accounts_store->audit(now, "(command line)", "add_user",
                              *name + " as " + roles->to_string());
        std::printf("Added %s with roles %s.\n", name->c_str(), roles->to_string().c_str());
        if (!made.totp_secret.empty()) {
            std::puts("Scan this in an authenticator app (or type the secret):");
            std::printf("%s\n", accounts::otpauth_uri(*name, made.totp_secret).c_str());
        }
        if (!made.recovery_codes.empty()) {
            std::puts("Recovery codes (each works once instead of the app's code; keep them safe, "
                      "they are not shown again):");
        }
        for (const auto& code : made.recovery_codes) {
            std::printf("  %s\n", code.c_str());
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "engage-admin add-user: %s\n", e.what());
        return exit_failure;
    }
    return 0;
}

} // namespace engage::cli
