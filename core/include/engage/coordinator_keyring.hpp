#pragma once
// The coordinators' keys and their lifecycle (issue 8, "The coordinators'
// key"). Kiosks seal peer-mentor sign-ups to a box public key (sealing.hpp);
// the server keeps:
//   - one passphrase record: how the passphrase becomes the 32-byte key that
//     locks every secret below (argon2id, parameters and salt stored so the
//     cost can be raised later);
//   - an Ed25519 signing key pair, its secret locked under that key, whose
//     public part kiosks pin at enrolment;
//   - box key pairs: exactly one current (the one content carries, signed by
//     the signing key), and older ones kept locked only while a stored
//     sign-up still names them, then destroyed.
// The passphrase itself is never stored anywhere. Values here are plain data
// the store persists; nothing in this header touches a disk.

#include "engage/sealing.hpp"

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace engage {

struct CoordinatorBoxKey {
    std::string key_id;        // coordinator_key_id(public_key)
    std::string public_key;    // base64, 32 bytes
    std::string signature;     // sign_box_key(public_key, signing secret), base64
    std::string locked_secret; // "<nonce b64>$<secretbox b64>" under the passphrase key
    bool current = false;
    bool operator==(const CoordinatorBoxKey&) const = default;
};

struct CoordinatorKeyring {
    KdfParams kdf;
    // Locked under the published sample passphrase (a --sample database);
    // cleared by the first passphrase change.
    bool sample = false;
    std::string signing_public_key;    // base64, 32 bytes
    std::string signing_secret_locked; // as CoordinatorBoxKey::locked_secret
    std::vector<CoordinatorBoxKey> box_keys;
    bool operator==(const CoordinatorKeyring&) const = default;

    // The current box key, or nullptr when the keyring is malformed.
    const CoordinatorBoxKey* current() const;
};

// The passphrase every `serve --sample` database starts with. Published in
// the docs on purpose: a sample database holds no real sign-ups until
// someone changes it with `engage-admin coordinator-key`.
inline constexpr std::string_view sample_passphrase = "engage sample passphrase (not secret)";

// A passphrase shorter than this is refused: it has to resist guessing
// against a stolen database even with argon2id in front of it.
inline constexpr std::size_t min_passphrase_chars = 10;

// A new keyring: signing key pair, one current box key pair signed by it,
// everything locked under `passphrase` with `kdf` (moderate_kdf_params()
// outside samples). Throws std::runtime_error only when memory runs out.
CoordinatorKeyring make_coordinator_keyring(std::string_view passphrase, const KdfParams& kdf);

// A keyring around a schema-1 data folder's single box key pair (made
// before keyrings existed): a new signing key signs it, and both are locked
// under `passphrase` with `kdf`. Throws std::runtime_error when `box` is not
// a box key pair or memory runs out.
CoordinatorKeyring adopt_legacy_box_key(const KeyPair& box, std::string_view passphrase,
                                        const KdfParams& kdf);

// True when every box key's id matches its public key, exactly one is
// current, and every signature verifies under the signing public key.
bool keyring_consistent(const CoordinatorKeyring& ring);

// The keyring's secrets, held in memory after the passphrase was checked.
// Wiped when destroyed. Move-only; not for sharing between threads.
class UnlockedKeyring {
public:
    ~UnlockedKeyring();
    UnlockedKeyring(UnlockedKeyring&&) noexcept;
    UnlockedKeyring& operator=(UnlockedKeyring&&) noexcept;

    // Opens a sealed sign-up. `key_id` names the box key it was sealed to;
    // empty means unknown, and every held key is tried. nullopt when no
    // held key opens it.
    std::optional<std::string> open(std::string_view sealed_b64, std::string_view key_id) const;
    // The same keyring locked under `new_passphrase` with `kdf` (fresh salt
    // expected): every secret re-locked, `sample` cleared.
    CoordinatorKeyring relock(const CoordinatorKeyring& ring, std::string_view new_passphrase,
                              const KdfParams& kdf) const;
    // `ring` with a new current box key pair, signed and locked under the
    // same passphrase; the previous keys stay, no longer current. The new
    // secret is held by this object too.
    CoordinatorKeyring rotate(const CoordinatorKeyring& ring);

    struct Secrets;

private:
    friend std::optional<UnlockedKeyring> unlock_keyring(const CoordinatorKeyring&,
                                                         std::string_view);
    explicit UnlockedKeyring(std::unique_ptr<Secrets> s);
    std::unique_ptr<Secrets> s_;
};

// nullopt when the passphrase is wrong or the keyring is malformed.
std::optional<UnlockedKeyring> unlock_keyring(const CoordinatorKeyring& ring,
                                              std::string_view passphrase);

// Drops every box key that is not current and that no stored sign-up names.
// `in_use` holds the key ids stored sign-ups name; "" in it stands for
// sign-ups stored without a key id (sealed before key ids existed), which
// keep every key. Returns the ids dropped.
std::vector<std::string> drop_unused_box_keys(CoordinatorKeyring& ring,
                                              const std::set<std::string>& in_use);

} // namespace engage
