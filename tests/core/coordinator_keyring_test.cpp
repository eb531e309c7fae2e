// The coordinators' keys: signatures over box keys, passphrase changes,
// rotation that keeps old sign-ups openable, and destruction of old keys
// once nothing names them. Most cases use the cheapest argon2id level so the
// suite stays fast; one [slow] case checks the MODERATE level is recorded.

#include "engage/coordinator_keyring.hpp"

#include <catch2/catch.hpp>
#include <sodium.h>

using namespace engage;

namespace {

constexpr std::string_view pass = "correct horse battery staple";

std::string flip_one_byte(std::string_view b64) {
    auto bytes = *base64_decode(b64);
    bytes[bytes.size() / 2] = static_cast<char>(bytes[bytes.size() / 2] ^ 0x01);
    return base64_encode(bytes);
}

} // namespace

TEST_CASE("a box key signed by the signing key verifies, and nothing else does",
          "[sealing][coordinator-key]") {
    const KeyPair signing = make_signing_keypair();
    const KeyPair box = make_sealing_keypair();
    const auto sig = sign_box_key(box.public_key_b64, signing.secret_key_b64);
    REQUIRE(sig.has_value());
    CHECK(verify_box_key(box.public_key_b64, *sig, signing.public_key_b64));

    SECTION("a flipped signature byte is refused") {
        CHECK_FALSE(
            verify_box_key(box.public_key_b64, flip_one_byte(*sig), signing.public_key_b64));
    }
    SECTION("the signature does not cover a swapped box key") {
        const KeyPair other = make_sealing_keypair();
        CHECK_FALSE(verify_box_key(other.public_key_b64, *sig, signing.public_key_b64));
    }
    SECTION("another signing key's signature is refused") {
        const KeyPair hostile = make_signing_keypair();
        const auto forged = sign_box_key(box.public_key_b64, hostile.secret_key_b64);
        REQUIRE(forged.has_value());
        CHECK_FALSE(verify_box_key(box.public_key_b64, *forged, signing.public_key_b64));
    }
    SECTION("a plain Ed25519 signature of the raw key bytes is not accepted") {
        // Domain separation: only signatures made for this purpose count.
        const auto raw = *base64_decode(box.public_key_b64);
        const auto sk = *base64_decode(signing.secret_key_b64);
        unsigned char plain_sig[crypto_sign_BYTES];
        crypto_sign_detached(plain_sig, nullptr, reinterpret_cast<const unsigned char*>(raw.data()),
                             raw.size(), reinterpret_cast<const unsigned char*>(sk.data()));
        const auto plain_b64 = base64_encode(
            std::string_view(reinterpret_cast<const char*>(plain_sig), sizeof plain_sig));
        CHECK_FALSE(verify_box_key(box.public_key_b64, plain_b64, signing.public_key_b64));
    }
    SECTION("malformed keys and signatures are refused, never crash") {
        CHECK_FALSE(verify_box_key("", *sig, signing.public_key_b64));
        CHECK_FALSE(verify_box_key(box.public_key_b64, "", signing.public_key_b64));
        CHECK_FALSE(verify_box_key(box.public_key_b64, *sig, ""));
        CHECK_FALSE(verify_box_key(box.public_key_b64, "not base64!", signing.public_key_b64));
        CHECK_FALSE(sign_box_key("short", signing.secret_key_b64).has_value());
        CHECK_FALSE(sign_box_key(box.public_key_b64, box.secret_key_b64).has_value());
    }
}

TEST_CASE("a key id is 16 hex characters of the public key's hash", "[sealing][coordinator-key]") {
    const KeyPair a = make_sealing_keypair();
    const KeyPair b = make_sealing_keypair();
    const auto id = coordinator_key_id(a.public_key_b64);
    CHECK(id.size() == 16);
    CHECK(id.find_first_not_of("0123456789abcdef") == std::string::npos);
    CHECK(coordinator_key_id(a.public_key_b64) == id);
    CHECK(coordinator_key_id(b.public_key_b64) != id);
    CHECK(coordinator_key_id("not a key").empty());
}

TEST_CASE("a new keyring is signed, and opens only with its passphrase",
          "[sealing][coordinator-key]") {
    const auto ring = make_coordinator_keyring(pass, minimal_kdf_params());
    REQUIRE(ring.current() != nullptr);
    CHECK(ring.box_keys.size() == 1);
    CHECK(keyring_consistent(ring));
    CHECK(verify_box_key(ring.current()->public_key, ring.current()->signature,
                         ring.signing_public_key));
    const auto box = seal("{\"name\":\"Ania\"}", ring.current()->public_key);
    REQUIRE(box.has_value());

    SECTION("the right passphrase opens a sign-up sealed to the current key") {
        const auto unlocked = unlock_keyring(ring, pass);
        REQUIRE(unlocked.has_value());
        CHECK(unlocked->open(*box, ring.current()->key_id) == "{\"name\":\"Ania\"}");
        CHECK(unlocked->open(*box, "") == "{\"name\":\"Ania\"}");
    }
    SECTION("a wrong passphrase unlocks nothing") {
        CHECK_FALSE(unlock_keyring(ring, "correct horse battery stapler").has_value());
        CHECK_FALSE(unlock_keyring(ring, "").has_value());
    }
    SECTION("a box key swapped in the stored keyring breaks its consistency") {
        auto tampered = ring;
        tampered.box_keys[0].public_key = make_sealing_keypair().public_key_b64;
        tampered.box_keys[0].key_id = coordinator_key_id(tampered.box_keys[0].public_key);
        CHECK_FALSE(keyring_consistent(tampered));
    }
}

TEST_CASE("a passphrase change re-locks every secret and the old passphrase stops working",
          "[sealing][coordinator-key]") {
    auto ring = make_coordinator_keyring(pass, minimal_kdf_params());
    ring.sample = true;
    const auto box = seal("before", ring.current()->public_key);
    REQUIRE(box.has_value());
    auto unlocked = unlock_keyring(ring, pass);
    REQUIRE(unlocked.has_value());
    const auto changed =
        unlocked->relock(ring, "a new and longer passphrase", minimal_kdf_params());
    CHECK_FALSE(changed.sample);
    CHECK(changed.kdf.salt_b64 != ring.kdf.salt_b64);
    CHECK(changed.signing_public_key == ring.signing_public_key);
    CHECK(changed.current()->public_key == ring.current()->public_key);
    CHECK(changed.signing_secret_locked != ring.signing_secret_locked);
    CHECK_FALSE(unlock_keyring(changed, pass).has_value());
    const auto reopened = unlock_keyring(changed, "a new and longer passphrase");
    REQUIRE(reopened.has_value());
    CHECK(reopened->open(*box, "") == "before");
}

TEST_CASE("rotation makes a new signed key and keeps old sign-ups openable",
          "[sealing][coordinator-key]") {
    const auto ring = make_coordinator_keyring(pass, minimal_kdf_params());
    const std::string old_id = ring.current()->key_id;
    const auto old_box = seal("sealed to the old key", ring.current()->public_key);
    REQUIRE(old_box.has_value());
    auto unlocked = unlock_keyring(ring, pass);
    REQUIRE(unlocked.has_value());
    const auto rotated = unlocked->rotate(ring);

    REQUIRE(rotated.current() != nullptr);
    CHECK(rotated.box_keys.size() == 2);
    CHECK(rotated.current()->key_id != old_id);
    CHECK(keyring_consistent(rotated));
    const auto new_box = seal("sealed to the new key", rotated.current()->public_key);
    REQUIRE(new_box.has_value());

    SECTION("the unlocked keyring that rotated opens both") {
        CHECK(unlocked->open(*old_box, old_id) == "sealed to the old key");
        CHECK(unlocked->open(*new_box, rotated.current()->key_id) == "sealed to the new key");
    }
    SECTION("unlocked again from storage, it opens both, each by its key id") {
        const auto again = unlock_keyring(rotated, pass);
        REQUIRE(again.has_value());
        CHECK(again->open(*old_box, old_id) == "sealed to the old key");
        CHECK(again->open(*new_box, rotated.current()->key_id) == "sealed to the new key");
        CHECK_FALSE(again->open(*old_box, rotated.current()->key_id).has_value());
    }
    SECTION("the old key is kept while a sign-up names it, then destroyed") {
        auto kept = rotated;
        CHECK(drop_unused_box_keys(kept, {old_id}).empty());
        CHECK(kept.box_keys.size() == 2);
        CHECK(drop_unused_box_keys(kept, {""}).empty()); // a sign-up of unknown key
        CHECK(kept.box_keys.size() == 2);

        const auto dropped = drop_unused_box_keys(kept, {rotated.current()->key_id});
        REQUIRE(dropped.size() == 1);
        CHECK(dropped[0] == old_id);
        REQUIRE(kept.box_keys.size() == 1);
        CHECK(kept.box_keys[0].current);
        CHECK(keyring_consistent(kept));
        // Destroyed means destroyed: unlocked from what remains, the old
        // sign-up no longer opens with any key.
        const auto after = unlock_keyring(kept, pass);
        REQUIRE(after.has_value());
        CHECK_FALSE(after->open(*old_box, "").has_value());
        CHECK(after->open(*new_box, "") == "sealed to the new key");
    }
    SECTION("the current key is never destroyed, even with no sign-ups at all") {
        auto kept = rotated;
        drop_unused_box_keys(kept, {});
        REQUIRE(kept.box_keys.size() == 1);
        CHECK(kept.box_keys[0].key_id == rotated.current()->key_id);
    }
}

TEST_CASE("a new keyring at the moderate level records its argon2id parameters",
          "[sealing][coordinator-key][slow]") {
    const auto params = moderate_kdf_params();
    CHECK(params.alg == "argon2id13");
    CHECK(params.opslimit == crypto_pwhash_OPSLIMIT_MODERATE);
    CHECK(params.memlimit == crypto_pwhash_MEMLIMIT_MODERATE);
    CHECK(base64_decode(params.salt_b64)->size() == crypto_pwhash_SALTBYTES);
    CHECK(moderate_kdf_params().salt_b64 != params.salt_b64);
    const auto ring = make_coordinator_keyring(pass, params);
    CHECK(ring.kdf == params);
    CHECK(unlock_keyring(ring, pass).has_value());

    SECTION("parameters that were tampered with unlock nothing") {
        auto weaker = ring;
        weaker.kdf.opslimit = crypto_pwhash_OPSLIMIT_MIN;
        CHECK_FALSE(unlock_keyring(weaker, pass).has_value());
        auto bad = ring;
        bad.kdf.alg = "argon2i13";
        CHECK_FALSE(kdf_params_valid(bad.kdf));
        CHECK_FALSE(unlock_keyring(bad, pass).has_value());
    }
}
