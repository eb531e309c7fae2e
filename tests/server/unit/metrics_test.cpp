// /metrics: the registry, its text format (read back by a strict parser of
// the Prometheus 0.0.4 format) and the counts the API handlers record,
// through api::handle() on a real store.
#include "harness.hpp"
#include "metrics/metrics.hpp"
#include "support/kiosk_api.hpp"
#include "support/prometheus_text.hpp"

#include <catch2/catch.hpp>
#include <vector>

namespace paths = engage::protocol::paths;

using namespace engage;
using namespace std::chrono_literals;
using engage::test::Harness;

namespace {

test::Exposition scrape(const metrics::Registry& m) {
    std::string error;
    const std::string text = m.render();
    auto parsed = test::parse_exposition(text, error);
    INFO(error << "\n" << text);
    REQUIRE(parsed);
    return *parsed;
}

double value(const test::Exposition& e, const std::string& series) {
    const auto v = e.value(series);
    INFO(series);
    REQUIRE(v);
    return *v;
}

} // namespace

TEST_CASE("the exposition parses strictly and shows zeros before anything happens",
          "[server-unit][metrics]") {
    metrics::Registry m("1.2.3");
    const auto e = scrape(m);
    CHECK(value(e, "engage_build_info{version=\"1.2.3\"}") == 1);
    CHECK(value(e, "engage_submission_items_total{outcome=\"accepted\"}") == 0);
    CHECK(value(e, "engage_submission_items_rejected_total{reason=\"unknown_form\"}") == 0);
    CHECK(value(e, "engage_http_request_duration_seconds_count{endpoint=\"api\"}") == 0);
    CHECK(value(e, "engage_writer_commit_duration_seconds_count") == 0);
    CHECK(e.types.at("engage_http_request_duration_seconds") == "histogram");
    // No connection source yet (not serving): no connection gauges.
    CHECK_FALSE(e.types.contains("engage_connections"));
}

TEST_CASE("recorded values show only after publish, submission totals rounded down to k",
          "[server-unit][metrics]") {
    metrics::Registry m("0.1.0");
    for (int i = 0; i < 12; ++i) {
        m.item_accepted();
    }
    for (int i = 0; i < 4; ++i) {
        m.item_duplicate();
    }
    for (int i = 0; i < 5; ++i) {
        m.item_rejected("unknown_form");
        m.item_rejected("a_code_from_the_future");
    }
    m.observe_request(metrics::EndpointClass::api, 3ms);
    m.observe_request(metrics::EndpointClass::api, 200ms);
    m.observe_request(metrics::EndpointClass::healthz, 100us);
    m.observe_commit(3, 2ms);
    m.observe_commit(1, 20ms);
    m.set_connections_source([] { return metrics::Connections{7, 2}; });

    const auto before = scrape(m);
    CHECK(value(before, "engage_submission_items_total{outcome=\"accepted\"}") == 0);
    CHECK(value(before, "engage_http_request_duration_seconds_count{endpoint=\"api\"}") == 0);
    // Connections are the one live value.
    CHECK(value(before, "engage_connections{state=\"admitted\"}") == 7);
    CHECK(value(before, "engage_connections{state=\"refusing\"}") == 2);

    m.publish();
    const auto after = scrape(m);
    CHECK(value(after, "engage_metrics_publications_total") == 1);
    CHECK(value(after, "engage_submission_items_total{outcome=\"accepted\"}") == 10);
    CHECK(value(after, "engage_submission_items_total{outcome=\"duplicate\"}") == 0);
    CHECK(value(after, "engage_submission_items_rejected_total{reason=\"unknown_form\"}") == 5);
    CHECK(value(after, "engage_submission_items_rejected_total{reason=\"other\"}") == 5);
    const std::string api = "engage_http_request_duration_seconds";
    CHECK(value(after, api + "_count{endpoint=\"api\"}") == 2);
    CHECK(value(after, api + "_bucket{endpoint=\"api\",le=\"0.0025\"}") == 0);
    CHECK(value(after, api + "_bucket{endpoint=\"api\",le=\"0.005\"}") == 1);
    CHECK(value(after, api + "_bucket{endpoint=\"api\",le=\"0.25\"}") == 2);
    CHECK(value(after, api + "_sum{endpoint=\"api\"}") == Approx(0.203));
    CHECK(value(after, api + "_count{endpoint=\"healthz\"}") == 1);
    CHECK(value(after, api + "_count{endpoint=\"web\"}") == 0);
    CHECK(value(after, "engage_writer_commit_duration_seconds_count") == 2);
    CHECK(value(after, "engage_writer_commit_duration_seconds_bucket{le=\"0.0025\"}") == 1);
    CHECK(value(after, "engage_writer_queue_depth_max") == 3);

    SECTION("the queue high-water mark is per period; totals keep growing") {
        m.observe_commit(2, 1ms);
        for (int i = 0; i < 3; ++i) {
            m.item_accepted();
        }
        m.publish();
        const auto next = scrape(m);
        CHECK(value(next, "engage_writer_queue_depth_max") == 2);
        CHECK(value(next, "engage_submission_items_total{outcome=\"accepted\"}") == 15);
    }
}

TEST_CASE("requests are timed by class, never by path", "[server-unit][metrics]") {
    using metrics::EndpointClass;
    CHECK(metrics::classify("/api/v1/submissions") == EndpointClass::api);
    CHECK(metrics::classify("/api/v1/content") == EndpointClass::api);
    CHECK(metrics::classify("/healthz") == EndpointClass::healthz);
    CHECK(metrics::classify("/metrics") == EndpointClass::metrics);
    CHECK(metrics::classify("/") == EndpointClass::web);
    CHECK(metrics::classify("/login") == EndpointClass::web);
    CHECK(metrics::classify("/metrics/extra") == EndpointClass::web);
}

TEST_CASE("kiosks are bucketed by the age of their last-seen date", "[server-unit][metrics]") {
    const std::vector<std::string> seen{"2026-11-23", "2026-11-22", "2026-11-16", "2026-11-15",
                                        "",           "2026-11-24", "garbage"};
    const auto ages = metrics::age_kiosks(seen, Date{2026, 11, 23});
    CHECK(ages.today == 2); // today, and a kiosk whose clock is a day ahead
    CHECK(ages.last_week == 2);
    CHECK(ages.older == 2); // 8 days, and a date that does not parse
    CHECK(ages.never_seen == 1);
}

TEST_CASE("the submissions handler counts each item's outcome once it is final",
          "[server-unit][metrics][submissions]") {
    Harness h;
    metrics::Registry m("0.1.0");
    h.services->metrics = &m;
    const auto token = h.enrol();
    const auto* feedback = h.content->current()->find_form("day-centre-feedback", 1);
    REQUIRE(feedback != nullptr);
    boost::json::array items;
    for (int i = 0; i < 5; ++i) {
        items.push_back(test::anonymous_item(*feedback, h.today));
        auto bad = test::anonymous_item(*feedback, h.today);
        bad["version"] = 99;
        items.push_back(bad);
    }
    REQUIRE(h.post(paths::submissions, test::batch_body(items), token).status == 200);
    // The same batch again: the good items are duplicates now.
    REQUIRE(h.post(paths::submissions, test::batch_body(items), token).status == 200);

    SECTION("and /metrics shows them after a publication, without a token") {
        m.publish();
        const auto r = h.get("/metrics");
        REQUIRE(r.status == 200);
        CHECK(r.content_type.starts_with("text/plain; version=0.0.4"));
        std::string error;
        const auto e = test::parse_exposition(r.body, error);
        INFO(error);
        REQUIRE(e);
        CHECK(value(*e, "engage_submission_items_total{outcome=\"accepted\"}") == 5);
        CHECK(value(*e, "engage_submission_items_total{outcome=\"duplicate\"}") == 5);
        CHECK(value(*e, "engage_submission_items_rejected_total{reason=\"unknown_version\"}") ==
              10);
    }
    SECTION("a POST to /metrics is 405") {
        CHECK(h.post("/metrics", "{}").status == 405);
    }
}

TEST_CASE("without a registry /metrics is 404 like any unknown path", "[server-unit][metrics]") {
    Harness h;
    CHECK(h.get("/metrics").status == 404);
}
