// `engage-admin signups`: coordinators read sign-ups sent by a kiosk and
// delete one at the person's request, through the real program and the real
// server. After a delete the sign-up is checked to be gone from the database
// file and its WAL byte for byte, as someone holding a copy of the folder
// would look.

#include "engage/coordinator_keyring.hpp"
#include "server_fixture.hpp"

#include <catch2/catch.hpp>
#include <regex>

using namespace engage;
using namespace engage::test;

namespace {

constexpr std::string_view coordinators = "the coordinators passphrase";

std::string twice(std::string_view p) {
    return std::string(p) + "\n" + std::string(p) + "\n";
}

std::string line(std::string_view p) {
    return std::string(p) + "\n";
}

CommandResult admin(const std::vector<std::string>& args, std::string_view in = {}) {
    return run_admin(args, in, std::chrono::seconds(120)); // MODERATE argon2id on a busy machine
}

// The kiosk's sealed payload (kiosk/flow/signup_sealing.hpp) with these answers.
std::string payload(std::string_view name, std::string_view phone) {
    return R"({"sealed_payload_version": 1, "form": "peer-mentoring", "version": 1,)"
           R"( "language": "pl", "answers": {"want": "find-mentor", "name": ")" +
           std::string(name) + R"(", "contact": "phone", "contact-detail": ")" +
           std::string(phone) + R"("}})";
}

// Seals `text` to `public_key` as a kiosk does, names the key, posts it;
// returns the sealed text as stored.
std::string post_signup(std::uint16_t port, const Kiosk& kiosk, const ContentBundle& content,
                        const std::string& public_key, const std::string& text) {
    const auto sealed = seal(text, public_key);
    REQUIRE(sealed);
    auto item = sealed_item(form_of_kind(content, FormKind::signup), today(), *sealed);
    item["key_id"] = coordinator_key_id(public_key);
    const auto reply = post_batch(port, kiosk.token, boost::json::array{item});
    REQUIRE(reply.status == 200);
    REQUIRE(results_of(reply).at(0).status == "accepted");
    return *sealed;
}

// The reference `list` printed for the sign-up whose name is `name`.
std::string reference_of(const std::string& listing, std::string_view name) {
    const std::regex entry(R"(Sign-up (\S+) [^\n]*\n(?:  [^\n]*\n)*?  [^\n]*: )" +
                           std::string(name) + "\n");
    std::smatch m;
    if (!std::regex_search(listing, m, entry)) {
        return {};
    }
    return m[1];
}

} // namespace

TEST_CASE("signups list shows what a kiosk sent, delete takes one out of the file, its WAL and "
          "later lists",
          "[server][signups][privacy]") {
    TempDir data("engage-data");
    const auto dir = data.path().string();
    REQUIRE(admin({"init", "--data", dir}, twice(coordinators)).exit_code == 0);
    // --sample adds the sample forms (a sign-up form among them); the keys
    // stay the ones init locked under the coordinators' passphrase.
    ServerProcess server(data.path(), ServerOptions());
    const auto kiosk = enrol_kiosk(server.port(), data.path());
    const auto content = fetch_content(server.port(), kiosk.token);
    const auto sam = post_signup(server.port(), kiosk, content, content.coordinator_public_key,
                                 payload("Sam", "07700 900123"));
    post_signup(server.port(), kiosk, content, content.coordinator_public_key,
                payload("Alex", "07700 900456"));

    const auto listed = admin({"signups", "--data", dir, "list"}, line(coordinators));
    INFO("stdout: " << listed.out << "\nstderr: " << listed.err);
    REQUIRE(listed.exit_code == 0);
    CHECK_THAT(listed.out, Catch::Contains("A first name or nickname we can use: Sam"));
    CHECK_THAT(listed.out, Catch::Contains("What would you like?: Find a peer mentor"));
    CHECK_THAT(listed.out, Catch::Contains("07700 900123"));
    CHECK_THAT(listed.out, Catch::Contains("Alex"));
    CHECK_THAT(listed.out, Catch::Contains("language: pl"));
    CHECK_THAT(listed.out, Catch::Contains("received " + to_string(today())));
    CHECK_THAT(listed.out, Catch::Contains("2 sign-ups."));
    const auto sam_ref = reference_of(listed.out, "Sam");
    REQUIRE_FALSE(sam_ref.empty());
    CHECK(sam_ref != reference_of(listed.out, "Alex"));

    SECTION("a wrong passphrase is a clear error, exit 1, and shows nothing") {
        const auto r = admin({"signups", "--data", dir, "list"}, "not the passphrase at all\n");
        CHECK(r.exit_code == 1);
        CHECK_THAT(r.err, Catch::Contains("passphrase is wrong"));
        CHECK(r.out.find("Sam") == std::string::npos);
        const auto d =
            admin({"signups", "--data", dir, "delete", sam_ref}, "not the passphrase at all\n");
        CHECK(d.exit_code == 1);
        CHECK(admin({"signups", "--data", dir, "list"}, line(coordinators)).out.find("Sam") !=
              std::string::npos);
    }
    SECTION("delete removes exactly that sign-up, from the file and the WAL too") {
        // The server keeps running, as it would when a coordinator acts.
        const auto r = admin({"signups", "--data", dir, "delete", sam_ref}, line(coordinators));
        INFO("stdout: " << r.out << "\nstderr: " << r.err);
        REQUIRE(r.exit_code == 0);
        CHECK_THAT(r.out, Catch::Contains("Deleted sign-up " + sam_ref));
        // Neither the sealed text nor any long piece of it is left on disk.
        for (const auto* file : {"engage.db", "engage.db-wal"}) {
            INFO(file);
            const auto bytes = read_file(data.path() / file);
            CHECK(bytes.find(sam.substr(0, 40)) == std::string::npos);
            CHECK(bytes.find(sam.substr(sam.size() / 2, 40)) == std::string::npos);
        }
        const auto after = admin({"signups", "--data", dir, "list"}, line(coordinators));
        REQUIRE(after.exit_code == 0);
        CHECK(after.out.find("Sam") == std::string::npos);
        CHECK(after.out.find(sam_ref) == std::string::npos);
        CHECK_THAT(after.out, Catch::Contains("Alex"));
        CHECK_THAT(after.out, Catch::Contains("1 sign-up."));

        SECTION("the same id again is unknown") {
            const auto again =
                admin({"signups", "--data", dir, "delete", sam_ref}, line(coordinators));
            CHECK(again.exit_code == 1);
            CHECK_THAT(again.err, Catch::Contains("no sign-up has the id"));
        }
    }
    SECTION("an unknown id is a clear error and deletes nothing") {
        for (const std::string typed : {"zzzz-zzzz", "not an id"}) {
            const auto r = admin({"signups", "--data", dir, "delete", typed}, line(coordinators));
            INFO(typed << ": " << r.err);
            CHECK(r.exit_code == 1);
            CHECK_THAT(r.err, Catch::Contains("no sign-up has the id"));
        }
        CHECK_THAT(admin({"signups", "--data", dir, "list"}, line(coordinators)).out,
                   Catch::Contains("2 sign-ups."));
    }
    SECTION("without list or delete ID it says how to use it") {
        const auto r = admin({"signups", "--data", dir}, line(coordinators));
        CHECK(r.exit_code == 2);
        CHECK_THAT(r.err, Catch::Contains("delete ID"));
    }
}

TEST_CASE("deleting the last sign-up under an old key destroys the key, a late sign-up sealed to "
          "it is listed as unreadable",
          "[server][signups][coordinator-key]") {
    TempDir data("engage-data");
    const auto dir = data.path().string();
    REQUIRE(admin({"init", "--data", dir}, twice(coordinators)).exit_code == 0);
    std::optional<ServerProcess> server(std::in_place, data.path(), ServerOptions());
    const auto kiosk = enrol_kiosk(server->port(), data.path());
    const auto old_content = fetch_content(server->port(), kiosk.token);
    const auto old_key = old_content.coordinator_public_key;
    post_signup(server->port(), kiosk, old_content, old_key, payload("Sam", "07700 900123"));
    REQUIRE(server->terminate().code == 0);
    server.reset();
    REQUIRE(admin({"coordinator-key", "--data", dir, "--rotate"}, line(coordinators)).exit_code ==
            0);
    server.emplace(data.path(), ServerOptions());
    const auto content = fetch_content(server->port(), kiosk.token);
    REQUIRE(content.coordinator_public_key != old_key);
    post_signup(server->port(), kiosk, content, content.coordinator_public_key,
                payload("Alex", "07700 900456"));

    const auto listed = admin({"signups", "--data", dir, "list"}, line(coordinators));
    REQUIRE(listed.exit_code == 0);
    const auto sam_ref = reference_of(listed.out, "Sam"); // opened with the old key, still kept
    REQUIRE_FALSE(sam_ref.empty());

    const auto deleted = admin({"signups", "--data", dir, "delete", sam_ref}, line(coordinators));
    INFO("stdout: " << deleted.out << "\nstderr: " << deleted.err);
    REQUIRE(deleted.exit_code == 0);
    CHECK_THAT(deleted.out, Catch::Contains("Destroyed old coordinators' key " +
                                            old_content.coordinator_key_id));

    // A kiosk that was offline since before the rotation sends a sign-up
    // sealed to the old key: nobody can open it any more, and list says so.
    post_signup(server->port(), kiosk, old_content, old_key, payload("Late", "07700 900789"));
    const auto after = admin({"signups", "--data", dir, "list"}, line(coordinators));
    INFO("stdout: " << after.out << "\nstderr: " << after.err);
    REQUIRE(after.exit_code == 0);
    CHECK_THAT(after.out, Catch::Contains("unreadable: sealed to the coordinators' key " +
                                          old_content.coordinator_key_id));
    CHECK_THAT(after.out, Catch::Contains("Alex"));
    CHECK(after.out.find("Late") == std::string::npos);
    CHECK_THAT(after.out, Catch::Contains("2 sign-ups, 1 unreadable."));
}
