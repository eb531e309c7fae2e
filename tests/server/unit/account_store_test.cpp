// The account store (accounts/account_store.hpp) on both engines (issue 12):
// one list of tests, each run on SQLite (a temp dir, the Store making the
// schema) and on PostgreSQL (a fresh database on the program's private
// cluster, tests/support/pg_cluster.hpp). "Another server" is a second
// account store opened on the same database: its own connection.

#include "accounts/account_store.hpp"
#include "accounts/pg_account_store.hpp"
#include "engage/pg/connection.hpp"
#include "engage/pg/error.hpp"
#include "engage/pg/transaction.hpp"
#include "store/sqlite_store.hpp"
#include "support/pg_cluster.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>
#include <chrono>
#include <functional>
#include <future>
#include <optional>
#include <thread>

using namespace engage;
using accounts::AccountStore;

namespace {

enum class Engine { sqlite, postgresql };

const char* engine_name(Engine e) {
    return e == Engine::sqlite ? "sqlite" : "postgresql";
}

// One engine's database, empty but for the schema.
struct EngineDatabase {
    explicit EngineDatabase(Engine e) : engine(e) {
        if (e == Engine::sqlite) {
            dir.emplace("engage-accounts");
            schema_owner = store::SqliteStore::open(dir->path());
        } else {
            uri = test::PgCluster::shared().create_database("accounts");
        }
    }
    // A new account store on this database, with its own connection (what
    // each server opens).
    std::unique_ptr<AccountStore> open() const {
        return engine == Engine::sqlite ? AccountStore::open(dir->path())
                                        : AccountStore::open_postgresql(uri);
    }

    Engine engine;
    std::optional<test::TempDir> dir;                 // SQLite
    std::unique_ptr<store::SqliteStore> schema_owner; // SQLite: migrates engage.db
    std::string uri;                                  // PostgreSQL
};

accounts::User user_named(std::string name, std::string_view roles = "staff") {
    accounts::User u;
    u.name = std::move(name);
    u.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA";
    u.roles = accounts::Roles::parse(roles).value();
    u.totp_secret = "JBSWY3DPEHPK3PXP";
    u.created = 1'790'000'000;
    return u;
}

std::vector<std::int64_t> ids_of(const std::vector<accounts::AuditEntry>& entries) {
    std::vector<std::int64_t> ids;
    for (const auto& e : entries) {
        ids.push_back(e.id);
    }
    return ids;
}

// Runs `attempt` on two stores at once (two threads released together) and
// returns how many of the two succeeded.
int winners(AccountStore& a, AccountStore& b, const std::function<bool(AccountStore&)>& attempt) {
    std::promise<void> go;
    const std::shared_future<void> start = go.get_future().share();
    auto run = [&](AccountStore& s) {
        return std::async(std::launch::async, [&s, &attempt, start] {
            start.wait();
            return attempt(s);
        });
    };
    auto first = run(a);
    auto second = run(b);
    go.set_value();
    return int{first.get()} + int{second.get()};
}

} // namespace

TEST_CASE("a user is added once, found by name with every field, and listed in byte order",
          "[server-unit][accounts][pg]") {
    const Engine engine = GENERATE(Engine::sqlite, Engine::postgresql);
    INFO(engine_name(engine));
    EngineDatabase db(engine);
    auto accounts = db.open();

    auto ann = user_named("ann", "admin,staff");
    ann.demo = true;
    REQUIRE(accounts->add_user(ann, {"code-1", "code-2"}));
    auto zoe = user_named("Zoe", "board");
    zoe.totp_secret.clear();
    zoe.disabled = true;
    zoe.created = 5;
    REQUIRE(accounts->add_user(zoe, {}));

    SECTION("every field reads back as written; no second factor reads as empty") {
        const auto a = accounts->find_user("ann");
        REQUIRE(a);
        CHECK(a->name == "ann");
        CHECK(a->password_hash == ann.password_hash);
        CHECK(a->roles.to_string() == ann.roles.to_string());
        CHECK(a->totp_secret == "JBSWY3DPEHPK3PXP");
        CHECK(a->totp_last_step == 0);
        CHECK(a->demo);
        CHECK_FALSE(a->disabled);
        CHECK(a->created == 1'790'000'000);
        const auto z = accounts->find_user("Zoe");
        REQUIRE(z);
        CHECK(z->totp_secret.empty());
        CHECK(z->disabled);
        CHECK_FALSE(z->demo);
        CHECK(z->created == 5);
        CHECK_FALSE(accounts->find_user("nobody"));
        CHECK_FALSE(accounts->find_user("zoe")); // names are compared exactly
    }
    SECTION("a taken name is refused and the first user's data stays") {
        auto again = user_named("ann", "board");
        CHECK_FALSE(accounts->add_user(again, {"code-3"}));
        CHECK(accounts->find_user("ann")->roles.to_string() == ann.roles.to_string());
        CHECK_FALSE(accounts->use_recovery_code("ann", "code-3")); // not stored either
    }
    SECTION("the list is sorted by bytes, with the second factor and live sessions per user") {
        accounts->add_session("s1", "ann", 100, "csrf-1");
        accounts->add_session("s2", "ann", 100, "csrf-2");
        const auto list = accounts->list_users();
        REQUIRE(list.size() == 2);
        CHECK(list[0].name == "Zoe"); // 'Z' < 'a' in bytes, whatever the locale says
        CHECK(list[1].name == "ann");
        CHECK_FALSE(list[0].has_totp);
        CHECK(list[0].disabled);
        CHECK(list[0].sessions == 0);
        CHECK(list[0].created == 5);
        CHECK(list[0].roles.to_string() == "board");
        CHECK(list[1].has_totp);
        CHECK_FALSE(list[1].disabled);
        CHECK(list[1].sessions == 2);
    }
    SECTION("a recovery code works once, and only for its own user") {
        CHECK_FALSE(accounts->use_recovery_code("Zoe", "code-1"));
        CHECK(accounts->use_recovery_code("ann", "code-1"));
        CHECK_FALSE(accounts->use_recovery_code("ann", "code-1"));
        CHECK(accounts->use_recovery_code("ann", "code-2"));
        CHECK_FALSE(accounts->use_recovery_code("ann", "code-9"));
    }
}

TEST_CASE("a TOTP step is used once, and no earlier step after a later one",
          "[server-unit][accounts][pg]") {
    const Engine engine = GENERATE(Engine::sqlite, Engine::postgresql);
    INFO(engine_name(engine));
    EngineDatabase db(engine);
    auto accounts = db.open();
    REQUIRE(accounts->add_user(user_named("ann"), {}));

    CHECK(accounts->use_totp_step("ann", 59'000'000));
    CHECK_FALSE(accounts->use_totp_step("ann", 59'000'000));
    CHECK_FALSE(accounts->use_totp_step("ann", 58'999'999));
    CHECK(accounts->use_totp_step("ann", 59'000'001));
    CHECK(accounts->find_user("ann")->totp_last_step == 59'000'001);
    CHECK_FALSE(accounts->use_totp_step("nobody", 59'000'002));
}

TEST_CASE("sessions are found, touched, ended one by one, per user, and by expiry",
          "[server-unit][accounts][pg]") {
    const Engine engine = GENERATE(Engine::sqlite, Engine::postgresql);
    INFO(engine_name(engine));
    EngineDatabase db(engine);
    auto accounts = db.open();
    REQUIRE(accounts->add_user(user_named("ann"), {}));
    REQUIRE(accounts->add_user(user_named("bob"), {}));
    accounts->add_session("a1", "ann", 1000, "csrf-a1");
    accounts->add_session("a2", "ann", 2000, "csrf-a2");
    accounts->add_session("b1", "bob", 3000, "csrf-b1");

    SECTION("a new session starts used at its making, with its CSRF token") {
        const auto s = accounts->find_session("a2");
        REQUIRE(s);
        CHECK(s->user == "ann");
        CHECK(s->created == 2000);
        CHECK(s->last_used == 2000);
        CHECK(s->csrf == "csrf-a2");
        CHECK_FALSE(accounts->find_session("nope"));
    }
    SECTION("touching moves last use only") {
        accounts->touch_session("a1", 1500);
        const auto s = accounts->find_session("a1");
        REQUIRE(s);
        CHECK(s->created == 1000);
        CHECK(s->last_used == 1500);
    }
    SECTION("deleting ends that session only") {
        accounts->delete_session("a1");
        CHECK_FALSE(accounts->find_session("a1"));
        CHECK(accounts->find_session("a2"));
        accounts->delete_session("a1"); // already gone: nothing happens
    }
    SECTION("ending a user's sessions counts them and leaves the others") {
        CHECK(accounts->end_sessions("ann") == 2);
        CHECK(accounts->end_sessions("ann") == 0);
        CHECK_FALSE(accounts->find_session("a2"));
        CHECK(accounts->find_session("b1"));
    }
    SECTION("disabling a user ends their sessions; an unknown user is reported") {
        CHECK(accounts->disable_user("ann"));
        CHECK(accounts->find_user("ann")->disabled);
        CHECK_FALSE(accounts->find_session("a1"));
        CHECK_FALSE(accounts->find_session("a2"));
        CHECK(accounts->find_session("b1"));
        CHECK_FALSE(accounts->find_user("bob")->disabled);
        CHECK_FALSE(accounts->disable_user("nobody"));
    }
    SECTION("expiry ends sessions idle too long or made too long ago") {
        accounts->touch_session("a1", 2500); // made early, used lately
        // Idle before 2200 ends none (a1 used at 2500, a2 at 2000 < 2200 ends);
        // made before 1500 ends a1.
        accounts->delete_expired_sessions(2200, 1500);
        CHECK_FALSE(accounts->find_session("a1"));
        CHECK_FALSE(accounts->find_session("a2"));
        CHECK(accounts->find_session("b1"));
        accounts->delete_expired_sessions(3000, 0); // last use at 3000 is not before 3000
        CHECK(accounts->find_session("b1"));
    }
    SECTION("a session for a user who does not exist is refused") {
        CHECK_THROWS(accounts->add_session("x1", "nobody", 1000, "csrf"));
    }
}

TEST_CASE("sign-in failures count within a window and start again after it",
          "[server-unit][accounts][pg]") {
    const Engine engine = GENERATE(Engine::sqlite, Engine::postgresql);
    INFO(engine_name(engine));
    EngineDatabase db(engine);
    auto accounts = db.open();
    constexpr std::int64_t window = 900;

    CHECK(accounts->failures("account:ann", 0) == 0);
    accounts->add_failure("account:ann", 10'000, 10'000 - window);
    accounts->add_failure("account:ann", 10'100, 10'100 - window);
    accounts->add_failure("address:192.0.2.1", 10'100, 10'100 - window);

    SECTION("each key counts its own failures while its window lasts") {
        CHECK(accounts->failures("account:ann", 10'100 - window) == 2);
        CHECK(accounts->failures("address:192.0.2.1", 10'100 - window) == 1);
        CHECK(accounts->failures("account:bob", 10'100 - window) == 0);
    }
    SECTION("a window that started before the one asked about counts nothing") {
        CHECK(accounts->failures("account:ann", 10'001) == 0);
        CHECK(accounts->failures("account:ann", 10'000) == 2); // started exactly then: counts
    }
    SECTION("a failure after the window starts a new window of one") {
        accounts->add_failure("account:ann", 11'000, 11'000 - window); // 10'000 < 10'100
        CHECK(accounts->failures("account:ann", 11'000 - window) == 1);
        CHECK(accounts->failures("account:ann", 11'000) == 1); // the window starts at 11'000
        accounts->add_failure("account:ann", 11'001, 11'001 - window);
        CHECK(accounts->failures("account:ann", 11'001 - window) == 2);
    }
    SECTION("clearing a key forgets its failures and no other key's") {
        accounts->clear_failures("account:ann");
        CHECK(accounts->failures("account:ann", 0) == 0);
        CHECK(accounts->failures("address:192.0.2.1", 0) == 1);
        accounts->clear_failures("account:ann"); // nothing left: nothing happens
    }
    SECTION("failures counted by two servers at once are all counted") {
        auto other = db.open();
        constexpr int each = 20;
        auto count = [](AccountStore& s) {
            for (int i = 0; i < each; ++i) {
                s.add_failure("address:198.51.100.7", 10'200, 10'200 - window);
            }
        };
        auto a = std::async(std::launch::async, count, std::ref(*accounts));
        auto b = std::async(std::launch::async, count, std::ref(*other));
        a.get();
        b.get();
        CHECK(accounts->failures("address:198.51.100.7", 10'200 - window) == 2 * each);
    }
}

TEST_CASE("audit entries come newest first with growing ids and optional filters",
          "[server-unit][accounts][pg]") {
    const Engine engine = GENERATE(Engine::sqlite, Engine::postgresql);
    INFO(engine_name(engine));
    EngineDatabase db(engine);
    auto accounts = db.open();
    accounts->audit(100, "ann", "sign_in");
    accounts->audit(101, "bob", "sign_in");
    accounts->audit(102, "ann", "user_added", "cora");
    accounts->audit(103, "ann", "sign_out");

    const auto all = accounts->audit_entries("", "", 100);
    REQUIRE(all.size() == 4);
    CHECK(all[0].id > all[1].id);
    CHECK(all[1].id > all[2].id);
    CHECK(all[2].id > all[3].id);
    CHECK(all[0].action == "sign_out");
    CHECK(all[1].at == 102);
    CHECK(all[1].who == "ann");
    CHECK(all[1].detail == "cora");
    CHECK(all[3].detail.empty()); // no detail given: empty, not missing
    CHECK(accounts->audit_entries("", "", 2).size() == 2);
    CHECK(accounts->audit_entries("ann", "", 100).size() == 3);
    CHECK(accounts->audit_entries("", "sign_in", 100).size() == 2);
    const auto one = accounts->audit_entries("bob", "sign_in", 100);
    REQUIRE(one.size() == 1);
    CHECK(one[0].at == 101);
    CHECK(accounts->audit_entries("cora", "", 100).empty());
    SECTION("an entry written by another server gets a higher id than every earlier one") {
        auto other = db.open();
        other->audit(104, "bob", "sign_out");
        CHECK(accounts->audit_entries("", "", 1).at(0).id > all[0].id);
    }
}

TEST_CASE("the audit log pages by id, newest first, older and newer, with the filters",
          "[server-unit][accounts][pg]") {
    const Engine engine = GENERATE(Engine::sqlite, Engine::postgresql);
    INFO(engine_name(engine));
    EngineDatabase db(engine);
    auto accounts = db.open();
    for (int i = 0; i < 7; ++i) {
        accounts->audit(100 + i, i % 2 == 0 ? "ann" : "bob", "sign_in");
    }
    const auto ids = ids_of(accounts->audit_entries("", "", 100)); // newest first
    REQUIRE(ids.size() == 7);

    SECTION("the first page holds the newest entries and says only older ones exist") {
        const auto page = accounts->audit_page("", "", 3, std::nullopt, std::nullopt);
        CHECK(ids_of(page.entries) == std::vector<std::int64_t>(ids.begin(), ids.begin() + 3));
        CHECK(page.has_older);
        CHECK_FALSE(page.has_newer);
    }
    SECTION("older pages follow by id, and do not shift when new entries arrive") {
        accounts->audit(200, "ann", "sign_out"); // after the first page was shown
        const auto second = accounts->audit_page("", "", 3, ids[2], std::nullopt);
        CHECK(ids_of(second.entries) ==
              std::vector<std::int64_t>(ids.begin() + 3, ids.begin() + 6));
        CHECK(second.has_older);
        CHECK(second.has_newer);
        const auto last = accounts->audit_page("", "", 3, ids[5], std::nullopt);
        CHECK(ids_of(last.entries) == std::vector<std::int64_t>{ids[6]});
        CHECK_FALSE(last.has_older);
        CHECK(last.has_newer);
    }
    SECTION("a newer page holds the oldest entries above its id, still newest first") {
        const auto page = accounts->audit_page("", "", 3, std::nullopt, ids[6]);
        CHECK(ids_of(page.entries) == std::vector<std::int64_t>(ids.begin() + 3, ids.begin() + 6));
        CHECK(page.has_older);
        CHECK(page.has_newer);
        const auto top = accounts->audit_page("", "", 3, std::nullopt, ids[3]);
        CHECK(ids_of(top.entries) == std::vector<std::int64_t>(ids.begin(), ids.begin() + 3));
        CHECK_FALSE(top.has_newer);
    }
    SECTION("the filters apply to the page and to what it says lies beyond it") {
        const auto bob = accounts->audit_page("bob", "", 2, std::nullopt, std::nullopt);
        REQUIRE(bob.entries.size() == 2);
        CHECK(bob.entries[0].who == "bob");
        CHECK(bob.entries[1].who == "bob");
        CHECK(bob.has_older); // bob has three entries
        const auto rest = accounts->audit_page("bob", "", 2, bob.entries[1].id, std::nullopt);
        REQUIRE(rest.entries.size() == 1);
        CHECK_FALSE(rest.has_older);
        CHECK(accounts->audit_page("", "sign_out", 3, std::nullopt, std::nullopt).entries.empty());
    }
    SECTION("a page past the end is empty and says nothing lies beyond") {
        const auto page = accounts->audit_page("", "", 3, ids[6], std::nullopt);
        CHECK(page.entries.empty());
        CHECK_FALSE(page.has_older);
        CHECK_FALSE(page.has_newer);
    }
}

TEST_CASE("an invitation is found until it is used or expires, and is used once",
          "[server-unit][accounts][pg]") {
    const Engine engine = GENERATE(Engine::sqlite, Engine::postgresql);
    INFO(engine_name(engine));
    EngineDatabase db(engine);
    auto accounts = db.open();
    accounts->add_invitation("token-1", accounts::Roles::parse("staff,coordinator").value(), "ann",
                             5000);

    const auto roles = accounts->find_invitation("token-1", 4999);
    REQUIRE(roles);
    CHECK(roles->to_string() == accounts::Roles::parse("staff,coordinator")->to_string());
    CHECK_FALSE(accounts->find_invitation("token-2", 4999));
    SECTION("expired at its time: neither found nor usable") {
        CHECK_FALSE(accounts->find_invitation("token-1", 5000));
        CHECK_FALSE(accounts->use_invitation("token-1", 5000));
    }
    SECTION("used once, then gone") {
        CHECK(accounts->use_invitation("token-1", 4000));
        CHECK_FALSE(accounts->use_invitation("token-1", 4000));
        CHECK_FALSE(accounts->find_invitation("token-1", 4000));
    }
}

TEST_CASE("the sample-database mark is off until set, and setting it twice is harmless",
          "[server-unit][accounts][pg]") {
    const Engine engine = GENERATE(Engine::sqlite, Engine::postgresql);
    INFO(engine_name(engine));
    EngineDatabase db(engine);
    auto accounts = db.open();
    CHECK_FALSE(accounts->is_sample_database());
    accounts->mark_sample_database();
    accounts->mark_sample_database();
    CHECK(accounts->is_sample_database());
    CHECK(db.open()->is_sample_database()); // in the database, not in this object
}

TEST_CASE("two servers racing with the same TOTP step, recovery code or invitation: one wins",
          "[server-unit][accounts][pg]") {
    const Engine engine = GENERATE(Engine::sqlite, Engine::postgresql);
    INFO(engine_name(engine));
    EngineDatabase db(engine);
    auto one = db.open();
    auto two = db.open();
    // Enough rounds that the two calls overlap in some of them; every round
    // must have exactly one winner.
    constexpr int rounds = 25;
    std::vector<std::string> codes;
    for (int i = 0; i < rounds; ++i) {
        codes.push_back("code-" + std::to_string(i));
        one->add_invitation("token-" + std::to_string(i), accounts::Roles::parse("staff").value(),
                            "ann", 5000);
    }
    REQUIRE(one->add_user(user_named("ann"), codes));

    for (int i = 0; i < rounds; ++i) {
        INFO("round " << i);
        const std::int64_t step = 59'000'000 + i;
        CHECK(winners(*one, *two, [&](AccountStore& s) { return s.use_totp_step("ann", step); }) ==
              1);
        CHECK(winners(*one, *two, [&](AccountStore& s) {
                  return s.use_recovery_code("ann", codes[static_cast<std::size_t>(i)]);
              }) == 1);
        const std::string token = "token-" + std::to_string(i);
        CHECK(winners(*one, *two, [&](AccountStore& s) { return s.use_invitation(token, 4000); }) ==
              1);
    }
}

TEST_CASE("on PostgreSQL, two servers queued on the same row: the second matches nothing",
          "[server-unit][accounts][pg]") {
    // The race above may or may not overlap; this one always does. A third
    // connection locks the row, both servers' statements queue behind it
    // (seen in pg_stat_activity), then the lock goes and both run.
    EngineDatabase db(Engine::postgresql);
    auto one = db.open();
    auto two = db.open();
    REQUIRE(one->add_user(user_named("ann"), {"code-1"}));
    one->add_invitation("token-1", accounts::Roles::parse("staff").value(), "ann", 5000);

    using Attempt = std::function<bool(AccountStore&)>;
    const auto c = GENERATE(as<std::string>{}, "totp", "recovery code", "invitation");
    INFO(c);
    const std::string lock_sql =
        c == "totp" ? "SELECT 1 FROM users WHERE name = 'ann' FOR UPDATE"
        : c == "recovery code"
            ? R"(SELECT 1 FROM recovery_codes WHERE "user" = 'ann' FOR UPDATE)"
            : "SELECT 1 FROM invitations WHERE token_hash = 'token-1' FOR UPDATE";
    const Attempt attempt = [&c](AccountStore& s) {
        if (c == "totp") {
            return s.use_totp_step("ann", 59'000'000);
        }
        if (c == "recovery code") {
            return s.use_recovery_code("ann", "code-1");
        }
        return s.use_invitation("token-1", 4000);
    };

    auto blocker = pg::Connection::open(db.uri);
    auto watcher = pg::Connection::open(db.uri);
    // Declared before the lock, so a failed REQUIRE below ends the lock
    // (rollback) before waiting for the two statements it holds up.
    std::future<bool> first;
    std::future<bool> second;
    pg::Transaction lock(blocker);
    REQUIRE(blocker.query(lock_sql).rows() == 1);
    first = std::async(std::launch::async, [&] { return attempt(*one); });
    second = std::async(std::launch::async, [&] { return attempt(*two); });
    // Both statements waiting on the row lock; polled, with a deadline.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    std::int64_t waiting = 0;
    while (waiting < 2 && std::chrono::steady_clock::now() < deadline) {
        waiting = watcher
                      .query("SELECT count(*) FROM pg_stat_activity "
                             "WHERE datname = current_database() AND wait_event_type = 'Lock'")
                      .integer(0, 0);
        if (waiting < 2) {
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
    }
    REQUIRE(waiting == 2);
    lock.commit();
    CHECK(int{first.get()} + int{second.get()} == 1);
}

TEST_CASE("on PostgreSQL, a row held elsewhere fails the statement after the lock wait, "
          "and the store carries on",
          "[server-unit][accounts][pg]") {
    EngineDatabase db(Engine::postgresql);
    REQUIRE(db.open()->add_user(user_named("ann"), {})); // makes the schema too
    accounts::PgAccountStore accounts(pg::Connection::open(db.uri), std::chrono::milliseconds(100));
    auto blocker = pg::Connection::open(db.uri);
    std::future<std::string> waited; // the error's SQLSTATE, or "none"
    bool finished = false;
    {
        pg::Transaction held(blocker);
        blocker.query("SELECT 1 FROM users WHERE name = 'ann' FOR UPDATE");
        waited = std::async(std::launch::async, [&accounts] {
            try {
                accounts.use_totp_step("ann", 59'000'000);
                return std::string("none");
            } catch (const pg::Error& e) {
                return e.sqlstate();
            }
        });
        // Bounded only so that a store without a lock wait fails here
        // rather than hanging; ending `held` then lets it through.
        finished = waited.wait_for(std::chrono::seconds(30)) == std::future_status::ready;
        if (finished) {
            // In a transaction: it is rolled back, and the connection is fine.
            CHECK_THROWS_AS(accounts.disable_user("ann"), pg::Error);
        }
    }
    CHECK(finished);
    CHECK(waited.get() == "55P03"); // lock_not_available
    CHECK(accounts.use_totp_step("ann", 59'000'000));
    CHECK(accounts.disable_user("ann"));
}

TEST_CASE("a fresh PostgreSQL database gets its schema from the account store",
          "[server-unit][accounts][pg]") {
    const auto uri = test::PgCluster::shared().create_database("accounts_fresh");
    auto accounts = AccountStore::open_postgresql(uri);
    CHECK(accounts->add_user(user_named("ann"), {})); // e.g. `add-user` before the first `serve`
    CHECK(AccountStore::open_postgresql(uri)->find_user("ann"));
}

TEST_CASE("the SQLite account store refuses a folder without the accounts tables",
          "[server-unit][accounts]") {
    test::TempDir dir("engage-accounts");
    CHECK_THROWS(AccountStore::open(dir.path()));
}

TEST_CASE("the PostgreSQL account store carries on after the database restarts",
          "[server-unit][accounts][pg]") {
    // A cluster of its own: stopping the program's shared one would end
    // other tests' connections.
    test::PgCluster cluster;
    const auto uri = cluster.create_database("accounts_restart");
    auto accounts = AccountStore::open_postgresql(uri);
    REQUIRE(accounts->add_user(user_named("ann"), {}));
    accounts->add_session("s1", "ann", 100, "csrf");
    cluster.stop_immediately();
    cluster.start();
    // The dropped connection is seen before the next statement is sent,
    // so no request fails once the database is back.
    const auto s = accounts->find_session("s1");
    REQUIRE(s);
    CHECK(s->user == "ann");
}
