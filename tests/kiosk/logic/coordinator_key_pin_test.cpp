// The kiosk pins the coordinators' signing key at enrolment and accepts a
// new box key from content only with that key's signature; otherwise it
// keeps sealing to the key it had and tells staff. Unit cases on the check,
// then a hostile server (its database edited to swap the box key) against
// the real sync client.

#include "engage/sealing.hpp"
#include "kiosk/config/data_dir.hpp"
#include "kiosk/flow/signup_sealing.hpp"
#include "kiosk/outbox/outbox.hpp"
#include "kiosk/sync/coordinator_key_pin.hpp"
#include "kiosk/sync/sync_client.hpp"
#include "support/admin_cli.hpp"
#include "support/server_process.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>
#include <sqlite3.h>

using namespace engage;
using namespace engage::kiosk;
using engage::test::ServerOptions;
using engage::test::ServerProcess;
using engage::test::TempDir;
using namespace std::chrono_literals;

namespace {

// A server's keys as the kiosk sees them: a signing pair and a signed box key.
struct ServerKeys {
    KeyPair signing = make_signing_keypair();
    KeyPair box = make_sealing_keypair();
    std::string signature = *sign_box_key(box.public_key_b64, signing.secret_key_b64);
};

ContentBundle bundle_with(const std::string& key, const std::string& signature) {
    ContentBundle b;
    b.version = std::string(1, 'v'); // (GCC 12 -Wrestrict misfires on assigning a literal here)
    b.coordinator_public_key = key;
    b.coordinator_key_signature = signature;
    b.coordinator_key_id = std::string(16, '0'); // the server's word; never trusted
    return b;
}

} // namespace

TEST_CASE("content may change the coordinators' key only with the pinned signing key's signature",
          "[sync][coordinator-key]") {
    const ServerKeys server;
    Enrolment pins;
    pins.signing_key = server.signing.public_key_b64; // from the enrolment reply

    auto first = bundle_with(server.box.public_key_b64, server.signature);
    const auto taken = check_coordinator_key(first, pins);
    REQUIRE(taken.error.empty());
    CHECK(taken.pin_changed);
    CHECK(pins.box_key == server.box.public_key_b64);
    CHECK(first.coordinator_key_id == coordinator_key_id(server.box.public_key_b64));

    SECTION("a swapped box key with a bad signature is refused; sealing stays on the pinned key") {
        const KeyPair attacker = make_sealing_keypair();
        auto swapped = bundle_with(attacker.public_key_b64, server.signature);
        const auto refused = check_coordinator_key(swapped, pins);
        CHECK_FALSE(refused.error.empty());
        CHECK(refused.key_replaced);
        CHECK_FALSE(refused.pin_changed);
        CHECK(pins.box_key == server.box.public_key_b64);
        CHECK(swapped.coordinator_public_key == server.box.public_key_b64);
        CHECK(swapped.coordinator_key_id == coordinator_key_id(server.box.public_key_b64));

        // What the flow seals with this bundle opens for the coordinators,
        // never for the attacker.
        FormVersion form;
        form.slug = "peer-mentoring";
        form.version = 1;
        form.kind = FormKind::signup;
        Answers answers;
        answers["name"] = FreeText{"Sam"};
        const auto sealed = seal_signup(form, answers, "en", swapped.coordinator_public_key);
        REQUIRE(sealed);
        CHECK_FALSE(
            open_sealed(*sealed, attacker.public_key_b64, attacker.secret_key_b64).has_value());
        CHECK(
            open_sealed(*sealed, server.box.public_key_b64, server.box.secret_key_b64).has_value());
    }
    SECTION("a key signed by another signing key is refused too") {
        const ServerKeys hostile;
        auto swapped = bundle_with(hostile.box.public_key_b64, hostile.signature);
        CHECK_FALSE(check_coordinator_key(swapped, pins).error.empty());
        CHECK(swapped.coordinator_public_key == server.box.public_key_b64);
    }
    SECTION("a rotated key signed by the pinned signing key is taken") {
        const KeyPair rotated = make_sealing_keypair();
        auto next =
            bundle_with(rotated.public_key_b64,
                        *sign_box_key(rotated.public_key_b64, server.signing.secret_key_b64));
        const auto r = check_coordinator_key(next, pins);
        CHECK(r.error.empty());
        CHECK(r.pin_changed);
        CHECK(pins.box_key == rotated.public_key_b64);
    }
    SECTION("the same key again is simply kept") {
        auto same = bundle_with(server.box.public_key_b64, server.signature);
        const auto r = check_coordinator_key(same, pins);
        CHECK(r.error.empty());
        CHECK_FALSE(r.pin_changed);
        CHECK_FALSE(r.key_replaced);
    }
}

TEST_CASE("a kiosk enrolled before signing keys keeps the key it had and asks to be re-enrolled",
          "[sync][coordinator-key]") {
    const ServerKeys server;
    Enrolment pins;
    pins.box_key = server.box.public_key_b64; // from its cached content; no signing key
    auto swapped = bundle_with(make_sealing_keypair().public_key_b64, "");
    const auto r = check_coordinator_key(swapped, pins);
    CHECK(r.error.find("re-enrol") != std::string::npos);
    CHECK(swapped.coordinator_public_key == server.box.public_key_b64);
}

TEST_CASE("a hostile server's swapped key is refused by the real sync client",
          "[sync][server][coordinator-key][attack]") {
    TempDir server_dir("engage-sync-server");
    std::optional<ServerProcess> server(std::in_place, server_dir.path());
    std::string listen = "127.0.0.1:";
    listen += std::to_string(server->port());
    TempDir kiosk_dir("engage-sync-kiosk");
    std::string error;
    auto outbox = Outbox::open(kiosk_dir / "outbox.db", error);
    REQUIRE(outbox);
    SyncConfig config;
    config.server_url = server->url();
    config.data_dir = kiosk_dir.path();
    config.first_backoff = 200ms;
    config.max_backoff = 1s;
    config.enrol_code = engage::test::make_enrol_code(server_dir.path(), "hub-north");
    SyncClient sync(config, *outbox, std::nullopt, "", "");
    sync.start();
    REQUIRE(sync.wait_for(sync.request_sync(), 60s));
    INFO(sync.status().last_error);
    REQUIRE(sync.status().enrolled);
    const auto pinned = load_enrolment(kiosk_dir.path());
    REQUIRE(pinned);
    REQUIRE_FALSE(pinned->signing_key.empty());
    REQUIRE_FALSE(pinned->box_key.empty());
    CHECK(sync.take_new_content()->coordinator_public_key == pinned->box_key);
    CHECK(sync.status().coordinator_key_error.empty());

    // The server turns hostile: its database now offers the attacker's box
    // key (it cannot sign it) under new content.
    REQUIRE(server->terminate().code == 0);
    const KeyPair attacker = make_sealing_keypair();
    {
        sqlite3* raw = nullptr;
        REQUIRE(sqlite3_open((server_dir.path() / "engage.db").c_str(), &raw) == SQLITE_OK);
        std::unique_ptr<sqlite3, decltype(&sqlite3_close_v2)> db(raw, &sqlite3_close_v2);
        std::string sql = "UPDATE coordinator_box_keys SET public_key = '";
        sql += attacker.public_key_b64;
        sql += "', key_id = '";
        sql += coordinator_key_id(attacker.public_key_b64);
        sql += "' WHERE current = 1; UPDATE meta SET value = value || '0' WHERE key = "
               "'content_version';";
        REQUIRE(sqlite3_exec(raw, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
    }
    ServerOptions same_port;
    same_port.listen = listen;
    server.emplace(server_dir.path(), same_port);

    REQUIRE(sync.wait_for(sync.request_sync(), 60s));
    const auto status = sync.status();
    INFO(status.last_error);
    CHECK(status.last_error.empty()); // uploads and the rest go on
    CHECK(status.coordinator_key_error.find("without a valid signature") != std::string::npos);
    const auto fresh = sync.take_new_content();
    REQUIRE(fresh);                                          // the new content is taken...
    CHECK(fresh->coordinator_public_key == pinned->box_key); // ...sealing to the pinned key
    CHECK(fresh->coordinator_key_id == coordinator_key_id(pinned->box_key));
    CHECK(load_enrolment(kiosk_dir.path())->box_key == pinned->box_key);
    const auto cached = load_cached_content(kiosk_dir.path()); // and so after a restart
    REQUIRE(cached);
    CHECK(cached->bundle.coordinator_public_key == pinned->box_key);
}
