// The offline outbox: durable across reopen, shuffled batches, only
// acknowledged items deleted, and never a time of day on disk.

#include "engage/ids.hpp"
#include "engage/sqlite/database.hpp"
#include "engage/sqlite/statement.hpp"
#include "kiosk/outbox/outbox.hpp"
#include "support/admin_cli.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>
#include <fstream>
#include <regex>
#include <set>
#include <sys/wait.h>
#include <unistd.h>

using namespace engage;
using namespace engage::kiosk;

namespace {

Submission item(int n) {
    Submission s;
    s.id = random_uuid_v4();
    s.form = "day-centre-feedback";
    s.version = 1;
    s.date = Date{2026, 11, 23};
    s.language = "en";
    s.answers["visit"] = ScaleValue{1 + n % 5};
    s.answers["anything-else"] = FreeText{"note " + std::to_string(n)};
    return s;
}

std::string all_bytes(const std::filesystem::path& dir) {
    std::string bytes;
    for (const auto& e : std::filesystem::directory_iterator(dir)) {
        bytes += engage::test::read_file(e.path());
    }
    return bytes;
}

// A second process that opens the outbox, counts it and closes it again each
// time it is asked, as a staff tool or a test polling the kiosk's file does.
// It is forked before this process opens the file, so it shares none of
// SQLite's per-process lock bookkeeping with us: only the kernel's POSIX
// locks tell each process that the other is there. Owned by one thread; the
// destructor always ends and reaps the child.
class OtherProcess {
public:
    explicit OtherProcess(std::filesystem::path file) {
        int to_child[2];
        int to_parent[2];
        REQUIRE(::pipe(to_child) == 0);
        REQUIRE(::pipe(to_parent) == 0);
        pid_ = ::fork();
        REQUIRE(pid_ >= 0);
        if (pid_ == 0) {
            ::close(to_child[1]);
            ::close(to_parent[0]);
            serve(file, to_child[0], to_parent[1]); // never returns
        }
        ::close(to_child[0]);
        ::close(to_parent[1]);
        ask_ = to_child[1];
        answer_ = to_parent[0];
    }
    ~OtherProcess() {
        ::close(ask_); // end of file: the child exits
        ::close(answer_);
        int status = 0;
        ::waitpid(pid_, &status, 0);
    }
    OtherProcess(const OtherProcess&) = delete;
    OtherProcess& operator=(const OtherProcess&) = delete;

    // Opens the outbox in the other process, counts it and closes it;
    // -1 when that process could not open or count it.
    long long depth() {
        const char ask = 'd';
        REQUIRE(::write(ask_, &ask, 1) == 1);
        long long n = -1;
        REQUIRE(::read(answer_, &n, sizeof n) == static_cast<ssize_t>(sizeof n));
        return n;
    }

private:
    [[noreturn]] static void serve(const std::filesystem::path& file, int ask, int answer) {
        char c = 0;
        while (::read(ask, &c, 1) == 1) {
            long long n = -1;
            {
                std::string error;
                auto outbox = Outbox::open(file, error);
                if (outbox) {
                    const auto d = outbox->depth();
                    n = d ? static_cast<long long>(*d) : -1;
                }
            } // closed here: the close that checkpoints if it believes it is the last
            if (::write(answer, &n, sizeof n) != static_cast<ssize_t>(sizeof n)) {
                break;
            }
        }
        ::_exit(0); // never run the parent's Catch2 or static destructors
    }
    pid_t pid_ = -1;
    int ask_ = -1;
    int answer_ = -1;
};

} // namespace

TEST_CASE("queued items survive closing and reopening the outbox", "[outbox]") {
    engage::test::TempDir dir("engage-outbox");
    std::string error;
    std::vector<std::string> ids;
    {
        auto outbox = Outbox::open(dir / "outbox.db", error);
        REQUIRE(outbox);
        for (int i = 0; i < 5; ++i) {
            auto s = item(i);
            ids.push_back(s.id);
            REQUIRE(outbox->enqueue(s, error));
        }
        CHECK(outbox->depth() == 5);
    }
    auto reopened = Outbox::open(dir / "outbox.db", error);
    REQUIRE(reopened);
    CHECK(reopened->depth() == 5);
    for (const auto& id : ids) {
        CHECK(reopened->contains(id));
    }
}

TEST_CASE("an item goes into a batch exactly as the wire format wants it", "[outbox]") {
    engage::test::TempDir dir("engage-outbox");
    std::string error;
    auto outbox = Outbox::open(dir / "outbox.db", error);
    REQUIRE(outbox);
    const auto s = item(7);
    REQUIRE(outbox->enqueue(s, error));
    const auto batch = outbox->pick_batch(10).value();
    REQUIRE(batch.size() == 1);
    CHECK(batch[0].id == s.id);
    CHECK(batch[0].json_text.find("\"date\":\"2026-11-23\"") != std::string::npos);
    CHECK(batch[0].json_text.find(s.id) != std::string::npos);
}

TEST_CASE("queuing the same id again stores it once and keeps the first", "[outbox]") {
    // A write whose fate was unknown (an fsync error) may be repeated by the
    // caller: it must neither fail for ever nor duplicate the item.
    engage::test::TempDir dir("engage-outbox");
    std::string error;
    auto outbox = Outbox::open(dir / "outbox.db", error);
    REQUIRE(outbox);
    const auto s = item(1);
    REQUIRE(outbox->enqueue(s, error));
    auto changed = s;
    changed.answers["anything-else"] = FreeText{"a second text"};
    CHECK(outbox->enqueue(changed, error));
    CHECK(outbox->depth() == 1);
    const auto batch = outbox->pick_batch(10).value();
    REQUIRE(batch.size() == 1);
    CHECK(batch[0].json_text.find("a second text") == std::string::npos);
}

TEST_CASE("batches are shuffled and capped", "[outbox]") {
    engage::test::TempDir dir("engage-outbox");
    std::string error;
    auto outbox = Outbox::open(dir / "outbox.db", error);
    REQUIRE(outbox);
    std::vector<std::string> order;
    for (int i = 0; i < 40; ++i) {
        auto s = item(i);
        order.push_back(s.id);
        REQUIRE(outbox->enqueue(s, error));
    }
    CHECK(outbox->pick_batch(10).value().size() == 10);
    // The chance that 5 full draws all come out in Send order is 5/40! — nil.
    int in_send_order = 0;
    for (int round = 0; round < 5; ++round) {
        std::vector<std::string> got;
        const auto picked = outbox->pick_batch(100).value();
        for (const auto& q : picked) {
            got.push_back(q.id);
        }
        REQUIRE(got.size() == 40);
        CHECK(std::set<std::string>(got.begin(), got.end()).size() == 40);
        in_send_order += got == order ? 1 : 0;
    }
    CHECK(in_send_order < 5);
}

TEST_CASE("only acknowledged items are deleted and rejected ones are set aside", "[outbox]") {
    engage::test::TempDir dir("engage-outbox");
    std::string error;
    auto outbox = Outbox::open(dir / "outbox.db", error);
    REQUIRE(outbox);
    std::vector<Submission> items;
    for (int i = 0; i < 4; ++i) {
        items.push_back(item(i));
        REQUIRE(outbox->enqueue(items.back(), error));
    }
    std::vector<ItemAck> acks{
        {items[0].id, ItemOutcome::accepted, "", ""},
        {items[1].id, ItemOutcome::duplicate, "", ""},
        {items[2].id, ItemOutcome::rejected, "form_not_open", "the form is closed"},
        {random_uuid_v4(), ItemOutcome::accepted, "", ""}, // not ours: ignored
    };
    REQUIRE(outbox->acknowledge(acks, error));
    CHECK(outbox->depth() == 1);
    CHECK(outbox->contains(items[3].id));
    CHECK_FALSE(outbox->contains(items[0].id));
    CHECK_FALSE(outbox->contains(items[2].id));
    CHECK(outbox->rejected_count() == 1);
    // The rejected item is never picked again.
    const auto batch = outbox->pick_batch(10).value();
    REQUIRE(batch.size() == 1);
    CHECK(batch[0].id == items[3].id);
}

TEST_CASE("no time of day is written anywhere in the outbox files", "[outbox][privacy]") {
    engage::test::TempDir dir("engage-outbox");
    std::string error;
    {
        auto outbox = Outbox::open(dir / "outbox.db", error);
        REQUIRE(outbox);
        std::vector<ItemAck> acks;
        for (int i = 0; i < 20; ++i) {
            auto s = item(i);
            REQUIRE(outbox->enqueue(s, error));
            if (i % 2 == 0) {
                acks.push_back({s.id, ItemOutcome::accepted, "", ""});
            }
        }
        REQUIRE(outbox->acknowledge(acks, error));
        // Check while the WAL is live too.
        const auto live = all_bytes(dir.path());
        CHECK_FALSE(std::regex_search(live, std::regex("[0-2][0-9]:[0-5][0-9]")));
        CHECK_FALSE(std::regex_search(live, std::regex("T[0-2][0-9]:")));
    }
    const auto bytes = all_bytes(dir.path());
    REQUIRE(bytes.find("2026-11-23") != std::string::npos); // the date is there
    CHECK_FALSE(std::regex_search(bytes, std::regex("[0-2][0-9]:[0-5][0-9]")));
}

TEST_CASE("a file that is not an outbox is refused with a reason", "[outbox]") {
    engage::test::TempDir dir("engage-outbox");
    std::string error;
    SECTION("garbage bytes") {
        {
            std::ofstream out(dir / "outbox.db");
            out << "this is not a database at all, just text that is long enough to fail";
        }
        CHECK_FALSE(Outbox::open(dir / "outbox.db", error));
        CHECK_FALSE(error.empty());
    }
    SECTION("a newer schema") {
        {
            auto outbox = Outbox::open(dir / "outbox.db", error);
            REQUIRE(outbox);
        }
        sqlite::Database::open(dir / "outbox.db", sqlite::OpenMode::read_write, sqlite::no_pragmas)
            .exec("PRAGMA user_version = 99");
        CHECK_FALSE(Outbox::open(dir / "outbox.db", error));
        CHECK(error.find("newer") != std::string::npos);
    }
    SECTION("a directory that does not exist") {
        CHECK_FALSE(Outbox::open(dir / "missing" / "outbox.db", error));
        CHECK_FALSE(error.empty());
    }
}

TEST_CASE("the outbox knows the date of its oldest waiting item, for the heartbeat",
          "[outbox][heartbeat]") {
    engage::test::TempDir dir("engage-outbox");
    std::string error;
    auto box = Outbox::open(dir / "outbox.db", error);
    REQUIRE(box);
    CHECK_FALSE(box->oldest_item_date().has_value()); // nothing waits

    auto newer = item(1);
    auto older = item(2);
    older.date = Date{2026, 11, 2};
    REQUIRE(box->enqueue(newer, error));
    REQUIRE(box->enqueue(older, error));

    SECTION("the smallest date, and the next one once it is acknowledged") {
        CHECK(box->oldest_item_date() == Date{2026, 11, 2});
        REQUIRE(box->acknowledge({{older.id, ItemOutcome::accepted, "", ""}}, error));
        CHECK(box->oldest_item_date() == newer.date);
    }
    SECTION("a damaged stored item is skipped, not a fault") {
        // Written behind the outbox's back, as a damaged file would hold it:
        // cut-off JSON with an older date, and an item without a date.
        auto raw = sqlite::Database::open(dir / "outbox.db", sqlite::OpenMode::read_write,
                                          sqlite::Pragmas{.busy_timeout_ms = 5000});
        raw.exec(R"sql(INSERT INTO outbox(id, item) VALUES ('cut', '{"date": "2020-01-01"'),
                                                           ('dateless', '{"id": "dateless"}'))sql");
        error.clear();
        CHECK(box->oldest_item_date(&error) == Date{2026, 11, 2});
        CHECK(error.empty());
    }
}

TEST_CASE("an item queued while another process opens and closes the outbox is seen by that "
          "process",
          "[outbox][regression]") {
    // The merged kiosk e2e test found this: the kiosk holds the outbox open,
    // a test (or a staff tool) opens it now and then to count it. Each close
    // there must not take the kiosk's WAL away, or whatever the kiosk queues
    // next is written where no one else can see it and is lost at a crash.
    engage::test::TempDir dir("engage-outbox");
    const auto file = dir / "outbox.db";
    OtherProcess other(file);
    std::string error;
    auto kiosk = Outbox::open(file, error);
    REQUIRE(kiosk);
    CHECK(other.depth() == 0);
    const auto first = item(1);
    REQUIRE(kiosk->enqueue(first, error));
    CHECK(other.depth() == 1);
    REQUIRE(kiosk->enqueue(item(2), error));
    CHECK(other.depth() == 2);
    CHECK(kiosk->depth() == 2);
    REQUIRE(kiosk->acknowledge({{first.id, ItemOutcome::accepted, "", ""}}, error));
    CHECK(other.depth() == 1);
}
