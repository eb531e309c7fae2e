#include "engage/coordinator_keyring.hpp"

#include "secret_bytes.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>

namespace engage {

using detail::SecretBytes;

namespace {

// A secret's text, wiped when it goes.
struct SecretText {
    std::string text;
    SecretText() = default;
    explicit SecretText(std::string t) : text(std::move(t)) {}
    SecretText(const SecretText&) = delete;
    SecretText& operator=(const SecretText&) = delete;
    ~SecretText() {
        if (!text.empty()) {
            sodium_memzero(text.data(), text.size());
        }
    }
};

// The passphrase key: crypto_pwhash with the stored parameters. False when
// the parameters are malformed or memory runs out.
bool derive(std::string_view passphrase, const KdfParams& kdf, SecretBytes& key) {
    if (!kdf_params_valid(kdf)) {
        return false;
    }
    const auto salt = base64_decode(kdf.salt_b64);
    return salt && crypto_pwhash(key.data(), key.size(), passphrase.data(), passphrase.size(),
                                 reinterpret_cast<const unsigned char*>(salt->data()), kdf.opslimit,
                                 kdf.memlimit, crypto_pwhash_ALG_ARGON2ID13) == 0;
}

// "<nonce b64>$<secretbox b64>" of `secret` under `key`.
std::string lock_with(std::string_view secret, const SecretBytes& key) {
    unsigned char nonce[crypto_secretbox_NONCEBYTES];
    randombytes_buf(nonce, sizeof nonce);
    std::string box(secret.size() + crypto_secretbox_MACBYTES, '\0');
    crypto_secretbox_easy(reinterpret_cast<unsigned char*>(box.data()),
                          reinterpret_cast<const unsigned char*>(secret.data()), secret.size(),
                          nonce, key.data());
    return base64_encode(std::string_view(reinterpret_cast<const char*>(nonce), sizeof nonce)) +
           "$" + base64_encode(box);
}

std::optional<std::string> unlock_with(std::string_view locked, const SecretBytes& key) {
    const auto sep = locked.find('$');
    if (sep == std::string_view::npos) {
        return std::nullopt;
    }
    const auto nonce = base64_decode(locked.substr(0, sep));
    const auto box = base64_decode(locked.substr(sep + 1));
    if (!nonce || nonce->size() != crypto_secretbox_NONCEBYTES || !box ||
        box->size() < crypto_secretbox_MACBYTES) {
        return std::nullopt;
    }
    std::string plain(box->size() - crypto_secretbox_MACBYTES, '\0');
    if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plain.data()),
                                   reinterpret_cast<const unsigned char*>(box->data()), box->size(),
                                   reinterpret_cast<const unsigned char*>(nonce->data()),
                                   key.data()) != 0) {
        return std::nullopt;
    }
    return plain;
}

CoordinatorBoxKey new_box_key(const SecretBytes& key, std::string_view signing_secret,
                              std::map<std::string, SecretBytes>& secrets,
                              const KeyPair& pair = make_sealing_keypair()) {
    SecretText secret(pair.secret_key_b64);
    CoordinatorBoxKey k;
    k.public_key = pair.public_key_b64;
    k.key_id = coordinator_key_id(k.public_key);
    const auto sig = sign_box_key(k.public_key, signing_secret);
    if (!sig) {
        throw std::runtime_error("the coordinators' signing key is malformed");
    }
    k.signature = *sig;
    k.locked_secret = lock_with(secret.text, key);
    k.current = true;
    secrets.insert_or_assign(k.key_id, SecretBytes::take(secret.text));
    return k;
}

} // namespace

// Every secret in locked memory (secret_bytes.hpp): a web session may hold
// these for many minutes (issue 10).
struct UnlockedKeyring::Secrets {
    SecretBytes key{crypto_secretbox_KEYBYTES}; // the passphrase key
    SecretBytes signing_secret{0};
    std::map<std::string, SecretBytes> box_secrets; // by key id
    std::map<std::string, std::string> box_publics;
};

const CoordinatorBoxKey* CoordinatorKeyring::current() const {
    const CoordinatorBoxKey* found = nullptr;
    for (const auto& k : box_keys) {
        if (k.current) {
            if (found != nullptr) {
                return nullptr; // two current keys: malformed
            }
            found = &k;
        }
    }
    return found;
}

namespace {

CoordinatorKeyring keyring_around(const KeyPair& box, std::string_view passphrase,
                                  const KdfParams& kdf) {
    ensure_sodium();
    SecretBytes key(crypto_secretbox_KEYBYTES);
    if (!derive(passphrase, kdf, key)) {
        throw std::runtime_error("cannot derive the coordinators' passphrase key "
                                 "(out of memory, or bad parameters)");
    }
    const KeyPair signing = make_signing_keypair();
    SecretText signing_secret(signing.secret_key_b64);
    CoordinatorKeyring ring;
    ring.kdf = kdf;
    ring.signing_public_key = signing.public_key_b64;
    ring.signing_secret_locked = lock_with(signing_secret.text, key);
    std::map<std::string, SecretBytes> discard;
    ring.box_keys.push_back(new_box_key(key, signing_secret.text, discard, box));
    return ring;
}

} // namespace

CoordinatorKeyring make_coordinator_keyring(std::string_view passphrase, const KdfParams& kdf) {
    return keyring_around(make_sealing_keypair(), passphrase, kdf);
}

CoordinatorKeyring adopt_legacy_box_key(const KeyPair& box, std::string_view passphrase,
                                        const KdfParams& kdf) {
    // The pair must match: a keyring whose secret does not open what its
    // public key seals would silently lose every sign-up.
    const auto probe = seal("probe", box.public_key_b64);
    if (!probe || open_sealed(*probe, box.public_key_b64, box.secret_key_b64) != "probe") {
        throw std::runtime_error("the old coordinators' key pair does not match");
    }
    return keyring_around(box, passphrase, kdf);
}

bool keyring_consistent(const CoordinatorKeyring& ring) {
    if (ring.current() == nullptr || !kdf_params_valid(ring.kdf)) {
        return false;
    }
    std::set<std::string> ids;
    for (const auto& k : ring.box_keys) {
        if (k.key_id.empty() || k.key_id != coordinator_key_id(k.public_key) ||
            !ids.insert(k.key_id).second ||
            !verify_box_key(k.public_key, k.signature, ring.signing_public_key)) {
            return false;
        }
    }
    return true;
}

std::optional<UnlockedKeyring> unlock_keyring(const CoordinatorKeyring& ring,
                                              std::string_view passphrase) {
    ensure_sodium();
    auto s = std::make_unique<UnlockedKeyring::Secrets>();
    if (!derive(passphrase, ring.kdf, s->key)) {
        return std::nullopt;
    }
    // The signing secret's MAC is what tells a wrong passphrase.
    auto signing = unlock_with(ring.signing_secret_locked, s->key);
    if (!signing) {
        return std::nullopt;
    }
    s->signing_secret = SecretBytes::take(*signing);
    for (const auto& k : ring.box_keys) {
        auto secret = unlock_with(k.locked_secret, s->key);
        if (!secret) {
            // Locked under another key than the signing secret: malformed.
            return std::nullopt;
        }
        s->box_secrets.insert_or_assign(k.key_id, SecretBytes::take(*secret));
        s->box_publics[k.key_id] = k.public_key;
    }
    return UnlockedKeyring(std::move(s));
}

UnlockedKeyring::UnlockedKeyring(std::unique_ptr<Secrets> s) : s_(std::move(s)) {}
UnlockedKeyring::~UnlockedKeyring() = default;
UnlockedKeyring::UnlockedKeyring(UnlockedKeyring&&) noexcept = default;
UnlockedKeyring& UnlockedKeyring::operator=(UnlockedKeyring&&) noexcept = default;

std::optional<std::string> UnlockedKeyring::open(std::string_view sealed_b64,
                                                 std::string_view key_id) const {
    for (const auto& [id, secret] : s_->box_secrets) {
        if (!key_id.empty() && id != key_id) {
            continue;
        }
        if (auto plain = open_sealed(sealed_b64, s_->box_publics.at(id), secret.view())) {
            return plain;
        }
    }
    return std::nullopt;
}

CoordinatorKeyring UnlockedKeyring::relock(const CoordinatorKeyring& ring,
                                           std::string_view new_passphrase,
                                           const KdfParams& kdf) const {
    SecretBytes key(crypto_secretbox_KEYBYTES);
    if (!derive(new_passphrase, kdf, key)) {
        throw std::runtime_error("cannot derive the coordinators' passphrase key "
                                 "(out of memory, or bad parameters)");
    }
    CoordinatorKeyring out = ring;
    out.kdf = kdf;
    out.sample = false;
    out.signing_secret_locked = lock_with(s_->signing_secret.view(), key);
    for (auto& k : out.box_keys) {
        const auto it = s_->box_secrets.find(k.key_id);
        if (it == s_->box_secrets.end()) {
            throw std::logic_error("relock: a box key was not unlocked with the keyring");
        }
        k.locked_secret = lock_with(it->second.view(), key);
    }
    return out;
}

CoordinatorKeyring UnlockedKeyring::rotate(const CoordinatorKeyring& ring) {
    CoordinatorKeyring out = ring;
    for (auto& k : out.box_keys) {
        k.current = false;
    }
    std::map<std::string, SecretBytes> added;
    auto fresh = new_box_key(s_->key, s_->signing_secret.view(), added);
    for (auto& [id, secret] : added) {
        s_->box_secrets.insert_or_assign(id, std::move(secret));
        s_->box_publics[id] = fresh.public_key;
    }
    out.box_keys.push_back(std::move(fresh));
    return out;
}

std::vector<std::string> drop_unused_box_keys(CoordinatorKeyring& ring,
                                              const std::set<std::string>& in_use) {
    std::vector<std::string> dropped;
    if (in_use.contains("")) {
        return dropped; // a sign-up of unknown key: any key may be the one
    }
    std::erase_if(ring.box_keys, [&](const CoordinatorBoxKey& k) {
        if (k.current || in_use.contains(k.key_id)) {
            return false;
        }
        dropped.push_back(k.key_id);
        return true;
    });
    return dropped;
}

} // namespace engage
