// The coordinators' key lifecycle through the operator's commands: init
// from stdin, refusals (a folder never initialised, the old plain-text
// passphrase file), passphrase change, rotation with old keys kept while
// sign-ups need them, and the attacker who kept a copy of the data folder.
// Keys are read back from engage.db with plain SQLite, as anyone holding a
// copy of the folder could.

#include "engage/coordinator_keyring.hpp"
#include "engage/ids.hpp"
#include "server_fixture.hpp"

#include <catch2/catch.hpp>
#include <fstream>
#include <sqlite3.h>

using namespace engage;
using namespace engage::test;

namespace {

// A server on a folder made by init (no --sample).
ServerOptions without_sample() {
    ServerOptions o;
    o.sample = false;
    return o;
}

constexpr std::string_view first_pass = "first coordinators passphrase";
constexpr std::string_view second_pass = "second coordinators passphrase";

std::string twice(std::string_view p) {
    return std::string(p) + "\n" + std::string(p) + "\n";
}

// One read-only connection to DIR/engage.db.
class RawDb {
public:
    explicit RawDb(const std::filesystem::path& dir) {
        const auto file = (dir / "engage.db").string();
        sqlite3* raw = nullptr;
        if (sqlite3_open_v2(file.c_str(), &raw, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
            sqlite3_close(raw);
            throw std::runtime_error("cannot open " + file);
        }
        db_.reset(raw);
    }
    // Each row's columns as text ("" for NULL).
    std::vector<std::vector<std::string>> rows(const std::string& sql) {
        sqlite3_stmt* raw = nullptr;
        if (sqlite3_prepare_v2(db_.get(), sql.c_str(), -1, &raw, nullptr) != SQLITE_OK) {
            throw std::runtime_error(sqlite3_errmsg(db_.get()));
        }
        std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)> st(raw, &sqlite3_finalize);
        std::vector<std::vector<std::string>> out;
        while (sqlite3_step(raw) == SQLITE_ROW) {
            std::vector<std::string> row;
            for (int i = 0; i < sqlite3_column_count(raw); ++i) {
                const auto* t = sqlite3_column_text(raw, i);
                row.emplace_back(t ? reinterpret_cast<const char*>(t) : "");
            }
            out.push_back(std::move(row));
        }
        return out;
    }
    void exec(const std::string& sql) {
        if (sqlite3_exec(db_.get(), sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) {
            throw std::runtime_error(sqlite3_errmsg(db_.get()));
        }
    }

private:
    std::unique_ptr<sqlite3, decltype(&sqlite3_close_v2)> db_{nullptr, &sqlite3_close_v2};
};

// The keyring exactly as stored in DIR/engage.db; nullopt when there is none.
std::optional<CoordinatorKeyring> stored_keyring(const std::filesystem::path& dir) {
    RawDb db(dir);
    const auto pass = db.rows("SELECT alg, opslimit, memlimit, salt, sample, signing_public_key, "
                              "signing_secret_locked FROM coordinator_passphrase");
    if (pass.empty()) {
        return std::nullopt;
    }
    CoordinatorKeyring ring;
    ring.kdf = KdfParams{pass[0][0], std::stoull(pass[0][1]), std::stoull(pass[0][2]), pass[0][3]};
    ring.sample = pass[0][4] == "1";
    ring.signing_public_key = pass[0][5];
    ring.signing_secret_locked = pass[0][6];
    for (const auto& r : db.rows("SELECT key_id, public_key, signature, locked_secret, current "
                                 "FROM coordinator_box_keys")) {
        ring.box_keys.push_back({r[0], r[1], r[2], r[3], r[4] == "1"});
    }
    return ring;
}

struct StoredSignup {
    std::string sealed;
    std::string key_id;
};
std::vector<StoredSignup> stored_signups(const std::filesystem::path& dir) {
    std::vector<StoredSignup> out;
    for (const auto& r :
         RawDb(dir).rows("SELECT sealed, coalesce(key_id, '') FROM sealed_signups")) {
        out.push_back({r[0], r[1]});
    }
    return out;
}

// Seals `text` to the bundle's key, names the key as a kiosk does, posts it.
void post_signup(std::uint16_t port, const Kiosk& kiosk, const ContentBundle& content,
                 std::string_view text) {
    const auto sealed = seal(text, content.coordinator_public_key);
    REQUIRE(sealed);
    auto item = sealed_item(form_of_kind(content, FormKind::signup), today(), *sealed);
    item["key_id"] = content.coordinator_key_id;
    const auto reply = post_batch(port, kiosk.token, boost::json::array{item});
    REQUIRE(reply.status == 200);
    REQUIRE(results_of(reply).at(0).status == "accepted");
}

CommandResult admin(const std::vector<std::string>& args, std::string_view in = {}) {
    return run_admin(args, in, std::chrono::seconds(120)); // MODERATE argon2id on a busy machine
}

// Copies every file of `from` into a new folder `to` (the attacker's copy).
void copy_folder(const std::filesystem::path& from, const std::filesystem::path& to) {
    std::filesystem::create_directories(to);
    for (const auto& e : std::filesystem::directory_iterator(from)) {
        std::filesystem::copy_file(e.path(), to / e.path().filename());
    }
}

} // namespace

TEST_CASE("init takes the passphrase from stdin and stores only what it locks",
          "[server][coordinator-key]") {
    TempDir data("engage-data");
    const auto dir = data.path().string();
    const auto r = admin({"init", "--data", dir}, twice(first_pass));
    INFO("stdout: " << r.out << "\nstderr: " << r.err);
    REQUIRE(r.exit_code == 0);
    CHECK_FALSE(std::filesystem::exists(data.path() / "coordinator-passphrase.txt"));
    for (const auto& e : std::filesystem::directory_iterator(data.path())) {
        INFO(e.path());
        CHECK(read_file(e.path()).find(first_pass) == std::string::npos);
    }
    const auto ring = stored_keyring(data.path());
    REQUIRE(ring);
    CHECK(keyring_consistent(*ring));
    CHECK_FALSE(ring->sample);
    CHECK(ring->kdf.alg == "argon2id13");
    CHECK(ring->kdf.opslimit == 3);         // crypto_pwhash_OPSLIMIT_MODERATE
    CHECK(ring->kdf.memlimit == 268435456); // crypto_pwhash_MEMLIMIT_MODERATE
    CHECK(unlock_keyring(*ring, first_pass).has_value());

    SECTION("serve without --sample then starts, and content carries the signed key") {
        ServerProcess server(data.path(), without_sample());
        const auto kiosk = enrol_kiosk(server.port(), data.path());
        const auto content = fetch_content(server.port(), kiosk.token);
        CHECK(kiosk.signing_key == ring->signing_public_key);
        CHECK(content.coordinator_key_id == ring->current()->key_id);
        CHECK(verify_box_key(content.coordinator_public_key, content.coordinator_key_signature,
                             kiosk.signing_key));
    }
    SECTION("a second init is refused and changes nothing") {
        const auto again = admin({"init", "--data", dir}, twice(second_pass));
        CHECK(again.exit_code != 0);
        CHECK(again.err.find("already") != std::string::npos);
        CHECK(stored_keyring(data.path()) == ring);
    }
}

TEST_CASE("init refuses a passphrase that is short or not typed the same twice",
          "[server][coordinator-key]") {
    TempDir data("engage-data");
    const auto dir = data.path().string();
    const auto differ = admin({"init", "--data", dir}, "one long passphrase\nanother long one\n");
    CHECK(differ.exit_code == 2);
    const auto short_one = admin({"init", "--data", dir}, twice("short"));
    CHECK(short_one.exit_code == 2);
    CHECK(short_one.err.find("at least") != std::string::npos);
    CHECK_FALSE(stored_keyring(data.path()).has_value());
}

TEST_CASE("serve without a terminal refuses a data folder that was never initialised",
          "[server][coordinator-key]") {
    TempDir data("engage-data");
    const auto r = admin({"serve", "--data", data.path().string(), "--listen", "127.0.0.1:0"});
    INFO("stdout: " << r.out << "\nstderr: " << r.err);
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("engage-admin init --data " + data.path().string()) != std::string::npos);
    CHECK(r.out.find("listening on") == std::string::npos);
    CHECK_FALSE(std::filesystem::exists(data.path() / "coordinator-passphrase.txt"));
}

TEST_CASE("a folder still holding the plain-text passphrase is refused until coordinator-key "
          "re-locks it",
          "[server][coordinator-key]") {
    // A data folder as older engage-admin left it: one key pair in meta, its
    // secret locked under a generated passphrase written beside the database,
    // and a sign-up sealed to it (stored before sign-ups named their key).
    TempDir data("engage-data");
    const auto dir = data.path().string();
    REQUIRE(admin({"status", "--data", dir, "--json"}).exit_code == 0); // makes engage.db
    const KeyPair old_pair = make_sealing_keypair();
    const std::string generated = random_token();
    {
        RawDb db(data.path());
        db.exec("INSERT INTO meta(key, value) VALUES ('coordinator_public_key', '" +
                old_pair.public_key_b64 + "'), ('coordinator_secret_key_locked', '" +
                lock_secret_key(old_pair.secret_key_b64, generated) + "')");
        db.exec("INSERT INTO sealed_signups(id, form, version, site, date, sealed, "
                "received_date) VALUES ('" +
                random_uuid_v4() + "', 'peer-mentoring', 1, 'test-site', '2026-11-20', '" +
                *seal("signed up last year", old_pair.public_key_b64) + "', '2026-11-20')");
    }
    const auto file = data.path() / "coordinator-passphrase.txt";
    {
        std::ofstream out(file);
        out << generated << "\n\nThis passphrase unlocks the coordinators' key.\n";
    }

    for (const auto& command :
         {std::vector<std::string>{"serve", "--data", dir, "--sample", "--listen", "127.0.0.1:0"},
          std::vector<std::string>{"init", "--data", dir}}) {
        const auto r = admin(command, twice(first_pass));
        INFO(command[0] << " stderr: " << r.err);
        CHECK(r.exit_code == 1);
        CHECK(r.err.find("plain text") != std::string::npos);
        CHECK(r.err.find("engage-admin coordinator-key --data " + dir) != std::string::npos);
        CHECK(std::filesystem::exists(file));
    }

    const auto fix = admin({"coordinator-key", "--data", dir}, twice(first_pass));
    INFO("stdout: " << fix.out << "\nstderr: " << fix.err);
    REQUIRE(fix.exit_code == 0);
    CHECK_FALSE(std::filesystem::exists(file));
    CHECK(RawDb(data.path()).rows("SELECT key FROM meta WHERE key LIKE 'coordinator%'").empty());
    const auto ring = stored_keyring(data.path());
    REQUIRE(ring);
    CHECK(keyring_consistent(*ring));
    CHECK(ring->current()->public_key == old_pair.public_key_b64); // same pair, now signed
    CHECK_FALSE(unlock_keyring(*ring, generated).has_value());
    const auto unlocked = unlock_keyring(*ring, first_pass);
    REQUIRE(unlocked);
    const auto signups = stored_signups(data.path());
    REQUIRE(signups.size() == 1);
    CHECK(signups[0].key_id == ring->current()->key_id); // named now
    CHECK(unlocked->open(signups[0].sealed, signups[0].key_id) ==
          std::optional<std::string>("signed up last year"));

    ServerProcess server(data.path(), without_sample());
    CHECK(server.running());
}

TEST_CASE("coordinator-key changes the passphrase and keeps the key pair",
          "[server][coordinator-key]") {
    TempDir data("engage-data");
    const auto dir = data.path().string();
    REQUIRE(admin({"init", "--data", dir}, twice(first_pass)).exit_code == 0);
    const auto before = stored_keyring(data.path());
    REQUIRE(before);

    SECTION("a wrong current passphrase changes nothing") {
        const auto r = admin({"coordinator-key", "--data", dir},
                             "not the passphrase at all\n" + twice(second_pass));
        CHECK(r.exit_code == 1);
        CHECK(r.err.find("wrong") != std::string::npos);
        CHECK(stored_keyring(data.path()) == before);
    }
    SECTION("the right one re-locks everything under the new passphrase") {
        const auto r = admin({"coordinator-key", "--data", dir},
                             std::string(first_pass) + "\n" + twice(second_pass));
        INFO("stdout: " << r.out << "\nstderr: " << r.err);
        REQUIRE(r.exit_code == 0);
        const auto after = stored_keyring(data.path());
        REQUIRE(after);
        CHECK(after->current()->public_key == before->current()->public_key);
        CHECK(after->signing_public_key == before->signing_public_key);
        CHECK(after->kdf.salt_b64 != before->kdf.salt_b64);
        CHECK_FALSE(unlock_keyring(*after, first_pass).has_value());
        CHECK(unlock_keyring(*after, second_pass).has_value());
    }
}

TEST_CASE("coordinator-key --rotate keeps the old key while a sign-up needs it, then destroys it",
          "[server][coordinator-key]") {
    TempDir data("engage-data");
    const auto dir = data.path().string();
    REQUIRE(admin({"init", "--data", dir}, twice(first_pass)).exit_code == 0);
    // --sample only adds the sample forms (a sign-up form among them): the
    // keys stay those init made.
    std::optional<ServerProcess> server(std::in_place, data.path(), ServerOptions());
    const auto kiosk = enrol_kiosk(server->port(), data.path());
    const auto old_content = fetch_content(server->port(), kiosk.token);
    post_signup(server->port(), kiosk, old_content, "sealed to the first key");
    REQUIRE(server->terminate().code == 0);
    server.reset();

    const auto r =
        admin({"coordinator-key", "--data", dir, "--rotate"}, std::string(first_pass) + "\n");
    INFO("stdout: " << r.out << "\nstderr: " << r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("Kept old key " + old_content.coordinator_key_id) != std::string::npos);

    server.emplace(data.path(), ServerOptions());
    const auto new_content = fetch_content(server->port(), kiosk.token);
    CHECK(new_content.version != old_content.version); // so kiosks holding the old ETag refetch
    CHECK(new_content.coordinator_key_id != old_content.coordinator_key_id);
    CHECK(verify_box_key(new_content.coordinator_public_key, new_content.coordinator_key_signature,
                         kiosk.signing_key));
    post_signup(server->port(), kiosk, new_content, "sealed to the second key");

    const auto ring = stored_keyring(data.path());
    REQUIRE(ring);
    CHECK(ring->box_keys.size() == 2);
    const auto unlocked = unlock_keyring(*ring, first_pass);
    REQUIRE(unlocked);
    std::set<std::string> opened;
    for (const auto& s : stored_signups(data.path())) {
        if (auto text = unlocked->open(s.sealed, s.key_id)) {
            opened.insert(*text);
        }
    }
    CHECK(opened == std::set<std::string>{"sealed to the first key", "sealed to the second key"});

    SECTION("once no sign-up names the old key, the next start destroys it") {
        REQUIRE(server->terminate().code == 0);
        server.reset();
        // As a coordinator deleting a handled sign-up would.
        RawDb(data.path())
            .exec("DELETE FROM sealed_signups WHERE key_id = '" + old_content.coordinator_key_id +
                  "'");
        server.emplace(data.path(), ServerOptions());
        const auto after = stored_keyring(data.path());
        REQUIRE(after);
        REQUIRE(after->box_keys.size() == 1);
        CHECK(after->box_keys[0].key_id == new_content.coordinator_key_id);
        // The destroyed secret is gone from the database file, not only unlinked.
        const auto locked_old =
            std::find_if(ring->box_keys.begin(), ring->box_keys.end(), [](const auto& k) {
                return !k.current;
            })->locked_secret;
        const auto box_part = locked_old.substr(locked_old.find('$') + 1);
        CHECK(read_file(data.path() / "engage.db").find(box_part) == std::string::npos);
    }
}

TEST_CASE("a copy of the data folder from before a passphrase change cannot open sign-ups sealed "
          "after a rotation",
          "[server][coordinator-key][privacy][attack]") {
    TempDir data("engage-data");
    TempDir stolen("engage-stolen");
    const auto dir = data.path().string();
    REQUIRE(admin({"init", "--data", dir}, twice(first_pass)).exit_code == 0);
    // The attacker keeps a copy of the folder and, later, learns the
    // passphrase of that time (a coordinator who left, a note found).
    copy_folder(data.path(), stolen.path() / "copy");

    // The organisation changes the passphrase and rotates the key.
    REQUIRE(admin({"coordinator-key", "--data", dir},
                  std::string(first_pass) + "\n" + twice(second_pass))
                .exit_code == 0);
    REQUIRE(admin({"coordinator-key", "--data", dir, "--rotate"}, std::string(second_pass) + "\n")
                .exit_code == 0);
    {
        ServerProcess server(data.path(), ServerOptions());
        const auto kiosk = enrol_kiosk(server.port(), data.path());
        const auto content = fetch_content(server.port(), kiosk.token);
        post_signup(server.port(), kiosk, content, "Sam, 07700 900123, after the rotation");
        REQUIRE(server.terminate().code == 0);
    }
    const auto signups = stored_signups(data.path()); // a fresh copy of the ciphertext, too
    REQUIRE(signups.size() == 1);

    const auto old_ring = stored_keyring(stolen.path() / "copy");
    REQUIRE(old_ring);
    const auto old_keys = unlock_keyring(*old_ring, first_pass);
    REQUIRE(old_keys); // the attacker does hold the old secrets...
    CHECK_FALSE(old_keys->open(signups[0].sealed, "").has_value()); // ...and they open nothing new
    // Nor does the old passphrase open today's keyring.
    CHECK_FALSE(unlock_keyring(*stored_keyring(data.path()), first_pass).has_value());
    // The organisation's own passphrase does.
    const auto today_keys = unlock_keyring(*stored_keyring(data.path()), second_pass);
    REQUIRE(today_keys);
    CHECK(today_keys->open(signups[0].sealed, signups[0].key_id) ==
          std::optional<std::string>("Sam, 07700 900123, after the rotation"));
}
