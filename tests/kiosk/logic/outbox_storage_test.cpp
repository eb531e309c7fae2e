// The outbox on a failing disk (a fault-injecting VFS, a real full tmpfs, a
// read-only one) and the outbox as an attacker holding a copy of the kiosk's
// disk sees it (issue 8).

#include "engage/ids.hpp"
#include "engage/sqlite/database.hpp"
#include "engage/sqlite/statement.hpp"
#include "kiosk/outbox/outbox.hpp"
#include "support/admin_cli.hpp"
#include "support/fault_vfs.hpp"
#include "support/small_disk.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>
#include <fcntl.h>
#include <set>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace engage;
using namespace engage::kiosk;

namespace {

// An item whose free text is a marker no other byte of the files could hold.
Submission item_with_marker(std::string& marker) {
    marker = "Marker-" + random_uuid_v4();
    Submission s;
    s.id = random_uuid_v4();
    s.form = "day-centre-feedback";
    s.version = 1;
    s.date = Date{2026, 11, 23};
    s.language = "en";
    s.answers["visit"] = ScaleValue{4};
    s.answers["anything-else"] = FreeText{marker};
    return s;
}

Submission plain_item() {
    std::string ignored;
    return item_with_marker(ignored);
}

std::string all_bytes(const std::filesystem::path& dir) {
    std::string bytes;
    for (const auto& e : std::filesystem::directory_iterator(dir)) {
        if (e.is_regular_file()) {
            bytes += engage::test::read_file(e.path());
        }
    }
    return bytes;
}

mode_t mode_of(const std::filesystem::path& p) {
    struct stat st {};
    REQUIRE(::stat(p.c_str(), &st) == 0);
    return st.st_mode & 07777;
}

} // namespace

TEST_CASE("an outbox on a failing disk says so, stores nothing half-way and loses nothing it "
          "stored",
          "[outbox][disk-full]") {
    engage::test::TempDir dir("engage-outbox");
    engage::test::FaultVfs vfs("engage-fault-outbox");
    std::string error;
    auto outbox = Outbox::open(dir / "outbox.db", error, vfs.name());
    REQUIRE(outbox);
    std::vector<Submission> stored;
    for (int i = 0; i < 5; ++i) {
        stored.push_back(plain_item());
        REQUIRE(outbox->enqueue(stored.back(), error));
    }
    const Submission refused = plain_item();

    SECTION("the disk is full") {
        vfs.full_after(0);
        CHECK_FALSE(outbox->enqueue(refused, error));
        CHECK(error.find("full") != std::string::npos);
    }
    SECTION("writes fail") {
        vfs.fail_writes(SQLITE_IOERR_WRITE);
        CHECK_FALSE(outbox->enqueue(refused, error));
        CHECK_FALSE(error.empty());
    }
    SECTION("fsync fails") {
        vfs.fail_syncs(SQLITE_IOERR_FSYNC);
        CHECK_FALSE(outbox->enqueue(refused, error));
        CHECK_FALSE(error.empty());
    }
    SECTION("an acknowledgement cannot be written") {
        vfs.fail_writes(SQLITE_IOERR_WRITE);
        CHECK_FALSE(outbox->acknowledge({{stored[0].id, ItemOutcome::accepted, "", ""}}, error));
        CHECK_FALSE(error.empty());
        vfs.heal();
        CHECK(outbox->contains(stored[0].id)); // not acknowledged, so sent again later
    }
    CHECK(vfs.injected() > 0);
    vfs.heal();
    CHECK(outbox->depth() == 5);
    // The kiosk keeps a refused item in memory and writes it once the disk
    // allows; writing it twice (the first write's fate unknown) stores it once.
    REQUIRE(outbox->enqueue(refused, error));
    REQUIRE(outbox->enqueue(refused, error));
    CHECK(outbox->depth() == 6);
    outbox.reset();
    auto reopened = Outbox::open(dir / "outbox.db", error);
    REQUIRE(reopened);
    CHECK(reopened->depth() == 6);
    for (const auto& s : stored) {
        CHECK(reopened->contains(s.id));
    }
    CHECK(reopened->contains(refused.id));
}

TEST_CASE("an outbox that cannot be read reports a fault, never an empty outbox or a zero",
          "[outbox][disk-full]") {
    engage::test::TempDir dir("engage-outbox");
    engage::test::FaultVfs vfs("engage-fault-outbox-read");
    std::string error;
    auto outbox = Outbox::open(dir / "outbox.db", error, vfs.name());
    REQUIRE(outbox);
    REQUIRE(outbox->enqueue(plain_item(), error));

    vfs.fail_reads(SQLITE_IOERR_READ);
    std::string why;
    CHECK_FALSE(outbox->depth(&why).has_value());
    CHECK_FALSE(why.empty());
    why.clear();
    CHECK_FALSE(outbox->pick_batch(10, &why).has_value());
    CHECK_FALSE(why.empty());
    why.clear();
    CHECK_FALSE(outbox->rejected_count(&why).has_value());
    CHECK_FALSE(why.empty());
    why.clear();
    // nullopt also means "nothing waits", so the error is what tells them apart.
    CHECK_FALSE(outbox->oldest_item_date(&why).has_value());
    CHECK_FALSE(why.empty());

    vfs.heal();
    CHECK(outbox->depth() == 1);
    CHECK(outbox->pick_batch(10).value().size() == 1);
    CHECK(outbox->rejected_count() == 0);
    why.clear();
    CHECK(outbox->oldest_item_date(&why).has_value());
    CHECK(why.empty());
}

TEST_CASE("an outbox on a real full disk refuses new items with an error, keeps the stored ones "
          "and takes items again once space returns",
          "[outbox][disk-full][root]") {
    engage::test::SmallDisk disk(1024 * 1024);
    if (!disk.available()) {
        WARN("skipped: " << disk.why());
        return;
    }
    std::string error;
    auto outbox = Outbox::open(disk.path() / "outbox.db", error);
    REQUIRE(outbox);
    std::vector<std::string> durable;
    for (int i = 0; i < 3; ++i) {
        const auto s = plain_item();
        REQUIRE(outbox->enqueue(s, error));
        durable.push_back(s.id);
    }
    disk.fill();
    // The WAL may still have room from earlier frames: keep writing until the
    // disk says no (bounded: the WAL's slack is a few pages).
    std::optional<Submission> refused;
    for (int i = 0; i < 2000 && !refused; ++i) {
        auto s = plain_item();
        if (outbox->enqueue(s, error)) {
            durable.push_back(s.id);
        } else {
            refused = s;
        }
    }
    REQUIRE(refused);
    INFO(error);
    CHECK(error.find("full") != std::string::npos);
    CHECK(outbox->depth() == durable.size()); // reads still work

    disk.free();
    REQUIRE(outbox->enqueue(*refused, error));
    durable.push_back(refused->id);
    outbox.reset();
    auto reopened = Outbox::open(disk.path() / "outbox.db", error);
    REQUIRE(reopened);
    CHECK(reopened->depth() == durable.size());
    for (const auto& id : durable) {
        CHECK(reopened->contains(id));
    }
}

TEST_CASE("an outbox on a read-only file system is refused with an error and its items stay",
          "[outbox][disk-full][root]") {
    engage::test::SmallDisk disk(1024 * 1024);
    if (!disk.available()) {
        WARN("skipped: " << disk.why());
        return;
    }
    std::string error;
    {
        auto outbox = Outbox::open(disk.path() / "outbox.db", error);
        REQUIRE(outbox);
        REQUIRE(outbox->enqueue(plain_item(), error));
        REQUIRE(outbox->enqueue(plain_item(), error));
    }
    disk.set_read_only(true);
    CHECK_FALSE(Outbox::open(disk.path() / "outbox.db", error));
    CHECK_FALSE(error.empty());
    disk.set_read_only(false);
    auto outbox = Outbox::open(disk.path() / "outbox.db", error);
    REQUIRE(outbox);
    CHECK(outbox->depth() == 2);
}

TEST_CASE("the outbox, its WAL and SHM are 0600 and its folder 0700 whatever existed before",
          "[outbox][privacy]") {
    engage::test::TempDir dir("engage-outbox");
    const auto folder = dir / "data";
    std::filesystem::create_directory(folder);
    REQUIRE(::chmod(folder.c_str(), 0755) == 0);
    for (const char* name : {"outbox.db", "outbox.db-wal"}) {
        const auto p = folder / name;
        const int fd = ::open(p.c_str(), O_WRONLY | O_CREAT, 0644);
        REQUIRE(fd >= 0);
        ::close(fd);
        REQUIRE(::chmod(p.c_str(), 0644) == 0);
    }
    std::string error;
    auto outbox = Outbox::open(folder / "outbox.db", error);
    REQUIRE(outbox);
    REQUIRE(outbox->enqueue(plain_item(), error));
    CHECK(mode_of(folder) == 0700);
    CHECK(mode_of(folder / "outbox.db") == 0600);
    CHECK(mode_of(folder / "outbox.db-wal") == 0600);
    CHECK(mode_of(folder / "outbox.db-shm") == 0600);
}

TEST_CASE("after upload no answer text remains in the outbox file or its WAL",
          "[outbox][privacy]") {
    engage::test::TempDir dir("engage-outbox");
    std::string error;
    auto outbox = Outbox::open(dir / "outbox.db", error);
    REQUIRE(outbox);
    std::vector<std::string> markers;
    std::vector<ItemAck> acks;
    for (int i = 0; i < 20; ++i) {
        std::string marker;
        const auto s = item_with_marker(marker);
        REQUIRE(outbox->enqueue(s, error));
        markers.push_back(marker);
        acks.push_back({s.id, ItemOutcome::accepted, "", ""});
    }
    // Before the upload the text is there: the scan can see it.
    REQUIRE(all_bytes(dir.path()).find(markers[0]) != std::string::npos);
    REQUIRE(outbox->acknowledge(acks, error));
    const auto bytes = all_bytes(dir.path());
    for (const auto& marker : markers) {
        CHECK(bytes.find(marker) == std::string::npos);
    }
    CHECK(std::filesystem::file_size(dir / "outbox.db-wal") == 0);
    CHECK(outbox->depth() == 0);
}

TEST_CASE("the order of rows in the outbox file is not the order of visits", "[outbox][privacy]") {
    engage::test::TempDir dir("engage-outbox");
    std::string error;
    std::vector<std::string> visits;
    {
        auto outbox = Outbox::open(dir / "outbox.db", error);
        REQUIRE(outbox);
        for (int i = 0; i < 100; ++i) {
            const auto s = plain_item();
            REQUIRE(outbox->enqueue(s, error));
            visits.push_back(s.id);
        }
    }
    // The attacker reads the b-tree in its stored order.
    auto db =
        sqlite::Database::open(dir / "outbox.db", sqlite::OpenMode::read_only, sqlite::no_pragmas);
    sqlite::Statement st(db, "SELECT id FROM outbox");
    std::vector<std::size_t> order;
    while (st.step()) {
        order.push_back(static_cast<std::size_t>(
            std::find(visits.begin(), visits.end(), st.text(0)) - visits.begin()));
    }
    REQUIRE(order.size() == visits.size());
    std::size_t ascending = 0;
    for (std::size_t i = 1; i < order.size(); ++i) {
        ascending += order[i] > order[i - 1] ? 1 : 0;
    }
    // Visit order would make every pair ascend; random order about half.
    const double share = static_cast<double>(ascending) / static_cast<double>(order.size() - 1);
    CAPTURE(share);
    CHECK(share > 0.3);
    CHECK(share < 0.7);
}

TEST_CASE("a rejected item's text is kept for a week, then only its count", "[outbox][privacy]") {
    engage::test::TempDir dir("engage-outbox");
    std::string error;
    auto outbox = Outbox::open(dir / "outbox.db", error);
    REQUIRE(outbox);
    std::string marker;
    const auto s = item_with_marker(marker);
    REQUIRE(outbox->enqueue(s, error));
    REQUIRE(outbox->acknowledge({{s.id, ItemOutcome::rejected, "form_not_open", "closed"}}, error));
    CHECK(outbox->rejected_count() == 1);
    const long today = days_since_epoch(today_utc());

    REQUIRE(outbox->forget_old_rejected(from_days_since_epoch(today + rejected_keep_days), error));
    CHECK(all_bytes(dir.path()).find(marker) != std::string::npos); // still there for staff
    CHECK(outbox->rejected_count() == 1);

    REQUIRE(
        outbox->forget_old_rejected(from_days_since_epoch(today + rejected_keep_days + 1), error));
    CHECK(outbox->rejected_count() == 1); // counted, for staff and the heartbeat
    CHECK(all_bytes(dir.path()).find(marker) == std::string::npos);
    // Counted once: running it again changes nothing.
    REQUIRE(
        outbox->forget_old_rejected(from_days_since_epoch(today + rejected_keep_days + 2), error));
    CHECK(outbox->rejected_count() == 1);
}
