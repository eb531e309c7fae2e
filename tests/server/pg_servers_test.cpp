// Several engage-admin servers on one PostgreSQL (issue 12), all real: a
// private cluster (support/pg_cluster.hpp), two `serve` processes whose data
// folders name it in engage-admin.conf (`store = postgresql://...`), kiosks
// and a browser talking to both. Any server answers any request: a batch
// resent to the other server is all duplicates, content and its ETag are the
// same on both at once, a web session made on one works on the other, and a
// kiosk revoked on one is refused by the other. Crashes: one server killed
// mid-stream, and PostgreSQL itself stopped with `pg_ctl stop -m immediate`:
// every acknowledged item is stored exactly once.

#include "engage/ids.hpp"
#include "engage/pg/connection.hpp"
#include "engage/protocol.hpp"
#include "server_fixture.hpp"
#include "support/pg_cluster.hpp"
#include "web_client.hpp"

#include <atomic>
#include <catch2/catch.hpp>
#include <fstream>
#include <set>
#include <thread>

namespace paths = engage::protocol::paths;

using namespace engage;
using namespace engage::test;

namespace {

// 2027-01-15 08:00:15 UTC, inside the sample poll's dates.
constexpr std::int64_t t0 = 1'800'000'015;
constexpr auto converge_timeout = std::chrono::seconds(10);

// A data folder whose config names the database.
void point_at(const std::filesystem::path& dir, const std::string& uri) {
    std::ofstream(dir / "engage-admin.conf")
        << "# issue 12: the shared database\nstore = " << uri << "\n";
    set_test_clock(dir, t0);
}

struct TwoServers {
    PgCluster& cluster;
    std::string uri;
    TempDir a_dir{"engage-pg-a"};
    TempDir b_dir{"engage-pg-b"};
    WebUser admin;
    std::optional<ServerProcess> a;
    std::optional<ServerProcess> b;

    explicit TwoServers(PgCluster& c = PgCluster::shared())
        : cluster(c), uri(c.create_database("servers")) {
        point_at(a_dir.path(), uri);
        point_at(b_dir.path(), uri);
        admin = add_web_user(a_dir.path(), "alice", "admin,staff");
        // One after the other: the first loads the sample content.
        a.emplace(a_dir.path(), web_server_options(true));
        b.emplace(b_dir.path(), web_server_options(true));
    }
    std::int64_t stored(std::string_view table) const {
        auto c = pg::Connection::open(uri);
        return c.query("SELECT count(*) FROM " + std::string(table)).integer(0, 0);
    }
};

std::string etag(std::uint16_t port, const std::string& token) {
    HttpConnection c(port);
    const auto r = c.get(std::string(paths::content), {bearer(token)});
    REQUIRE(r);
    REQUIRE(r->status == 200);
    return r->header("ETag").value_or("");
}

int status_of_content(std::uint16_t port, const std::string& token) {
    HttpConnection c(port);
    const auto r = c.get(std::string(paths::content), {bearer(token)});
    return r ? r->status : 0;
}

// Waits until `done` holds (another server heard a NOTIFY); false on timeout.
template <typename F>
bool eventually(F done) {
    const auto until = std::chrono::steady_clock::now() + converge_timeout;
    while (std::chrono::steady_clock::now() < until) {
        if (done()) {
            return true;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return done();
}

boost::json::array small_batch(const FormVersion& form, int n) {
    boost::json::array items;
    for (int i = 0; i < n; ++i) {
        auto item = anonymous_item(form, today_utc());
        item["answers"] = boost::json::object{};
        items.push_back(std::move(item));
    }
    return items;
}

} // namespace

TEST_CASE("two servers on one PostgreSQL answer for each other", "[server][pg]") {
    TwoServers s;
    const Kiosk ka = enrol_kiosk(s.a->port(), s.a_dir.path(), "day-centre");
    const Kiosk kb = enrol_kiosk(s.b->port(), s.b_dir.path(), "day-centre");
    const auto bundle = fetch_content(s.b->port(), ka.token); // enrolled on a, known to b
    const FormVersion& feedback = form_of_kind(bundle, FormKind::feedback);

    SECTION("a batch resent to the other server is all duplicates, stored once") {
        const auto batch = small_batch(feedback, 10);
        const auto first = post_batch(s.a->port(), ka.token, batch);
        REQUIRE(first.status == 200);
        for (const auto& r : results_of(first)) {
            CHECK(r.status == "accepted");
        }
        const auto again = post_batch(s.b->port(), ka.token, batch);
        REQUIRE(again.status == 200);
        const auto results = results_of(again);
        REQUIRE(results.size() == 10);
        for (const auto& r : results) {
            CHECK(r.status == "duplicate");
        }
        REQUIRE(post_batch(s.b->port(), kb.token, small_batch(feedback, 5)).status == 200);
        CHECK(s.stored("submissions") == 15);
        CHECK(s.stored("item_counts WHERE count = 15") == 1); // counted once each
    }
    SECTION("kiosks see one ETag whichever server they reach") {
        CHECK(etag(s.a->port(), ka.token) == etag(s.b->port(), kb.token));
    }
    SECTION("a poll closed through one server is gone from the other's bundle at once") {
        const std::string before = etag(s.b->port(), kb.token);
        auto browser = signed_in_client(s.a->port(), s.admin, t0);
        const auto closed =
            browser.post("/forms/ebe-poll-winter/close", {{"csrf", browser.session_csrf()}});
        REQUIRE(closed.status == 303);
        const std::string on_a = etag(s.a->port(), ka.token);
        CHECK(on_a != before);
        CHECK(eventually([&] { return etag(s.b->port(), kb.token) == on_a; }));
        const auto from_b = fetch_content(s.b->port(), kb.token);
        for (const auto& f : from_b.forms) {
            CHECK(f.slug != "ebe-poll-winter");
        }
    }
    SECTION("a web session made on one server works on the other") {
        auto browser = signed_in_client(s.a->port(), s.admin, t0);
        const std::string csrf = browser.session_csrf();
        browser.set_port(s.b->port());
        const auto home = browser.get("/");
        CHECK(home.status == 200);
        CHECK(browser.session_csrf() == csrf);

        SECTION("and a kiosk revoked there is refused by the first at once") {
            REQUIRE(status_of_content(s.a->port(), kb.token) == 200); // cached on a
            const auto revoked = browser.post("/kiosks/revoke", {{"csrf", csrf}, {"kiosk", kb.id}});
            REQUIRE(revoked.status == 303);
            CHECK(status_of_content(s.b->port(), kb.token) == 401);
            CHECK(eventually([&] { return status_of_content(s.a->port(), kb.token) == 401; }));
        }
    }
}

namespace {

// One kiosk streaming batches of 5 to `port` until `stop` or the server
// goes; only its own thread touches `log` (read after join).
struct StreamLog {
    std::vector<boost::json::object> sent;
    std::set<std::string> acknowledged;
};

void stream(std::uint16_t port, std::string token, const FormVersion& form,
            const std::atomic<bool>& stop, StreamLog& log) {
    while (!stop.load()) {
        HttpConnection c(port, std::chrono::seconds(5));
        while (!stop.load() && c.is_open()) {
            auto batch = small_batch(form, 5);
            for (const auto& item : batch) {
                log.sent.push_back(item.as_object());
            }
            const auto reply = c.post(paths::submissions, batch_body(batch), {bearer(token)});
            if (!reply) {
                break; // the server (or its database) went away: reconnect
            }
            if (reply->status == 200) {
                for (const auto& r : results_of(*reply)) {
                    if (r.status == "accepted") {
                        log.acknowledged.insert(r.id);
                    }
                }
            }
        }
        if (!c.is_open()) {
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    }
}

// Resends every item to `port` in batches; every acknowledged one must come
// back a duplicate. Returns the ids the server holds afterwards.
void resend_all(std::uint16_t port, const std::string& token, const std::vector<StreamLog>& logs) {
    for (const auto& log : logs) {
        for (std::size_t i = 0; i < log.sent.size(); i += 50) {
            boost::json::array batch;
            for (std::size_t j = i; j < std::min(log.sent.size(), i + 50); ++j) {
                batch.push_back(log.sent[j]);
            }
            const auto reply = post_batch(port, token, batch);
            REQUIRE(reply.status == 200);
            for (const auto& r : results_of(reply)) {
                if (log.acknowledged.count(r.id) != 0) {
                    INFO("acknowledged item " << r.id << " came back " << r.status);
                    CHECK(r.status == "duplicate");
                }
            }
        }
    }
}

std::size_t sent_count(const std::vector<StreamLog>& logs) {
    std::size_t n = 0;
    for (const auto& l : logs) {
        n += l.sent.size();
    }
    return n;
}

} // namespace

TEST_CASE("a server killed mid-stream loses nothing it acknowledged, the other carries on",
          "[server][pg][crash]") {
    TwoServers s;
    const Kiosk k = enrol_kiosk(s.a->port(), s.a_dir.path(), "day-centre");
    const auto bundle = fetch_content(s.a->port(), k.token);
    const FormVersion& feedback = form_of_kind(bundle, FormKind::feedback);
    std::atomic<bool> stop{false};
    std::vector<StreamLog> logs(4);
    std::vector<std::thread> threads;
    for (int i = 0; i < 4; ++i) {
        const auto port = i % 2 == 0 ? s.a->port() : s.b->port();
        threads.emplace_back(stream, port, k.token, std::cref(feedback), std::cref(stop),
                             std::ref(logs[static_cast<std::size_t>(i)]));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(700));
    s.a->kill9();
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    stop = true;
    for (auto& t : threads) {
        t.join();
    }
    std::size_t acknowledged = 0;
    for (const auto& l : logs) {
        acknowledged += l.acknowledged.size();
    }
    INFO(acknowledged << " acknowledged of " << sent_count(logs) << " sent");
    REQUIRE(acknowledged > 0);
    resend_all(s.b->port(), k.token, logs);
    // Everything sent is now stored, each once (the id is the key).
    CHECK(s.stored("submissions") == static_cast<std::int64_t>(sent_count(logs)));
    CHECK(s.stored("item_counts") > 0);
    auto c = pg::Connection::open(s.uri);
    CHECK(c.query("SELECT sum(count) FROM item_counts").integer(0, 0) ==
          static_cast<std::int64_t>(sent_count(logs)));
}

TEST_CASE("PostgreSQL stopped mid-stream: nothing acknowledged is lost, the servers recover",
          "[server][pg][crash]") {
    PgCluster own; // this test stops it
    TwoServers s(own);
    const Kiosk k = enrol_kiosk(s.a->port(), s.a_dir.path(), "day-centre");
    const auto bundle = fetch_content(s.a->port(), k.token);
    const FormVersion& feedback = form_of_kind(bundle, FormKind::feedback);
    std::atomic<bool> stop{false};
    std::vector<StreamLog> logs(4);
    std::vector<std::thread> threads;
    for (int i = 0; i < 4; ++i) {
        const auto port = i % 2 == 0 ? s.a->port() : s.b->port();
        threads.emplace_back(stream, port, k.token, std::cref(feedback), std::cref(stop),
                             std::ref(logs[static_cast<std::size_t>(i)]));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(700));
    own.stop_immediately(); // as a power cut leaves it: no shutdown checkpoint
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    own.start();
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    stop = true;
    for (auto& t : threads) {
        t.join();
    }
    REQUIRE(s.a->running());
    REQUIRE(s.b->running());
    // Both servers write again once the database is back.
    CHECK(eventually([&] {
        return post_batch(s.a->port(), k.token, small_batch(feedback, 1)).status == 200 &&
               post_batch(s.b->port(), k.token, small_batch(feedback, 1)).status == 200;
    }));
    resend_all(s.a->port(), k.token, logs);
    auto c = pg::Connection::open(s.uri);
    const auto stored = c.query("SELECT count(*) FROM submissions").integer(0, 0);
    const auto counted = c.query("SELECT sum(count) FROM item_counts").integer(0, 0);
    CHECK(stored == counted);
    CHECK(stored >= static_cast<std::int64_t>(sent_count(logs)));
}
