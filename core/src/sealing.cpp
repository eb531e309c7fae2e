#include "engage/sealing.hpp"

#include "secret_bytes.hpp"

#include <cstdlib>
#include <sodium.h>
#include <vector>

namespace engage {

namespace {

using detail::SecretBytes;

std::string encode(const unsigned char* data, std::size_t n) {
    const int variant = sodium_base64_VARIANT_ORIGINAL;
    std::string out(sodium_base64_ENCODED_LEN(n, variant), '\0');
    sodium_bin2base64(out.data(), out.size(), data, n, variant);
    out.resize(out.size() - 1); // the encoder's terminating NUL
    return out;
}

// Decodes strictly into a secret buffer; false on any non-base64 byte.
bool decode_into(std::string_view b64, SecretBytes& out) {
    std::size_t len = 0;
    if (sodium_base642bin(out.data(), out.size(), b64.data(), b64.size(), nullptr, &len, nullptr,
                          sodium_base64_VARIANT_ORIGINAL) != 0) {
        return false;
    }
    out.shrink(len);
    return true;
}

std::optional<std::vector<unsigned char>> decode_exact(std::string_view b64, std::size_t n) {
    SecretBytes buf(b64.size() / 4 * 3 + 3);
    if (!decode_into(b64, buf) || buf.size() != n) {
        return std::nullopt;
    }
    return std::vector<unsigned char>(buf.data(), buf.data() + buf.size());
}

std::vector<std::string_view> split(std::string_view s, char sep) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    while (true) {
        const auto pos = s.find(sep, start);
        if (pos == std::string_view::npos) {
            parts.push_back(s.substr(start));
            return parts;
        }
        parts.push_back(s.substr(start, pos - start));
        start = pos + 1;
    }
}

constexpr std::string_view lock_prefix = "argon2id";

bool derive_key(std::string_view passphrase, const unsigned char* salt, SecretBytes& key) {
    return crypto_pwhash(key.data(), key.size(), passphrase.data(), passphrase.size(), salt,
                         crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
                         crypto_pwhash_ALG_ARGON2ID13) == 0;
}

} // namespace

void ensure_sodium() {
    // Function-local static: initialised once, thread-safe (C++11 magic statics).
    static const int status = sodium_init();
    if (status < 0) {
        // Without a working CSPRNG nothing here is safe to run.
        std::abort();
    }
}

KeyPair make_sealing_keypair() {
    ensure_sodium();
    unsigned char pk[crypto_box_PUBLICKEYBYTES];
    SecretBytes sk(crypto_box_SECRETKEYBYTES);
    crypto_box_keypair(pk, sk.data());
    return KeyPair{encode(pk, sizeof pk), encode(sk.data(), sk.size())};
}

std::optional<std::string> seal(std::string_view plaintext, std::string_view public_key_b64) {
    ensure_sodium();
    const auto pk = decode_exact(public_key_b64, crypto_box_PUBLICKEYBYTES);
    if (!pk) {
        return std::nullopt;
    }
    std::vector<unsigned char> box(plaintext.size() + crypto_box_SEALBYTES);
    if (crypto_box_seal(box.data(), reinterpret_cast<const unsigned char*>(plaintext.data()),
                        plaintext.size(), pk->data()) != 0) {
        return std::nullopt;
    }
    return encode(box.data(), box.size());
}

std::optional<std::string> open_sealed(std::string_view sealed_b64, std::string_view public_key_b64,
                                       std::string_view secret_key_b64) {
    ensure_sodium();
    const auto pk = decode_exact(public_key_b64, crypto_box_PUBLICKEYBYTES);
    SecretBytes sk(secret_key_b64.size() / 4 * 3 + 3);
    if (!pk || !decode_into(secret_key_b64, sk) || sk.size() != crypto_box_SECRETKEYBYTES) {
        return std::nullopt;
    }
    SecretBytes box(sealed_b64.size() / 4 * 3 + 3);
    if (!decode_into(sealed_b64, box) || box.size() < crypto_box_SEALBYTES) {
        return std::nullopt;
    }
    std::string plain(box.size() - crypto_box_SEALBYTES, '\0');
    if (crypto_box_seal_open(reinterpret_cast<unsigned char*>(plain.data()), box.data(), box.size(),
                             pk->data(), sk.data()) != 0) {
        return std::nullopt;
    }
    return plain;
}

bool looks_sealed(std::string_view sealed_b64) {
    ensure_sodium();
    SecretBytes box(sealed_b64.size() / 4 * 3 + 3);
    return decode_into(sealed_b64, box) && box.size() >= crypto_box_SEALBYTES;
}

std::string lock_secret_key(std::string_view secret_key_b64, std::string_view passphrase) {
    ensure_sodium();
    unsigned char salt[crypto_pwhash_SALTBYTES];
    unsigned char nonce[crypto_secretbox_NONCEBYTES];
    randombytes_buf(salt, sizeof salt);
    randombytes_buf(nonce, sizeof nonce);
    SecretBytes key(crypto_secretbox_KEYBYTES);
    if (!derive_key(passphrase, salt, key)) {
        // Only out of memory gets here; an empty text never unlocks.
        return {};
    }
    std::vector<unsigned char> box(secret_key_b64.size() + crypto_secretbox_MACBYTES);
    crypto_secretbox_easy(box.data(), reinterpret_cast<const unsigned char*>(secret_key_b64.data()),
                          secret_key_b64.size(), nonce, key.data());
    std::string out(lock_prefix);
    out += '$';
    out += encode(salt, sizeof salt);
    out += '$';
    out += encode(nonce, sizeof nonce);
    out += '$';
    out += encode(box.data(), box.size());
    return out;
}

std::optional<std::string> unlock_secret_key(std::string_view locked, std::string_view passphrase) {
    ensure_sodium();
    const auto parts = split(locked, '$');
    if (parts.size() != 4 || parts[0] != lock_prefix) {
        return std::nullopt;
    }
    const auto salt = decode_exact(parts[1], crypto_pwhash_SALTBYTES);
    const auto nonce = decode_exact(parts[2], crypto_secretbox_NONCEBYTES);
    SecretBytes box(parts[3].size() / 4 * 3 + 3);
    if (!salt || !nonce || !decode_into(parts[3], box) || box.size() < crypto_secretbox_MACBYTES) {
        return std::nullopt;
    }
    SecretBytes key(crypto_secretbox_KEYBYTES);
    if (!derive_key(passphrase, salt->data(), key)) {
        return std::nullopt;
    }
    SecretBytes plain(box.size() - crypto_secretbox_MACBYTES);
    if (crypto_secretbox_open_easy(plain.data(), box.data(), box.size(), nonce->data(),
                                   key.data()) != 0) {
        return std::nullopt;
    }
    return std::string(reinterpret_cast<const char*>(plain.data()), plain.size());
}

KdfParams moderate_kdf_params() {
    ensure_sodium();
    unsigned char salt[crypto_pwhash_SALTBYTES];
    randombytes_buf(salt, sizeof salt);
    return KdfParams{"argon2id13", crypto_pwhash_OPSLIMIT_MODERATE, crypto_pwhash_MEMLIMIT_MODERATE,
                     encode(salt, sizeof salt)};
}

KdfParams minimal_kdf_params() {
    ensure_sodium();
    unsigned char salt[crypto_pwhash_SALTBYTES];
    randombytes_buf(salt, sizeof salt);
    // argon2id's own floor is 1 pass; libsodium's OPSLIMIT_MIN is 1 too.
    return KdfParams{"argon2id13", crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN,
                     encode(salt, sizeof salt)};
}

bool kdf_params_valid(const KdfParams& p) {
    ensure_sodium();
    return p.alg == "argon2id13" && p.opslimit >= crypto_pwhash_OPSLIMIT_MIN &&
           p.opslimit <= crypto_pwhash_OPSLIMIT_MAX && p.memlimit >= crypto_pwhash_MEMLIMIT_MIN &&
           p.memlimit <= crypto_pwhash_MEMLIMIT_MAX &&
           decode_exact(p.salt_b64, crypto_pwhash_SALTBYTES).has_value();
}

KeyPair make_signing_keypair() {
    ensure_sodium();
    unsigned char pk[crypto_sign_PUBLICKEYBYTES];
    SecretBytes sk(crypto_sign_SECRETKEYBYTES);
    crypto_sign_keypair(pk, sk.data());
    return KeyPair{encode(pk, sizeof pk), encode(sk.data(), sk.size())};
}

namespace {

// What a signature over a box key covers. The prefix keeps a signature made
// for this purpose from ever being valid for another message the signing key
// might sign later.
constexpr std::string_view box_key_statement_prefix = "engage coordinators' box key v1\n";

std::vector<unsigned char> box_key_statement(const std::vector<unsigned char>& pk) {
    std::vector<unsigned char> m(box_key_statement_prefix.size() + pk.size());
    for (std::size_t i = 0; i < box_key_statement_prefix.size(); ++i) {
        m[i] = static_cast<unsigned char>(box_key_statement_prefix[i]);
    }
    for (std::size_t i = 0; i < pk.size(); ++i) {
        m[box_key_statement_prefix.size() + i] = pk[i];
    }
    return m;
}

static_assert(box_public_key_bytes == crypto_box_PUBLICKEYBYTES);
static_assert(signing_public_key_bytes == crypto_sign_PUBLICKEYBYTES);
static_assert(box_key_signature_bytes == crypto_sign_BYTES);

} // namespace

bool is_base64_of(std::string_view b64, std::size_t bytes) {
    ensure_sodium();
    return decode_exact(b64, bytes).has_value();
}

bool looks_like_key_id(std::string_view id) {
    return id.size() == coordinator_key_id_chars &&
           id.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

std::string coordinator_key_id(std::string_view box_public_key_b64) {
    ensure_sodium();
    const auto pk = decode_exact(box_public_key_b64, crypto_box_PUBLICKEYBYTES);
    if (!pk) {
        return {};
    }
    unsigned char hash[crypto_generichash_BYTES]; // 32
    crypto_generichash(hash, sizeof hash, pk->data(), pk->size(), nullptr, 0);
    // 8 bytes: ids only need to tell a handful of keys of one server apart.
    constexpr std::size_t id_bytes = coordinator_key_id_chars / 2;
    char hex[id_bytes * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, hash, id_bytes);
    return std::string(hex, id_bytes * 2);
}

std::optional<std::string> sign_box_key(std::string_view box_public_key_b64,
                                        std::string_view signing_secret_key_b64) {
    ensure_sodium();
    const auto pk = decode_exact(box_public_key_b64, crypto_box_PUBLICKEYBYTES);
    SecretBytes sk(signing_secret_key_b64.size() / 4 * 3 + 3);
    if (!pk || !decode_into(signing_secret_key_b64, sk) ||
        sk.size() != crypto_sign_SECRETKEYBYTES) {
        return std::nullopt;
    }
    const auto m = box_key_statement(*pk);
    unsigned char sig[crypto_sign_BYTES];
    crypto_sign_detached(sig, nullptr, m.data(), m.size(), sk.data());
    return encode(sig, sizeof sig);
}

bool verify_box_key(std::string_view box_public_key_b64, std::string_view signature_b64,
                    std::string_view signing_public_key_b64) {
    ensure_sodium();
    const auto pk = decode_exact(box_public_key_b64, crypto_box_PUBLICKEYBYTES);
    const auto sig = decode_exact(signature_b64, crypto_sign_BYTES);
    const auto spk = decode_exact(signing_public_key_b64, crypto_sign_PUBLICKEYBYTES);
    if (!pk || !sig || !spk) {
        return false;
    }
    const auto m = box_key_statement(*pk);
    return crypto_sign_verify_detached(sig->data(), m.data(), m.size(), spk->data()) == 0;
}

std::string hash_password(std::string_view password) {
    ensure_sodium();
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
        // Only out of memory gets here; an empty hash never verifies.
        return {};
    }
    return std::string(out);
}

bool verify_password(std::string_view hash, std::string_view password) {
    ensure_sodium();
    if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) {
        return false;
    }
    const std::string terminated(hash); // the C API wants a NUL-terminated string
    return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

void wipe_secret_text(std::string& s) {
    if (!s.empty()) {
        sodium_memzero(s.data(), s.size());
    }
    s.clear();
    s.shrink_to_fit();
}

std::string base64_encode(std::string_view bytes) {
    ensure_sodium();
    return encode(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
}

std::optional<std::string> base64_decode(std::string_view b64) {
    ensure_sodium();
    std::string out(b64.size() / 4 * 3 + 3, '\0');
    std::size_t len = 0;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), b64.data(),
                          b64.size(), nullptr, &len, nullptr,
                          sodium_base64_VARIANT_ORIGINAL) != 0) {
        return std::nullopt;
    }
    out.resize(len);
    return out;
}

} // namespace engage
