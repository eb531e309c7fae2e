// The server's storage under a failing disk (a fault-injecting VFS), its
// housekeeping (idle WAL truncation), and what its files tell an attacker
// who copies the data folder (issue 8). Real store, real writer, no sockets.
#include "engage/date.hpp"
#include "engage/sqlite/database.hpp"
#include "engage/sqlite/statement.hpp"
#include "harness.hpp"
#include "store/sqlite_store.hpp"
#include "store/writer.hpp"
#include "support/fault_vfs.hpp"
#include "support/kiosk_api.hpp"

#include <boost/json.hpp>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstring>
#include <fstream>
#include <future>
#include <map>
#include <sqlite3.h>
#include <thread>

using namespace engage;
using engage::test::Harness;

namespace {

const FormVersion& feedback_form(Harness& h) {
    const auto* f = h.content->current()->find_form("day-centre-feedback", 1);
    REQUIRE(f != nullptr);
    return *f;
}

std::string error_code(const api::Response& r) {
    const auto jv = test::parse_json(r.body);
    return std::string(jv.at("error").at("code").as_string());
}

std::string header(const api::Response& r, std::string_view name) {
    for (const auto& [k, v] : r.headers) {
        if (k == name) {
            return v;
        }
    }
    return {};
}

std::size_t accepted(const api::Response& r) {
    std::size_t n = 0;
    const auto reply = test::parse_json(r.body); // kept: the loop reads inside it
    for (const auto& item : reply.at("results").as_array()) {
        n += item.at("status") == "accepted" ? 1 : 0;
    }
    return n;
}

std::string read_file(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Waits for `done` to hold, checking as the writer makes progress; false
// after `limit` (a generous bound for a loaded machine, never a timing claim).
template <class Pred>
bool eventually(Pred done, std::chrono::seconds limit = std::chrono::seconds(20)) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (!done()) {
        if (std::chrono::steady_clock::now() > deadline) {
            return false;
        }
        std::this_thread::yield();
    }
    return true;
}

// One anonymous item, as the writer tests store it (only its language varies).
Submission one_submission(std::string language) {
    return Submission{.id = std::string("0b8e6a2c-1234-4abc-8def-0123456789ab"),
                      .form = std::string("feedback"),
                      .version = 1,
                      .date = Date{2026, 11, 23},
                      .language = std::move(language),
                      .answers = {},
                      .sealed = std::nullopt,
                      .sealed_key_id = {}};
}

// Stores `item` through the writer as one job and waits for its result.
store::WriteResult write_one(store::Writer& writer, const Submission& item) {
    std::promise<store::WriteResult> result;
    writer.submit([&](store::WriteTransaction& tx) { tx.insert_submission(item, "s", item.date); },
                  [&](store::WriteResult r) { result.set_value(r); });
    return result.get_future().get();
}

// What a day of visits sent, for the privacy checks to look for in the files.
struct DayOfVisits {
    std::vector<std::string> arrival; // ids in the order the server got them
    std::map<std::string, std::int64_t> per_language;
    std::vector<std::int64_t> times; // the clock at each batch
};

// A day of visits on `day` from 08:00 to 20:00 in `batches` uploads of 1 to
// 4 items, spread evenly with a jitter, each visit in one of three
// languages, with a heartbeat after each batch.
DayOfVisits visit_day(Harness& h, const Date& day, int batches) {
    h.today = day;
    const std::int64_t midnight = days_since_epoch(day) * 86400;
    h.now = midnight + 6 * 3600;
    const auto token = h.enrol();
    const auto& feedback = feedback_form(h);
    const int spacing = 12 * 3600 / batches;
    const char* languages[] = {"en", "pl", "ti"};
    DayOfVisits sent;
    for (int batch = 0; batch < batches; ++batch) {
        h.now = midnight + 8 * 3600 + batch * spacing + (batch * 37) % 300;
        sent.times.push_back(h.now);
        boost::json::array items;
        for (int k = 0; k <= batch % 4; ++k) {
            auto item = test::anonymous_item(feedback, day);
            const char* language = languages[(batch + k) % 3];
            item["language"] = language;
            ++sent.per_language[language];
            sent.arrival.emplace_back(item.at("id").as_string());
            items.push_back(std::move(item));
        }
        REQUIRE(h.post("/api/v1/submissions", test::batch_body(items), token).status == 200);
        REQUIRE(h.post("/api/v1/heartbeat",
                       R"({"app_version": "0.1.0", "outbox_depth": 0, "content_version": "",
                           "last_sync_error": ""})",
                       token)
                    .status == 200);
    }
    return sent;
}

} // namespace

TEST_CASE("a failing disk answers a batch with 503 and a retry hint, keeps none of it, and the "
          "server stores the batch once the disk works again",
          "[server-unit][store][disk-full]") {
    test::FaultVfs vfs("engage-fault-server");
    Harness h(vfs.name());
    const auto token = h.enrol();
    boost::json::array items;
    for (int i = 0; i < 20; ++i) {
        items.push_back(test::anonymous_item(feedback_form(h), h.today));
    }
    const std::string body = test::batch_body(items);

    SECTION("the disk is full") {
        vfs.full_after(0);
        const auto r = h.post("/api/v1/submissions", body, token);
        CHECK(r.status == 503);
        CHECK(error_code(r) == "storage_full");
        CHECK(header(r, "Retry-After") == "60");
    }
    SECTION("writes fail with an I/O error") {
        vfs.fail_writes(SQLITE_IOERR_WRITE);
        const auto r = h.post("/api/v1/submissions", body, token);
        CHECK(r.status == 503);
        CHECK(error_code(r) == "storage_unavailable");
        CHECK_FALSE(header(r, "Retry-After").empty());
    }
    SECTION("fsync fails") {
        vfs.fail_syncs(SQLITE_IOERR_FSYNC);
        const auto r = h.post("/api/v1/submissions", body, token);
        CHECK(r.status == 503);
        CHECK(error_code(r) == "storage_unavailable");
    }
    CHECK(vfs.injected() > 0);
    vfs.heal();
    // Nothing half-written: not one item of the refused batch is stored.
    CHECK(h.count("submissions") == 0);
    CHECK(h.count("language_counts") == 0);
    // The writer is not wedged: the same batch goes in whole, once.
    const auto again = h.post("/api/v1/submissions", body, token);
    REQUIRE(again.status == 200);
    CHECK(accepted(again) == 20);
    CHECK(h.count("submissions") == 20);
    const auto third = h.post("/api/v1/submissions", body, token);
    REQUIRE(third.status == 200);
    CHECK(accepted(third) == 0); // all duplicates: nothing stored twice
    CHECK(h.count("submissions") == 20);
}

TEST_CASE("a full disk fails every job of a group commit alike and later jobs succeed",
          "[server-unit][store][disk-full][writer]") {
    test::FaultVfs vfs("engage-fault-writer");
    test::TempDir dir("engage-unit");
    auto s = store::SqliteStore::open(dir.path(), vfs.name());
    store::Writer writer(*s);
    const Submission item = one_submission("pl");
    vfs.full_after(0);
    const auto refused = write_one(writer, item);
    CHECK_FALSE(refused);
    CHECK(refused.kind == store::WriteResult::Kind::storage_full);

    vfs.heal();
    CHECK(write_one(writer, item).kind == store::WriteResult::Kind::committed);
    CHECK(s->status().submissions_total == 1);
}

TEST_CASE("an idle writer truncates the WAL to nothing", "[server-unit][store][writer][privacy]") {
    test::TempDir dir("engage-unit");
    auto s = store::SqliteStore::open(dir.path());
    store::Writer writer(*s, std::chrono::milliseconds(10));
    REQUIRE(write_one(writer, one_submission("en")));
    REQUIRE(std::filesystem::file_size(dir.path() / "engage.db-wal") > 0);
    REQUIRE(eventually([&] { return writer.checkpoints() >= 1; }));
    CHECK(std::filesystem::file_size(dir.path() / "engage.db-wal") == 0);
    CHECK(s->status().submissions_total == 1); // folded into the main file, not lost
}

TEST_CASE("after a day of visits the server's files hold no time, no day and no language per "
          "item, and storage order does not follow arrival",
          "[server-unit][store][privacy]") {
    Harness h;
    // 90 batches: one every 8 minutes.
    const auto [arrival, per_language, times] = visit_day(h, Date{2026, 11, 23}, 90);
    // The attacker copies the folder while the server runs: the WAL as it is.
    const auto db_bytes = read_file(h.data.sqlite_dir() / "engage.db");
    const auto files = db_bytes + read_file(h.data.sqlite_dir() / "engage.db-wal");
    REQUIRE(files.find(arrival.front()) != std::string::npos); // the copy holds the rows

    SECTION("no moment of the day is stored, as text or as unix seconds") {
        for (const auto t : times) {
            INFO("unix time " << t);
            // SQLite stores an integer below 2^31 as 4 big-endian bytes.
            const char be[4] = {static_cast<char>(t >> 24), static_cast<char>(t >> 16),
                                static_cast<char>(t >> 8), static_cast<char>(t)};
            CHECK(files.find(std::string_view(be, 4)) == std::string::npos);
            CHECK(files.find(std::to_string(t)) == std::string::npos);
        }
    }
    SECTION("items keep the month and no day; language only as counts per month") {
        auto db =
            sqlite::Database::open(h.data.sqlite_dir() / "engage.db", sqlite::OpenMode::read_only,
                                   sqlite::Pragmas{.busy_timeout_ms = 5000});
        sqlite::Statement columns(db, "SELECT name FROM pragma_table_info('submissions')");
        std::vector<std::string> names;
        while (columns.step()) {
            names.push_back(columns.text(0));
        }
        CHECK(std::find(names.begin(), names.end(), "language") == names.end());
        CHECK(std::find(names.begin(), names.end(), "date") == names.end());
        sqlite::Statement rows(db, "SELECT month, received_month, answers FROM submissions");
        while (rows.step()) {
            CHECK(rows.text(0) == "2026-11");
            CHECK(rows.text(1) == "2026-11");
            CHECK(rows.text(2).find("2026-11-23") == std::string::npos);
        }
        sqlite::Statement counts(db, "SELECT language, count, month FROM language_counts");
        std::map<std::string, std::int64_t> stored;
        while (counts.step()) {
            CHECK(counts.text(2) == "2026-11");
            stored[counts.text(0)] = counts.integer(1);
        }
        CHECK(stored == per_language);
    }
    SECTION("rowid order says nothing about arrival or batches") {
        auto db =
            sqlite::Database::open(h.data.sqlite_dir() / "engage.db", sqlite::OpenMode::read_only,
                                   sqlite::Pragmas{.busy_timeout_ms = 5000});
        std::map<std::string, std::size_t> arrived_at;
        for (std::size_t i = 0; i < arrival.size(); ++i) {
            arrived_at[arrival[i]] = i;
        }
        sqlite::Statement st(db, "SELECT id FROM submissions ORDER BY rowid");
        std::vector<std::size_t> order;
        while (st.step()) {
            order.push_back(arrived_at.at(st.text(0)));
        }
        REQUIRE(order.size() == arrival.size());
        // In arrival order every neighbour pair ascends; in random order about
        // half do (225 items: 50% ± 3.3% for one standard deviation).
        std::size_t ascending = 0;
        for (std::size_t i = 1; i < order.size(); ++i) {
            ascending += order[i] > order[i - 1] ? 1 : 0;
        }
        const double share = static_cast<double>(ascending) / static_cast<double>(order.size() - 1);
        CAPTURE(share);
        CHECK(share > 0.3);
        CHECK(share < 0.7);
    }
}

TEST_CASE("after a day of visits PostgreSQL's files hold no time and no language per item, and "
          "once the writer is idle no batch",
          "[server-unit][store][privacy][pg]") {
    Harness h(test::Engine::postgresql);
    // 30 batches: one every 24 minutes.
    const auto sent = visit_day(h, Date{2026, 11, 23}, 30);
    const auto files = h.data.stored_bytes();
    REQUIRE(files.find("2026-11") != std::string::npos); // the copy holds the rows

    for (const auto t : sent.times) {
        INFO("unix time " << t);
        // PostgreSQL stores a bigint as 8 bytes in the machine's order.
        std::string native(sizeof t, '\0');
        std::memcpy(native.data(), &t, sizeof t);
        CHECK(files.find(native) == std::string::npos);
        CHECK(files.find(std::to_string(t)) == std::string::npos);
    }
    CHECK(h.count("submissions") == 73); // 7 × (1 + 2 + 3 + 4) + 1 + 2
    CHECK(h.data.query_int("SELECT count(*) FROM information_schema.columns WHERE table_name = "
                           "'submissions' AND column_name IN ('language', 'date', 'kiosk')") == 0);
    CHECK(h.data.query_map("SELECT language, sum(count) FROM language_counts GROUP BY language") ==
          sent.per_language);
    REQUIRE(eventually([&] { return h.writer->checkpoints() >= 1; }));
    CHECK(h.data.query_int("SELECT count(DISTINCT xmin::text) FROM submissions") == 1);
}
