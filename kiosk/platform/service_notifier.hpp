#pragma once
// Tells the service manager how the kiosk is doing, through sd_notify(3)
// (issue 13): READY=1 once the first frame is on screen, WATCHDOG=1 from the
// main loop so a hung loop is restarted, STOPPING=1 when the owner goes away.
// Outside systemd (no NOTIFY_SOCKET) every call does nothing.
//
// Under cage the unit's main process is cage, not the kiosk: systemd sets
// WATCHDOG_PID to cage's pid, which sd_watchdog_enabled() reads as "not for
// you". The kiosk honours a watchdog meant for its parent (the compositor
// that runs it), and the unit says NotifyAccess=all so systemd takes the
// messages from a process other than the main one.
//
// Not thread-safe: the UI thread's only (the loop it watches).

#include <chrono>
#include <cstdint>
#include <string_view>

namespace engage::kiosk {

class ServiceNotifier {
public:
    // Reads NOTIFY_SOCKET, WATCHDOG_USEC and WATCHDOG_PID from the environment.
    ServiceNotifier();
    // STOPPING=1: a clean exit, so the manager does not take the silence for a hang.
    ~ServiceNotifier();
    ServiceNotifier(const ServiceNotifier&) = delete;
    ServiceNotifier& operator=(const ServiceNotifier&) = delete;

    // True when the manager expects WATCHDOG=1 pings.
    bool watchdog_enabled() const { return interval_.count() > 0; }
    // Half of WATCHDOG_USEC: the manager's own advice (sd_watchdog_enabled(3)).
    std::chrono::milliseconds ping_interval() const { return interval_; }

    // READY=1 (once; later calls do nothing), after the first frame was drawn.
    void ready();
    // [Before sleeping] `timeout_ms` (-1: until an event) shortened so the loop
    // wakes when the next ping is due.
    int sleep_ms(int timeout_ms) const;
    // [After waking] WATCHDOG=1 if half the watchdog time passed since the last.
    void alive();
    // STATUS=text, shown by `systemctl status`.
    void status(std::string_view text);

private:
    using Clock = std::chrono::steady_clock;
    void send(const char* message);
    std::chrono::milliseconds interval_{0};
    Clock::time_point last_ping_{};
    bool ready_sent_ = false;
};

} // namespace engage::kiosk
