// DESIGN §6 rule 4 on the kiosk: a person's free text is redacted before it
// touches the kiosk's disk. Plays the attacker who copies the data folder:
// the outbox file, its WAL and its journal must not hold the contact details
// that were typed, while the redacted answer itself is there to upload.

#include "engage/sealing.hpp"
#include "kiosk/config/data_dir.hpp"
#include "kiosk/outbox/outbox.hpp"
#include "kiosk/runtime/kiosk_runtime.hpp"
#include "logic/sample_content.hpp"
#include "support/admin_cli.hpp"
#include "support/temp_dir.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/value_from.hpp>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

using namespace engage;
using namespace engage::kiosk;

namespace {

// Every byte of the outbox's files, whichever of them exist.
std::string outbox_bytes(const std::filesystem::path& data_dir) {
    std::string all;
    for (const char* name : {"outbox.db", "outbox.db-wal", "outbox.db-journal", "outbox.db-shm"}) {
        all += engage::test::read_file(data_dir / name);
    }
    return all;
}

} // namespace

TEST_CASE("free text is redacted before the outbox write: the outbox files never hold typed "
          "contact details",
          "[runtime][outbox][privacy]") {
    engage::test::TempDir dir("engage-redaction");
    const auto data = dir / "data";
    const auto key = make_sealing_keypair();
    std::string error;
    REQUIRE(ensure_data_dir(data, error));
    REQUIRE(save_cached_content(
        data, boost::json::serialize(boost::json::value_from(engage::test::sample_bundle(key))),
        "\"test-1\"", error));

    // Each is something the redactor must find; none can occur by chance.
    const std::vector<std::string> secrets = {"07700 900461",  "jo.marker@example.org",
                                              "NG7 2RD",       "https://marker.example.org/me",
                                              "QQ 12 34 56 C", "٠٧٧٠٠ ٩٠٠٤٦٢"};
    std::string typed = "Please help, ";
    for (const auto& s : secrets) {
        typed += s + " , ";
    }
    typed += "thanks";

    Options o;
    o.data_dir = data;
    {
        auto rt = KioskRuntime::open(o, error);
        INFO(error);
        REQUIRE(rt);
        auto& f = rt->flow();
        const auto t = KioskRuntime::now_ms();
        f.start(t);
        f.choose_language("en", t);
        f.open_feedback(t);
        f.begin_questions(t);
        while (f.current_question() != nullptr &&
               f.current_question()->type != QuestionType::text) {
            f.next(t);
        }
        REQUIRE(f.current_question() != nullptr);
        f.set_text(typed, t);
        // On past the "About you" questions that follow, unanswered.
        while (f.current_question() != nullptr) {
            f.next(t);
        }
        REQUIRE(f.state().screen == Screen::review);
        f.send(t);
        REQUIRE(rt->apply_effects());
        REQUIRE(rt->status().outbox_depth == 1);
    } // closed: whatever SQLite keeps on disk is on disk now

    const auto bytes = outbox_bytes(data);
    REQUIRE_FALSE(bytes.empty());
    for (const auto& s : secrets) {
        INFO("typed: " << s);
        CHECK(bytes.find(s) == std::string::npos);
    }
    CHECK(bytes.find("900461") == std::string::npos);
    CHECK(bytes.find("marker@") == std::string::npos);

    // The answer itself is kept, redacted, ready to upload.
    auto outbox = Outbox::open(data / "outbox.db", error);
    REQUIRE(outbox);
    const auto picked = outbox->pick_batch(10);
    REQUIRE(picked);
    const auto& items = *picked;
    REQUIRE(items.size() == 1);
    INFO(items[0].json_text);
    CHECK(items[0].json_text.find("Please help, [removed] , [removed] , ") != std::string::npos);
    CHECK(items[0].json_text.find("thanks") != std::string::npos);
}
