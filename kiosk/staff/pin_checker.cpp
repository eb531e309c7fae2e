#include "kiosk/staff/pin_checker.hpp"

#include "engage/sealing.hpp"
#include "kiosk/flow/signup_sealing.hpp"

namespace engage::kiosk {

StaffPinChecker::StaffPinChecker(std::function<void()> wake, Verify verify)
    : wake_(std::move(wake)), verify_(std::move(verify)) {
    if (!verify_)
        verify_ = [](std::string_view hash, std::string_view pin) {
            return verify_password(hash, pin);
        };
    worker_ = std::thread([this] { run(); });
}

StaffPinChecker::~StaffPinChecker() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    cv_.notify_all();
    worker_.join();
    wipe_string(pin_);
}

bool StaffPinChecker::check(std::string pin, std::string hash) {
    {
        std::lock_guard lock(mutex_);
        if (!pending_) {
            pending_ = true;
            result_.reset();
            pin_ = std::move(pin);
            hash_ = std::move(hash);
            cv_.notify_all();
            return true;
        }
    }
    wipe_string(pin);
    return false;
}

std::optional<bool> StaffPinChecker::take_result() {
    std::lock_guard lock(mutex_);
    return std::exchange(result_, std::nullopt);
}

bool StaffPinChecker::busy() const {
    std::lock_guard lock(mutex_);
    return pending_;
}

void StaffPinChecker::run() {
    std::unique_lock lock(mutex_);
    while (true) {
        cv_.wait(lock, [this] { return stopping_ || pending_; });
        if (stopping_)
            return;
        std::string pin = std::move(pin_);
        std::string hash = std::move(hash_);
        lock.unlock();
        const bool right = verify_(hash, pin);
        wipe_string(pin);
        lock.lock();
        result_ = right;
        pending_ = false;
        if (wake_) {
            lock.unlock();
            wake_();
            lock.lock();
        }
    }
}

} // namespace engage::kiosk
