// Peer-mentor sign-ups: sealed with the coordinators' key at Send, so the
// plaintext never reaches disk (DESIGN §6 rule 5).

#include "engage/strict_json.hpp"
#include "engage/version.hpp"
#include "kiosk/flow/flow.hpp"
#include "kiosk/outbox/outbox.hpp"
#include "logic/sample_content.hpp"
#include "support/admin_cli.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>

using namespace engage;
using namespace engage::kiosk;
using engage::test::sample_bundle;
using engage::test::sample_day;
using engage::test::shared;

namespace {

// Fills the sample sign-up form and stops on the consent screen.
void fill_signup(Flow& f, std::int64_t& t) {
    f.start(++t);
    f.choose_language("pl", ++t);
    f.open_signup(++t);
    REQUIRE(f.state().screen == Screen::form_intro);
    f.begin_questions(++t);
    f.choose("find-mentor", ++t);
    f.next(++t);
    f.set_text("Zbyszek the Unforgettable", ++t);
    f.next(++t);
    f.choose("phone", ++t);
    f.next(++t);
    f.set_text("07700 900123", ++t);
    f.next(++t);
    f.toggle("evenings", ++t);
    f.next(++t);
    REQUIRE(f.state().screen == Screen::review);
    f.send(++t);
    REQUIRE(f.state().screen == Screen::signup_consent);
}

std::string file_bytes_of(const std::filesystem::path& dir) {
    std::string all;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        all += engage::test::read_file(entry.path());
    }
    return all;
}

} // namespace

TEST_CASE("a sign-up is sealed at Send and opens to exactly the answers given", "[flow][signup]") {
    const auto key = make_sealing_keypair();
    Flow f(shared(sample_bundle(key)), "", sample_day);
    std::int64_t t = 0;
    fill_signup(f, t);
    CHECK(f.take_effects().empty()); // review and Send alone do not queue a sign-up
    f.consent_and_send(++t);
    CHECK(f.state().screen == Screen::thank_you);
    CHECK(f.state().answers.empty());

    std::vector<Submission> subs;
    for (auto& e : f.take_effects()) {
        if (auto* q = std::get_if<QueueSubmission>(&e)) {
            subs.push_back(q->submission);
        }
    }
    REQUIRE(subs.size() == 1);
    const auto& s = subs.front();
    CHECK(s.form == "peer-mentoring");
    CHECK(s.date == sample_day);
    CHECK(s.language.empty()); // nothing readable beside the box
    CHECK(s.answers.empty());
    REQUIRE(s.sealed);
    CHECK(s.sealed->find("Zbyszek") == std::string::npos);

    const auto opened = open_sealed(*s.sealed, key.public_key_b64, key.secret_key_b64);
    REQUIRE(opened);
    boost::json::value jv;
    std::string error;
    REQUIRE(parse_json_strict(*opened, jv, error));
    const auto& o = jv.as_object();
    CHECK(o.at("sealed_payload_version").as_int64() == sealed_payload_version);
    CHECK(o.at("form").as_string() == "peer-mentoring");
    CHECK(o.at("version").as_int64() == 1);
    CHECK(o.at("language").as_string() == "pl");
    const auto& a = o.at("answers").as_object();
    CHECK(a.at("want").as_string() == "find-mentor");
    CHECK(a.at("name").as_string() == "Zbyszek the Unforgettable");
    CHECK(a.at("contact").as_string() == "phone");
    CHECK(a.at("contact-detail").as_string() == "07700 900123");
    CHECK(a.at("times").as_array().size() == 1);
    CHECK(a.size() == 5);
}

TEST_CASE("the sign-up's plaintext never appears in the outbox files", "[flow][signup][outbox]") {
    const auto key = make_sealing_keypair();
    Flow f(shared(sample_bundle(key)), "", sample_day);
    std::int64_t t = 0;
    fill_signup(f, t);
    f.consent_and_send(++t);
    engage::test::TempDir dir("engage-signup");
    std::string error;
    auto outbox = Outbox::open(dir / "outbox.db", error);
    REQUIRE(outbox);
    for (auto& e : f.take_effects()) {
        if (auto* q = std::get_if<QueueSubmission>(&e)) {
            REQUIRE(outbox->enqueue(q->submission, error));
        }
    }
    CHECK(outbox->depth() == 1);
    // Read the database and its WAL while the connection is open, then after close.
    for (int pass = 0; pass < 2; ++pass) {
        const auto bytes = file_bytes_of(dir.path());
        CHECK(bytes.find("Zbyszek") == std::string::npos);
        CHECK(bytes.find("07700 900123") == std::string::npos);
        CHECK(bytes.find("find-mentor") == std::string::npos);
        CHECK(bytes.find("peer-mentoring") != std::string::npos); // the item is there
        outbox.reset();
    }
}

TEST_CASE("declining consent wipes the sign-up and sends nothing", "[flow][signup]") {
    const auto key = make_sealing_keypair();
    Flow f(shared(sample_bundle(key)), "", sample_day);
    std::int64_t t = 0;
    fill_signup(f, t);
    SECTION("No thanks") {
        f.decline_consent(++t);
        CHECK(f.state().screen == Screen::home);
    }
    SECTION("Start again") {
        f.start_again(++t);
        CHECK(f.state().screen == Screen::attract);
    }
    SECTION("Back returns to review, still unsent") {
        f.back(++t);
        CHECK(f.state().screen == Screen::review);
        CHECK_FALSE(f.state().answers.empty());
    }
    for (const auto& e : f.take_effects()) {
        CHECK_FALSE(std::holds_alternative<QueueSubmission>(e));
    }
}

TEST_CASE("without a coordinator key sign-up says it is not available today", "[flow][signup]") {
    const auto key = make_sealing_keypair();
    auto bundle = sample_bundle(key);
    SECTION("no key") {
        bundle.coordinator_public_key.clear();
    }
    SECTION("no sign-up form") {
        std::erase_if(bundle.forms,
                      [](const FormVersion& form) { return form.kind == FormKind::signup; });
    }
    Flow f(shared(bundle), "", sample_day);
    f.start(1);
    f.choose_language("en", 2);
    CHECK_FALSE(f.signup_available());
    f.open_signup(3);
    CHECK(f.state().screen == Screen::signup_unavailable);
    f.open_help(4); // the screen offers help now instead
    CHECK(f.state().screen == Screen::help_now);
    f.close_help(5);
    f.back(6);
    CHECK(f.state().screen == Screen::home);
}

TEST_CASE("a broken coordinator key never keeps the plaintext", "[flow][signup]") {
    const auto key = make_sealing_keypair();
    auto bundle = sample_bundle(key);
    bundle.coordinator_public_key = "bm90IGEga2V5"; // base64 of "not a key"
    Flow f(shared(bundle), "", sample_day);
    std::int64_t t = 0;
    fill_signup(f, t);
    f.consent_and_send(++t);
    CHECK(f.state().screen == Screen::signup_unavailable);
    CHECK(f.state().answers.empty());
    for (const auto& e : f.take_effects()) {
        CHECK_FALSE(std::holds_alternative<QueueSubmission>(e));
    }
}
