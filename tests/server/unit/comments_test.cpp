// Free text as comments (migration 10, store/comments.hpp) on real files:
// a database made before this schema loses every typed phone number and
// e-mail address from its file and WAL when it is opened; ingest keeps the
// words only as a comment; moderation's edits are redacted again; a
// rejected comment leaves the file and the WAL; retention deletes comments
// with their month. Tests that go through the Store run on both engines
// (store_engines.hpp); on PostgreSQL "the file" is every file of the
// database, and the words leave it by VACUUM FULL.
#include "engage/date.hpp"
#include "engage/ids.hpp"
#include "engage/sqlite/database.hpp"
#include "engage/sqlite/statement.hpp"
#include "store/migrations.hpp"
#include "store/sqlite_store.hpp"
#include "store_engines.hpp"
#include "support/admin_cli.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>
#include <filesystem>

using namespace engage;
namespace fs = std::filesystem;

namespace {

const std::string phone = "07700 900461";
const std::string email = "jo.canary@example.org";

std::string sample_form_json() {
    return test::read_file(fs::path(ENGAGE_SOURCE_DIR) / "assets" / "sample" / "forms" /
                           "day-centre-feedback.json");
}

std::string file_bytes(const fs::path& dir) {
    std::string all;
    for (const char* name : {"engage.db", "engage.db-wal"}) {
        if (fs::exists(dir / name)) {
            all += test::read_file(dir / name);
        }
    }
    return all;
}

std::int64_t count(sqlite::Database& db, const std::string& sql) {
    sqlite::Statement st(db, sql);
    return st.step() ? st.integer(0) : -1;
}

Submission item_with_text(const std::string& text, const std::string& month_day = "2026-11-03") {
    Submission s;
    s.id = random_uuid_v4();
    s.form = "day-centre-feedback";
    s.version = 1;
    s.language = "en";
    s.date = *parse_date(month_day);
    s.answers.emplace("safe", Answer{true});
    s.answers.emplace("anything-else", Answer{FreeText{text}});
    return s;
}

} // namespace

TEST_CASE("migration 10 moves stored free text into redacted comments and no typed contact "
          "detail stays in the file or its WAL",
          "[server-unit][store][comments]") {
    test::TempDir dir("engage-unit");
    const fs::path data = dir.path() / "data";
    fs::create_directories(data);
    const std::string typed = "ring me on " + phone + " or write to " + email + " thanks";
    {
        // A schema-9 database as an older server kept it, without
        // secure_delete: a row deleted then (an old retention sweep) leaves
        // its bytes in free space, which only a VACUUM removes.
        auto db = sqlite::Database::open(data / "engage.db", sqlite::OpenMode::create,
                                         sqlite::Pragmas{.wal = true});
        db.exec("PRAGMA secure_delete = OFF"); // Debian's SQLite has it on by default
        REQUIRE(store::apply_migrations(db, 9) == 9);
        sqlite::Statement form(db, "INSERT INTO forms(slug, version, kind, status, json) "
                                   "VALUES('day-centre-feedback', 1, 'feedback', 'published', ?1)");
        form.bind(1, sample_form_json());
        form.run();
        sqlite::Statement item(db, store::submission_insert_sql);
        // Enough swept rows to free whole pages: a free page keeps its old
        // bytes, and no UPDATE of the kept row reaches it.
        std::vector<std::string> ids{"kept"};
        for (int i = 0; i < 300; ++i) {
            ids.push_back("swept-" + std::to_string(i));
        }
        for (const auto& id : ids) {
            item.reset();
            item.bind(1, id).bind(2, "day-centre-feedback").bind(3, std::int64_t{1});
            item.bind(4, "east").bind(5, "2026-11");
            item.bind(6, R"({"anything-else":")" + typed + R"(","safe":true})");
            item.bind(7, "2026-11");
            item.run();
        }
        db.exec("DELETE FROM submissions WHERE id LIKE 'swept-%'");
        db.checkpoint_truncate();
        // The precondition: the typed details are in the file as it was,
        // the swept rows' copies too.
        const std::string before = file_bytes(data);
        std::size_t copies = 0;
        for (auto at = before.find(email); at != std::string::npos;
             at = before.find(email, at + 1)) {
            ++copies;
        }
        REQUIRE(copies > 1);
    }

    auto s = store::SqliteStore::open(data);
    s.reset(); // closed: the WAL is folded in

    const std::string bytes = file_bytes(data);
    CHECK(bytes.find(phone) == std::string::npos);
    CHECK(bytes.find("900461") == std::string::npos);
    CHECK(bytes.find(email) == std::string::npos);
    CHECK(bytes.find("canary") == std::string::npos);

    auto db =
        sqlite::Database::open(data / "engage.db", sqlite::OpenMode::read_only, sqlite::no_pragmas);
    CHECK(store::read_schema_version(db) == store::schema_version);
    sqlite::Statement comment(db, "SELECT form, version, site, month, question, text, state "
                                  "FROM comments");
    REQUIRE(comment.step());
    CHECK(comment.text(0) == "day-centre-feedback");
    CHECK(comment.integer(1) == 1);
    CHECK(comment.text(2) == "east");
    CHECK(comment.text(3) == "2026-11");
    CHECK(comment.text(4) == "anything-else");
    CHECK(comment.text(5) == "ring me on [removed] or write to [removed] thanks");
    CHECK(comment.text(6) == "waiting");
    CHECK_FALSE(comment.step());
    // The item keeps its other answers, and no words.
    sqlite::Statement answers(db, "SELECT answers FROM submissions WHERE id = 'kept'");
    REQUIRE(answers.step());
    CHECK(answers.text(0) == R"({"safe":true})");
    CHECK(count(db, "SELECT count(*) FROM meta WHERE key = 'vacuum_pending'") == 0);
}

TEST_CASE("a free-text answer is stored only as a comment awaiting moderation, once",
          "[server-unit][store][comments][pg]") {
    const auto engine = GENERATE(test::Engine::sqlite, test::Engine::postgresql);
    INFO("engine: " << test::engine_name(engine));
    test::EngineStore s(engine);
    const auto item = item_with_text("the tea is cold");
    const Date received = *parse_date("2026-11-04");
    s->write(
        [&](store::WriteTransaction& tx) { CHECK(tx.insert_submission(item, "east", received)); });
    s->write([&](store::WriteTransaction& tx) {
        CHECK_FALSE(tx.insert_submission(item, "east", received)); // a duplicate
    });
    const auto waiting = s->comments().waiting("", 10);
    REQUIRE(waiting.size() == 1);
    const auto& c = waiting[0];
    CHECK(c.id != item.id);
    CHECK(c.form == "day-centre-feedback");
    CHECK(c.site == "east");
    CHECK(c.month == "2026-11");
    CHECK(c.question == "anything-else");
    CHECK(c.text == "the tea is cold");
    CHECK_FALSE(c.approved);
    CHECK(s->comments().waiting_per_form().at(0).count == 1);

    CHECK(s.query_int("SELECT count(*) FROM submissions") == 1);
    CHECK(s.query_int("SELECT count(*) FROM submissions WHERE answers LIKE '%tea%'") == 0);
    // Still counted as answered, for the Board's "people who answered".
    CHECK(s.query_int("SELECT count FROM answer_counts WHERE question = 'anything-else' "
                      "AND answer = ''") == 1);
}

TEST_CASE("moderation redacts edits and responses, and a rejected comment leaves the file",
          "[server-unit][store][comments][pg]") {
    const auto engine = GENERATE(test::Engine::sqlite, test::Engine::postgresql);
    INFO("engine: " << test::engine_name(engine));
    test::EngineStore s(engine);
    const Date received = *parse_date("2026-11-04");
    s->write([&](store::WriteTransaction& tx) {
        tx.insert_submission(item_with_text("first words canaryalpha"), "east", received);
        tx.insert_submission(item_with_text("second words canarybeta"), "west", received);
    });
    s->checkpoint();
    auto& comments = s->comments();
    auto waiting = comments.waiting("", 10);
    REQUIRE(waiting.size() == 2);
    const auto first = waiting[0].text.find("alpha") != std::string::npos ? waiting[0] : waiting[1];
    const auto second =
        waiting[0].text.find("alpha") != std::string::npos ? waiting[1] : waiting[0];

    SECTION("an edit is redacted again and its old words leave the file") {
        REQUIRE(comments.edit(first.id, "call " + phone + " now"));
        CHECK(comments.find(first.id)->text == "call [removed] now");
        const auto bytes = s.stored_bytes();
        CHECK(bytes.find("canaryalpha") == std::string::npos);
        CHECK(bytes.find("900461") == std::string::npos);
    }
    SECTION("approving lets the Board's query see it") {
        REQUIRE(comments.approve(first.id));
        const auto approved = comments.approved("day-centre-feedback");
        REQUIRE(approved.size() == 1);
        CHECK(approved[0].id == first.id);
        CHECK(comments.waiting("", 10).size() == 1);
    }
    SECTION("rejecting deletes the words from the file and the WAL at once") {
        REQUIRE(s.stored_bytes().find("canaryalpha") != std::string::npos);
        REQUIRE(comments.reject(first.id));
        CHECK_FALSE(comments.find(first.id));
        const auto bytes = s.stored_bytes();
        CHECK(bytes.find("canaryalpha") == std::string::npos);
        CHECK(bytes.find("canarybeta") != std::string::npos); // the other one stays
        CHECK_FALSE(comments.reject(first.id));
    }
    SECTION("an open concern keeps the comment until its response is recorded, redacted") {
        REQUIRE(comments.flag_concern(second.id));
        CHECK(comments.open_concern_count() == 1);
        CHECK(comments.open_concern_count(std::string_view("west")) == 1);
        CHECK(comments.open_concern_count(std::string_view("east")) == 0);
        CHECK_FALSE(comments.reject(second.id));
        CHECK(comments.find(second.id));
        REQUIRE(comments.record_response(second.id, "manager rang " + email));
        CHECK(comments.open_concern_count() == 0);
        const auto c = comments.find(second.id);
        CHECK(c->concern == store::Concern::answered);
        CHECK(c->response == "manager rang [removed]");
        CHECK_FALSE(comments.record_response(second.id, "again"));
        CHECK(comments.reject(second.id));
    }
    SECTION("the retention sweep deletes comments with the items of their month") {
        std::int64_t deleted = 0;
        s->write([&](store::WriteTransaction& tx) {
            deleted = tx.sweep_retention(*parse_date("2028-12-01"), 24);
        });
        CHECK(deleted == 2); // the items; their two comments went with them
        CHECK(comments.waiting("", 10).empty());
    }
}
