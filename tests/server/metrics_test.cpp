// GET /metrics on the real server: the format, what it counts, and that a
// scrape cannot show a single upload (issue 8, docs/privacy.md).
#include "engage/protocol.hpp"
#include "server_fixture.hpp"
#include "support/prometheus_text.hpp"

#include <catch2/catch.hpp>
#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

using namespace engage;
using namespace engage::test;
namespace paths = engage::protocol::paths;

namespace {

std::string scrape_text(std::uint16_t port) {
    HttpConnection c(port);
    const auto r = must(c.get("/metrics"), c); // no token: like /healthz
    REQUIRE(r.status == 200);
    CHECK(r.header("Content-Type").value_or("").starts_with("text/plain; version=0.0.4"));
    return r.body;
}

Exposition scrape(std::uint16_t port) {
    const auto text = scrape_text(port);
    std::string error;
    auto parsed = parse_exposition(text, error);
    INFO(error << "\n" << text);
    REQUIRE(parsed);
    return *parsed;
}

double value(const Exposition& e, const std::string& series) {
    const auto v = e.value(series);
    INFO(series);
    REQUIRE(v);
    return *v;
}

// Waits (bounded) until the server has published at least `n` times.
Exposition scrape_after_publication(std::uint16_t port, double n) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    for (;;) {
        auto e = scrape(port);
        if (value(e, "engage_metrics_publications_total") >= n) {
            return e;
        }
        REQUIRE(std::chrono::steady_clock::now() < deadline);
        // Polling for the event, not a sleep-then-assert: just gentler on
        // a shared 2-core machine than scraping flat out.
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

// The scrape without the live connection gauges (the only live values).
std::string without_live_lines(const std::string& text) {
    std::istringstream in(text);
    std::string out;
    for (std::string line; std::getline(in, line);) {
        if (!line.starts_with("engage_connections")) {
            out += line + "\n";
        }
    }
    return out;
}

boost::json::array batch(const ContentBundle& content, int good, int bad) {
    const auto& feedback = form_of_kind(content, FormKind::feedback);
    boost::json::array items;
    for (int i = 0; i < good; ++i) {
        items.push_back(anonymous_item(feedback, today()));
    }
    for (int i = 0; i < bad; ++i) {
        auto item = anonymous_item(feedback, today());
        item["version"] = 99;
        items.push_back(item);
    }
    return items;
}

} // namespace

TEST_CASE("a scrape right after a batch cannot tell that it arrived or how big it was",
          "[server][metrics][privacy][engines]") {
    TestServer s;
    // The first publication (zeros, kiosk ages) happens at start; the next
    // is an hour away.
    const auto first = scrape_after_publication(s.port(), 1);
    const std::string before = scrape_text(s.port());

    const auto reply = post_batch(s.port(), s.kiosk.token, batch(s.content, 7, 2));
    REQUIRE(reply.status == 200);
    REQUIRE(results_of(reply).size() == 9);
    const std::string after = scrape_text(s.port());

    CHECK(without_live_lines(after) == without_live_lines(before));
    CHECK(value(first, "engage_submission_items_total{outcome=\"accepted\"}") == 0);
}

TEST_CASE("in test mode /metrics counts known requests once published",
          "[server][metrics][engines]") {
    TestServer s({.extra_args = {"--test-mode"}});
    {
        HttpConnection c(s.port());
        REQUIRE(must(c.post(paths::heartbeat, protocol::to_json_text(protocol::HeartbeatRequest{}),
                            s.auth()),
                     c)
                    .status == 200);
    }
    const auto items = batch(s.content, 5, 5);
    REQUIRE(post_batch(s.port(), s.kiosk.token, items).status == 200);
    REQUIRE(post_batch(s.port(), s.kiosk.token, items).status == 200); // 5 duplicates now

    // Two publications after the requests were answered: one whole period.
    const auto now = scrape(s.port());
    const auto e =
        scrape_after_publication(s.port(), value(now, "engage_metrics_publications_total") + 2);
    CHECK(value(e, "engage_submission_items_total{outcome=\"accepted\"}") == 5);
    CHECK(value(e, "engage_submission_items_total{outcome=\"duplicate\"}") == 5);
    CHECK(value(e, "engage_submission_items_rejected_total{reason=\"unknown_version\"}") == 10);
    CHECK(value(e, "engage_submission_items_rejected_total{reason=\"unknown_form\"}") == 0);
    // enrol, content, heartbeat, two batches
    CHECK(value(e, "engage_http_request_duration_seconds_count{endpoint=\"api\"}") >= 5);
    CHECK(value(e, "engage_http_request_duration_seconds_count{endpoint=\"metrics\"}") >= 1);
    // enrol, heartbeat, two batches: four writes, maybe grouped
    CHECK(value(e, "engage_writer_commit_duration_seconds_count") >= 1);
    CHECK(value(e, "engage_kiosks{last_seen=\"today\"}") == 1);
    CHECK(value(e, "engage_kiosks{last_seen=\"never\"}") == 0);
    CHECK(value(e, "engage_connections{state=\"admitted\"}") >= 1); // this scrape's own
    CHECK(value(e, "engage_connections{state=\"refusing\"}") == 0);
    CHECK(e.types.at("engage_build_info") == "gauge");

    SECTION("and /healthz says the server is in test mode") {
        HttpConnection c(s.port());
        const auto r = must(c.get("/healthz"), c);
        CHECK(r.body.find("--test-mode") != std::string::npos);
    }
}

TEST_CASE("the config file cannot turn test mode on", "[server][metrics][engines]") {
    TempDir data("engage-data");
    {
        std::ofstream conf(data.path() / "engage-admin.conf");
        conf << "test-mode = true\n";
    }
    const auto r = run_admin({"serve", "--data", data.path().string(), "--listen", "127.0.0.1:0"},
                             {}, std::chrono::seconds(20));
    INFO("stdout: " << r.out << "\nstderr: " << r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("test-mode") != std::string::npos);
}
