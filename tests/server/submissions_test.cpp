// Submissions: idempotent acceptance, per-item rejection codes, counts in
// `status --json`, and heartbeats.

#include "engage/ids.hpp"
#include "engage/protocol.hpp"
#include "engage/sealing.hpp"
#include "engage/sqlite/database.hpp"
#include "engage/sqlite/statement.hpp"
#include "server_fixture.hpp"

#include <catch2/catch.hpp>
#include <map>
#include <memory>

namespace paths = engage::protocol::paths;

using namespace engage;
using namespace engage::test;

TEST_CASE("valid items are accepted once, reported as duplicate when sent again, and counted once",
          "[server][submissions][engines]") {
    TestServer s;
    const auto& feedback = form_of_kind(s.content, FormKind::feedback);
    const auto& poll = form_of_kind(s.content, FormKind::poll);
    boost::json::array items;
    for (int i = 0; i < 3; ++i) {
        items.push_back(anonymous_item(feedback, today()));
        items.push_back(anonymous_item(poll, today()));
    }
    // A skipped question is simply absent: an item with no answers is valid too.
    auto empty = anonymous_item(feedback, today());
    empty["answers"] = boost::json::object{};
    items.push_back(empty);

    const auto first = post_batch(s.port(), s.kiosk.token, items);
    INFO(first.body);
    REQUIRE(first.status == 200);
    CHECK(first.header("Content-Type").value_or("").find("application/json") == 0);
    const auto accepted = results_of(first);
    REQUIRE(accepted.size() == items.size());
    for (std::size_t i = 0; i < items.size(); ++i) {
        INFO("item " << i);
        CHECK(accepted[i].id == items[i].as_object().at("id").as_string());
        CHECK(accepted[i].status == "accepted");
        CHECK_FALSE(accepted[i].has_code);
        CHECK_FALSE(accepted[i].has_reason);
    }

    const auto second = post_batch(s.port(), s.kiosk.token, items);
    INFO(second.body);
    REQUIRE(second.status == 200);
    const auto duplicates = results_of(second);
    REQUIRE(duplicates.size() == items.size());
    for (std::size_t i = 0; i < items.size(); ++i) {
        INFO("item " << i);
        CHECK(duplicates[i].id == items[i].as_object().at("id").as_string());
        CHECK(duplicates[i].status == "duplicate");
    }

    const auto stored = stored_counts(s.data.path());
    CHECK(stored.total == 7);
    CHECK(stored.of(feedback.slug) == 4);
    CHECK(stored.of(poll.slug) == 3);
}

TEST_CASE("the same item twice in one batch is stored once", "[server][submissions][engines]") {
    TestServer s;
    const auto item = anonymous_item(form_of_kind(s.content, FormKind::feedback), today());
    const auto reply = post_batch(s.port(), s.kiosk.token, boost::json::array{item, item});
    INFO(reply.body);
    REQUIRE(reply.status == 200);
    const auto results = results_of(reply);
    REQUIRE(results.size() == 2);
    CHECK(results[0].status == "accepted");
    CHECK(results[1].status == "duplicate");
    CHECK(stored_counts(s.data.path()).total == 1);
}

TEST_CASE("each invalid item is rejected with its code while valid items in the same batch are "
          "accepted",
          "[server][submissions][validation][engines]") {
    TestServer s;
    const auto& feedback = form_of_kind(s.content, FormKind::feedback);
    const auto& signup = form_of_kind(s.content, FormKind::signup);
    const auto day = today();
    const auto sealed = seal(R"({"name": "test"})", s.content.coordinator_public_key);
    REQUIRE(sealed);

    // The first answerable question of a type, to break its answer.
    auto question_of = [&feedback](QuestionType t) -> const Question* {
        for (const auto& q : feedback.questions) {
            if (q.type == t) {
                return &q;
            }
        }
        return nullptr;
    };
    const Question* scale = question_of(QuestionType::scale);
    const Question* choice = question_of(QuestionType::choice);
    REQUIRE(scale != nullptr);
    REQUIRE(choice != nullptr);

    struct Case {
        std::string expected; // "accepted" or the rejection code
        boost::json::object item;
    };
    std::vector<Case> cases;
    auto valid = [&] { return anonymous_item(feedback, day); };
    cases.push_back({"accepted", valid()});
    {
        auto i = valid();
        i["form"] = "no-such-form";
        cases.push_back({"unknown_form", i});
    }
    {
        auto i = valid();
        i["answers"].as_object()["no-such-question"] = 3;
        cases.push_back({"unknown_question", i});
    }
    {
        auto i = valid();
        i["answers"].as_object()[scale->id] = "three";
        cases.push_back({"wrong_type", i});
    }
    cases.push_back({"accepted", valid()});
    {
        auto i = valid();
        i["date"] = to_string(day) + "T14:32:00Z";
        cases.push_back({"time_of_day", i});
    }
    {
        auto i = valid();
        i["date"] = to_string(day) + " 14:32";
        cases.push_back({"time_of_day", i});
    }
    {
        auto i = valid();
        i["time"] = "14:32"; // a time of day beside the date
        cases.push_back({"time_of_day", i});
    }
    {
        auto i = valid();
        i["date"] = to_string(from_days_since_epoch(days_since_epoch(day) + 5));
        cases.push_back({"future_date", i});
    }
    {
        auto i = valid();
        i["sealed"] = *sealed;
        cases.push_back({"sealed_not_allowed", i});
    }
    {
        auto i = anonymous_item(signup, day); // answers, no sealed box
        cases.push_back({"sealed_required", i});
    }
    {
        auto i = valid();
        i["id"] = "not-a-uuid";
        cases.push_back({"bad_id", i});
    }
    {
        auto i = valid();
        i["version"] = feedback.version + 99;
        cases.push_back({"unknown_version", i});
    }
    {
        auto i = valid();
        i["answers"].as_object()[scale->id] = 9;
        cases.push_back({"out_of_range", i});
    }
    {
        auto i = valid();
        i["answers"].as_object()[choice->id] = "no-such-option";
        cases.push_back({"unknown_option", i});
    }
    {
        auto i = valid();
        i["site"] = "somewhere-else"; // the site comes from the token, never the body
        cases.push_back({"bad_item", i});
    }
    {
        auto i = valid();
        i["date"] = "23/11/2026";
        cases.push_back({"bad_date", i});
    }
    cases.push_back({"accepted", sealed_item(signup, day, *sealed)});

    boost::json::array items;
    for (const auto& c : cases) {
        items.push_back(c.item);
    }
    const auto reply = post_batch(s.port(), s.kiosk.token, items);
    INFO(reply.body);
    REQUIRE(reply.status == 200);
    const auto results = results_of(reply);
    REQUIRE(results.size() == cases.size());
    int accepted_anonymous = 0;
    for (std::size_t i = 0; i < cases.size(); ++i) {
        INFO("item " << i << ": " << boost::json::serialize(cases[i].item));
        INFO("result: " << results[i].status << " " << results[i].code << " " << results[i].reason);
        CHECK(results[i].id == cases[i].item.at("id").as_string());
        if (cases[i].expected == "accepted") {
            CHECK(results[i].status == "accepted");
            CHECK_FALSE(results[i].has_code);
            if (!cases[i].item.contains("sealed")) {
                ++accepted_anonymous;
            }
        } else {
            CHECK(results[i].status == "rejected");
            CHECK(results[i].code == cases[i].expected);
            CHECK_FALSE(results[i].reason.empty());
        }
    }
    const auto stored = stored_counts(s.data.path());
    CHECK(stored.of(feedback.slug) == accepted_anonymous);
    CHECK(stored.sealed == 1);
}

TEST_CASE("an item that is not an object is rejected alone",
          "[server][submissions][validation][engines]") {
    TestServer s;
    boost::json::array items{anonymous_item(form_of_kind(s.content, FormKind::feedback), today()),
                             42, "text"};
    const auto reply = post_batch(s.port(), s.kiosk.token, items);
    INFO(reply.body);
    REQUIRE(reply.status == 200);
    const auto results = results_of(reply);
    REQUIRE(results.size() == 3);
    CHECK(results[0].status == "accepted");
    CHECK(results[1].status == "rejected");
    CHECK(results[2].status == "rejected");
}

TEST_CASE("a full batch of 500 items is accepted", "[server][submissions][limits][engines]") {
    TestServer s;
    const auto& feedback = form_of_kind(s.content, FormKind::feedback);
    boost::json::array items;
    for (int i = 0; i < 500; ++i) {
        items.push_back(anonymous_item(feedback, today()));
    }
    const auto reply = post_batch(s.port(), s.kiosk.token, items);
    INFO(reply.body.substr(0, 500));
    REQUIRE(reply.status == 200);
    const auto results = results_of(reply);
    REQUIRE(results.size() == 500);
    std::size_t accepted = 0;
    for (const auto& r : results) {
        accepted += r.status == "accepted" ? 1 : 0;
    }
    CHECK(accepted == 500);
    CHECK(status_total(admin_status(s.data.path())) == 500);
}

TEST_CASE("a heartbeat is acknowledged and shows its outbox band in status --json",
          "[server][heartbeat][engines]") {
    TestServer s;
    HttpConnection c(s.port());
    std::string body;
    std::string band;
    std::optional<std::int64_t> oldest_days;
    SECTION("from today's kiosk: the band and the oldest item's age in days") {
        body = protocol::to_json_text(
            protocol::make_heartbeat("9.8.7", 12, Date{2026, 11, 2}, Date{2026, 11, 30},
                                     s.content.version, "network unreachable"));
        band = "5+";
        oldest_days = 28;
    }
    SECTION("from a 0.1.0 kiosk: its exact outbox_depth is kept only as its band (issue 8)") {
        // Written out by hand: this is the old shape, which no encoder makes any more.
        body =
            boost::json::serialize(boost::json::object{{"app_version", "9.8.7"},
                                                       {"outbox_depth", 3},
                                                       {"content_version", s.content.version},
                                                       {"last_sync_error", "network unreachable"}});
        band = "1-4";
    }
    const auto r = must(c.post(paths::heartbeat, body, s.auth()), c);
    INFO(r.body);
    REQUIRE(r.status == 200);
    protocol::HeartbeatResponse reply;
    std::string error;
    CHECK(protocol::read_text(r.body, reply, error));
    CHECK(reply.ok);

    const auto status = admin_status(s.data.path());
    INFO(boost::json::serialize(status));
    const auto* kiosks = status.if_contains("kiosks");
    REQUIRE(kiosks != nullptr);
    REQUIRE(kiosks->is_array());
    const boost::json::object* mine = nullptr;
    for (const auto& k : kiosks->as_array()) {
        if (k.is_object() && k.as_object().contains("id") &&
            k.as_object().at("id") == boost::json::value(s.kiosk.id)) {
            mine = &k.as_object();
        }
    }
    REQUIRE(mine != nullptr);
    CHECK(mine->at("site") == boost::json::value(s.kiosk.site));
    CHECK(mine->at("app_version") == boost::json::value("9.8.7"));
    CHECK(mine->at("outbox") == boost::json::value(band));
    CHECK_FALSE(mine->contains("outbox_depth"));
    if (oldest_days) {
        CHECK(mine->at("oldest_item_days") == boost::json::value(*oldest_days));
    } else {
        CHECK(mine->at("oldest_item_days").is_null());
    }
    CHECK(mine->at("content_version") == boost::json::value(s.content.version));
    CHECK(mine->at("last_seen_date") == boost::json::value(to_string(today())));
}

TEST_CASE("a heartbeat with the wrong shape is refused with 400 bad_request",
          "[server][heartbeat][engines]") {
    TestServer s;
    HttpConnection c(s.port());
    const auto r = must(c.post(paths::heartbeat, R"({"outbox_depth": "many"})", s.auth()), c);
    INFO(r.body);
    CHECK(r.status == 400);
    CHECK(error_of(r).code == "bad_request");
}

TEST_CASE("each item is stored under the site of the kiosk's token", "[server][submissions]") {
    TestServer s({}, "north-hub");
    const auto other = enrol_kiosk(s.port(), s.data.path(), "south-hub");
    const auto& feedback = form_of_kind(s.content, FormKind::feedback);
    const auto north = anonymous_item(feedback, today());
    const auto south = anonymous_item(feedback, today());
    REQUIRE(post_batch(s.port(), s.kiosk.token, boost::json::array{north}).status == 200);
    REQUIRE(post_batch(s.port(), other.token, boost::json::array{south}).status == 200);

    auto db = sqlite::Database::open(s.data.path() / "engage.db", sqlite::OpenMode::read_only,
                                     sqlite::Pragmas{.busy_timeout_ms = 5000});
    sqlite::Statement st(db, "SELECT id, site FROM submissions");
    std::map<std::string, std::string> site_of;
    while (st.step()) {
        site_of[st.text(0)] = st.text(1);
    }
    CHECK(site_of.size() == 2);
    CHECK(site_of[std::string(north.at("id").as_string())] == "north-hub");
    CHECK(site_of[std::string(south.at("id").as_string())] == "south-hub");
}
