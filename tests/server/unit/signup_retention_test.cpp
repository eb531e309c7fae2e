// Peer-mentor sign-ups a coordinator handles (issue 10): the store's
// contacted/handled marks, the retention settings and the sweep that deletes
// handled and too-old sign-ups, on both engines (store_engines.hpp); and the per-session
// holder of the coordinators' unlocked keys (signups/unlocked_keys.hpp),
// with a test clock.
#include "accounts/account_store.hpp"
#include "engage/coordinator_keyring.hpp"
#include "signups/memory_lock.hpp"
#include "signups/signup_reference.hpp"
#include "signups/signup_retention.hpp"
#include "signups/unlocked_keys.hpp"
#include "store/retention_sweeper.hpp"
#include "store/sqlite_store.hpp"
#include "store/writer.hpp"
#include "store_engines.hpp"
#include "support/temp_dir.hpp"

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <fstream>
#include <linux/capability.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace engage;

namespace {

std::string read_bytes(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// A sign-up `n` received on `received`, its sealed text a recognisable canary.
void add_signup(store::Store& s, int n, const Date& received) {
    char id[40];
    std::snprintf(id, sizeof id, "5e1f0000-0000-4000-8000-%012d", n);
    Submission item{.id = id,
                    .form = "peer-mentoring",
                    .version = 1,
                    .date = received,
                    .language = std::string("en"),
                    .answers = {},
                    .sealed = "U0VBTEVEQ0FOQVJZ" + std::to_string(n) + "AAAAAAAAAAAAAAAAAAAA",
                    .sealed_key_id = {}};
    s.write([&](store::WriteTransaction& tx) { tx.insert_submission(item, "hub", received); });
}

std::vector<std::string> ids(store::Store& s) {
    std::vector<std::string> out;
    for (const auto& x : s.sealed_signups()) {
        out.push_back(x.id.substr(x.id.size() - 2));
    }
    return out;
}

store::SignupSweep sweep(store::Store& s, const Date& today) {
    store::SignupSweep out;
    s.write([&](store::WriteTransaction& tx) { out = tx.sweep_signups(today); });
    return out;
}

Date plus(const Date& d, long days) {
    return from_days_since_epoch(days_since_epoch(d) + days);
}

} // namespace

TEST_CASE("sign-ups are deleted 30 days after being handled and 90 days after arriving",
          "[server-unit][signups][retention][privacy][pg]") {
    const auto engine = GENERATE(test::Engine::sqlite, test::Engine::postgresql);
    INFO("engine: " << test::engine_name(engine));
    test::EngineStore s(engine);
    const Date day0{2026, 11, 2};
    add_signup(*s, 1, day0); // handled on day 0
    add_signup(*s, 2, day0); // contacted, never handled
    add_signup(*s, 3, day0); // never touched
    REQUIRE(s->mark_signup_handled(s->sealed_signups()[0].id, day0));
    REQUIRE(s->mark_signup_contacted(s->sealed_signups()[1].id, plus(day0, 1)));
    CHECK(s->signup_retention() == store::SignupRetention{30, 14, 90});

    SECTION("marks keep their first date and name unknown ids as such") {
        CHECK(s->mark_signup_handled(s->sealed_signups()[0].id, plus(day0, 5)));
        CHECK(s->sealed_signups()[0].handled_date == "2026-11-02");
        CHECK(s->sealed_signups()[1].contacted_date == "2026-11-03");
        CHECK(s->sealed_signups()[1].handled_date.empty());
        CHECK_FALSE(s->mark_signup_contacted("not-an-id", day0));
    }
    SECTION("29 days after handling nothing goes; on day 30 the handled one goes") {
        CHECK(sweep(*s, plus(day0, 29)).deleted_ids.empty());
        const auto swept = sweep(*s, plus(day0, 30));
        REQUIRE(swept.deleted_ids.size() == 1);
        CHECK(swept.deleted_ids[0].ends_with("01"));
        CHECK(ids(*s) == std::vector<std::string>{"02", "03"});
        SECTION("on day 90 every unhandled one goes too, and its bytes leave the file and WAL") {
            CHECK(sweep(*s, plus(day0, 89)).deleted_ids.empty());
            CHECK(sweep(*s, plus(day0, 90)).deleted_ids.size() == 2);
            CHECK(ids(*s).empty());
            REQUIRE(s->checkpoint());
            const auto bytes = s.stored_bytes();
            CHECK(bytes.find("U0VBTEVEQ0FOQVJZ") == std::string::npos);
            CHECK(bytes.find("5e1f0000-0000-4000-8000") == std::string::npos);
        }
    }
    SECTION("shorter settings take effect at the next sweep") {
        s->set_signup_retention({7, 3, 20});
        CHECK(s->signup_retention() == store::SignupRetention{7, 3, 20});
        CHECK(sweep(*s, plus(day0, 7)).deleted_ids.size() == 1);
        CHECK(sweep(*s, plus(day0, 20)).deleted_ids.size() == 2);
    }
    SECTION("the scheduled sweeper deletes them and reports their ids") {
        store::Writer writer(*s);
        std::vector<std::string> reported;
        std::mutex m;
        {
            store::RetentionSweeper sweeper(
                writer, 24, [&] { return plus(day0, 30); },
                [&](const store::SweepResult& r) {
                    std::lock_guard lock(m);
                    reported.insert(reported.end(), r.signups_deleted.begin(),
                                    r.signups_deleted.end());
                },
                std::chrono::hours(24));
            sweeper.stop(); // after the first sweep, which runs at start
        }
        writer.stop();
        REQUIRE(reported.size() == 1);
        CHECK(reported[0].ends_with("01"));
    }
}

TEST_CASE("a sign-up deleted on request leaves the database's files at once",
          "[server-unit][signups][privacy][pg]") {
    const auto engine = GENERATE(test::Engine::sqlite, test::Engine::postgresql);
    INFO("engine: " << test::engine_name(engine));
    test::EngineStore s(engine);
    const Date day0{2026, 11, 2};
    add_signup(*s, 1, day0);
    add_signup(*s, 2, day0);
    const auto first = s->sealed_signups()[0].id;
    // The check can see a stored sign-up (on PostgreSQL after the rewrite,
    // as a server that has gone idle leaves it).
    REQUIRE(s->checkpoint());
    REQUIRE(s.stored_bytes().find("U0VBTEVEQ0FOQVJZ1A") != std::string::npos);

    REQUIRE(s->delete_sealed_signup(first));
    CHECK_FALSE(s->delete_sealed_signup(first));
    // As signups::delete_signup does: SQLite's WAL is emptied by the
    // checkpoint; PostgreSQL's VACUUM FULL ran inside the deletion.
    REQUIRE(s->checkpoint());
    const auto bytes = s.stored_bytes();
    CHECK(bytes.find("U0VBTEVEQ0FOQVJZ1A") == std::string::npos);
    CHECK(bytes.find("U0VBTEVEQ0FOQVJZ2A") != std::string::npos); // the other one stays
    CHECK(s->status().sealed_signups == 1);
    CHECK(s->signup_month_counts().at(0).received == 2); // the count stays
}

TEST_CASE("a deleted sign-up's reference leaves the audit log, its entries stay",
          "[server-unit][signups][retention][privacy]") {
    test::TempDir dir("engage-unit");
    auto s = store::SqliteStore::open(dir.path());
    auto accounts = accounts::AccountStore::open(dir.path());
    const Date day0{2026, 11, 2};
    add_signup(*s, 1, day0);
    add_signup(*s, 2, day0);
    const auto first = s->sealed_signups()[0].id;
    const auto second = s->sealed_signups()[1].id;
    for (const auto& id : {first, second}) {
        accounts->audit(100, "cora", "signup_opened", signups::signup_reference(id));
        accounts->audit(101, "cora", "signup_handled", signups::signup_reference(id));
    }
    accounts->audit(102, "ada", "user_added", signups::signup_reference(first)); // not a sign-up's
    auto details = [&](std::string_view action) {
        std::vector<std::string> out;
        for (const auto& e : accounts->audit_entries("", action, 100)) {
            out.push_back(e.detail);
        }
        return out;
    };
    const auto ref1 = signups::signup_reference(first);
    const auto ref2 = signups::signup_reference(second);

    SECTION("deleted by a coordinator: its entries name nothing, the other's still name it") {
        REQUIRE(s->delete_sealed_signup(first));
        CHECK(details("signup_opened") == std::vector<std::string>{ref2, ""});
        CHECK(details("signup_handled") == std::vector<std::string>{ref2, ""});
        CHECK(details("user_added") == std::vector<std::string>{ref1}); // other actions untouched
    }
    SECTION("deleted by the retention sweep: the same") {
        REQUIRE(s->mark_signup_handled(first, day0));
        REQUIRE(sweep(*s, plus(day0, 30)).deleted_ids.size() == 1);
        CHECK(details("signup_opened") == std::vector<std::string>{ref2, ""});
        REQUIRE(s->checkpoint());
        const auto bytes =
            read_bytes(dir.path() / "engage.db") + read_bytes(dir.path() / "engage.db-wal");
        CHECK(bytes.find(ref2) != std::string::npos);               // the check can see a reference
        CHECK(bytes.find(ref1.substr(0, 12)) != std::string::npos); // user_added keeps its text
    }
}

TEST_CASE("the memory-lock check says whether the coordinators' keys can be locked",
          "[server-unit][signups][keys][privacy]") {
    CHECK(signups::keyring_lock_pages(1) == 4);
    SECTION("here, with the limit this process has, a keyring's pages lock") {
        const auto lock = signups::check_memory_lock(signups::keyring_lock_pages(1));
        CHECK(lock.ok);
        CHECK(lock.why.empty());
        CHECK(lock.limit_bytes > 0);
    }
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
    // The sanitizers turn mlock into a no-op that succeeds, so a refusal
    // cannot be seen in that build; the Release suite checks it.
    constexpr bool mlock_is_real = false;
#else
    constexpr bool mlock_is_real = true;
#endif
    SECTION(
        "with RLIMIT_MEMLOCK at 0 and no right to lock beyond it, it fails and says what to set") {
        if (!mlock_is_real) {
            WARN("mlock is a no-op under the sanitizers: not checked in this build");
            return;
        }
        // In a child, so this process keeps its limit and capabilities. Root
        // may lock past the limit (CAP_IPC_LOCK), so the child drops that too.
        int fd[2];
        REQUIRE(pipe(fd) == 0);
        const pid_t child = fork();
        REQUIRE(child >= 0);
        if (child == 0) {
            close(fd[0]);
            __user_cap_header_struct head{_LINUX_CAPABILITY_VERSION_3, 0};
            __user_cap_data_struct caps[2]{};
            if (syscall(SYS_capget, &head, caps) == 0) {
                caps[0].effective &= ~(1U << CAP_IPC_LOCK);
                caps[0].permitted &= ~(1U << CAP_IPC_LOCK);
                syscall(SYS_capset, &head, caps);
            }
            const rlimit none{0, 0};
            setrlimit(RLIMIT_MEMLOCK, &none);
            const auto lock = signups::check_memory_lock(1);
            const std::string said = (lock.ok ? "ok|" : "refused|") + lock.why;
            (void)!write(fd[1], said.data(), said.size());
            _exit(0);
        }
        close(fd[1]);
        std::string said;
        char chunk[512];
        for (ssize_t n; (n = read(fd[0], chunk, sizeof chunk)) > 0;) {
            said.append(chunk, static_cast<std::size_t>(n));
        }
        close(fd[0]);
        int status = 0;
        waitpid(child, &status, 0);
        CHECK(said.starts_with("refused|mlock of 4096 bytes failed"));
        CHECK(said.find("LimitMEMLOCK=8M") != std::string::npos);
        CHECK(said.find("RLIMIT_MEMLOCK is 0 bytes") != std::string::npos);
    }
}

TEST_CASE("retention settings outside their bounds are refused with a reason",
          "[server-unit][signups][retention]") {
    using signups::retention::refusal;
    CHECK(refusal({30, 14, 90}).empty());
    CHECK(refusal({1, 1, 14}).empty());
    CHECK(refusal({0, 14, 90}) == "error_retention_handled");
    CHECK(refusal({91, 14, 90}) == "error_retention_handled");
    CHECK(refusal({30, 14, 13}) == "error_retention_max");
    CHECK(refusal({30, 14, 366}) == "error_retention_max");
    CHECK(refusal({30, 0, 90}) == "error_retention_flag");
    CHECK(refusal({30, 90, 90}) == "error_retention_flag");
}

TEST_CASE("a session's unlocked keys go after 15 idle minutes, on forget, and with the session",
          "[server-unit][signups][keys]") {
    constexpr std::string_view passphrase = "a passphrase for the test";
    const auto ring = make_coordinator_keyring(passphrase, minimal_kdf_params());
    auto unlock = [&] {
        auto k = unlock_keyring(ring, passphrase);
        REQUIRE(k);
        return std::move(*k);
    };
    std::atomic<std::int64_t> clock{1'000'000};
    // A long reap interval: these sections drive expiry by hand.
    signups::UnlockedKeys keys([&] { return clock.load(); }, std::chrono::hours(1));
    keys.hold("alice", unlock(), clock);
    keys.hold("bob", unlock(), clock);
    const auto sealed = seal("hello", ring.current()->public_key);
    REQUIRE(sealed);

    SECTION("use opens sign-ups and restarts the idle time") {
        std::optional<std::string> opened;
        clock += signups::UnlockedKeys::idle_seconds - 1;
        CHECK(keys.with_keys("alice", clock, [&](UnlockedKeyring& k) {
            opened = k.open(*sealed, ring.current()->key_id);
        }));
        CHECK(opened == "hello");
        clock += signups::UnlockedKeys::idle_seconds - 1;
        CHECK(keys.holds("alice", clock));
        CHECK_FALSE(keys.holds("bob", clock)); // bob's idle time ran out
        CHECK(keys.held() == 1);
    }
    SECTION("a session that never unlocked holds nothing and its action does not run") {
        bool ran = false;
        CHECK_FALSE(keys.with_keys("carol", clock, [&](UnlockedKeyring&) { ran = true; }));
        CHECK_FALSE(ran);
    }
    SECTION("forget wipes one session's keys; forget_others all but one") {
        keys.forget("alice");
        CHECK_FALSE(keys.holds("alice", clock));
        CHECK(keys.holds("bob", clock));
        keys.hold("alice", unlock(), clock);
        keys.forget_others("alice");
        CHECK(keys.held() == 1);
        CHECK(keys.holds("alice", clock));
    }
    SECTION("expire wipes the keys of sessions that ended") {
        CHECK(keys.expire(clock, [](std::string_view s) { return s == "bob"; }) == 1);
        CHECK_FALSE(keys.holds("alice", clock));
        CHECK(keys.holds("bob", clock));
    }
    SECTION("stop wipes everything and later keys are not held") {
        keys.stop();
        CHECK(keys.held() == 0);
        keys.hold("alice", unlock(), clock);
        CHECK(keys.held() == 0);
    }
}

TEST_CASE("the reaper wipes idle keys with no request arriving", "[server-unit][signups][keys]") {
    constexpr std::string_view passphrase = "a passphrase for the test";
    const auto ring = make_coordinator_keyring(passphrase, minimal_kdf_params());
    std::atomic<std::int64_t> clock{1'000'000};
    signups::UnlockedKeys keys([&] { return clock.load(); }, std::chrono::milliseconds(10));
    auto k = unlock_keyring(ring, passphrase);
    REQUIRE(k);
    keys.hold("alice", std::move(*k), clock);
    CHECK(keys.held() == 1);
    clock += signups::UnlockedKeys::idle_seconds + 1;
    // Waits for the reaper's wipe, the observable event; the deadline only
    // keeps a broken reaper from hanging the run.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (keys.held() != 0 && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    CHECK(keys.held() == 0);
}

TEST_CASE("the reaper wipes the keys of a session that ended on another server",
          "[server-unit][signups][keys]") {
    // Several servers (issue 12): alice signed out through another server,
    // so her session row is gone while this server still holds her keys.
    constexpr std::string_view passphrase = "a passphrase for the test";
    const auto ring = make_coordinator_keyring(passphrase, minimal_kdf_params());
    std::atomic<std::int64_t> clock{1'000'000};
    std::atomic<bool> alice_signed_in{true};
    signups::UnlockedKeys keys(
        [&] { return clock.load(); }, std::chrono::milliseconds(10),
        [&](std::string_view session) { return session != "alice" || alice_signed_in.load(); });
    for (const std::string who : {"alice", "bob"}) {
        auto k = unlock_keyring(ring, passphrase);
        REQUIRE(k);
        keys.hold(who, std::move(*k), clock);
    }
    alice_signed_in = false;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (keys.holds("alice", clock) && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    CHECK_FALSE(keys.holds("alice", clock));
    CHECK(keys.holds("bob", clock)); // still signed in, not idle
}
