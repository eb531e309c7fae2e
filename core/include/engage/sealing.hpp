#pragma once
// Peer-mentor sign-ups are sealed on the kiosk with the coordinators' public
// key (libsodium crypto_box_seal) before they touch disk (DESIGN §6 rule 5).
// The secret key is kept only encrypted under a passphrase (argon2id +
// secretbox). All keys and boxes travel as standard base64.

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

// The secret key encrypted under a passphrase: "argon2id$<salt b64>$<nonce b64>$<box b64>".
std::string lock_secret_key(std::string_view secret_key_b64, std::string_view passphrase);
// nullopt when the passphrase is wrong or the text is malformed.
std::optional<std::string> unlock_secret_key(std::string_view locked, std::string_view passphrase);

// argon2id password hashes (kiosk staff PIN, staff passwords).
std::string hash_password(std::string_view password);
bool verify_password(std::string_view hash, std::string_view password);

std::string base64_encode(std::string_view bytes);
std::optional<std::string> base64_decode(std::string_view b64);

} // namespace engage
