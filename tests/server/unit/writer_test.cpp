// The group-commit writer: batching, failure isolation, draining on stop,
// on both engines (store_engines.hpp).
#include "store/writer.hpp"
#include "store_engines.hpp"

#include <atomic>
#include <catch2/catch.hpp>
#include <future>
#include <vector>

using namespace engage;

namespace {

// Built by initialisation, not assignment: GCC 12 -O3 warns falsely
// (-Wrestrict) on assigning short literals to std::string members.
Submission item(int n) {
    char id[40];
    std::snprintf(id, sizeof id, "0b8e6a2c-1234-4abc-8def-%012d", n);
    return Submission{.id = std::string(id),
                      .form = std::string("feedback"),
                      .version = 1,
                      .date = Date{2026, 11, 23},
                      .language = std::string(),
                      .answers = {},
                      .sealed = std::nullopt,
                      .sealed_key_id = {}};
}

} // namespace

TEST_CASE("jobs queued while a commit runs share the next transaction",
          "[server-unit][writer][pg]") {
    const auto engine = GENERATE(test::Engine::sqlite, test::Engine::postgresql);
    INFO("engine: " << test::engine_name(engine));
    test::EngineStore s(engine);
    store::Writer writer(*s);

    // The first job holds the writer until every other job is queued, so the
    // rest must go in exactly one more transaction.
    std::promise<void> release;
    auto released = release.get_future().share();
    std::promise<void> first_started;
    std::vector<std::future<bool>> done;
    auto submit = [&](store::Writer::Work work) {
        auto p = std::make_shared<std::promise<bool>>();
        done.push_back(p->get_future());
        writer.submit(std::move(work), [p](bool ok) { p->set_value(ok); });
    };
    submit([&, released](store::WriteTransaction& tx) {
        first_started.set_value();
        released.wait();
        tx.insert_submission(item(0), "site", Date{2026, 11, 23});
    });
    first_started.get_future().wait();
    constexpr int jobs = 50;
    for (int i = 1; i <= jobs; ++i) {
        submit([i](store::WriteTransaction& tx) {
            tx.insert_submission(item(i), "site", Date{2026, 11, 23});
        });
    }
    release.set_value();
    for (auto& f : done) {
        CHECK(f.get());
    }
    CHECK(writer.commits() == 2);
    CHECK(s->status().submissions_total == jobs + 1);
}

TEST_CASE(
    "items of several requests in one group are stored once and the first of an id is the new one",
    "[server-unit][writer][pg]") {
    const auto engine = GENERATE(test::Engine::sqlite, test::Engine::postgresql);
    INFO("engine: " << test::engine_name(engine));
    test::EngineStore s(engine);
    const Date today{2026, 11, 23};
    s->write([&](store::WriteTransaction& tx) { tx.insert_submission(item(4), "site", today); });
    store::Writer writer(*s);

    // Held like the test above, so the four requests below share one group:
    // on PostgreSQL their items go in the same multi-row INSERTs.
    std::promise<void> release;
    auto released = release.get_future().share();
    std::promise<void> first_started;
    writer.submit(
        [&, released](store::WriteTransaction&) {
            first_started.set_value();
            released.wait();
        },
        [](bool) {});
    first_started.get_future().wait();
    Submission sealed = item(5);
    sealed.sealed = "c2VhbGVk";
    const std::vector<std::vector<Submission>> requests{
        {item(1), item(2)}, {item(2), item(3), sealed}, {item(1), item(4)}, {sealed}};
    std::vector<std::vector<const Submission*>> pointers(requests.size());
    std::vector<std::vector<char>> inserted(requests.size());
    std::vector<std::future<bool>> done;
    for (std::size_t r = 0; r < requests.size(); ++r) {
        for (const auto& x : requests[r]) {
            pointers[r].push_back(&x);
        }
        auto p = std::make_shared<std::promise<bool>>();
        done.push_back(p->get_future());
        writer.submit(
            [&, r](store::WriteTransaction& tx) {
                tx.insert_submissions(pointers[r], "site", today, inserted[r]);
            },
            [p](bool ok) { p->set_value(ok); });
    }
    release.set_value();
    for (auto& f : done) {
        REQUIRE(f.get());
    }
    CHECK(writer.commits() == 2);
    // In submission order: a later request's copy of an id is a duplicate,
    // as is item 4, stored before.
    CHECK(inserted[0] == std::vector<char>{1, 1});
    CHECK(inserted[1] == std::vector<char>{0, 1, 1});
    CHECK(inserted[2] == std::vector<char>{0, 0});
    CHECK(inserted[3] == std::vector<char>{0});
    CHECK(s.query_int("SELECT count(*) FROM submissions") == 4);
    CHECK(s.query_int("SELECT count(*) FROM sealed_signups") == 1);
    // Counted once each: items 1, 2, 3 in this group, item 4 before.
    CHECK(s.query_int("SELECT sum(count) FROM item_counts") == 4);
}

TEST_CASE("a failing job fails alone and the others in its batch still commit",
          "[server-unit][writer][pg]") {
    const auto engine = GENERATE(test::Engine::sqlite, test::Engine::postgresql);
    INFO("engine: " << test::engine_name(engine));
    test::EngineStore s(engine);
    store::Writer writer(*s);
    std::promise<void> release;
    auto released = release.get_future().share();
    std::vector<std::future<bool>> done;
    auto submit = [&](store::Writer::Work work) {
        auto p = std::make_shared<std::promise<bool>>();
        done.push_back(p->get_future());
        writer.submit(std::move(work), [p](bool ok) { p->set_value(ok); });
    };
    submit([released](store::WriteTransaction&) { released.wait(); });
    submit([](store::WriteTransaction& tx) {
        tx.insert_submission(item(1), "site", Date{2026, 11, 23});
    });
    submit([](store::WriteTransaction&) { throw std::runtime_error("bad job"); });
    submit([](store::WriteTransaction& tx) {
        tx.insert_submission(item(2), "site", Date{2026, 11, 23});
    });
    release.set_value();
    CHECK(done[0].get());
    CHECK(done[1].get());
    CHECK_FALSE(done[2].get());
    CHECK(done[3].get());
    CHECK(s->status().submissions_total == 2);
}

TEST_CASE("stop finishes queued work and later submissions fail at once",
          "[server-unit][writer][pg]") {
    const auto engine = GENERATE(test::Engine::sqlite, test::Engine::postgresql);
    INFO("engine: " << test::engine_name(engine));
    test::EngineStore s(engine);
    store::Writer writer(*s);
    std::atomic<int> committed{0};
    for (int i = 0; i < 20; ++i) {
        writer.submit(
            [i](store::WriteTransaction& tx) {
                tx.insert_submission(item(i), "site", Date{2026, 11, 23});
            },
            [&](bool ok) { committed += ok ? 1 : 0; });
    }
    writer.stop();
    CHECK(committed == 20);
    bool late = true;
    writer.submit([](store::WriteTransaction&) {}, [&](bool ok) { late = ok; });
    CHECK_FALSE(late);
}
