#include "engage/ids.hpp"
#include "engage/limits.hpp"

#include <catch2/catch.hpp>
#include <set>
#include <string>

using namespace engage;

TEST_CASE("random UUIDs are lowercase v4 and distinct", "[ids]") {
    std::set<std::string> seen;
    for (int i = 0; i < 200; ++i) {
        const std::string id = random_uuid_v4();
        INFO(id);
        CHECK(is_uuid_v4(id));
        CHECK(id.size() == 36);
        CHECK(id[14] == '4');
        seen.insert(id);
    }
    CHECK(seen.size() == 200);
}

TEST_CASE("is_uuid_v4 refuses anything else", "[ids]") {
    auto s =
        GENERATE(as<std::string>{}, "", "0b8e6a2c1f3d4a5b8c7d9e0f1a2b3c4d",
                 "0B8E6A2C-1F3D-4A5B-8C7D-9E0F1A2B3C4D", "0b8e6a2c-1f3d-3a5b-8c7d-9e0f1a2b3c4d",
                 "0b8e6a2c-1f3d-4a5b-7c7d-9e0f1a2b3c4d", "0b8e6a2c-1f3d-4a5b-8c7d-9e0f1a2b3c4",
                 "0b8e6a2c-1f3d-4a5b-8c7d-9e0f1a2b3c4dd", "0b8e6a2c-1f3d-4a5b-8c7d_9e0f1a2b3c4d",
                 "gb8e6a2c-1f3d-4a5b-8c7d-9e0f1a2b3c4d");
    INFO(s);
    CHECK_FALSE(is_uuid_v4(s));
    CHECK(is_uuid_v4("0b8e6a2c-1f3d-4a5b-bc7d-9e0f1a2b3c4d"));
}

TEST_CASE("tokens are 32 random bytes in unpadded base64url", "[ids]") {
    const std::string t = random_token();
    CHECK(t.size() == 43);
    CHECK(t.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") ==
          std::string::npos);
    CHECK(random_token() != t);
}

TEST_CASE("enrolment codes avoid look-alike characters", "[ids]") {
    for (int i = 0; i < 100; ++i) {
        const std::string code = random_enrol_code();
        INFO(code);
        CHECK(code.size() == limits::enrol_code_length);
        CHECK(code.find_first_of("0O1IL") == std::string::npos);
        CHECK(normalise_enrol_code(code) == code);
    }
}

TEST_CASE("normalises a typed enrolment code", "[ids]") {
    CHECK(normalise_enrol_code(" abcd-efgh 23 ") == "ABCDEFGH23");
    CHECK(normalise_enrol_code("AB_CD") == "ABCD");
    CHECK(normalise_enrol_code("") == "");
}

TEST_CASE("hash_secret is hex SHA-256", "[ids]") {
    CHECK(hash_secret("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(hash_secret("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("constant-time comparison tells equal from different", "[ids]") {
    CHECK(equal_constant_time("abc", "abc"));
    CHECK(equal_constant_time("", ""));
    CHECK_FALSE(equal_constant_time("abc", "abd"));
    CHECK_FALSE(equal_constant_time("abc", "abcd"));
}
