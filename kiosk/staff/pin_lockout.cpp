#include "kiosk/staff/pin_lockout.hpp"

#include "kiosk/config/data_dir.hpp"

#include <algorithm>
#include <charconv>
#include <sstream>

namespace engage::kiosk {
namespace {

constexpr const char* kFileName = "staff-pin-lockout";

bool parse_i64(std::string_view s, std::int64_t& out) {
    const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc{} && p == s.data() + s.size();
}

} // namespace

std::int64_t StaffPinLockout::lock_seconds_after(int failures) {
    if (failures <= kFreeAttempts)
        return 0;
    std::int64_t s = kFirstLockSeconds;
    for (int i = kFreeAttempts + 1; i < failures && s < kMaxLockSeconds; ++i)
        s *= 2;
    return std::min(s, kMaxLockSeconds);
}

StaffPinLockout::StaffPinLockout(std::filesystem::path data_dir, std::int64_t now_s)
    : file_(std::move(data_dir) / kFileName) {
    std::error_code ec;
    if (!std::filesystem::exists(file_, ec) && !ec)
        return; // never a wrong PIN (or never since the last right one)
    const auto text = read_file(file_);
    // "format 1\nfailures N\nlocked_until S\n"
    bool ok = false;
    if (text) {
        std::istringstream in(*text);
        std::string k1, v1, k2, v2, k3, v3;
        std::int64_t format = 0, failures = 0, until = 0;
        ok = static_cast<bool>(in >> k1 >> v1 >> k2 >> v2 >> k3 >> v3) && k1 == "format" &&
             parse_i64(v1, format) && format == kFormat && k2 == "failures" &&
             parse_i64(v2, failures) && failures >= 0 && failures < 1'000'000 &&
             k3 == "locked_until" && parse_i64(v3, until) && until >= 0;
        if (ok) {
            failures_ = static_cast<int>(failures);
            locked_until_s_ = until;
        }
    }
    if (!ok) {
        failures_ = kFreeAttempts;
        locked_until_s_ = now_s + kMaxLockSeconds;
    }
    // A clock set backwards (or a file from the future) never locks longer than the maximum.
    locked_until_s_ = std::min(locked_until_s_, now_s + kMaxLockSeconds);
}

bool StaffPinLockout::locked(std::int64_t now_s) const {
    return now_s < locked_until_s_;
}

bool StaffPinLockout::record(bool right, std::int64_t now_s, std::string& error) {
    if (right) {
        failures_ = 0;
        locked_until_s_ = 0;
    } else {
        failures_ = std::min(failures_ + 1, 1'000'000 - 1);
        if (const auto lock = lock_seconds_after(failures_); lock > 0)
            locked_until_s_ = now_s + lock;
    }
    const std::string text = "format " + std::to_string(kFormat) + "\nfailures " +
                             std::to_string(failures_) + "\nlocked_until " +
                             std::to_string(locked_until_s_) + "\n";
    return write_file_atomically(file_, text, 0600, error);
}

} // namespace engage::kiosk
