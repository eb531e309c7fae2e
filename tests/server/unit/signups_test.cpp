// Opening stored sign-ups for coordinators (admin-server/signups/): the
// short references coordinators read and type, and what a sign-up says once
// opened, or why it cannot be.
#include "engage/coordinator_keyring.hpp"
#include "engage/ids.hpp"
#include "engage/sealing.hpp"
#include "sample/sample_content.hpp"
#include "signups/open_signup.hpp"
#include "signups/signup_reference.hpp"

#include <catch2/catch.hpp>
#include <regex>
#include <set>

using namespace engage;
using namespace engage::signups;

TEST_CASE("a sign-up's reference is short, stable and random-looking, and reads back as typed",
          "[server-unit][signups]") {
    const std::string id = random_uuid_v4();
    const auto ref = signup_reference(id);
    INFO(ref);
    CHECK(std::regex_match(ref, std::regex("[0-9a-hjkmnp-tv-z]{4}-[0-9a-hjkmnp-tv-z]{4}")));
    CHECK(signup_reference(id) == ref); // the same every time: no column needed

    SECTION("ids that follow each other give references that do not") {
        // Rowids or counters would tell arrival order; these come from a hash.
        CHECK(signup_reference("00000000-0000-4000-8000-000000000001") !=
              signup_reference("00000000-0000-4000-8000-000000000002"));
        std::set<std::string> seen;
        for (int i = 0; i < 2000; ++i) {
            seen.insert(signup_reference(random_uuid_v4()));
        }
        CHECK(seen.size() == 2000);
    }
    SECTION("case, spaces, a missing dash and look-alike letters do not matter") {
        std::string upper = ref;
        for (auto& c : upper) {
            c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        }
        CHECK(parse_signup_reference(upper) == ref);
        CHECK(parse_signup_reference(ref.substr(0, 4) + " " + ref.substr(5)) == ref);
        CHECK(parse_signup_reference(ref.substr(0, 4) + ref.substr(5)) == ref);
        CHECK(parse_signup_reference("O1IL-0000") == std::optional<std::string>("0111-0000"));
    }
    SECTION("anything else is not a reference") {
        for (const std::string typed : {"", "abcd-efg", "abcd-efghj", "abcd-efgu", "abcd_efgh",
                                        "12345678-1234-4123-8123-123456789abc"}) {
            INFO(typed);
            CHECK_FALSE(parse_signup_reference(typed).has_value());
        }
    }
}

namespace {

constexpr std::string_view passphrase = "unit passphrase for sign-ups";

store::StoredSignup stored_signup(const std::string& sealed, const std::string& key_id) {
    return store::StoredSignup{
        random_uuid_v4(), "peer-mentoring", 1,      "hub-north", "2026-11-29",
        "2026-11-30",     sealed,           key_id, "",          ""};
}

} // namespace

TEST_CASE("an opened sign-up reads in the form's words, one under a destroyed key or damaged "
          "says why it cannot be read",
          "[server-unit][signups][coordinator-key]") {
    store::ContentSet sample;
    std::string error;
    REQUIRE(sample::load_sample_content(sample, error));
    const auto ring = make_coordinator_keyring(passphrase, minimal_kdf_params());
    const auto keys = unlock_keyring(ring, passphrase);
    REQUIRE(keys);
    const auto& key = *ring.current();
    // What the kiosk seals (kiosk/flow/signup_sealing.hpp).
    const std::string payload =
        R"({"sealed_payload_version": 1, "form": "peer-mentoring", "version": 1,)"
        R"( "language": "pl", "answers": {"want": "find-mentor", "name": "Sam",)"
        R"( "contact": "phone", "contact-detail": "07700 900123",)"
        R"( "times": ["mornings", "evenings"]}})";

    SECTION("every answer in English words, in the form's order") {
        const auto stored = stored_signup(*seal(payload, key.public_key), key.key_id);
        const auto s = open_signup(stored, ring, *keys, sample.forms);
        INFO(s.unreadable);
        CHECK(s.unreadable.empty());
        CHECK(s.reference == signup_reference(stored.id));
        CHECK(s.received_date == "2026-11-30");
        CHECK(s.site == "hub-north");
        CHECK(s.language == "pl");
        REQUIRE(s.fields.size() == 5);
        CHECK(s.fields[0].question == "What would you like?");
        CHECK(s.fields[0].answer == "Find a peer mentor");
        CHECK(s.fields[1].answer == "Sam");
        CHECK(s.fields[2].answer == "Phone or text");
        CHECK(s.fields[3].answer == "07700 900123");
        CHECK(s.fields[4].answer == "Mornings, Evenings");
    }
    SECTION("a sign-up stored before key ids is opened with whichever key fits") {
        const auto s = open_signup(stored_signup(*seal(payload, key.public_key), ""), ring, *keys,
                                   sample.forms);
        CHECK(s.unreadable.empty());
        CHECK(s.fields.size() == 5);
    }
    SECTION("sealed to a key that has been destroyed") {
        const KeyPair gone = make_sealing_keypair();
        const auto s = open_signup(stored_signup(*seal(payload, gone.public_key_b64),
                                                 coordinator_key_id(gone.public_key_b64)),
                                   ring, *keys, sample.forms);
        CHECK_THAT(s.unreadable, Catch::Contains("destroyed"));
        CHECK(s.fields.empty());
        CHECK(s.language.empty());
    }
    SECTION("a damaged box, or one sealed to a key this server never had") {
        const KeyPair other = make_sealing_keypair();
        const auto s = open_signup(stored_signup(*seal(payload, other.public_key_b64), ""), ring,
                                   *keys, sample.forms);
        CHECK_THAT(s.unreadable, Catch::Contains("does not open"));
        CHECK(s.fields.empty());
    }
    SECTION("a box that opens to something that is not a sign-up") {
        const auto s = open_signup(stored_signup(*seal("[1, 2]", key.public_key), key.key_id), ring,
                                   *keys, sample.forms);
        CHECK_THAT(s.unreadable, Catch::Contains("not a sign-up"));
        CHECK(s.fields.empty());
    }
}
