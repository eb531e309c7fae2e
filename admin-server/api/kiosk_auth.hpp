#pragma once
// Kiosk bearer tokens: the store keeps only hash_secret(token); this keeps
// the same hashes in memory so authenticating a request costs one SHA-256
// and a map lookup, not a database read.
//
// Thread safety: every method may be called from any thread.

#include "store/store.hpp"

#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace engage::api {

class KioskAuth {
public:
    // Loads every kiosk from `store`, which must outlive this object.
    explicit KioskAuth(store::Store& store);

    // The kiosk named by an "Authorization: Bearer <token>" header value, or
    // nullopt when the header is missing, malformed or the token unknown.
    std::optional<store::KioskIdentity> authenticate(std::string_view authorization);
    // Adds a newly enrolled kiosk.
    void remember(const std::string& token_hash, store::KioskIdentity kiosk);

private:
    store::Store& store_;
    std::shared_mutex mutex_;
    std::unordered_map<std::string, store::KioskIdentity> by_token_hash_;
};

// The token in "Bearer <token>" (scheme case-insensitive), or "" when absent.
std::string_view bearer_token(std::string_view authorization);

} // namespace engage::api
