#pragma once
// Peer-mentor sign-ups are sealed on the kiosk with the coordinators' public
// key (libsodium crypto_box_seal) before they touch disk (DESIGN §6 rule 5).
// The secret key is kept only encrypted under a passphrase (argon2id +
// secretbox). All keys and boxes travel as standard base64.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace engage {

// Initialises libsodium once; safe to call from any thread, any number of times.
void ensure_sodium();

struct KeyPair {
    std::string public_key_b64;
    std::string secret_key_b64; // handle with care; never log
};

KeyPair make_sealing_keypair();

// Seals `plaintext` for `public_key_b64`. Returns nullopt on a bad key.
std::optional<std::string> seal(std::string_view plaintext, std::string_view public_key_b64);
// Opens a sealed box; nullopt when keys are wrong or the box was tampered with.
std::optional<std::string> open_sealed(std::string_view sealed_b64, std::string_view public_key_b64,
                                       std::string_view secret_key_b64);
// True when `sealed_b64` is base64 of at least a sealed box's overhead.
bool looks_sealed(std::string_view sealed_b64);

// [Legacy] The secret key encrypted under a passphrase at libsodium's
// INTERACTIVE level: "argon2id$<salt b64>$<nonce b64>$<box b64>". Only data
// folders made before the coordinators' keyring (coordinator_keyring.hpp)
// hold this; `engage-admin coordinator-key` unlocks it once and replaces it.
std::string lock_secret_key(std::string_view secret_key_b64, std::string_view passphrase);
// nullopt when the passphrase is wrong or the text is malformed.
std::optional<std::string> unlock_secret_key(std::string_view locked, std::string_view passphrase);

// How a passphrase becomes a 32-byte key (crypto_pwhash). Stored beside
// what it locks, so the cost can be raised later without losing old data.
struct KdfParams {
    std::string alg = "argon2id13"; // the only algorithm accepted
    unsigned long long opslimit = 0;
    std::size_t memlimit = 0;
    std::string salt_b64; // crypto_pwhash_SALTBYTES, base64
    bool operator==(const KdfParams&) const = default;
};
// libsodium's MODERATE level (3 passes, 256 MiB) with a fresh random salt:
// a stolen database costs an attacker about a second and 256 MiB per guess.
KdfParams moderate_kdf_params();
// The cheapest level libsodium allows, fresh salt: only for the published
// sample passphrase, where slowing guesses protects nothing.
KdfParams minimal_kdf_params();
// True when `p` names argon2id13 with limits libsodium accepts and a salt of
// the right size (what a stored record must satisfy before it is used).
bool kdf_params_valid(const KdfParams& p);

// Ed25519 (crypto_sign) key pair, base64; the secret part is the 64-byte form.
KeyPair make_signing_keypair();

// Sizes of the coordinators' keys as they travel (base64 of these many
// bytes); sealing.cpp checks them against libsodium's constants.
inline constexpr std::size_t box_public_key_bytes = 32;     // crypto_box_PUBLICKEYBYTES
inline constexpr std::size_t signing_public_key_bytes = 32; // crypto_sign_PUBLICKEYBYTES
inline constexpr std::size_t box_key_signature_bytes = 64;  // crypto_sign_BYTES
inline constexpr std::size_t coordinator_key_id_chars = 16; // hex of 8 hash bytes
// True when `b64` is standard base64 of exactly `bytes` bytes.
bool is_base64_of(std::string_view b64, std::size_t bytes);
// True when `id` has the shape coordinator_key_id() gives: 16 lowercase hex
// characters. Says nothing about which key it names.
bool looks_like_key_id(std::string_view id);
// The id of a box public key: hex of the first 8 bytes of its BLAKE2b-256
// hash (16 characters). Empty when the key is not base64 of 32 bytes.
std::string coordinator_key_id(std::string_view box_public_key_b64);
// Detached Ed25519 signature over a domain-separated statement naming the
// box public key (base64). nullopt when either key is malformed.
std::optional<std::string> sign_box_key(std::string_view box_public_key_b64,
                                        std::string_view signing_secret_key_b64);
// True only when `signature_b64` is a valid signature by `signing_public_key_b64`
// over `box_public_key_b64` as made by sign_box_key.
bool verify_box_key(std::string_view box_public_key_b64, std::string_view signature_b64,
                    std::string_view signing_public_key_b64);

// argon2id password hashes (kiosk staff PIN, staff passwords).
std::string hash_password(std::string_view password);
bool verify_password(std::string_view hash, std::string_view password);

// Overwrites the bytes of `s` (sodium_memzero: never optimised away), then
// empties it and gives its memory back: for decrypted sign-ups, so they do not
// linger in freed memory.
void wipe_secret_text(std::string& s);

std::string base64_encode(std::string_view bytes);
std::optional<std::string> base64_decode(std::string_view b64);

} // namespace engage
