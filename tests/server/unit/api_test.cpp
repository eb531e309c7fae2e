// The kiosk API handlers through api::handle(): real store, real writer, no sockets.
#include "engage/ids.hpp"
#include "engage/limits.hpp"
#include "engage/protocol.hpp"
#include "engage/sealing.hpp"
#include "harness.hpp"
#include "support/kiosk_api.hpp"

#include <boost/json.hpp>
#include <catch2/catch.hpp>

namespace paths = engage::protocol::paths;

using namespace engage;
using engage::test::Engine;
using engage::test::engine_name;
using engage::test::Harness;

namespace {

std::string error_code(const api::Response& r) {
    const auto jv = test::parse_json(r.body);
    return std::string(jv.at("error").at("code").as_string());
}

const FormVersion& form(Harness& h, std::string_view slug) {
    const auto* f = h.content->current()->find_form(slug, 1);
    REQUIRE(f != nullptr);
    return *f;
}

boost::json::array results_of(const api::Response& r) {
    return test::parse_json(r.body).at("results").as_array();
}

} // namespace

TEST_CASE("an enrolment code works once and is then refused with 401 invalid_code",
          "[server-unit][api][enrol][pg]") {
    const auto engine = GENERATE(Engine::sqlite, Engine::postgresql);
    INFO("engine: " << engine_name(engine));
    Harness h(engine);
    const std::string code = random_enrol_code();
    h.store->add_enrol_code(hash_secret(normalise_enrol_code(code)), "north-hub", h.now + 60);
    const std::string body = protocol::to_json_text(protocol::EnrolRequest{code});

    const auto first = h.post(paths::enrol, body);
    REQUIRE(first.status == 200);
    const auto jv = test::parse_json(first.body);
    CHECK(jv.at("site") == "north-hub");
    CHECK(jv.at("kiosk").as_string().starts_with("k-"));
    CHECK(jv.at("token").as_string().size() >= 40);
    // The kiosk pins this signing key; content may change the box key only with its signature.
    CHECK(jv.at("coordinator_signing_key").as_string() ==
          h.store->coordinator_keyring()->signing_public_key);

    const auto again = h.post(paths::enrol, body);
    CHECK(again.status == 401);
    CHECK(error_code(again) == "invalid_code");

    SECTION("an expired code gets the same refusal as an unknown one") {
        const std::string late = random_enrol_code();
        h.store->add_enrol_code(hash_secret(normalise_enrol_code(late)), "north-hub", h.now + 60);
        h.now += 61;
        const auto expired =
            h.post(paths::enrol, protocol::to_json_text(protocol::EnrolRequest{late}));
        const auto unknown = h.post(paths::enrol, R"({"code": "ABCDEFGHJK"})");
        CHECK(expired.status == 401);
        CHECK(expired.body == unknown.body);
    }
    SECTION("a body without a code is 400 bad_request") {
        const auto r = h.post(paths::enrol, R"({"kode": "x"})");
        CHECK(r.status == 400);
        CHECK(error_code(r) == "bad_request");
    }
}

TEST_CASE("the router answers healthz, 404, 405 and puts 401 before 404 under /api/v1/",
          "[server-unit][api]") {
    Harness h;
    const auto health = h.get("/healthz");
    CHECK(health.status == 200);
    CHECK(health.body == "ok");
    CHECK(h.get("/nowhere").status == 404);
    CHECK(h.post("/healthz", "{}").status == 405);

    const auto anonymous = h.get("/api/v1/nowhere");
    CHECK(anonymous.status == 401);
    CHECK(error_code(anonymous) == "unauthorized");
    const auto token = h.enrol();
    CHECK(h.get("/api/v1/nowhere", token).status == 404);
    const auto wrong = h.post(paths::content, "{}", token);
    CHECK(wrong.status == 405);
    CHECK(error_code(wrong) == "method_not_allowed");
}

TEST_CASE("a POST without a body is 411 and one that is not JSON is 415", "[server-unit][api]") {
    Harness h;
    const auto token = h.enrol();
    api::Request r;
    r.method = "POST";
    r.target = std::string(paths::heartbeat);
    r.authorization = "Bearer " + token;
    r.content_type = "application/json";
    SECTION("no body") {
        const auto resp = api::handle(r, *h.services);
        CHECK(resp.status == 411);
        CHECK(error_code(resp) == "length_required");
    }
    SECTION("text/plain") {
        r.has_body = true;
        r.body = "{}";
        r.content_type = "text/plain";
        const auto resp = api::handle(r, *h.services);
        CHECK(resp.status == 415);
        CHECK(error_code(resp) == "unsupported_media_type");
    }
    SECTION("application/json with a charset is fine") {
        r.has_body = true;
        r.body = "{}";
        r.content_type = "Application/JSON; charset=utf-8";
        CHECK(api::handle(r, *h.services).status == 200);
    }
}

TEST_CASE("content is 200 with an ETag, then 304 for that ETag",
          "[server-unit][api][content][pg]") {
    const auto engine = GENERATE(Engine::sqlite, Engine::postgresql);
    INFO("engine: " << engine_name(engine));
    Harness h(engine);
    const auto token = h.enrol("east-hub");
    const auto full = h.get(paths::content, token);
    REQUIRE(full.status == 200);
    std::string etag;
    for (const auto& [name, value] : full.headers) {
        if (name == "ETag") {
            etag = value;
        }
    }
    REQUIRE_FALSE(etag.empty());
    const auto bundle = test::parse_json(full.body);
    CHECK("\"" + std::string(bundle.at("version").as_string()) + "\"" == etag);
    CHECK(bundle.at("site") == "east-hub");
    const std::string pub(bundle.at("coordinator_public_key").as_string());
    CHECK(bundle.at("coordinator_key_id").as_string() == coordinator_key_id(pub));
    CHECK(verify_box_key(pub, bundle.at("coordinator_key_signature").as_string(),
                         h.store->coordinator_keyring()->signing_public_key));

    const auto same = h.get(paths::content, token, etag);
    CHECK(same.status == 304);
    CHECK(same.body.empty());
    CHECK(h.get(paths::content, token, "\"stale\"").status == 200);
}

TEST_CASE("the bundle lists only published forms meant for the kiosk's site",
          "[server-unit][api][content][pg]") {
    const auto engine = GENERATE(Engine::sqlite, Engine::postgresql);
    INFO("engine: " << engine_name(engine));
    Harness h(engine);
    store::ContentSet extra;
    extra.forms.push_back(form(h, "day-centre-feedback"));
    extra.forms.back().slug = "only-south";
    extra.forms.back().sites = {"south-hub"};
    extra.forms.push_back(form(h, "day-centre-feedback"));
    extra.forms.back().slug = "still-a-draft";
    extra.forms.back().status = FormStatus::draft;
    h.store->add_content(extra);
    h.content->replace(h.store->load_content());

    auto slugs_at = [&](const std::string& site) {
        const auto bundle = test::parse_json(h.get(paths::content, h.enrol(site)).body);
        std::vector<std::string> slugs;
        for (const auto& f : bundle.at("forms").as_array()) {
            slugs.emplace_back(f.at("slug").as_string());
        }
        return slugs;
    };
    const auto north = slugs_at("north-hub");
    const auto south = slugs_at("south-hub");
    CHECK(std::find(north.begin(), north.end(), "only-south") == north.end());
    CHECK(std::find(south.begin(), south.end(), "only-south") != south.end());
    CHECK(std::find(south.begin(), south.end(), "still-a-draft") == south.end());
}

TEST_CASE("a batch is answered per item, in order, after its items are committed",
          "[server-unit][api][submissions][pg]") {
    const auto engine = GENERATE(Engine::sqlite, Engine::postgresql);
    INFO("engine: " << engine_name(engine));
    Harness h(engine);
    const auto token = h.enrol();
    const auto& feedback = form(h, "day-centre-feedback");
    auto good = test::anonymous_item(feedback, h.today);
    auto bad = test::anonymous_item(feedback, h.today);
    bad["form"] = "no-such-form";
    auto other_version = test::anonymous_item(feedback, h.today);
    other_version["version"] = 99;
    boost::json::array items{good, bad, good, other_version};

    const auto r = h.post(paths::submissions, test::batch_body(items), token);
    REQUIRE(r.status == 200);
    const auto results = results_of(r);
    REQUIRE(results.size() == 4);
    CHECK(results[0].at("status") == "accepted");
    CHECK(results[1].at("status") == "rejected");
    CHECK(results[1].at("code") == "unknown_form");
    CHECK(results[2].at("status") == "duplicate"); // the same id twice in one batch
    CHECK(results[3].at("code") == "unknown_version");
    CHECK(results[0].as_object().if_contains("reason") == nullptr);
    // handle() returned, so the row is already on disk.
    CHECK(h.count("submissions") == 1);

    const auto again = h.post(paths::submissions, test::batch_body({good}), token);
    CHECK(results_of(again)[0].at("status") == "duplicate");
    CHECK(h.count("submissions") == 1);
}

TEST_CASE("a batch over max_batch_items is 413 too_many_items and not JSON is 400",
          "[server-unit][api][submissions]") {
    Harness h;
    const auto token = h.enrol();
    boost::json::array items;
    for (std::size_t i = 0; i <= limits::max_batch_items; ++i) {
        items.push_back(test::anonymous_item(form(h, "day-centre-feedback"), h.today));
    }
    const auto big = h.post(paths::submissions, test::batch_body(items), token);
    CHECK(big.status == 413);
    CHECK(error_code(big) == "too_many_items");
    CHECK(big.body.find("max_batch_items") != std::string::npos);

    const auto broken = h.post(paths::submissions, R"({"submissions": [)", token);
    CHECK(broken.status == 400);
    CHECK(error_code(broken) == "malformed_json");
    const auto shape = h.post(paths::submissions, R"({"items": []})", token);
    CHECK(shape.status == 400);
    CHECK(error_code(shape) == "bad_request");
}

TEST_CASE("a sealed sign-up is stored as ciphertext only, apart from anonymous answers",
          "[server-unit][api][privacy][pg]") {
    const auto engine = GENERATE(Engine::sqlite, Engine::postgresql);
    INFO("engine: " << engine_name(engine));
    Harness h(engine);
    const auto token = h.enrol();
    const auto& signup = form(h, "peer-mentoring");
    const auto key = h.content->current()->bundle_for("north-hub");
    const auto pub = test::parse_json(*key).at("coordinator_public_key").as_string();
    const auto sealed = seal(R"({"name":"Sam","phone":"07700 900123"})", pub);
    REQUIRE(sealed);

    const auto r = h.post(paths::submissions,
                          test::batch_body({test::sealed_item(signup, h.today, *sealed)}), token);
    REQUIRE(r.status == 200);
    CHECK(results_of(r)[0].at("status") == "accepted");
    CHECK(h.count("sealed_signups") == 1);
    CHECK(h.count("submissions") == 0);
    const auto status = h.store->status();
    CHECK(status.sealed_signups == 1);
    CHECK(status.by_form.at("peer-mentoring") == 1);
}

TEST_CASE("a heartbeat is stored on the kiosk's row and a wrong shape is 400",
          "[server-unit][api][heartbeat][pg]") {
    const auto engine = GENERATE(Engine::sqlite, Engine::postgresql);
    INFO("engine: " << engine_name(engine));
    Harness h(engine);
    const auto token = h.enrol();
    const auto ok = h.post(paths::heartbeat,
                           R"({"app_version": "0.1.0", "outbox_depth": 7,
                               "content_version": "abc", "last_sync_error": ""})",
                           token);
    REQUIRE(ok.status == 200);
    const auto status = h.store->status();
    REQUIRE(status.kiosks.size() == 1);
    // An old kiosk's exact depth is stored only as its band.
    CHECK(status.kiosks[0].outbox == "5+");
    CHECK_FALSE(status.kiosks[0].oldest_item_days.has_value());
    CHECK(status.kiosks[0].app_version == "0.1.0");

    const auto banded = h.post(paths::heartbeat,
                               R"({"app_version": "0.2.0", "outbox": "1-4",
                                   "oldest_item_days": 3, "content_version": "abc",
                                   "last_sync_error": ""})",
                               token);
    REQUIRE(banded.status == 200);
    const auto after = h.store->status();
    REQUIRE(after.kiosks.size() == 1);
    CHECK(after.kiosks[0].outbox == "1-4");
    CHECK(after.kiosks[0].oldest_item_days == std::optional<std::int64_t>(3));

    const auto bad =
        GENERATE(as<std::string>{}, R"({"outbox_depth": "many"})", R"({"outbox_depth": -1})",
                 R"({"app_version": 3})", R"([])", R"({"outbox": "7"})", R"({"outbox": 3})",
                 R"({"outbox": "1-4", "oldest_item_days": -2})");
    CAPTURE(bad);
    const auto r = h.post(paths::heartbeat, bad, token);
    CHECK(r.status == 400);
    CHECK(error_code(r) == "bad_request");
}
