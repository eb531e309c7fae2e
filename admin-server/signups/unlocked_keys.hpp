#pragma once
// The coordinators' key, unlocked for one web session at a time (issue 10):
// a coordinator types the passphrase on /signups/unlock and the keyring's
// secrets stay in this process's memory for that session only, so they can
// open one sign-up after another without typing it again. The secrets sit in
// UnlockedKeyring's locked memory (sodium_malloc: mlocked, out of core dumps,
// zeroed by sodium_free); they are never logged, never written to disk and
// never used for any session but the one that unlocked them.
//
// They are wiped (the UnlockedKeyring destroyed) when the session signs out,
// when the session ends any other way (expiry, an admin ends it, the user is
// disabled: the web app asks at every request whether each holding session
// still lives), after `idle_seconds` without use, and when this object is
// destroyed (the server stops). The idle wipe runs on the reaper thread, so
// keys go on time even when nobody makes another request.
//
// Thread safety: every method may be called from any thread (one mutex);
// the keys are only ever used inside with_keys(), under that mutex.

#include "engage/coordinator_keyring.hpp"

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

namespace engage::signups {

class UnlockedKeys {
public:
    // 15 minutes without opening or acting on a sign-up: a coordinator
    // working through the list is never interrupted (each action counts),
    // and keys left unlocked on an unattended desk go well before the web
    // session itself would (30 minutes idle, web/web_app.hpp).
    static constexpr std::int64_t idle_seconds = 15 * 60;
    // How often the reaper looks for idle keys: a key is wiped at most this
    // late after its idle time ran out.
    static constexpr std::chrono::milliseconds default_reap_interval = std::chrono::seconds(30);

    // Seconds since the epoch (the web app's clock: the test clock under
    // `serve --test-mode`).
    using Clock = std::function<std::int64_t()>;

    // Whether the web session with this cookie hash still exists.
    using Alive = std::function<bool(std::string_view session)>;

    // Starts the reaper thread, which wipes idle keys every `reap_interval`,
    // and, with `alive`, the keys of sessions that ended: with several
    // servers (issue 12) a session may end on another one (sign-out, an
    // admin ending it) while this one holds its keys.
    explicit UnlockedKeys(Clock clock,
                          std::chrono::milliseconds reap_interval = default_reap_interval,
                          Alive alive = {});
    UnlockedKeys(const UnlockedKeys&) = delete;
    UnlockedKeys& operator=(const UnlockedKeys&) = delete;
    // Stops the reaper and wipes every key held.
    ~UnlockedKeys();

    // Holds `keys` for the session whose cookie hashes to `session`,
    // replacing (and wiping) any it held.
    void hold(const std::string& session, UnlockedKeyring keys, std::int64_t now);
    // Runs `use` with the session's keys and counts it as use (the idle time
    // starts again); false, and `use` not run, when the session holds none
    // (never unlocked, or wiped). Keys idle past idle_seconds at `now` are
    // wiped here rather than used.
    bool with_keys(std::string_view session, std::int64_t now,
                   const std::function<void(UnlockedKeyring&)>& use);
    // True when the session holds keys that are not idle at `now`.
    bool holds(std::string_view session, std::int64_t now);
    // Wipes the session's keys (sign-out, "Lock now").
    void forget(std::string_view session);
    // Wipes every session's keys but `keep`'s (after the passphrase changed
    // or the key was rotated: keys held elsewhere would lock new secrets
    // under the old passphrase).
    void forget_others(std::string_view keep);
    // Wipes keys idle at `now`, and, when `alive` is given, those of every
    // session it says has ended. Returns how many were wiped.
    std::size_t expire(std::int64_t now,
                       const std::function<bool(std::string_view session)>& alive = {});
    // Sessions holding keys (for tests and the metrics of nothing: a count).
    std::size_t held();
    // Wipes everything held; the reaper stops. Idempotent.
    void stop();

private:
    struct Held {
        UnlockedKeyring keys;
        std::int64_t last_used = 0;
    };
    void reap();

    const Clock clock_;
    const std::chrono::milliseconds reap_interval_;
    const Alive alive_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::map<std::string, Held, std::less<>> held_;
    std::thread reaper_;
};

} // namespace engage::signups
