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
