// One set of limits for kiosk settings (issue 8): the server's settings
// reader and the kiosk's bundle reader (core) accept and refuse exactly the
// same values, so a kiosk never runs with settings the server would refuse,
// and the server never sends settings a kiosk would throw away.

#include "content/settings_json.hpp"
#include "engage/content.hpp"
#include "engage/limits.hpp"
#include "engage/strict_json.hpp"

#include <boost/json/value.hpp>
#include <catch2/catch.hpp>
#include <string>

using namespace engage;

namespace {

boost::json::value json(const std::string& text) {
    boost::json::value jv;
    std::string error;
    INFO(error);
    REQUIRE(parse_json_strict(text, jv, error));
    return jv;
}

} // namespace

TEST_CASE("the server and the kiosk accept and refuse the same kiosk settings",
          "[server][content][limits]") {
    using namespace engage::limits;
    const auto n = [](auto v) { return std::to_string(v); };
    auto [settings, accepted] = GENERATE_COPY(table<std::string, bool>({
        {R"({"inactivity_seconds": 90, "countdown_seconds": 30, "languages": ["en", "pl"]})", true},
        {R"({"inactivity_seconds": )" + n(min_inactivity_seconds) + "}", true},
        {R"({"inactivity_seconds": )" + n(min_inactivity_seconds - 1) + "}", false},
        {R"({"inactivity_seconds": )" + n(max_inactivity_seconds) + "}", true},
        {R"({"inactivity_seconds": )" + n(max_inactivity_seconds + 1) + "}", false},
        {R"({"countdown_seconds": )" + n(min_countdown_seconds) + "}", true},
        {R"({"countdown_seconds": )" + n(min_countdown_seconds - 1) + "}", false},
        {R"({"countdown_seconds": )" + n(max_countdown_seconds) + "}", true},
        {R"({"countdown_seconds": )" + n(max_countdown_seconds + 1) + "}", false},
        {R"({"countdown_seconds": -1})", false},
        {R"({"inactivity_seconds": 3600})", false}, // the server's old maximum
        {R"({"languages": []})", false},
        {R"({"languages": [""]})", false},
        {R"({"languages": [")" + std::string(max_id_bytes + 1, 'x') + R"("]})", false},
        {R"({"languages": ["en", "so", "ckb"]})", true},
    }));
    INFO(settings);

    KioskSettings on_server;
    std::string server_error;
    CHECK(content::parse_kiosk_settings(json(settings), on_server, server_error) == accepted);

    ContentBundle on_kiosk;
    std::string kiosk_error;
    const auto bundle = R"({"format": 1, "version": "1", "settings": )" + settings + "}";
    CHECK(parse_content_bundle(json(bundle), on_kiosk, kiosk_error) == accepted);

    if (accepted) {
        CHECK(on_kiosk.settings == on_server);
    } else {
        CHECK_FALSE(server_error.empty());
        CHECK_FALSE(kiosk_error.empty());
    }
}
