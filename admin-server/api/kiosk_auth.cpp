#include "api/kiosk_auth.hpp"

#include "engage/ids.hpp"

#include <cctype>
#include <mutex>

namespace engage::api {
namespace {

// A real token is 43 characters; anything much longer is not one of ours
// and is refused before hashing.
constexpr std::size_t max_token_chars = 256;

} // namespace

std::string_view bearer_token(std::string_view h) {
    constexpr std::string_view scheme = "bearer ";
    if (h.size() <= scheme.size()) {
        return {};
    }
    for (std::size_t i = 0; i < scheme.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(h[i])) != scheme[i]) {
            return {};
        }
    }
    h.remove_prefix(scheme.size());
    while (!h.empty() && h.front() == ' ') {
        h.remove_prefix(1);
    }
    while (!h.empty() && h.back() == ' ') {
        h.remove_suffix(1);
    }
    return h;
}

KioskAuth::KioskAuth(store::Store& store) : store_(store) {
    for (auto& [hash, kiosk] : store_.all_kiosks()) {
        by_token_hash_.emplace(hash, std::move(kiosk));
    }
}

KioskAuth::Cached KioskAuth::authenticate_cached(std::string_view authorization) {
    Cached out;
    const std::string_view token = bearer_token(authorization);
    if (token.empty() || token.size() > max_token_chars) {
        return out;
    }
    std::string hash = hash_secret(token);
    std::shared_lock lock(mutex_);
    if (const auto it = by_token_hash_.find(hash); it != by_token_hash_.end()) {
        out.kiosk = it->second;
    } else if (!unknown_.contains(hash)) {
        out.needs_lookup = true;
        out.hash = std::move(hash);
    }
    return out;
}

std::optional<store::KioskIdentity> KioskAuth::lookup_stored(const std::string& hash) {
    {
        std::unique_lock lock(mutex_);
        ++store_lookups_;
    }
    auto kiosk = store_.find_kiosk(hash);
    if (kiosk) {
        remember(hash, *kiosk);
        return kiosk;
    }
    std::unique_lock lock(mutex_);
    if (by_token_hash_.contains(hash)) {
        return by_token_hash_.at(hash); // enrolled here meanwhile
    }
    if (unknown_.insert(hash).second) {
        unknown_order_.push_back(hash);
        if (unknown_order_.size() > max_unknown_hashes) {
            unknown_.erase(unknown_order_.front());
            unknown_order_.pop_front();
        }
    }
    return std::nullopt;
}

std::optional<store::KioskIdentity> KioskAuth::authenticate(std::string_view authorization) {
    Cached cached = authenticate_cached(authorization);
    if (cached.needs_lookup) {
        return lookup_stored(cached.hash);
    }
    return std::move(cached.kiosk);
}

std::size_t KioskAuth::store_lookups() const {
    std::shared_lock lock(mutex_);
    return store_lookups_;
}

void KioskAuth::remember(const std::string& token_hash, store::KioskIdentity kiosk) {
    std::unique_lock lock(mutex_);
    unknown_.erase(token_hash); // the deque entry goes when it comes to the front
    by_token_hash_.insert_or_assign(token_hash, std::move(kiosk));
}

void KioskAuth::forget_known() {
    std::unique_lock lock(mutex_);
    by_token_hash_.clear();
}

void KioskAuth::forget(const std::string& token_hash) {
    std::unique_lock lock(mutex_);
    if (const auto it = by_token_hash_.find(token_hash); it != by_token_hash_.end()) {
        heartbeat_unix_.erase(it->second.id);
        by_token_hash_.erase(it);
    }
    // Known unknown: the next request with this token is refused from memory.
    if (unknown_.insert(token_hash).second) {
        unknown_order_.push_back(token_hash);
        if (unknown_order_.size() > max_unknown_hashes) {
            unknown_.erase(unknown_order_.front());
            unknown_order_.pop_front();
        }
    }
}

void KioskAuth::note_heartbeat(const std::string& kiosk_id, std::int64_t now_unix) {
    std::unique_lock lock(mutex_);
    heartbeat_unix_.insert_or_assign(kiosk_id, now_unix);
}

std::optional<std::int64_t> KioskAuth::last_heartbeat(const std::string& kiosk_id) const {
    std::shared_lock lock(mutex_);
    if (const auto it = heartbeat_unix_.find(kiosk_id); it != heartbeat_unix_.end()) {
        return it->second;
    }
    return std::nullopt;
}

} // namespace engage::api
