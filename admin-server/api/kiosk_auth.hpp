#pragma once
// Kiosk bearer tokens: the store keeps only hash_secret(token); this keeps
// the same hashes in memory so authenticating a request costs one SHA-256
// and a map lookup, not a database read.
//
// A token not in memory may belong to a kiosk enrolled by another server
// process sharing the database, so it is looked up in the store once; the
// HTTP session does that lookup off its I/O threads (issue 7), and a bounded
// set of hashes found unknown spares the store repeat lookups.
//
// Thread safety: every method may be called from any thread.

#include "store/store.hpp"

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace engage::api {

class KioskAuth {
public:
    // Loads every kiosk from `store`, which must outlive this object.
    explicit KioskAuth(store::Store& store);

    // What memory alone says about an "Authorization: Bearer <token>" value.
    struct Cached {
        std::optional<store::KioskIdentity> kiosk; // known kiosk
        bool needs_lookup = false; // well-formed, in neither map: ask lookup_stored(hash)
        std::string hash;          // the token's hash when needs_lookup
    };
    // Never touches the store: safe on an I/O thread.
    Cached authenticate_cached(std::string_view authorization);
    // Looks `hash` up in the store (blocking: not for I/O threads) and
    // remembers the answer either way.
    std::optional<store::KioskIdentity> lookup_stored(const std::string& hash);

    // authenticate_cached(), then lookup_stored() when needed (blocking).
    // The kiosk named by the header, or nullopt when the header is missing,
    // malformed or the token unknown.
    std::optional<store::KioskIdentity> authenticate(std::string_view authorization);
    // Adds a newly enrolled kiosk.
    void remember(const std::string& token_hash, store::KioskIdentity kiosk);
    // A revoked kiosk (already deleted from the store): its token is refused
    // from the next request on, without a store lookup.
    void forget(const std::string& token_hash);
    // Forgets every known kiosk, so each is looked up in the store again on
    // its next request: after this server missed other servers'
    // revocations (its PostgreSQL listener reconnected, issue 12).
    void forget_known();

    // When each kiosk's last heartbeat was committed, in this process's
    // memory only: the store keeps a date (issue 8), so "seen N minutes ago"
    // exists only for heartbeats since the server started.
    void note_heartbeat(const std::string& kiosk_id, std::int64_t now_unix);
    std::optional<std::int64_t> last_heartbeat(const std::string& kiosk_id) const;

    // Hashes of unknown tokens remembered at most. A token is random and only
    // exists once enrolled, so a hash found unknown stays unknown unless that
    // exact token is enrolled later, which is never in practice; when full,
    // the oldest is forgotten (and would be looked up again).
    static constexpr std::size_t max_unknown_hashes = 4096;
    // Store lookups made so far (for tests: a repeated unknown token costs one).
    std::size_t store_lookups() const;

private:
    store::Store& store_;
    mutable std::shared_mutex mutex_;
    std::unordered_map<std::string, store::KioskIdentity> by_token_hash_;
    std::unordered_set<std::string> unknown_;
    std::deque<std::string> unknown_order_; // oldest first
    std::size_t store_lookups_ = 0;
    std::unordered_map<std::string, std::int64_t> heartbeat_unix_; // kiosk id -> time
};

// The token in "Bearer <token>" (scheme case-insensitive), or "" when absent.
std::string_view bearer_token(std::string_view authorization);

} // namespace engage::api
