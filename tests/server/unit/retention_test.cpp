// Results kept as counts at ingest (migration 6, DESIGN §12) and the
// retention sweep that deletes per-item rows once they are older than the
// retention period (issue 8). Real store, real writer, on both engines
// (SQLite files; the private PostgreSQL cluster) where the test goes
// through the Store.
#include "engage/sqlite/database.hpp"
#include "engage/sqlite/statement.hpp"
#include "sample/sample_content.hpp"
#include "store/migrations.hpp"
#include "store/retention.hpp"
#include "store/retention_sweeper.hpp"
#include "store/sqlite_store.hpp"
#include "store/writer.hpp"
#include "store_engines.hpp"
#include "support/temp_dir.hpp"

#include <atomic>
#include <boost/json.hpp>
#include <catch2/catch.hpp>
#include <chrono>
#include <fstream>
#include <future>
#include <map>
#include <mutex>
#include <random>
#include <thread>

using namespace engage;
namespace retention = engage::store::retention;

namespace {

using Counts = std::map<std::string, std::int64_t>;

// Rows of `sql` (a key column, then a count) from `db_path`, read through a
// connection of its own, as an attacker or the Board's pages would.
Counts read_counts(const test::EngineStore& s, const std::string& sql) {
    return s.query_map(sql);
}

Counts read_counts(const std::filesystem::path& db_path, const std::string& sql) {
    auto db = sqlite::Database::open(db_path, sqlite::OpenMode::read_only,
                                     sqlite::Pragmas{.busy_timeout_ms = 5000});
    sqlite::Statement st(db, sql);
    Counts out;
    while (st.step()) {
        out[st.text(0)] = st.integer(1);
    }
    return out;
}

const std::string answer_counts_sql =
    "SELECT form || '/' || version || '/' || site || '/' || month || '/' || question || '=' || "
    "answer, count FROM answer_counts";
const std::string item_counts_sql =
    "SELECT form || '/' || version || '/' || site || '/' || month, count FROM item_counts";
const std::string rows_by_month_sql = "SELECT month, count(*) FROM submissions GROUP BY month";

std::string read_file(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

Submission make_item(int n, const std::string& form, const Date& date, Answers answers) {
    char id[40];
    std::snprintf(id, sizeof id, "0b8e6a2c-1234-4abc-8def-%012d", n);
    return Submission{.id = std::string(id),
                      .form = form,
                      .version = 1,
                      .date = date,
                      .language = std::string("en"),
                      .answers = std::move(answers),
                      .sealed = std::nullopt,
                      .sealed_key_id = {}};
}

// A varied, valid answer set for item `i` of `form`: every type, every
// value in turn, some questions skipped.
Answers answers_for(const FormVersion& form, int i) {
    Answers out;
    int q = 0;
    for (const auto& question : form.questions) {
        ++q;
        if ((i + q) % 5 == 0) {
            continue; // skipped
        }
        const auto& options = question.options;
        switch (question.type) {
        case QuestionType::choice:
            out[question.id] = Choice(options[static_cast<std::size_t>(i) % options.size()].id);
            break;
        case QuestionType::multi: {
            MultiChoice chosen;
            for (std::size_t k = 0; k < options.size(); ++k) {
                if ((static_cast<std::size_t>(i) + k) % 3 == 0) {
                    chosen.push_back(options[k].id);
                }
            }
            if (!chosen.empty()) {
                out[question.id] = chosen;
            }
            break;
        }
        case QuestionType::scale:
            out[question.id] = ScaleValue{1 + i % 5};
            break;
        case QuestionType::yesno:
            out[question.id] = i % 2 == 0;
            break;
        case QuestionType::text:
            out[question.id] = FreeText{"words " + std::to_string(i)};
            break;
        }
    }
    return out;
}

void insert(store::Store& s, const Submission& item, std::string_view site = "north-hub") {
    s.write([&](store::WriteTransaction& tx) { tx.insert_submission(item, site, item.date); });
}

std::int64_t sweep(store::Store& s, const Date& today, int months) {
    std::int64_t deleted = -1;
    s.write([&](store::WriteTransaction& tx) { deleted = tx.sweep_retention(today, months); });
    return deleted;
}

store::ContentSet sample_content() {
    store::ContentSet sample;
    std::string error;
    REQUIRE(sample::load_sample_content(sample, error));
    return sample;
}

const FormVersion& form_named(const store::ContentSet& c, std::string_view slug) {
    for (const auto& f : c.forms) {
        if (f.slug == slug) {
            return f;
        }
    }
    FAIL("no sample form " << slug);
    throw std::logic_error("unreachable");
}

// Waits for `done` to hold; false after a generous bound (a loaded machine),
// never a timing claim.
template <class Pred>
bool eventually(Pred done) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (!done()) {
        if (std::chrono::steady_clock::now() > deadline) {
            return false;
        }
        std::this_thread::yield();
    }
    return true;
}

} // namespace

TEST_CASE("the first month kept is today's month minus the period plus one",
          "[server-unit][retention]") {
    const auto [today, months, first_kept] = GENERATE(table<Date, int, std::string>({
        {Date{2026, 11, 30}, 24, "2024-12"},
        {Date{2026, 11, 1}, 24, "2024-12"},
        {Date{2026, 1, 15}, 1, "2026-01"},
        {Date{2026, 1, 15}, 2, "2025-12"},
        {Date{2026, 1, 15}, 13, "2025-01"},
        {Date{2026, 12, 31}, 12, "2026-01"},
        {Date{2026, 3, 1}, retention::max_months, "2016-04"},
    }));
    CAPTURE(to_string(today), months);
    CHECK(retention::first_kept_month(today, months) == first_kept);
}

TEST_CASE("ingest keeps exact counts per item and per answer, and a duplicate id counts once",
          "[server-unit][retention][counts][pg]") {
    const auto engine = GENERATE(test::Engine::sqlite, test::Engine::postgresql);
    INFO("engine: " << test::engine_name(engine));
    test::EngineStore s(engine);
    const auto first = make_item(1, "f", Date{2026, 11, 3},
                                 {{"q-choice", Choice("good")},
                                  {"q-multi", MultiChoice{"a", "c"}},
                                  {"q-scale", ScaleValue{4}},
                                  {"q-yesno", true},
                                  {"q-text", FreeText{"the soup was cold"}}});
    const auto second = make_item(
        2, "f", Date{2026, 11, 28},
        {{"q-choice", Choice("good")}, {"q-multi", MultiChoice{"c"}}, {"q-yesno", false}});
    const auto other_month = make_item(3, "f", Date{2026, 10, 31}, {{"q-scale", ScaleValue{1}}});
    insert(*s, first);
    insert(*s, second);
    insert(*s, other_month);

    const Counts expected_answers{
        {"f/1/north-hub/2026-11/q-choice=", 2},   {"f/1/north-hub/2026-11/q-choice=good", 2},
        {"f/1/north-hub/2026-11/q-multi=", 2},    {"f/1/north-hub/2026-11/q-multi=a", 1},
        {"f/1/north-hub/2026-11/q-multi=c", 2},   {"f/1/north-hub/2026-11/q-scale=", 1},
        {"f/1/north-hub/2026-11/q-scale=4", 1},   {"f/1/north-hub/2026-11/q-yesno=", 2},
        {"f/1/north-hub/2026-11/q-yesno=yes", 1}, {"f/1/north-hub/2026-11/q-yesno=no", 1},
        {"f/1/north-hub/2026-11/q-text=", 1}, // answered; the words are not counted
        {"f/1/north-hub/2026-10/q-scale=", 1},    {"f/1/north-hub/2026-10/q-scale=1", 1},
    };
    const Counts expected_items{{"f/1/north-hub/2026-11", 2}, {"f/1/north-hub/2026-10", 1}};
    const auto& db = s;
    CHECK(read_counts(db, answer_counts_sql) == expected_answers);
    CHECK(read_counts(db, item_counts_sql) == expected_items);

    SECTION("the same ids again, alone or in one transaction, change no count") {
        insert(*s, first);
        s->write([&](store::WriteTransaction& tx) {
            CHECK_FALSE(tx.insert_submission(second, "north-hub", second.date));
            CHECK_FALSE(tx.insert_submission(other_month, "north-hub", other_month.date));
        });
        CHECK(read_counts(db, answer_counts_sql) == expected_answers);
        CHECK(read_counts(db, item_counts_sql) == expected_items);
    }
    SECTION("a failed transaction counts nothing") {
        const auto third = make_item(4, "f", Date{2026, 11, 5}, {{"q-choice", Choice("bad")}});
        CHECK_THROWS(s->write([&](store::WriteTransaction& tx) {
            tx.insert_submission(third, "north-hub", third.date);
            throw std::runtime_error("fault after the insert");
        }));
        CHECK(read_counts(db, answer_counts_sql) == expected_answers);
        CHECK(read_counts(db, item_counts_sql) == expected_items);
    }
    SECTION("sealed sign-ups are not counted as answers") {
        auto signup = make_item(5, "signup", Date{2026, 11, 5}, {});
        signup.language.clear();
        signup.sealed = std::string("c2VhbGVk");
        insert(*s, signup);
        CHECK(read_counts(db, answer_counts_sql) == expected_answers);
        CHECK(read_counts(db, item_counts_sql) == expected_items);
    }
}

TEST_CASE("migration 6 back-fills exactly the counts that ingest keeps",
          "[server-unit][retention][counts][migrations]") {
    const auto content = sample_content();
    std::vector<Submission> items;
    for (const char* slug : {"day-centre-feedback", "ebe-poll-winter"}) {
        const auto& form = form_named(content, slug);
        for (int i = 0; i < 60; ++i) {
            const Date date{2026, 9 + i % 3, 1 + i % 28};
            items.push_back(
                make_item(static_cast<int>(items.size()), form.slug, date, answers_for(form, i)));
        }
    }

    // Through the store, as ingest counts them.
    test::TempDir live("engage-unit");
    {
        auto s = store::SqliteStore::open(live.path());
        s->add_content(content);
        for (std::size_t i = 0; i < items.size(); ++i) {
            insert(*s, items[i], i % 2 == 0 ? "north-hub" : "south-hub");
        }
    }
    // The same items in a version 4 database, as the store wrote them then,
    // then migrated.
    test::TempDir old("engage-unit");
    auto db = sqlite::Database::open(old.path() / "engage.db", sqlite::OpenMode::create,
                                     sqlite::server_pragmas);
    REQUIRE(store::apply_migrations(db, 4) == 4);
    {
        sqlite::Statement form_insert(
            db, "INSERT INTO forms(slug, version, kind, status, json) VALUES(?1, ?2, ?3, ?4, ?5)");
        for (const auto& f : content.forms) {
            form_insert.reset();
            form_insert.bind(1, f.slug).bind(2, std::int64_t{f.version});
            form_insert.bind(3, to_string(f.kind)).bind(4, to_string(f.status));
            form_insert.bind(5, boost::json::serialize(boost::json::value_from(f)));
            form_insert.run();
        }
        sqlite::Statement row(db, store::submission_insert_sql);
        for (std::size_t i = 0; i < items.size(); ++i) {
            const auto& item = items[i];
            row.reset();
            row.bind(1, item.id).bind(2, item.form).bind(3, item.version);
            row.bind(4, i % 2 == 0 ? "north-hub" : "south-hub");
            row.bind(5, to_string(item.date).substr(0, 7));
            row.bind(6, answers_to_json_text(item.answers)).bind(7, "2026-11");
            row.run();
        }
    }
    REQUIRE(store::apply_migrations(db) == store::schema_version);

    const auto ingested = read_counts(live.path() / "engage.db", answer_counts_sql);
    CHECK(ingested.size() > 50); // every type, several months and sites
    CHECK(read_counts(old.path() / "engage.db", answer_counts_sql) == ingested);
    CHECK(read_counts(old.path() / "engage.db", item_counts_sql) ==
          read_counts(live.path() / "engage.db", item_counts_sql));
}

TEST_CASE("the sweep deletes rows older than the retention period and nothing else",
          "[server-unit][retention][privacy][pg]") {
    const auto engine = GENERATE(test::Engine::sqlite, test::Engine::postgresql);
    INFO("engine: " << test::engine_name(engine));
    test::EngineStore s(engine);
    const Date today{2026, 11, 30};
    // With 24 months the first month kept is 2024-12.
    insert(*s, make_item(1, "f", Date{2024, 10, 9},
                         {{"q", Choice("good")}, {"t", FreeText{"OLDCANARY-1 story"}}}));
    insert(*s, make_item(2, "f", Date{2024, 11, 30}, {{"q", Choice("bad")}}));
    insert(*s, make_item(3, "f", Date{2024, 12, 1}, {{"t", FreeText{"EDGECANARY kept"}}}));
    insert(*s, make_item(4, "f", Date{2026, 11, 29}, {{"q", Choice("good")}}));
    auto signup = make_item(5, "signup", Date{2023, 1, 5}, {});
    signup.sealed = std::string("c2VhbGVk");
    insert(*s, signup);
    const auto& db = s;
    const auto answers_before = read_counts(db, answer_counts_sql);
    const auto items_before = read_counts(db, item_counts_sql);
    const auto languages_before =
        read_counts(db, "SELECT month || language, count FROM language_counts");

    CHECK(sweep(*s, today, 24) == 2);
    CHECK(read_counts(db, rows_by_month_sql) == Counts{{"2024-12", 1}, {"2026-11", 1}});
    // Counted before, so the results do not change.
    CHECK(read_counts(db, answer_counts_sql) == answers_before);
    CHECK(read_counts(db, item_counts_sql) == items_before);
    CHECK(read_counts(db, "SELECT month || language, count FROM language_counts") ==
          languages_before);
    // Sign-ups have a lifecycle of their own (the coordinators' pages).
    CHECK(s->status().sealed_signups == 1);

    SECTION("a second sweep on the same day deletes nothing") {
        CHECK(sweep(*s, today, 24) == 0);
        CHECK(read_counts(db, rows_by_month_sql) == Counts{{"2024-12", 1}, {"2026-11", 1}});
    }
    SECTION("on the first of the next month, that month's rows go too") {
        CHECK(sweep(*s, Date{2026, 12, 1}, 24) == 1);
        CHECK(read_counts(db, rows_by_month_sql) == Counts{{"2026-11", 1}});
    }
    SECTION("a period of one month keeps only the current month") {
        CHECK(sweep(*s, today, 1) == 1);
        CHECK(read_counts(db, rows_by_month_sql) == Counts{{"2026-11", 1}});
        CHECK(read_counts(db, item_counts_sql) == items_before);
    }
}

TEST_CASE("after a scheduled sweep the deleted text is in neither the database file nor its WAL",
          "[server-unit][retention][privacy][writer][pg]") {
    const auto engine = GENERATE(test::Engine::sqlite, test::Engine::postgresql);
    INFO("engine: " << test::engine_name(engine));
    test::EngineStore s(engine);
    // An idle checkpoint an hour away: only the sweep's own request can fold
    // the WAL during this test.
    store::Writer writer(*s, std::chrono::hours(1));
    const std::string old_text = "OLDCANARY-retention-7f3a";
    const std::string new_text = "NEWCANARY-retention-91c2";
    // Two pages of old text, so the zeroing is tested across pages too.
    // Hex, not one letter repeated: PostgreSQL compresses long text that
    // compresses well, which would hide the words from a byte scan.
    std::string filler;
    std::mt19937 random_bits(7);
    for (int i = 0; i < 3000; ++i) {
        filler += "0123456789abcdef"[random_bits() % 16];
    }
    const auto write = [&](const Submission& item) {
        std::promise<store::WriteResult> done;
        writer.submit(
            [&](store::WriteTransaction& tx) { tx.insert_submission(item, "s", item.date); },
            [&](store::WriteResult r) { done.set_value(r); });
        REQUIRE(done.get_future().get());
    };
    const auto old_item = [&](int n) {
        return make_item(n, "f", Date{2024, 5, 2},
                         {{"t", FreeText{old_text + filler}}, {"q", Choice("good")}});
    };
    // Old pages in both places, as on a server that has run a while: two
    // items checkpointed into the main file, a third still in the WAL.
    write(old_item(1));
    write(old_item(2));
    REQUIRE(s->checkpoint());
    write(old_item(3));
    write(make_item(9, "f", Date{2026, 11, 2}, {{"t", FreeText{new_text}}}));
    if (engine == test::Engine::sqlite) {
        REQUIRE(read_file(s.sqlite_dir() / "engage.db").find(old_text) != std::string::npos);
        REQUIRE(read_file(s.sqlite_dir() / "engage.db-wal").find(old_text) != std::string::npos);
    } else {
        REQUIRE(s.stored_bytes().find(old_text) != std::string::npos);
    }

    std::promise<store::SweepResult> swept;
    store::RetentionSweeper sweeper(
        writer, 24,
        [] {
            return Date{2026, 11, 30};
        },
        [&](const store::SweepResult& r) {
            if (r.deleted > 0) {
                swept.set_value(r);
            }
        });
    const auto result = swept.get_future().get();
    CHECK(result.result.kind == store::WriteResult::Kind::committed);
    CHECK(result.deleted == 3);
    CHECK(result.first_kept_month == "2024-12");
    // The writer folds the WAL (rewrites the tables) at once, not after an idle hour.
    REQUIRE(eventually([&] { return writer.checkpoints() >= 1; }));
    if (engine == test::Engine::sqlite) {
        CHECK(std::filesystem::file_size(s.sqlite_dir() / "engage.db-wal") == 0);
    }
    const auto bytes = s.stored_bytes();
    CHECK(bytes.find(old_text) == std::string::npos);
    CHECK(bytes.find("OLDCANARY") == std::string::npos);
    CHECK(bytes.find(new_text) != std::string::npos); // the newer answer is still there
    CHECK(read_counts(s, item_counts_sql) == Counts{{"f/1/s/2024-05", 3}, {"f/1/s/2026-11", 1}});
    sweeper.stop();
    CHECK(sweeper.sweeps() == 1); // a day has not passed
}

TEST_CASE("the sweeper sweeps at start and again after each interval until stopped",
          "[server-unit][retention][writer][pg]") {
    const auto engine = GENERATE(test::Engine::sqlite, test::Engine::postgresql);
    INFO("engine: " << test::engine_name(engine));
    test::EngineStore s(engine);
    store::Writer writer(*s);
    std::mutex mutex;
    std::vector<store::SweepResult> seen;
    std::atomic<bool> next_month{false};
    insert(*s, make_item(1, "f", Date{2024, 12, 1}, {{"q", Choice("good")}}));
    store::RetentionSweeper sweeper(
        writer, 24,
        [&] {
            return next_month ? Date{2026, 12, 1} : Date{2026, 11, 30};
        },
        [&](const store::SweepResult& r) {
            std::lock_guard lock(mutex);
            seen.push_back(r);
            next_month = true; // the sweeps after the first run on 1 December
        },
        std::chrono::milliseconds(1));
    REQUIRE(eventually([&] { return sweeper.sweeps() >= 3; }));
    sweeper.stop();
    const auto stopped_at = sweeper.sweeps();
    CHECK(sweeper.sweeps() == stopped_at); // nothing after stop()
    std::lock_guard lock(mutex);
    REQUIRE(seen.size() >= 3);
    CHECK(seen[0].first_kept_month == "2024-12");
    CHECK(seen[0].deleted == 0);
    CHECK(seen[1].first_kept_month == "2025-01");
    CHECK(seen[1].deleted == 1);
    CHECK(seen[2].deleted == 0); // idempotent
    for (const auto& r : seen) {
        CHECK(r.result.kind == store::WriteResult::Kind::committed);
    }
}

TEST_CASE("a sweeper with a day's interval stops at once", "[server-unit][retention][writer]") {
    test::TempDir dir("engage-unit");
    auto s = store::SqliteStore::open(dir.path());
    store::Writer writer(*s);
    std::promise<void> first;
    store::RetentionSweeper sweeper(
        writer, 24,
        [] {
            return Date{2026, 11, 30};
        },
        [&](const store::SweepResult&) { first.set_value(); });
    first.get_future().wait();
    sweeper.stop(); // a test that hangs here fails by ctest's timeout
    CHECK(sweeper.sweeps() == 1);
}

TEST_CASE("a sweep after the writer stopped reports a failure and deletes nothing",
          "[server-unit][retention][writer][pg]") {
    const auto engine = GENERATE(test::Engine::sqlite, test::Engine::postgresql);
    INFO("engine: " << test::engine_name(engine));
    test::EngineStore s(engine);
    insert(*s, make_item(1, "f", Date{2020, 1, 1}, {{"q", Choice("good")}}));
    store::Writer writer(*s);
    writer.stop();
    std::promise<store::SweepResult> swept;
    store::RetentionSweeper sweeper(
        writer, 24,
        [] {
            return Date{2026, 11, 30};
        },
        [&](const store::SweepResult& r) { swept.set_value(r); });
    const auto r = swept.get_future().get();
    CHECK_FALSE(r.result);
    CHECK(r.deleted == 0);
    CHECK(read_counts(s, rows_by_month_sql) == Counts{{"2020-01", 1}});
}
