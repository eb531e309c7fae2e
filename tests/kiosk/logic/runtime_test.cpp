// The runtime without a server: it opens the data dir, works from cached
// content, carries the flow's effects out (Send → outbox) and reports status.

#include "engage/sealing.hpp"
#include "kiosk/config/data_dir.hpp"
#include "kiosk/outbox/outbox.hpp"
#include "kiosk/runtime/kiosk_runtime.hpp"
#include "logic/sample_content.hpp"
#include "support/temp_dir.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/value_from.hpp>
#include <catch2/catch.hpp>

using namespace engage;
using namespace engage::kiosk;

TEST_CASE("offline, the runtime queues a sent visit durably from cached content",
          "[runtime][outbox]") {
    engage::test::TempDir dir("engage-runtime");
    const auto key = make_sealing_keypair();
    const auto bundle = engage::test::sample_bundle(key);
    std::string error;
    REQUIRE(ensure_data_dir(dir / "data", error));
    REQUIRE(save_cached_content(dir / "data",
                                boost::json::serialize(boost::json::value_from(bundle)),
                                "\"test-1\"", error));
    Options o;
    o.data_dir = dir / "data";
    o.staff_pin_hash = hash_password("2468");
    {
        auto rt = KioskRuntime::open(o, error);
        INFO(error);
        REQUIRE(rt);
        REQUIRE(rt->flow().content());
        CHECK(rt->flow().content()->version == "test-1");
        CHECK_FALSE(rt->status().enrolled);

        auto& f = rt->flow();
        const auto t = KioskRuntime::now_ms();
        f.start(t);
        f.choose_language("en", t);
        f.open_polls_tile(t);
        f.begin_questions(t);
        f.choose("no", t);
        f.next(t);
        f.next(t);
        CHECK_FALSE(rt->apply_effects()); // nothing to do before Send
        CHECK(rt->status().outbox_depth == 0);
        f.send(t);
        CHECK(rt->apply_effects());
        CHECK(rt->status().outbox_depth == 1);

        SECTION("Sync now without a server says so plainly") {
            REQUIRE(rt->wait_for_sync(rt->sync_now(), std::chrono::seconds(30)));
            CHECK_FALSE(rt->status().last_error.empty());
        }
        SECTION("staff Exit asks the app to close") {
            f.staff_requested(t);
            f.submit_staff_pin("2468", t);
            f.staff_pin_checked(true, t); // the app's worker answers (main.cpp)
            REQUIRE(f.state().screen == Screen::staff);
            f.staff_exit_app(t);
            rt->apply_effects();
            CHECK(rt->exit_requested());
        }
        SECTION("the app receives the wipe's stop-speech, and never too many") {
            for (int i = 0; i < 100; ++i) {
                f.start_again(t);
                rt->apply_effects();
            }
            const auto ui = rt->take_ui_effects();
            CHECK_FALSE(ui.empty());
            CHECK(ui.size() <= 16);
            CHECK(rt->take_ui_effects().empty());
        }
    }
    auto outbox = Outbox::open(dir / "data" / "outbox.db", error);
    REQUIRE(outbox);
    CHECK(outbox->depth() == 1); // it outlives the program
}

TEST_CASE("the runtime refuses a data dir it cannot use", "[runtime]") {
    engage::test::TempDir dir("engage-runtime");
    std::string error;
    Options o;
    o.data_dir = dir / "data";
    std::filesystem::create_directories(o.data_dir / "outbox.db"); // a folder where the file goes
    CHECK_FALSE(KioskRuntime::open(o, error));
    CHECK(error.find("outbox") != std::string::npos);
}

TEST_CASE("a damaged content cache is ignored, not fatal", "[runtime]") {
    engage::test::TempDir dir("engage-runtime");
    std::string error;
    REQUIRE(ensure_data_dir(dir / "data", error));
    REQUIRE(write_file_atomically(dir / "data" / "content.json", "{\"forms\": [tru", 0600, error));
    Options o;
    o.data_dir = dir / "data";
    auto rt = KioskRuntime::open(o, error);
    REQUIRE(rt);
    CHECK(rt->flow().content() == nullptr); // starts; sync will fetch a good bundle
    rt->flow().start(1);
    rt->flow().open_help(2);
    CHECK(rt->flow().state().screen == Screen::help_now);
}
