// Crash test (DESIGN §10): kill -9 the server while several kiosks stream
// batches, restart it on the same data, resend everything. Every item the
// server acknowledged must still be there (it comes back "duplicate"), and
// nothing is stored twice.

#include "engage/ids.hpp"
#include "engage/protocol.hpp"
#include "engage/sqlite/database.hpp"
#include "engage/sqlite/error.hpp"
#include "engage/sqlite/statement.hpp"
#include "server_fixture.hpp"

#include <atomic>
#include <catch2/catch.hpp>
#include <memory>
#include <set>
#include <thread>

namespace paths = engage::protocol::paths;

using namespace engage;
using namespace engage::test;

namespace {

constexpr int connections = 4;
constexpr int items_per_batch = 5;
constexpr auto stream_before_kill = std::chrono::milliseconds(700);
constexpr int crash_rounds = 2;

// What one streaming connection saw. Only its own thread writes it; the test
// thread reads it after join (Catch assertions are not thread-safe).
struct StreamLog {
    std::vector<boost::json::object> sent; // every item written to the socket
    std::set<std::string> acknowledged;    // ids whose reply said accepted
    int replies_200 = 0;
    int unexpected_replies = 0; // non-200 or results not matching the batch
    std::string first_unexpected;
};

void stream(std::uint16_t port, std::string token, const FormVersion& form, Date day,
            const std::atomic<bool>& stop, StreamLog& log) {
    HttpConnection c(port, std::chrono::seconds(5));
    while (!stop.load() && c.is_open()) {
        boost::json::array batch;
        for (int i = 0; i < items_per_batch; ++i) {
            auto item = anonymous_item(form, day);
            item["answers"] = boost::json::object{}; // small items: ingest, not validation
            log.sent.push_back(item);
            batch.push_back(std::move(item));
        }
        const auto reply = c.post(paths::submissions, batch_body(batch), {bearer(token)});
        if (!reply) {
            return; // the server died under us
        }
        bool matched = reply->status == 200;
        if (matched) {
            ++log.replies_200;
            try {
                const auto results = results_of(*reply);
                matched = results.size() == batch.size();
                for (std::size_t i = 0; matched && i < results.size(); ++i) {
                    matched = results[i].id == batch[i].as_object().at("id").as_string();
                    if (matched && results[i].status == "accepted") {
                        log.acknowledged.insert(results[i].id);
                    }
                }
            } catch (const std::exception&) {
                matched = false;
            }
        }
        if (!matched) {
            if (log.unexpected_replies++ == 0) {
                log.first_unexpected =
                    std::to_string(reply->status) + " " + reply->body.substr(0, 300);
            }
        }
    }
}

// One number read from the file; -1 when it cannot be read at all.
std::int64_t stored_rows(const std::filesystem::path& db_file, const char* sql) {
    try {
        auto db = sqlite::Database::open(db_file, sqlite::OpenMode::read_only,
                                         sqlite::Pragmas{.busy_timeout_ms = 5000});
        sqlite::Statement st(db, sql);
        return st.step() ? st.integer(0) : -1;
    } catch (const sqlite::Error&) {
        return -1;
    }
}

} // namespace

TEST_CASE("nothing acknowledged is lost when the server is killed mid-stream",
          "[server][crash][slow]") {
    TempDir data("engage-crash");
    std::vector<StreamLog> logs; // one per connection per round
    Kiosk kiosk;
    std::optional<FormVersion> form;

    for (int round = 0; round < crash_rounds; ++round) {
        ServerProcess server(data.path());
        if (round == 0) {
            kiosk = enrol_kiosk(server.port(), data.path());
            form = form_of_kind(fetch_content(server.port(), kiosk.token), FormKind::feedback);
        }
        std::atomic<bool> stop{false};
        const auto first = logs.size();
        logs.resize(first + connections);
        std::vector<std::thread> threads;
        for (int i = 0; i < connections; ++i) {
            threads.emplace_back(stream, server.port(), kiosk.token, std::cref(*form), today(),
                                 std::cref(stop), std::ref(logs[first + i]));
        }
        std::this_thread::sleep_for(stream_before_kill);
        const auto killed = server.kill9();
        stop.store(true);
        for (auto& t : threads) {
            t.join();
        }
        INFO("round " << round);
        CHECK_FALSE(killed.exited); // it was still running: the kill hit it mid-stream
        for (std::size_t i = first; i < logs.size(); ++i) {
            INFO("connection " << i << ": " << logs[i].first_unexpected);
            CHECK(logs[i].unexpected_replies == 0);
            CHECK(logs[i].replies_200 > 0); // it really streamed before the kill
        }
    }

    std::vector<boost::json::object> sent;
    std::set<std::string> acknowledged;
    for (const auto& log : logs) {
        sent.insert(sent.end(), log.sent.begin(), log.sent.end());
        acknowledged.insert(log.acknowledged.begin(), log.acknowledged.end());
    }
    INFO(sent.size() << " items sent, " << acknowledged.size() << " acknowledged");
    REQUIRE_FALSE(acknowledged.empty());

    ServerProcess server(data.path());
    const auto stored_before_resend = stored_counts(data.path()).total;
    CHECK(stored_before_resend >= static_cast<std::int64_t>(acknowledged.size()));

    // Resend everything ever sent.
    std::size_t lost = 0;
    std::size_t duplicates = 0;
    std::size_t accepted_now = 0;
    std::size_t other = 0;
    HttpConnection c(server.port(), std::chrono::seconds(30));
    for (std::size_t at = 0; at < sent.size(); at += 500) {
        boost::json::array batch;
        for (std::size_t i = at; i < sent.size() && i < at + 500; ++i) {
            batch.push_back(sent[i]);
        }
        const auto reply =
            must(c.post(paths::submissions, batch_body(batch), {bearer(kiosk.token)}), c);
        REQUIRE(reply.status == 200);
        const auto results = results_of(reply);
        REQUIRE(results.size() == batch.size());
        for (const auto& r : results) {
            if (r.status == "duplicate") {
                ++duplicates;
            } else if (r.status == "accepted") {
                ++accepted_now;
                lost += acknowledged.count(r.id);
            } else {
                ++other;
            }
        }
    }
    CHECK(lost == 0);
    CHECK(other == 0);
    // What was stored before the resend is exactly what came back duplicate.
    CHECK(static_cast<std::int64_t>(duplicates) == stored_before_resend);
    const auto stored_after = stored_counts(data.path()).total;
    CHECK(stored_after == static_cast<std::int64_t>(sent.size()));
    CHECK(duplicates + accepted_now == sent.size());
    REQUIRE(server.terminate().code == 0);
    CHECK(stored_rows(data.path() / "engage.db", "SELECT count(*) FROM submissions") ==
          static_cast<std::int64_t>(sent.size()));
    CHECK(stored_rows(data.path() / "engage.db", "SELECT count(DISTINCT id) FROM submissions") ==
          static_cast<std::int64_t>(sent.size()));
}

TEST_CASE("a graceful stop mid-stream exits 0 and keeps everything it acknowledged",
          "[server][lifecycle]") {
    TempDir data("engage-stop");
    ServerProcess server(data.path());
    const auto kiosk = enrol_kiosk(server.port(), data.path());
    const auto form = form_of_kind(fetch_content(server.port(), kiosk.token), FormKind::feedback);
    std::atomic<bool> stop{false};
    std::vector<StreamLog> logs(connections);
    std::vector<std::thread> threads;
    for (auto& log : logs) {
        threads.emplace_back(stream, server.port(), kiosk.token, std::cref(form), today(),
                             std::cref(stop), std::ref(log));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    const auto exit = server.terminate();
    stop.store(true);
    for (auto& t : threads) {
        t.join();
    }
    INFO(server.output().substr(0, 2000));
    CHECK(exit.exited);
    CHECK(exit.code == 0);

    std::set<std::string> acknowledged;
    for (const auto& log : logs) {
        acknowledged.insert(log.acknowledged.begin(), log.acknowledged.end());
    }
    REQUIRE_FALSE(acknowledged.empty());
    // Every acknowledged id is in the database.
    auto db = sqlite::Database::open(data.path() / "engage.db", sqlite::OpenMode::read_only,
                                     sqlite::no_pragmas);
    sqlite::Statement st(db, "SELECT id FROM submissions");
    std::set<std::string> stored;
    while (st.step()) {
        stored.insert(st.text(0));
    }
    std::size_t missing = 0;
    for (const auto& id : acknowledged) {
        missing += stored.count(id) == 0 ? 1 : 0;
    }
    CHECK(missing == 0);
}
