// engage-admin coordinator-key --data DIR
//
// Changes the passphrase that locks the coordinators' secret key. The first
// passphrase is random and left in DIR/coordinator-passphrase.txt at
// database creation; this command unlocks with it (or asks for the current
// one), asks for the new one twice, re-locks and deletes that file.
#include "cli/commands.hpp"
#include "cli/data_dir.hpp"
#include "engage/sealing.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <termios.h>
#include <unistd.h>

namespace engage::cli {
namespace {

// Long enough to resist guessing against a stolen database even with
// argon2id in front of it.
constexpr std::size_t min_passphrase_chars = 10;

// Reads one line; from a terminal without echo, after `prompt` on stderr.
std::optional<std::string> read_secret_line(const char* prompt) {
    const bool tty = ::isatty(STDIN_FILENO) == 1;
    termios saved{};
    if (tty) {
        std::fputs(prompt, stderr);
        std::fflush(stderr);
        ::tcgetattr(STDIN_FILENO, &saved);
        termios quiet = saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    std::string line;
    const bool ok = static_cast<bool>(std::getline(std::cin, line));
    if (tty) {
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
        std::fputs("\n", stderr);
    }
    if (!ok) {
        return std::nullopt;
    }
    if (!line.empty() && line.back() == '\r') {
        line.pop_back();
    }
    return line;
}

} // namespace

int coordinator_key(const Args& args) {
    std::string error;
    const auto options = parse_options(args, {{"data"}, {}}, error);
    if (!options) {
        std::fprintf(stderr, "engage-admin coordinator-key: %s\n", error.c_str());
        return exit_usage;
    }
    auto store = open_data_dir(*options);
    if (!store) {
        return options->has("data") ? exit_failure : exit_usage;
    }
    const std::filesystem::path file =
        std::filesystem::path(*options->get("data")) / store::passphrase_file_name;

    std::optional<std::string> current;
    if (std::ifstream in(file); in) {
        std::string line;
        if (std::getline(in, line)) {
            current = line;
        }
    }
    if (!current) {
        current = read_secret_line("Current passphrase: ");
    }
    const std::string locked = store->coordinator_locked_key();
    const auto secret = current ? unlock_secret_key(locked, *current) : std::nullopt;
    if (!secret) {
        std::fputs("engage-admin coordinator-key: the current passphrase is wrong\n", stderr);
        return exit_failure;
    }
    const auto first = read_secret_line("New passphrase: ");
    const auto second = read_secret_line("New passphrase again: ");
    if (!first || !second) {
        std::fputs("engage-admin coordinator-key: the new passphrase was not given twice\n",
                   stderr);
        return exit_usage;
    }
    if (*first != *second) {
        std::fputs("engage-admin coordinator-key: the two passphrases differ; nothing changed\n",
                   stderr);
        return exit_usage;
    }
    if (first->size() < min_passphrase_chars) {
        std::fprintf(stderr,
                     "engage-admin coordinator-key: use at least %zu characters; nothing "
                     "changed\n",
                     min_passphrase_chars);
        return exit_usage;
    }
    try {
        store->set_coordinator_locked_key(lock_secret_key(*secret, *first));
    } catch (const std::exception& e) {
        std::fprintf(stderr, "engage-admin coordinator-key: %s\n", e.what());
        return exit_failure;
    }
    std::error_code ec;
    std::filesystem::remove(file, ec);
    std::puts("The coordinators' key passphrase is changed.");
    return 0;
}

} // namespace engage::cli
