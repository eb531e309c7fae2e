#include "cli/passphrase_prompt.hpp"

#include "engage/coordinator_keyring.hpp"

#include <cstdio>
#include <iostream>
#include <termios.h>
#include <unistd.h>

namespace engage::cli {
namespace {

// Puts the terminal's echo back however the read ends.
class EchoOff {
public:
    EchoOff() {
        if (::tcgetattr(STDIN_FILENO, &saved_) == 0) {
            termios quiet = saved_;
            quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
            active_ = ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
        }
    }
    ~EchoOff() {
        if (active_) {
            ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_);
            std::fputs("\n", stderr); // the Enter the person typed was not echoed
        }
    }
    EchoOff(const EchoOff&) = delete;
    EchoOff& operator=(const EchoOff&) = delete;

private:
    termios saved_{};
    bool active_ = false;
};

} // namespace

bool stdin_is_terminal() {
    return ::isatty(STDIN_FILENO) == 1;
}

std::optional<std::string> read_secret_line(const char* prompt) {
    std::string line;
    bool ok = false;
    if (stdin_is_terminal()) {
        std::fputs(prompt, stderr);
        std::fflush(stderr);
        EchoOff quiet;
        ok = static_cast<bool>(std::getline(std::cin, line));
    } else {
        ok = static_cast<bool>(std::getline(std::cin, line));
    }
    if (!ok) {
        return std::nullopt;
    }
    if (!line.empty() && line.back() == '\r') {
        line.pop_back();
    }
    return line;
}

std::optional<std::string> ask_new_passphrase(const char* command) {
    const auto first = read_secret_line("New coordinators' passphrase: ");
    const auto second = read_secret_line("The same passphrase again: ");
    if (!first || !second) {
        std::fprintf(stderr, "engage-admin %s: the new passphrase was not given twice\n", command);
        return std::nullopt;
    }
    if (*first != *second) {
        std::fprintf(stderr, "engage-admin %s: the two passphrases differ; nothing changed\n",
                     command);
        return std::nullopt;
    }
    if (first->size() < min_passphrase_chars) {
        std::fprintf(stderr, "engage-admin %s: use at least %zu characters; nothing changed\n",
                     command, min_passphrase_chars);
        return std::nullopt;
    }
    return first;
}

} // namespace engage::cli
