#include "kiosk/platform/service_notifier.hpp"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <string>
#include <string_view>
#include <systemd/sd-daemon.h>
#include <unistd.h>

namespace engage::kiosk {

namespace {

// Reads a decimal environment variable; false when absent or not a number.
bool env_number(const char* name, std::uint64_t& out) {
    const char* text = std::getenv(name);
    if (text == nullptr)
        return false;
    const std::string_view s(text);
    const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc{} && p == s.data() + s.size();
}

// WATCHDOG_USEC in microseconds when the watchdog is meant for this process:
// sd_watchdog_enabled() says so (no WATCHDOG_PID, or ours), or WATCHDOG_PID
// is our parent's, the compositor the unit starts as its main process.
std::uint64_t watchdog_usec() {
    std::uint64_t usec = 0;
    if (sd_watchdog_enabled(0, &usec) > 0)
        return usec;
    std::uint64_t pid = 0;
    if (env_number("WATCHDOG_PID", pid) && pid == static_cast<std::uint64_t>(getppid()) &&
        env_number("WATCHDOG_USEC", usec))
        return usec;
    return 0;
}

} // namespace

ServiceNotifier::ServiceNotifier() {
    interval_ = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::microseconds(watchdog_usec() / 2));
    last_ping_ = Clock::now();
}

ServiceNotifier::~ServiceNotifier() {
    send("STOPPING=1");
}

void ServiceNotifier::ready() {
    if (ready_sent_)
        return;
    ready_sent_ = true;
    send("READY=1");
    // The first ping with it: the manager's clock starts at READY.
    if (watchdog_enabled()) {
        send("WATCHDOG=1");
        last_ping_ = Clock::now();
    }
}

int ServiceNotifier::sleep_ms(int timeout_ms) const {
    if (!watchdog_enabled())
        return timeout_ms;
    const auto due = last_ping_ + interval_ - Clock::now();
    const auto left =
        std::max<std::int64_t>(0, std::chrono::ceil<std::chrono::milliseconds>(due).count());
    if (timeout_ms < 0 || left < timeout_ms)
        return static_cast<int>(left);
    return timeout_ms;
}

void ServiceNotifier::alive() {
    if (!watchdog_enabled())
        return;
    const auto now = Clock::now();
    if (now - last_ping_ < interval_)
        return;
    send("WATCHDOG=1");
    last_ping_ = now;
}

void ServiceNotifier::status(std::string_view text) {
    send(("STATUS=" + std::string(text)).c_str());
}

void ServiceNotifier::send(const char* message) {
    // 0: keep NOTIFY_SOCKET for the later messages. A failed send is not the
    // kiosk's problem to solve: the manager notices the missing pings.
    (void)sd_notify(0, message);
}

} // namespace engage::kiosk
