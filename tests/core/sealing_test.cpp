#include "engage/sealing.hpp"

#include <catch2/catch.hpp>
#include <string>

using namespace engage;

TEST_CASE("a sealed box opens with the right keys and returns the text", "[sealing]") {
    const KeyPair keys = make_sealing_keypair();
    CHECK(base64_decode(keys.public_key_b64)->size() == 32);
    CHECK(base64_decode(keys.secret_key_b64)->size() == 32);
    const std::string text = R"({"v":1,"name":"Ania","phone":"07700 900123","note":"żółć 😊"})";
    const auto box = seal(text, keys.public_key_b64);
    REQUIRE(box.has_value());
    CHECK(box->find("Ania") == std::string::npos);
    CHECK(looks_sealed(*box));
    const auto opened = open_sealed(*box, keys.public_key_b64, keys.secret_key_b64);
    REQUIRE(opened.has_value());
    CHECK(*opened == text);
    SECTION("sealing twice gives different boxes") {
        CHECK(seal(text, keys.public_key_b64) != box);
    }
    SECTION("an empty text seals too") {
        const auto empty = seal("", keys.public_key_b64);
        REQUIRE(empty.has_value());
        CHECK(looks_sealed(*empty));
        CHECK(open_sealed(*empty, keys.public_key_b64, keys.secret_key_b64) == std::string());
    }
}

TEST_CASE("a sealed box does not open with the wrong key or when tampered with", "[sealing]") {
    const KeyPair keys = make_sealing_keypair();
    const KeyPair other = make_sealing_keypair();
    const auto box = seal("secret", keys.public_key_b64);
    REQUIRE(box.has_value());
    CHECK_FALSE(open_sealed(*box, other.public_key_b64, other.secret_key_b64).has_value());
    CHECK_FALSE(open_sealed(*box, keys.public_key_b64, other.secret_key_b64).has_value());

    auto bytes = *base64_decode(*box);
    bytes[bytes.size() / 2] = static_cast<char>(bytes[bytes.size() / 2] ^ 0x01);
    CHECK_FALSE(open_sealed(base64_encode(bytes), keys.public_key_b64, keys.secret_key_b64));
    CHECK_FALSE(
        open_sealed(box->substr(0, box->size() - 4), keys.public_key_b64, keys.secret_key_b64));
    CHECK_FALSE(open_sealed("!!!", keys.public_key_b64, keys.secret_key_b64));
}

TEST_CASE("sealing refuses a bad public key", "[sealing]") {
    CHECK_FALSE(seal("x", "").has_value());
    CHECK_FALSE(seal("x", "not base64").has_value());
    CHECK_FALSE(seal("x", base64_encode(std::string(31, 'k'))).has_value());
}

TEST_CASE("looks_sealed wants base64 of at least a box's overhead", "[sealing]") {
    CHECK(looks_sealed(base64_encode(std::string(48, '\0'))));
    CHECK_FALSE(looks_sealed(base64_encode(std::string(47, '\0'))));
    CHECK_FALSE(looks_sealed(""));
    CHECK_FALSE(looks_sealed("@@@@"));
    CHECK_FALSE(looks_sealed(base64_encode(std::string(48, '\0')) + "\n"));
}

TEST_CASE("the locked secret key opens only with its passphrase", "[sealing][slow]") {
    const KeyPair keys = make_sealing_keypair();
    const std::string locked = lock_secret_key(keys.secret_key_b64, "correct horse battery");
    REQUIRE(locked.rfind("argon2id$", 0) == 0);
    CHECK(locked.find(keys.secret_key_b64) == std::string::npos);
    CHECK(unlock_secret_key(locked, "correct horse battery") == keys.secret_key_b64);
    CHECK_FALSE(unlock_secret_key(locked, "correct horse batterY").has_value());
    CHECK_FALSE(unlock_secret_key(locked, "").has_value());
    SECTION("malformed locked texts are refused") {
        CHECK_FALSE(unlock_secret_key("", "p").has_value());
        CHECK_FALSE(unlock_secret_key("argon2id$$$", "p").has_value());
        CHECK_FALSE(unlock_secret_key("scrypt" + locked.substr(8), "correct horse battery"));
        std::string tampered = locked;
        tampered[tampered.size() - 3] = tampered[tampered.size() - 3] == 'A' ? 'B' : 'A';
        CHECK_FALSE(unlock_secret_key(tampered, "correct horse battery").has_value());
    }
}

TEST_CASE("password hashes verify only the right password", "[sealing][slow]") {
    const std::string hash = hash_password("1234");
    REQUIRE(hash.rfind("$argon2id$", 0) == 0);
    CHECK(verify_password(hash, "1234"));
    CHECK_FALSE(verify_password(hash, "1235"));
    CHECK_FALSE(verify_password("", "1234"));
    CHECK_FALSE(verify_password("garbage", "1234"));
    CHECK(hash_password("1234") != hash); // salted
}

TEST_CASE("base64 is the original alphabet with padding and strict decoding", "[sealing]") {
    CHECK(base64_encode("") == "");
    CHECK(base64_encode("f") == "Zg==");
    CHECK(base64_encode("foob") == "Zm9vYg==");
    CHECK(base64_encode("\xfb\xff") == "+/8=");
    CHECK(base64_decode("Zm9vYg==") == std::string("foob"));
    CHECK(base64_decode("+/8=") == std::string("\xfb\xff"));
    CHECK_FALSE(base64_decode("-_8=").has_value());
    CHECK_FALSE(base64_decode("Zm9vYg=").has_value());
    CHECK_FALSE(base64_decode("Zm9v Yg==").has_value());
}
