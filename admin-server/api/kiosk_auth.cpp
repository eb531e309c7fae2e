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

std::optional<store::KioskIdentity> KioskAuth::authenticate(std::string_view authorization) {
    const std::string_view token = bearer_token(authorization);
    if (token.empty() || token.size() > max_token_chars) {
        return std::nullopt;
    }
    const std::string hash = hash_secret(token);
    {
        std::shared_lock lock(mutex_);
        if (const auto it = by_token_hash_.find(hash); it != by_token_hash_.end()) {
            return it->second;
        }
    }
    // Not cached: a kiosk enrolled by another server process sharing the
    // database. Unknown tokens are not cached, so the map cannot be flooded.
    auto kiosk = store_.find_kiosk(hash);
    if (kiosk) {
        remember(hash, *kiosk);
    }
    return kiosk;
}

void KioskAuth::remember(const std::string& token_hash, store::KioskIdentity kiosk) {
    std::unique_lock lock(mutex_);
    by_token_hash_.insert_or_assign(token_hash, std::move(kiosk));
}

} // namespace engage::api
