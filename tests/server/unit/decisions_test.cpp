// The Board's decisions in the store (migration 11) and the rules around
// them, on real SQLite files: a decision and its dated updates round-trip; a
// service change becomes the "you said, we did" item "decision-N" only while
// in progress or done (and not taken off by hand), keeping its translations
// and changing the content version only when the kiosks' list changed; a
// "not possible" decision without a reason is refused by the schema itself;
// results links are only ever results links on this server.
#include "store/decision.hpp"
#include "store_engines.hpp"
#include "support/temp_dir.hpp"
#include "web/result_link.hpp"

#include <catch2/catch.hpp>

using namespace engage;
using store::Decision;
using store::DecisionStatus;

namespace {

Decision service_change(DecisionStatus status) {
    Decision d;
    d.id = 7;
    d.title = "Showers";
    d.decided = "Open the showers on Sundays";
    d.status = status;
    d.service_change = true;
    d.you_said = "Showers on Sunday";
    d.we_did = "Open 9 to 12 on Sundays";
    d.sites = {"east"};
    d.recorded_date = "2026-12-01";
    return d;
}

const YouSaidWeDid* find_item(const std::vector<YouSaidWeDid>& items, std::string_view id) {
    for (const auto& y : items) {
        if (y.id == id) {
            return &y;
        }
    }
    return nullptr;
}

} // namespace

TEST_CASE("a service change is on the kiosks only while in progress or done",
          "[server-unit][decisions]") {
    const auto [status, shown] =
        GENERATE(table<DecisionStatus, bool>({{DecisionStatus::proposed, false},
                                              {DecisionStatus::agreed, false},
                                              {DecisionStatus::in_progress, true},
                                              {DecisionStatus::done, true},
                                              {DecisionStatus::not_possible, false}}));
    CAPTURE(store::to_string(status));
    std::vector<YouSaidWeDid> items(1);
    items[0].id = "showers";
    Decision d = service_change(status);
    CHECK(store::apply_kiosk_item(d, items) == shown);
    CHECK((find_item(items, "decision-7") != nullptr) == shown);
    // A new item comes first (the thank-you screen shows the first ones);
    // the others keep their order.
    CHECK(items.front().id == (shown ? "decision-7" : "showers"));
    CHECK(items.back().id == "showers");

    SECTION("not a service change, or taken off by hand: never shown") {
        d.service_change = false;
        store::apply_kiosk_item(d, items);
        CHECK(find_item(items, "decision-7") == nullptr);
        d.service_change = true;
        d.kiosk_ended = true;
        store::apply_kiosk_item(d, items);
        CHECK(find_item(items, "decision-7") == nullptr);
    }
}

TEST_CASE("a shown item follows the decision's words and sites, keeping translations",
          "[server-unit][decisions]") {
    std::vector<YouSaidWeDid> items;
    Decision d = service_change(DecisionStatus::in_progress);
    REQUIRE(store::apply_kiosk_item(d, items));
    items[0].you_said.by_language["pl"] = "Prysznice w niedzielę";
    CHECK_FALSE(store::apply_kiosk_item(d, items)); // nothing changed
    d.we_did = "Open 9 to 1 on Sundays";
    d.sites = {"east", "west"};
    CHECK(store::apply_kiosk_item(d, items));
    REQUIRE(items.size() == 1);
    CHECK(items[0].we_did.get("en") == "Open 9 to 1 on Sundays");
    CHECK(items[0].sites == std::vector<std::string>{"east", "west"});
    CHECK(items[0].you_said.get("pl") == "Prysznice w niedzielę");
}

TEST_CASE("a decision's results and sites are stored as a JSON list of strings and read back",
          "[server-unit][decisions]") {
    // One column format for both engines (decision.hpp): what one writes, the
    // other reads, and anything else in the column is an error, not a guess.
    SECTION("a list round-trips, empty and non-ASCII included") {
        const std::vector<std::string> lists[] = {
            {}, {"east"}, {"/results/showers?site=east", "Bahnhofstraße \"3\""}};
        for (const auto& list : lists) {
            CHECK(store::parse_decision_list(store::decision_list_json(list), "sites") == list);
        }
        CHECK(store::decision_list_json({"a", "b"}) == R"(["a","b"])");
    }
    SECTION("anything but a list of strings is refused, naming the column") {
        const auto refused = [](std::string_view stored, std::string_view says) {
            CAPTURE(stored);
            CHECK_THROWS_WITH(store::parse_decision_list(stored, "results"),
                              Catch::Contains(std::string(says)));
        };
        refused(R"({"a":1})", "stored results of a decision are not a list");
        refused(R"(["a",2])", "stored results of a decision are not text");
        refused(R"(["a",)", "stored content is not valid JSON");
        refused("", "stored content is not valid JSON");
    }
}

TEST_CASE("decisions and their updates are stored, and the kiosk item in the same write",
          "[server-unit][decisions][store][pg]") {
    const auto engine = GENERATE(test::Engine::sqlite, test::Engine::postgresql);
    INFO("engine: " << test::engine_name(engine));
    test::EngineStore s(engine);
    const std::string v0 = s->load_content().version;

    Decision d = service_change(DecisionStatus::agreed);
    d.id = 0;
    d.results = {"/results/day-centre-feedback?period=2026-11"};
    store::DecisionUpdate u;
    u.date = "2026-12-01";
    u.to = DecisionStatus::agreed;
    u.by = "bea";
    const auto saved = s->save_decision(d, u);
    CHECK(saved.id > 0);
    CHECK_FALSE(saved.content_changed); // agreed: not on the kiosks yet
    CHECK(s->load_content().version == v0);
    d.id = saved.id;
    REQUIRE(s->decision(saved.id));
    CHECK(*s->decision(saved.id) == d);
    REQUIRE(s->decision_updates(saved.id).size() == 1);
    CHECK(s->decision_updates(saved.id)[0].by == "bea");

    SECTION("in progress: the item reaches the content, with a new version") {
        d.status = DecisionStatus::in_progress;
        store::DecisionUpdate next = u;
        next.from = "agreed";
        next.to = DecisionStatus::in_progress;
        next.note = "Rota agreed with the centre";
        const auto again = s->save_decision(d, next);
        CHECK(again.id == saved.id);
        CHECK(again.content_changed);
        const auto content = s->load_content();
        CHECK(content.version != v0);
        REQUIRE(find_item(content.you_said_we_did, store::kiosk_item_id(saved.id)));
        CHECK(s->decision_updates(saved.id).size() == 2);
        CHECK(s->decisions().size() == 1);
    }
    SECTION("'not possible' without a reason is refused by the schema, nothing kept") {
        d.status = DecisionStatus::not_possible;
        // sqlite::Error or pg::Error: both engines' errors are runtime_errors.
        CHECK_THROWS_AS(s->save_decision(d, std::nullopt), std::runtime_error);
        CHECK(s->decision(saved.id)->status == DecisionStatus::agreed);
    }
    SECTION("an id that is not stored is refused") {
        d.id = saved.id + 100;
        CHECK_THROWS_AS(s->save_decision(d, std::nullopt), std::invalid_argument);
    }
}

TEST_CASE("a decision's result links are results links on this server, nothing else",
          "[server-unit][decisions]") {
    using web::parse_results_link;
    const std::string here = "https://engage.example.org";
    CHECK(parse_results_link("/results/day-centre-feedback", here) ==
          "/results/day-centre-feedback");
    CHECK(parse_results_link(" /results/poll-1?period=2026-Q4&site=east \r", here) ==
          "/results/poll-1?site=east&period=2026-Q4");
    CHECK(parse_results_link(here + "/results/poll-1?version=2", here) ==
          "/results/poll-1?version=2");
    CHECK(parse_results_link("/results/poll-1?site=Hub%20North", here) ==
          "/results/poll-1?site=Hub%20North");
    for (const std::string bad :
         {"", "/results/", "/results/Poll", "/forms/poll-1", "https://evil.example/results/x",
          "//evil.example/results/x", "javascript:alert(1)", "/results/x/../../users",
          "/results/x?period=2026-13", "/results/x?period=26-11", "/results/x?version=one",
          "/results/x?next=/users", "/results/x#top", "/results/x?site=a&period=2026-Q5"}) {
        INFO(bad);
        CHECK_FALSE(parse_results_link(bad, here));
    }
}
