// The staff PIN off the UI thread (StaffPinChecker) and the lock-out kept
// across restarts (StaffPinLockout), with real files and a real thread.
#include "kiosk/staff/pin_checker.hpp"
#include "kiosk/staff/pin_lockout.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>
#include <string>
#include <sys/stat.h>
#include <thread>

using namespace engage::kiosk;

namespace {

unsigned mode_of(const std::filesystem::path& p) {
    struct stat st {};
    REQUIRE(::stat(p.c_str(), &st) == 0);
    return st.st_mode & 0777;
}

} // namespace

TEST_CASE("the staff PIN is checked on a worker while the caller goes on", "[kiosk][staff]") {
    // The verify step blocks until the test lets it go: check() must return
    // before the answer exists, so a slow argon2id never holds up drawing.
    std::promise<void> release;
    std::shared_future<void> released = release.get_future().share();
    std::promise<std::thread::id> verified_on;
    std::promise<void> woke;
    std::string seen_pin;
    StaffPinChecker checker([&woke] { woke.set_value(); },
                            [&](std::string_view hash, std::string_view pin) {
                                seen_pin = std::string(pin);
                                verified_on.set_value(std::this_thread::get_id());
                                released.wait();
                                return hash == "h" && pin == "246813";
                            });
    REQUIRE(checker.check("246813", "h"));
    auto on = verified_on.get_future();
    REQUIRE(on.wait_for(std::chrono::seconds(30)) == std::future_status::ready);
    CHECK(on.get() != std::this_thread::get_id());
    CHECK(checker.busy());
    CHECK_FALSE(checker.take_result());        // no answer yet: the UI shows "checking…"
    CHECK_FALSE(checker.check("000000", "h")); // one check at a time

    release.set_value();
    auto w = woke.get_future();
    REQUIRE(w.wait_for(std::chrono::seconds(30)) == std::future_status::ready);
    const auto result = checker.take_result();
    REQUIRE(result);
    CHECK(*result);
    CHECK(seen_pin == "246813");
    CHECK_FALSE(checker.take_result()); // taken once
    CHECK_FALSE(checker.busy());
}

TEST_CASE("the default check is the real argon2id verify", "[kiosk][staff]") {
    std::promise<void> woke;
    StaffPinChecker checker([&woke] { woke.set_value(); });
    REQUIRE(checker.check("246813", "not-a-hash"));
    REQUIRE(woke.get_future().wait_for(std::chrono::seconds(60)) == std::future_status::ready);
    const auto result = checker.take_result();
    REQUIRE(result);
    CHECK_FALSE(*result);
}

TEST_CASE("wrong PINs lock entry for growing times, kept across restarts", "[kiosk][staff]") {
    engage::test::TempDir dir("engage-staff-pin");
    const std::int64_t t0 = 1'800'000'000;
    std::string error;

    SECTION("the first wrong PINs are free, then each locks twice as long as the last") {
        CHECK(StaffPinLockout::lock_seconds_after(StaffPinLockout::kFreeAttempts) == 0);
        CHECK(StaffPinLockout::lock_seconds_after(StaffPinLockout::kFreeAttempts + 1) ==
              StaffPinLockout::kFirstLockSeconds);
        CHECK(StaffPinLockout::lock_seconds_after(StaffPinLockout::kFreeAttempts + 3) ==
              4 * StaffPinLockout::kFirstLockSeconds);
        CHECK(StaffPinLockout::lock_seconds_after(1000) == StaffPinLockout::kMaxLockSeconds);
    }
    SECTION("a restart keeps the count and the lock; a right PIN clears both") {
        {
            StaffPinLockout lockout(dir.path(), t0);
            for (int i = 0; i < StaffPinLockout::kFreeAttempts; ++i) {
                REQUIRE(lockout.record(false, t0, error));
                CHECK_FALSE(lockout.locked(t0));
            }
            REQUIRE(lockout.record(false, t0, error));
            CHECK(lockout.locked(t0));
        }
        const auto file = dir / "staff-pin-lockout";
        CHECK(mode_of(file) == 0600);
        {
            StaffPinLockout again(dir.path(), t0 + 1); // the plug was pulled
            CHECK(again.failures() == StaffPinLockout::kFreeAttempts + 1);
            CHECK(again.locked(t0 + 1));
            CHECK_FALSE(again.locked(t0 + StaffPinLockout::kFirstLockSeconds));
            // The next wrong PIN locks for twice as long.
            const auto later = t0 + StaffPinLockout::kFirstLockSeconds;
            REQUIRE(again.record(false, later, error));
            CHECK(again.locked_until() == later + 2 * StaffPinLockout::kFirstLockSeconds);
            REQUIRE(again.record(true, later, error));
        }
        StaffPinLockout cleared(dir.path(), t0 + 10'000);
        CHECK(cleared.failures() == 0);
        CHECK_FALSE(cleared.locked(t0 + 10'000));
    }
    SECTION("a clock set backwards never locks longer than the maximum") {
        {
            StaffPinLockout lockout(dir.path(), t0);
            for (int i = 0; i < 40; ++i)
                REQUIRE(lockout.record(false, t0, error));
        }
        const std::int64_t earlier = t0 - 365 * 24 * 3600;
        StaffPinLockout after_jump(dir.path(), earlier);
        CHECK(after_jump.locked_until() == earlier + StaffPinLockout::kMaxLockSeconds);
    }
    SECTION("a damaged file locks, rather than opening the door") {
        std::ofstream(dir / "staff-pin-lockout") << "format 1\nfailures many\n";
        StaffPinLockout damaged(dir.path(), t0);
        CHECK(damaged.locked(t0));
        CHECK_FALSE(damaged.locked(t0 + StaffPinLockout::kMaxLockSeconds));
    }
}
