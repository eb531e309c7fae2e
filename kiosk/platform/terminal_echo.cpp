#include "kiosk/platform/terminal_echo.hpp"

#include <termios.h>
#include <unistd.h>

namespace engage::kiosk {

struct TerminalEchoOff::Saved {
    termios settings{};
};

TerminalEchoOff::TerminalEchoOff(int fd) : fd_(fd) {
    if (::isatty(fd_) != 1)
        return;
    auto saved = std::make_unique<Saved>();
    if (::tcgetattr(fd_, &saved->settings) != 0)
        return;
    termios quiet = saved->settings;
    // No echo, but keep the newline echo off too: the caller prints its own.
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO | ECHONL);
    if (::tcsetattr(fd_, TCSAFLUSH, &quiet) != 0)
        return;
    saved_ = std::move(saved);
}

TerminalEchoOff::~TerminalEchoOff() {
    if (saved_)
        ::tcsetattr(fd_, TCSAFLUSH, &saved_->settings); // nothing more to do if this fails
}

} // namespace engage::kiosk
