// The real server with its data folder on a small real disk (a tmpfs the
// test mounts; CI runs as root, elsewhere the test WARNs and skips): when
// the disk fills, submissions get 503 storage_full with a Retry-After hint
// and nothing half-written; when space returns the server takes them again
// by itself, and nothing it acknowledged is lost.

#include "engage/sqlite/database.hpp"
#include "engage/sqlite/statement.hpp"
#include "server_fixture.hpp"
#include "support/small_disk.hpp"

#include <catch2/catch.hpp>
#include <set>

using namespace engage;
using namespace engage::test;

namespace {

std::set<std::string> stored_ids(const std::filesystem::path& db_file) {
    auto db = sqlite::Database::open(db_file, sqlite::OpenMode::read_only,
                                     sqlite::Pragmas{.busy_timeout_ms = 5000});
    sqlite::Statement st(db, "SELECT id FROM submissions");
    std::set<std::string> ids;
    while (st.step()) {
        ids.insert(st.text(0));
    }
    return ids;
}

} // namespace

TEST_CASE("on a full disk the server answers 503 storage_full, keeps nothing half-written and "
          "recovers by itself when space returns",
          "[server][disk-full][root]") {
    // 8 MiB: room for the sample content and a start-up WAL, small enough to
    // fill in a moment.
    SmallDisk disk(8 * 1024 * 1024);
    if (!disk.available()) {
        WARN("skipped: " << disk.why());
        return;
    }
    const auto data = disk.path() / "data";
    ServerProcess server(data);
    const auto kiosk = enrol_kiosk(server.port(), data, "full-site");
    const auto content = fetch_content(server.port(), kiosk.token);
    const auto& feedback = form_of_kind(content, FormKind::feedback);

    std::set<std::string> acknowledged;
    auto batch_of = [&](int n) {
        boost::json::array items;
        for (int i = 0; i < n; ++i) {
            items.push_back(anonymous_item(feedback, today()));
        }
        return items;
    };
    auto record = [&](const HttpResponse& reply) {
        for (const auto& r : results_of(reply)) {
            if (r.status == "accepted" || r.status == "duplicate") {
                acknowledged.insert(r.id);
            }
        }
    };
    record(post_batch(server.port(), kiosk.token, batch_of(20)));
    REQUIRE(acknowledged.size() == 20);

    disk.fill();
    // The WAL may have room left from earlier frames: send until the disk
    // says no (bounded; each batch needs new pages).
    std::optional<HttpResponse> refused;
    boost::json::array refused_items;
    for (int round = 0; round < 200 && !refused; ++round) {
        auto items = batch_of(50);
        const auto reply = post_batch(server.port(), kiosk.token, items);
        if (reply.status == 200) {
            record(reply);
        } else {
            refused = reply;
            refused_items = std::move(items);
        }
    }
    REQUIRE(refused);
    INFO(refused->body);
    CHECK(refused->status == 503);
    CHECK(error_of(*refused).code == "storage_full");
    CHECK(refused->header("Retry-After").has_value());

    // Nothing half-written: not one item of the refused batch is stored.
    {
        const auto ids = stored_ids(data / "engage.db");
        for (const auto& item : refused_items) {
            CHECK(ids.count(std::string(item.at("id").as_string())) == 0);
        }
    }

    disk.free();
    // The writer is not wedged: the same batch is taken now, whole.
    const auto again = post_batch(server.port(), kiosk.token, refused_items);
    REQUIRE(again.status == 200);
    for (const auto& r : results_of(again)) {
        CHECK(r.status == "accepted");
    }
    record(again);

    // After a restart every acknowledged item is there, once.
    REQUIRE(server.terminate().code == 0);
    const auto ids = stored_ids(data / "engage.db");
    std::size_t missing = 0;
    for (const auto& id : acknowledged) {
        missing += ids.count(id) == 0 ? 1 : 0;
    }
    CHECK(missing == 0);
    CHECK(ids.size() == acknowledged.size());
    CHECK(server.output().find("full") != std::string::npos); // the operator is told
}

TEST_CASE("on a read-only disk the server refuses to start with a reason and its data stays",
          "[server][disk-full][root]") {
    SmallDisk disk(8 * 1024 * 1024);
    if (!disk.available()) {
        WARN("skipped: " << disk.why());
        return;
    }
    const auto data = disk.path() / "data";
    std::set<std::string> acknowledged;
    {
        ServerProcess server(data);
        const auto kiosk = enrol_kiosk(server.port(), data, "ro-site");
        const auto content = fetch_content(server.port(), kiosk.token);
        boost::json::array items;
        for (int i = 0; i < 5; ++i) {
            items.push_back(anonymous_item(form_of_kind(content, FormKind::feedback), today()));
        }
        for (const auto& r : results_of(post_batch(server.port(), kiosk.token, items))) {
            acknowledged.insert(r.id);
        }
        REQUIRE(server.terminate().code == 0);
    }
    REQUIRE(acknowledged.size() == 5);
    disk.set_read_only(true);
    // It exits with SQLite's reason rather than serving answers it cannot keep.
    CHECK_THROWS_WITH(ServerProcess(data), Catch::Contains("sqlite error") ||
                                               Catch::Contains("read-only") ||
                                               Catch::Contains("readonly"));
    disk.set_read_only(false);
    CHECK(stored_ids(data / "engage.db") == acknowledged);
}
