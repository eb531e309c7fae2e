// engage-admin restore on the real program: a backup taken under load
// restores whole; bad files and a running server are refused with the data
// folder untouched.
#include "engage/sqlite/database.hpp"
#include "engage/sqlite/statement.hpp"
#include "server_fixture.hpp"

#include <atomic>
#include <catch2/catch.hpp>
#include <condition_variable>
#include <fstream>
#include <mutex>
#include <set>
#include <thread>

using namespace engage;
using namespace engage::test;
namespace fs = std::filesystem;

namespace {

std::set<std::string> stored_ids(const fs::path& db_file) {
    auto db = sqlite::Database::open(db_file, sqlite::OpenMode::read_only, sqlite::no_pragmas);
    sqlite::Statement st(db, "SELECT id FROM submissions");
    std::set<std::string> ids;
    while (st.step()) {
        ids.insert(st.text(0));
    }
    return ids;
}

std::string integrity(const fs::path& db_file) {
    auto db = sqlite::Database::open(db_file, sqlite::OpenMode::read_only, sqlite::no_pragmas);
    sqlite::Statement st(db, "PRAGMA integrity_check");
    return st.step() ? st.text(0) : "";
}

CommandResult restore(const fs::path& data, const fs::path& from) {
    return run_admin({"restore", "--data", data.string(), "--from", from.string()});
}

CommandResult backup(const fs::path& data, const fs::path& to) {
    return run_admin({"backup", "--data", data.string(), "--to", to.string()});
}

// A client that streams small batches to the server until stopped (or a
// bound is reached) and records every id acknowledged as accepted.
class Stream {
public:
    Stream(std::uint16_t port, std::string token, const FormVersion& form) {
        thread_ = std::thread([this, port, token, form] {
            try {
                for (int round = 0; round < max_batches && !stop_; ++round) {
                    boost::json::array items;
                    for (int i = 0; i < 5; ++i) {
                        items.push_back(anonymous_item(form, today()));
                    }
                    const auto reply = post_batch(port, token, items);
                    if (reply.status != 200) {
                        continue; // a 503 under load: the kiosk would retry
                    }
                    std::lock_guard lock(mutex_);
                    for (const auto& r : results_of(reply)) {
                        if (r.status == "accepted") {
                            acked_.insert(r.id);
                        }
                    }
                    ++batches_;
                    changed_.notify_all();
                }
            } catch (const std::exception& e) {
                std::lock_guard lock(mutex_);
                error_ = e.what();
            }
            std::lock_guard lock(mutex_);
            done_ = true;
            changed_.notify_all();
        });
    }
    ~Stream() { stop(); }
    // Waits until `n` batches were acknowledged (or the stream ended).
    void wait_for_batches(int n) {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return batches_ >= n || done_; });
    }
    std::set<std::string> acknowledged() {
        std::lock_guard lock(mutex_);
        return acked_;
    }
    void stop() {
        stop_ = true;
        if (thread_.joinable()) {
            thread_.join();
        }
    }
    std::string error() {
        std::lock_guard lock(mutex_);
        return error_;
    }
    int batches() {
        std::lock_guard lock(mutex_);
        return batches_;
    }

    // Bounds the stream if the test stalls: 2,000 items.
    static constexpr int max_batches = 400;

private:
    std::atomic<bool> stop_{false};
    std::mutex mutex_;
    std::condition_variable changed_;
    std::set<std::string> acked_;
    int batches_ = 0;
    bool done_ = false;
    std::string error_;
    std::thread thread_;
};

} // namespace

TEST_CASE("a backup taken while a client streams submissions restores whole",
          "[server][backup][restore]") {
    TestServer s;
    TempDir out("engage-backup");
    const auto file = out.path() / "during-load.db";
    std::set<std::string> before_backup;
    {
        Stream stream(s.port(), s.kiosk.token, form_of_kind(s.content, FormKind::feedback));
        stream.wait_for_batches(10);
        before_backup = stream.acknowledged();
        const auto r = backup(s.data.path(), file);
        INFO("stdout: " << r.out << "\nstderr: " << r.err);
        REQUIRE(r.exit_code == 0);
        stream.wait_for_batches(stream.batches() + 5); // still streaming after the backup
        stream.stop();
        REQUIRE(stream.error().empty());
        CHECK(stream.acknowledged().size() > before_backup.size());
    }
    REQUIRE(before_backup.size() >= 50);
    const auto exit = s.server.terminate();
    REQUIRE(exit.code == 0);

    SECTION("into the same folder, with the server stopped") {
        const auto r = restore(s.data.path(), file);
        INFO("stdout: " << r.out << "\nstderr: " << r.err);
        REQUIRE(r.exit_code == 0);
        CHECK(r.out.find("restored") != std::string::npos);
        const auto db = s.data.path() / "engage.db";
        CHECK(integrity(db) == "ok");
        CHECK_FALSE(fs::exists(s.data.path() / "engage.db-wal"));
        CHECK_FALSE(fs::exists(s.data.path() / "engage.db.restoring"));
        const auto ids = stored_ids(db);
        for (const auto& id : before_backup) {
            INFO(id);
            CHECK(ids.contains(id));
        }
        // And it serves: the kiosk's token and the content came back too.
        ServerProcess again(s.data.path());
        const auto bundle = fetch_content(again.port(), s.kiosk.token);
        CHECK(bundle.version == s.content.version);
    }
    SECTION("into a new folder") {
        TempDir fresh("engage-restored");
        const auto r = restore(fresh.path() / "data", file);
        INFO("stdout: " << r.out << "\nstderr: " << r.err);
        REQUIRE(r.exit_code == 0);
        const auto ids = stored_ids(fresh.path() / "data" / "engage.db");
        CHECK(integrity(fresh.path() / "data" / "engage.db") == "ok");
        for (const auto& id : before_backup) {
            CHECK(ids.contains(id));
        }
    }
}

TEST_CASE("restore after a crash never replays the old write-ahead log onto the backup",
          "[server][restore][crash]") {
    TestServer s;
    const auto& feedback = form_of_kind(s.content, FormKind::feedback);
    TempDir out("engage-backup");
    const auto file = out.path() / "before.db";
    REQUIRE(backup(s.data.path(), file).exit_code == 0);
    const auto in_backup = stored_ids(file);
    // Acknowledged after the backup, then a crash at once: these are in the
    // old database's WAL (the writer empties it only after 2 s idle).
    boost::json::array items;
    for (int i = 0; i < 20; ++i) {
        items.push_back(anonymous_item(feedback, today()));
    }
    REQUIRE(post_batch(s.port(), s.kiosk.token, items).status == 200);
    s.server.kill9();
    const bool wal_left = fs::exists(s.data.path() / "engage.db-wal") &&
                          fs::file_size(s.data.path() / "engage.db-wal") > 0;

    const auto r = restore(s.data.path(), file);
    INFO("stdout: " << r.out << "\nstderr: " << r.err << "\nWAL left by the crash: " << wal_left);
    REQUIRE(r.exit_code == 0);
    const auto db = s.data.path() / "engage.db";
    CHECK(integrity(db) == "ok");
    CHECK(stored_ids(db) == in_backup);
}

TEST_CASE("restore refuses a folder a running server holds, and a second serve refuses it too",
          "[server][restore]") {
    TestServer s;
    REQUIRE(post_batch(s.port(), s.kiosk.token,
                       boost::json::array{
                           anonymous_item(form_of_kind(s.content, FormKind::feedback), today())})
                .status == 200);
    TempDir out("engage-backup");
    const auto file = out.path() / "copy.db";
    REQUIRE(backup(s.data.path(), file).exit_code == 0);
    const auto counted = stored_counts(s.data.path()).total;

    const auto r = restore(s.data.path(), file);
    INFO("stdout: " << r.out << "\nstderr: " << r.err);
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("engage-admin serve") != std::string::npos);
    CHECK(r.err.find("nothing was changed") != std::string::npos);
    CHECK_FALSE(fs::exists(s.data.path() / "engage.db.restoring"));
    CHECK(stored_counts(s.data.path()).total == counted);
    CHECK(fetch_content(s.port(), s.kiosk.token).version == s.content.version);

    const auto second =
        run_admin({"serve", "--data", s.data.path().string(), "--listen", "127.0.0.1:0"}, {},
                  std::chrono::seconds(20));
    INFO("second serve stderr: " << second.err);
    CHECK(second.exit_code == 1);
    CHECK(second.err.find("serve.lock") != std::string::npos);
}

TEST_CASE("restore refuses damaged, foreign and newer files with clear errors and no change",
          "[server][restore]") {
    TestServer s;
    const auto& feedback = form_of_kind(s.content, FormKind::feedback);
    boost::json::array items;
    for (int i = 0; i < 20; ++i) {
        items.push_back(anonymous_item(feedback, today()));
    }
    REQUIRE(post_batch(s.port(), s.kiosk.token, items).status == 200);
    TempDir out("engage-bad-backups");
    const auto good = out.path() / "good.db";
    REQUIRE(backup(s.data.path(), good).exit_code == 0);
    REQUIRE(s.server.terminate().code == 0);
    const auto db = s.data.path() / "engage.db";
    const std::string original = read_file(db);
    REQUIRE(!original.empty());

    fs::path bad;
    std::string expected;
    SECTION("a file that is not SQLite") {
        bad = out.path() / "notes.txt";
        std::ofstream(bad) << "these are not the backups you are looking for\n";
        expected = "not an SQLite database";
    }
    SECTION("a damaged backup") {
        bad = out.path() / "damaged.db";
        fs::copy_file(good, bad);
        const auto size = fs::file_size(bad);
        REQUIRE(size > 3 * 4096);
        // Page 1 (the schema) stays; every table's pages become noise.
        std::fstream f(bad, std::ios::in | std::ios::out | std::ios::binary);
        f.seekp(4096);
        const std::string noise(size - 4096, '\x55');
        f.write(noise.data(), static_cast<std::streamsize>(noise.size()));
        expected = "integrity check";
    }
    SECTION("a backup from a newer schema") {
        bad = out.path() / "newer.db";
        fs::copy_file(good, bad);
        auto w = sqlite::Database::open(bad, sqlite::OpenMode::read_write, sqlite::no_pragmas);
        w.exec("PRAGMA user_version = 999;");
        expected = "newer than this engage-admin";
    }
    SECTION("another program's SQLite database") {
        bad = out.path() / "other.db";
        auto w = sqlite::Database::open(bad, sqlite::OpenMode::create, sqlite::no_pragmas);
        w.exec("CREATE TABLE t(x); INSERT INTO t VALUES (1);");
        expected = "not an Engage one";
    }
    const auto r = restore(s.data.path(), bad);
    INFO("stdout: " << r.out << "\nstderr: " << r.err);
    CHECK(r.exit_code == 1);
    CHECK(r.err.find(expected) != std::string::npos);
    CHECK(read_file(db) == original);
    CHECK_FALSE(fs::exists(s.data.path() / "engage.db.restoring"));
}

TEST_CASE("restore without --from is a usage error", "[server][restore]") {
    TempDir data("engage-data");
    const auto r = run_admin({"restore", "--data", data.path().string()});
    CHECK(r.exit_code == 2);
}
