// When the outbox cannot store an answer after Send (issue 7): on a real
// full tmpfs and a real ext4 forced read-only underneath the open outbox.
// The answer stays in memory, the person still sees the thank-you screen,
// staff see the problem, retries follow a hand-moved clock (counted: no busy
// loop), and the answer is stored exactly once when the disk allows.

#include "engage/sealing.hpp"
#include "kiosk/config/data_dir.hpp"
#include "kiosk/outbox/outbox.hpp"
#include "kiosk/runtime/kiosk_runtime.hpp"
#include "logic/sample_content.hpp"
#include "logic/scratch_mount.hpp"
#include "support/temp_dir.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/value_from.hpp>
#include <catch2/catch.hpp>

using namespace engage;
using namespace engage::kiosk;
using engage::test::ScratchMount;

namespace {

// A kiosk whose data dir is on `disk`, with cached sample content, and a
// clock the test moves by hand.
struct KioskOnDisk {
    explicit KioskOnDisk(const std::filesystem::path& data) {
        const auto key = make_sealing_keypair();
        std::string error;
        REQUIRE(ensure_data_dir(data, error));
        REQUIRE(save_cached_content(
            data, boost::json::serialize(boost::json::value_from(engage::test::sample_bundle(key))),
            "\"test-1\"", error));
        Options o;
        o.data_dir = data;
        rt = KioskRuntime::open(o, error, [this] { return now; });
        INFO(error);
        REQUIRE(rt);
    }
    // One short poll answer, sent.
    void visit_and_send() {
        auto& f = rt->flow();
        if (f.state().screen != Screen::attract) {
            f.start_again(now); // the previous visit's thank-you screen
            rt->apply_effects();
        }
        f.start(now);
        f.choose_language("en", now);
        f.open_polls_tile(now);
        f.begin_questions(now);
        f.choose("no", now);
        f.next(now);
        f.next(now);
        f.send(now);
        rt->apply_effects();
    }
    // apply_effects() many times without moving the clock: a busy loop
    // would show up as attempts.
    void spin(int frames) {
        for (int i = 0; i < frames; ++i) {
            rt->apply_effects();
        }
    }
    std::int64_t now = 1'000'000;
    std::unique_ptr<KioskRuntime> rt;
};

std::size_t stored(const std::filesystem::path& data) {
    std::string error;
    auto outbox = Outbox::open(data / "outbox.db", error);
    INFO(error);
    REQUIRE(outbox);
    return outbox->depth().value(); // a fault throws, never reads as empty
}

} // namespace

TEST_CASE("a full disk keeps the answer in memory, retries on a clock and stores it once",
          "[runtime][outbox][failure]") {
    if (!engage::test::can_mount()) {
        WARN("not root: cannot mount a small tmpfs, so this test cannot run here");
        return;
    }
    engage::test::TempDir dir("engage-full-disk");
    // Room for the outbox and its WAL, not much more.
    ScratchMount disk(dir / "disk", ScratchMount::Kind::tmpfs, 512 * 1024);
    const auto data = disk.path() / "data";
    KioskOnDisk k(data);
    const auto filler = disk.fill();

    k.visit_and_send();
    CHECK(k.rt->flow().state().screen == Screen::thank_you); // the person sees nothing wrong
    auto status = k.rt->status();
    CHECK(status.unsaved == 1);
    CHECK(status.outbox_depth == 1);
    CHECK(status.last_error.find("memory") != std::string::npos);
    CHECK(k.rt->outbox_write_attempts() == 1);

    SECTION("no busy loop: retries follow the clock, with growing pauses") {
        k.spin(1000);
        CHECK(k.rt->outbox_write_attempts() == 1);
        REQUIRE(k.rt->next_deadline());
        CHECK(*k.rt->next_deadline() == k.now + 1000); // the app wakes for the retry
        k.now += 999;
        k.spin(100);
        CHECK(k.rt->outbox_write_attempts() == 1);
        k.now += 1;
        k.spin(100);
        CHECK(k.rt->outbox_write_attempts() == 2);
        k.now += 1999; // the pause doubled
        k.spin(100);
        CHECK(k.rt->outbox_write_attempts() == 2);
        k.now += 1;
        k.spin(100);
        CHECK(k.rt->outbox_write_attempts() == 3);
        k.now += 10LL * 60 * 1000; // ten minutes: pauses cap at a minute, so a few tries
        for (int minute = 0; minute < 10; ++minute) {
            k.now += 60 * 1000;
            k.spin(100);
        }
        CHECK(k.rt->outbox_write_attempts() <= 3 + 11);
        CHECK(k.rt->status().unsaved == 1);
    }
    SECTION("once space returns it is stored, exactly once, and the problem clears") {
        const auto another = k.rt->outbox_write_attempts();
        std::filesystem::remove(filler);
        k.now += 1000;
        k.spin(10);
        CHECK(k.rt->outbox_write_attempts() == another + 1);
        status = k.rt->status();
        CHECK(status.unsaved == 0);
        CHECK(status.outbox_depth == 1);
        CHECK(status.last_error.empty());
        const auto deadline = k.rt->next_deadline(); // nothing left to retry
        CHECK_FALSE((deadline && *deadline <= k.now));
        k.now += 60 * 1000;
        k.spin(10);
        CHECK(k.rt->outbox_write_attempts() == another + 1);
        k.rt.reset();
        CHECK(stored(data) == 1);
    }
    SECTION("a second visit meanwhile waits in memory too, and both are stored") {
        k.now += 10; // before the retry is due
        k.visit_and_send();
        CHECK(k.rt->status().unsaved == 2);
        CHECK(k.rt->outbox_write_attempts() == 1); // it waits for the retry, no extra try
        std::filesystem::remove(filler);
        k.now += 1000;
        k.spin(1);
        CHECK(k.rt->status().unsaved == 0);
        CHECK(k.rt->outbox_write_attempts() == 3);
        k.rt.reset();
        CHECK(stored(data) == 2);
    }
}

TEST_CASE("a disk gone read-only under the open outbox loses nothing stored and spins not",
          "[runtime][outbox][failure]") {
    if (!engage::test::can_mount()) {
        WARN("not root: cannot mount an ext4 image, so this test cannot run here");
        return;
    }
    engage::test::TempDir dir("engage-ro-disk");
    ScratchMount disk(dir / "disk", ScratchMount::Kind::ext4, 8 * 1024 * 1024);
    const auto data = disk.path() / "data";
    {
        KioskOnDisk k(data);
        k.visit_and_send();
        REQUIRE(k.rt->status().unsaved == 0); // the first visit is on disk
        REQUIRE(k.rt->status().outbox_depth == 1);

        disk.force_read_only(); // as the kernel does after an I/O error
        k.visit_and_send();
        CHECK(k.rt->flow().state().screen == Screen::thank_you);
        auto status = k.rt->status();
        CHECK(status.unsaved == 1);
        CHECK(status.outbox_depth == 2);
        CHECK_FALSE(status.last_error.empty());
        CHECK(k.rt->outbox_write_attempts() == 2);
        k.spin(1000);
        CHECK(k.rt->outbox_write_attempts() == 2);
        k.now += 1000;
        k.spin(100);
        CHECK(k.rt->outbox_write_attempts() == 3);
        CHECK(k.rt->status().unsaved == 1);
        // Closing now loses the one in memory (docs/operators.md says so).
    }
    disk.remount();
    CHECK(stored(data) == 1); // the first, once; nothing half-written or doubled
}
