#pragma once
// Turns off echo on a terminal for as long as it lives (RAII), so a PIN typed
// for --set-staff-pin is never shown. On a descriptor that is not a terminal
// (a pipe, a file: scripts and tests) it does nothing.
//
// Not thread-safe; one at a time per terminal.

#include <memory>

namespace engage::kiosk {

class TerminalEchoOff {
public:
    explicit TerminalEchoOff(int fd);
    ~TerminalEchoOff(); // restores the terminal's previous settings
    TerminalEchoOff(const TerminalEchoOff&) = delete;
    TerminalEchoOff& operator=(const TerminalEchoOff&) = delete;

    // True when `fd` is a terminal and echo is now off.
    bool active() const { return saved_ != nullptr; }

private:
    struct Saved;
    int fd_;
    std::unique_ptr<Saved> saved_;
};

} // namespace engage::kiosk
