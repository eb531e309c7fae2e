#pragma once
// Wrong staff PINs in a row, kept across restarts in DIR/staff-pin-lockout
// (mode 0600), so pulling the plug does not reset the count. The file holds
// only two numbers: the failures since the last right PIN and the wall-clock
// second until which PIN entry is refused. It is a staff mechanism, not visit
// data, so a wall-clock time is fine here (DESIGN §6 rule 1 is about answers).
//
// Delays grow: the first kFreeAttempts wrong PINs cost nothing; each one
// after that refuses entry for kFirstLockSeconds, doubling per failure, up to
// kMaxLockSeconds. A clock set backwards cannot lengthen a lock past
// kMaxLockSeconds from now.
//
// Not thread-safe: the UI thread's only.

#include <cstdint>
#include <filesystem>
#include <string>

namespace engage::kiosk {

class StaffPinLockout {
public:
    // Wrong PINs allowed before the first lock: enough for a fumbled keypad.
    static constexpr int kFreeAttempts = 4;
    // The first lock: long enough to make guessing a 6-digit PIN hopeless
    // (after a day of trying, well under a hundred guesses).
    static constexpr std::int64_t kFirstLockSeconds = 60;
    // A forgotten PIN must not shut staff out for longer than a day.
    static constexpr std::int64_t kMaxLockSeconds = 24 * 3600;
    // Version of the file's format; a newer one is read as "locked for the maximum".
    static constexpr int kFormat = 1;

    // Reads DIR/staff-pin-lockout when it exists. A file that cannot be read
    // counts as locked for kMaxLockSeconds from `now_s`: refusing staff for a
    // while is safer than opening the door.
    StaffPinLockout(std::filesystem::path data_dir, std::int64_t now_s);

    // True while PIN entry is refused at wall-clock second `now_s`.
    bool locked(std::int64_t now_s) const;
    // Wall-clock second the lock ends (0 when none was ever set).
    std::int64_t locked_until() const { return locked_until_s_; }
    int failures() const { return failures_; }

    // Records a check's answer and writes the file; false + `error` when it
    // could not be written (the count still holds in memory).
    bool record(bool right, std::int64_t now_s, std::string& error);

    // Seconds of lock after the `failures`-th wrong PIN in a row (0: none).
    static std::int64_t lock_seconds_after(int failures);

private:
    std::filesystem::path file_;
    int failures_ = 0;
    std::int64_t locked_until_s_ = 0;
};

} // namespace engage::kiosk
