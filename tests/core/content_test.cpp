#include "engage/api_error.hpp"
#include "engage/content.hpp"
#include "engage/limits.hpp"
#include "engage/sealing.hpp"
#include "engage/strict_json.hpp"
#include "engage/version.hpp"
#include "sample_forms.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <boost/json/value_from.hpp>
#include <catch2/catch.hpp>
#include <string>

using namespace engage;

namespace {

boost::json::value json(const std::string& text) {
    boost::json::value jv;
    std::string error;
    INFO(text);
    REQUIRE(parse_json_strict(text, jv, error));
    return jv;
}

ContentBundle sample_bundle() {
    ContentBundle c;
    c.version = "v42-abc";
    c.site = "hub-north";
    c.forms.push_back(test::form_from(test::feedback_form_json));
    c.forms.push_back(test::form_from(test::signup_form_json));
    HelpEntry h;
    h.id = "samaritans";
    h.name.by_language = {{"en", "Samaritans"}};
    h.what.by_language = {{"en", "Anyone struggling"}, {"pl", "Każdy"}};
    h.hours.by_language = {{"en", "Day or night"}};
    h.phone = "116 123";
    h.url = "https://www.samaritans.org";
    c.help.push_back(h);
    HelpEntry local;
    local.id = "food-bank";
    local.name.by_language = {{"en", "Food bank"}};
    local.example = true;
    local.sites = {"hub-north", "hub-south"};
    c.help.push_back(local);
    YouSaidWeDid y;
    y.id = "showers";
    y.you_said.by_language = {{"en", "The showers are cold"}};
    y.we_did.by_language = {{"en", "We fixed the boiler"}};
    c.you_said_we_did.push_back(y);
    c.settings.inactivity_seconds = 60;
    c.settings.countdown_seconds = 20;
    c.settings.languages = {"en", "pl", "ar"};
    const KeyPair signing = make_signing_keypair();
    c.coordinator_public_key = make_sealing_keypair().public_key_b64;
    c.coordinator_key_id = coordinator_key_id(c.coordinator_public_key);
    c.coordinator_key_signature = *sign_box_key(c.coordinator_public_key, signing.secret_key_b64);
    return c;
}

} // namespace

TEST_CASE("a content bundle round-trips through JSON text", "[content][json]") {
    const ContentBundle c = sample_bundle();
    const std::string text = boost::json::serialize(boost::json::value_from(c));
    ContentBundle back;
    std::string error;
    REQUIRE(parse_content_bundle(json(text), back, error));
    CHECK(back == c);
    CHECK(json(text).as_object().at("format").as_int64() == content_format_version);
}

TEST_CASE("parses the bundle shape the header documents", "[content]") {
    const std::string text = R"({"format": 1, "version": "7", "site": "hub",
      "forms": [], "help": [{"id": "samaritans", "name": {"en": "Samaritans"},
      "what": {"en": "x"}, "hours": {"en": "24/7"}, "phone": "116 123",
      "url": "https://example.org", "example": false}],
      "you_said_we_did": [{"id": "a", "you_said": {"en": "s"}, "we_did": {"en": "d"}}],
      "settings": {"inactivity_seconds": 90, "countdown_seconds": 30, "languages": ["en", "pl"]},
      "coordinator_public_key": "k"})";
    ContentBundle c;
    std::string error;
    REQUIRE(parse_content_bundle(json(text), c, error));
    CHECK(c.version == "7");
    REQUIRE(c.help.size() == 1);
    CHECK(c.help[0].phone == "116 123");
    CHECK(c.help[0].hours.get("en") == "24/7");
    CHECK(c.you_said_we_did.at(0).we_did.get("pl") == "d");
    CHECK(c.settings.languages == std::vector<std::string>{"en", "pl"});
}

TEST_CASE("a bundle from a server before signing keys reads with no key id and no signature",
          "[content][coordinator-key]") {
    // What a 0.1.0 server sends: the box key alone. The kiosk decides what
    // to do with an unsigned key (coordinator_key_pin); the reader only reads.
    const std::string text = R"({"format": 1, "version": "v1-1", "forms": [],
      "coordinator_public_key": "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="})";
    ContentBundle c;
    std::string error;
    REQUIRE(parse_content_bundle(json(text), c, error));
    CHECK(c.coordinator_public_key == "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
    CHECK(c.coordinator_key_id.empty());
    CHECK(c.coordinator_key_signature.empty());
}

TEST_CASE("refuses malformed bundles", "[content]") {
    auto [name, text] = GENERATE(table<std::string, std::string>({
        {"not an object", "[]"},
        {"missing format", R"({"version": "1"})"},
        {"future format", R"({"format": 2, "version": "1"})"},
        {"missing version", R"({"format": 1})"},
        {"forms not array", R"({"format": 1, "version": "1", "forms": {}})"},
        {"bad form", R"({"format": 1, "version": "1", "forms": [{"slug": "x"}]})"},
        {"help without name", R"({"format": 1, "version": "1", "help": [{"id": "a"}]})"},
        {"help example not bool",
         R"({"format": 1, "version": "1", "help": [{"id": "a", "name": "A", "example": 1}]})"},
        {"you said without we did",
         R"({"format": 1, "version": "1", "you_said_we_did": [{"id": "a", "you_said": "x"}]})"},
        {"negative inactivity",
         R"({"format": 1, "version": "1", "settings": {"inactivity_seconds": -5}})"},
        {"languages not strings",
         R"({"format": 1, "version": "1", "settings": {"languages": [1]}})"},
        {"key id not a string", R"({"format": 1, "version": "1", "coordinator_key_id": 7})"},
        {"key id in capitals",
         R"({"format": 1, "version": "1", "coordinator_key_id": "0123456789ABCDEF"})"},
        {"key id too short", R"({"format": 1, "version": "1", "coordinator_key_id": "0123"})"},
        {"signature not base64",
         R"({"format": 1, "version": "1", "coordinator_key_signature": "not base64!"})"},
        {"signature of 32 bytes", R"({"format": 1, "version": "1", "coordinator_key_signature": )"
                                  R"("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="})"},
    }));
    INFO(name << ": " << text);
    ContentBundle c;
    std::string error;
    CHECK_FALSE(parse_content_bundle(json(text), c, error));
    CHECK_FALSE(error.empty());
}

TEST_CASE("kiosk settings outside the limits in limits.hpp are refused, at both ends",
          "[content][limits]") {
    using namespace engage::limits;
    const std::string many_languages = [] {
        std::string list;
        for (std::size_t i = 0; i <= max_languages; ++i) {
            list += (i == 0 ? "" : ", ") + std::string("\"en\"");
        }
        return list;
    }();
    auto [settings, accepted] = GENERATE_COPY(table<std::string, bool>({
        {R"({"inactivity_seconds": 5, "countdown_seconds": 5})", true},
        {R"({"inactivity_seconds": 600, "countdown_seconds": 300})", true},
        {R"({"inactivity_seconds": 4})", false},
        {R"({"inactivity_seconds": 601})", false},
        {R"({"countdown_seconds": 4})", false},
        {R"({"countdown_seconds": 301})", false},
        {R"({"inactivity_seconds": 1})", false},
        {R"({"languages": []})", false},
        {R"({"languages": [""]})", false},
        {R"({"languages": [")" + std::string(max_id_bytes + 1, 'a') + R"("]})", false},
        {R"({"languages": [)" + many_languages + "]}", false},
        {R"({"languages": ["en", "ckb", "pt-BR"]})", true},
    }));
    static_assert(min_inactivity_seconds == 5 && max_inactivity_seconds == 600 &&
                      min_countdown_seconds == 5 && max_countdown_seconds == 300,
                  "the table above tests these edges");
    const std::string text = R"({"format": 1, "version": "1", "settings": )" + settings + "}";
    INFO(text);
    ContentBundle c;
    std::string error;
    CHECK(parse_content_bundle(json(text), c, error) == accepted);
    CHECK(error.empty() == accepted);
    KioskSettings s = c.settings;
    CHECK(check_kiosk_settings(s, error)); // the defaults, or what was accepted
}

TEST_CASE("help entries and you-said items round-trip on their own", "[content][json]") {
    const ContentBundle c = sample_bundle();
    for (const auto& h : c.help) {
        HelpEntry back;
        std::string error;
        REQUIRE(parse_help_entry(boost::json::value_from(h), back, error));
        CHECK(back == h);
    }
    YouSaidWeDid y;
    std::string error;
    REQUIRE(parse_you_said_we_did(boost::json::value_from(c.you_said_we_did[0]), y, error));
    CHECK(y == c.you_said_we_did[0]);
}

TEST_CASE("items without \"sites\" (older bundles and exports) are for every site",
          "[content][json]") {
    HelpEntry h;
    std::string error;
    REQUIRE(
        parse_help_entry(json(R"({"id": "nhs", "name": "NHS 111", "phone": "111"})"), h, error));
    CHECK(h.sites.empty());
    YouSaidWeDid y;
    REQUIRE(parse_you_said_we_did(
        json(R"({"id": "tea", "you_said": "More tea", "we_did": "Tea all day", "sites": null})"), y,
        error));
    CHECK(y.sites.empty());
    CHECK(shown_at(h.sites, "anywhere"));

    SECTION("a list names the sites it is shown at, and only those") {
        REQUIRE(parse_help_entry(
            json(R"({"id": "nhs", "name": "NHS 111", "sites": ["hub-north"]})"), h, error));
        CHECK(h.sites == std::vector<std::string>{"hub-north"});
        CHECK(shown_at(h.sites, "hub-north"));
        CHECK_FALSE(shown_at(h.sites, "hub-south"));
    }
    SECTION("sites that are not a list of names are refused") {
        CHECK_FALSE(
            parse_help_entry(json(R"({"id": "a", "name": "A", "sites": "hub"})"), h, error));
        CHECK(error.find("sites") != std::string::npos);
        CHECK_FALSE(parse_help_entry(json(R"({"id": "a", "name": "A", "sites": [""]})"), h, error));
        CHECK_FALSE(parse_you_said_we_did(
            json(R"({"id": "t", "you_said": "x", "we_did": "y", "sites": [1]})"), y, error));
    }
}

TEST_CASE("api errors are JSON with code and message", "[content][json]") {
    const ApiError e{413, "body_too_large", "request body is over the \"1048576\"-byte limit"};
    const std::string text = to_json_text(e);
    CHECK(
        text ==
        R"({"error":{"code":"body_too_large","message":"request body is over the \"1048576\"-byte limit"}})");
    const auto jv = json(text);
    CHECK(jv.at("error").at("code").as_string() == "body_too_large");
}

TEST_CASE("strict JSON refuses comments, trailing commas, bad UTF-8 and deep nesting",
          "[content][json]") {
    auto [text, fragment] = GENERATE(table<std::string, std::string>({
        {"{\"a\": 1,}", "at byte"},
        {"[1, 2,]", "at byte"},
        {"/* c */ {}", "at byte"},
        {"{\"a\": \"\xc3\"}", "at byte"},
        {"{\"a\": 1} {}", "extra data"},
        {"{\"a\": ", "at byte"},
        {"", "at byte"},
        {std::string(17, '[') + std::string(17, ']'), "nested deeper than 16 levels"},
    }));
    INFO("text: " << text);
    boost::json::value jv;
    std::string error;
    CHECK_FALSE(parse_json_strict(text, jv, error));
    CHECK_THAT(error, Catch::Contains(fragment));
    std::string ok_error;
    CHECK(parse_json_strict(std::string(16, '[') + std::string(16, ']') + " \n", jv, ok_error));
}
