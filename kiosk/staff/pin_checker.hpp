#pragma once
// Checks a staff PIN against its argon2id hash on a worker thread: the hash
// takes a noticeable moment by design, and the UI thread must keep drawing
// ("checking…") meanwhile (issue 7). One check at a time; the PIN's bytes are
// wiped as soon as the check is done.
//
// Thread safety: check(), take_result() and the destructor are for the UI
// thread; the wake callback is called on the worker thread.

#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>

namespace engage::kiosk {

class StaffPinChecker {
public:
    // `verify(hash, pin)` runs on the worker (engage::verify_password by
    // default); `wake` is called there after each result, to wake the UI loop.
    using Verify = std::function<bool(std::string_view hash, std::string_view pin)>;
    explicit StaffPinChecker(std::function<void()> wake, Verify verify = {});
    // Waits for a running check to finish (a few hundred ms at most), then joins.
    ~StaffPinChecker();
    StaffPinChecker(const StaffPinChecker&) = delete;
    StaffPinChecker& operator=(const StaffPinChecker&) = delete;

    // Starts checking `pin`, which is moved in and wiped after the check.
    // False (and `pin` wiped) when a check is already running.
    bool check(std::string pin, std::string hash);
    // The answer of the last check once it is done (true = right), then nullopt.
    std::optional<bool> take_result();
    // True while a check runs.
    bool busy() const;

private:
    void run();

    std::function<void()> wake_;
    Verify verify_;
    mutable std::mutex mutex_;
    std::condition_variable cv_;
    bool stopping_ = false;
    bool pending_ = false; // a PIN waits for (or is in) the worker
    std::string pin_;
    std::string hash_;
    std::optional<bool> result_;
    std::thread worker_; // last: starts after every member it uses exists
};

} // namespace engage::kiosk
