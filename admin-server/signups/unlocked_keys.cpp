#include "signups/unlocked_keys.hpp"

#include <vector>

namespace engage::signups {

UnlockedKeys::UnlockedKeys(Clock clock, std::chrono::milliseconds reap_interval, Alive alive)
    : clock_(std::move(clock)), reap_interval_(reap_interval), alive_(std::move(alive)),
      reaper_([this] { reap(); }) {}

UnlockedKeys::~UnlockedKeys() {
    stop();
}

void UnlockedKeys::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        held_.clear(); // ~UnlockedKeyring: sodium_free zeroes every secret
        wake_.notify_one();
    }
    if (reaper_.joinable()) {
        reaper_.join();
    }
}

void UnlockedKeys::reap() {
    std::unique_lock lock(mutex_);
    while (!wake_.wait_for(lock, reap_interval_, [this] { return stopping_; })) {
        // The clock may read a file (the test clock): not under the lock.
        lock.unlock();
        const std::int64_t now = clock_();
        lock.lock();
        std::erase_if(held_,
                      [now](const auto& h) { return now - h.second.last_used > idle_seconds; });
        if (alive_ && !held_.empty()) {
            // The store is asked without the lock held: a slow database
            // must not hold up requests that use keys meanwhile.
            std::vector<std::string> sessions;
            for (const auto& [session, h] : held_) {
                sessions.push_back(session);
            }
            lock.unlock();
            std::vector<std::string> ended;
            for (const auto& session : sessions) {
                try {
                    if (!alive_(session)) {
                        ended.push_back(session);
                    }
                } catch (const std::exception&) {
                    ended.push_back(session); // cannot tell: wipe (the passphrase unlocks again)
                }
            }
            lock.lock();
            for (const auto& session : ended) {
                held_.erase(session);
            }
        }
    }
}

void UnlockedKeys::hold(const std::string& session, UnlockedKeyring keys, std::int64_t now) {
    std::lock_guard lock(mutex_);
    if (stopping_) {
        return; // the server is stopping: keys would outlive the reaper
    }
    held_.insert_or_assign(session, Held{std::move(keys), now});
}

bool UnlockedKeys::with_keys(std::string_view session, std::int64_t now,
                             const std::function<void(UnlockedKeyring&)>& use) {
    std::lock_guard lock(mutex_);
    const auto it = held_.find(session);
    if (it == held_.end()) {
        return false;
    }
    if (now - it->second.last_used > idle_seconds) {
        held_.erase(it);
        return false;
    }
    it->second.last_used = now;
    use(it->second.keys);
    return true;
}

bool UnlockedKeys::holds(std::string_view session, std::int64_t now) {
    std::lock_guard lock(mutex_);
    const auto it = held_.find(session);
    if (it == held_.end()) {
        return false;
    }
    if (now - it->second.last_used > idle_seconds) {
        held_.erase(it);
        return false;
    }
    return true;
}

void UnlockedKeys::forget(std::string_view session) {
    std::lock_guard lock(mutex_);
    if (const auto it = held_.find(session); it != held_.end()) {
        held_.erase(it);
    }
}

void UnlockedKeys::forget_others(std::string_view keep) {
    std::lock_guard lock(mutex_);
    std::erase_if(held_, [keep](const auto& h) { return h.first != keep; });
}

std::size_t UnlockedKeys::expire(std::int64_t now,
                                 const std::function<bool(std::string_view)>& alive) {
    std::lock_guard lock(mutex_);
    return std::erase_if(held_, [&](const auto& h) {
        return now - h.second.last_used > idle_seconds || (alive && !alive(h.first));
    });
}

std::size_t UnlockedKeys::held() {
    std::lock_guard lock(mutex_);
    return held_.size();
}

} // namespace engage::signups
