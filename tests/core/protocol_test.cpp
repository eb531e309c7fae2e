// Wire protocol v1 messages (engage/protocol.hpp): each round-trips through
// its conversion and its strict reader, the readers refuse what is not the
// message and name the field, and what the kiosk encodes is what the server
// decodes, field by field.

#include "engage/protocol.hpp"
#include "engage/sealing.hpp"
#include "engage/strict_json.hpp"
#include "sample_forms.hpp"

#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

using namespace engage;
using namespace engage::protocol;

namespace {

// Encodes `m` to text and reads it back with the strict reader.
template <class Message>
Message round_trip(const Message& m) {
    const std::string text = to_json_text(m);
    INFO(text);
    Message back;
    std::string error;
    const bool ok = read_text(text, back, error);
    INFO(error);
    REQUIRE(ok);
    return back;
}

// The reader's error for `text`, which must be refused.
template <class Message>
std::string refusal(const std::string& text) {
    Message m;
    std::string error;
    INFO(text);
    REQUIRE_FALSE(read_text(text, m, error));
    return error;
}

} // namespace

TEST_CASE("every message round-trips through its conversion and strict reader",
          "[protocol][json]") {
    SECTION("enrolment request and reply") {
        CHECK(round_trip(EnrolRequest{"ABCD-EFGH-JK"}) == EnrolRequest{"ABCD-EFGH-JK"});
        EnrolResponse reply{"k-1a2b3c4d", "north-hub", "t0k3n_with-url-safe_chars", ""};
        CHECK(round_trip(reply) == reply);
        // Without a signing key the reply is exactly what a 0.1.0 server sent.
        CHECK(to_json_text(reply) ==
              R"({"kiosk":"k-1a2b3c4d","site":"north-hub","token":"t0k3n_with-url-safe_chars"})");
        reply.coordinator_signing_key = make_signing_keypair().public_key_b64;
        CHECK(round_trip(reply) == reply);
        CHECK_THAT(to_json_text(reply), Catch::Contains(R"("coordinator_signing_key":")" +
                                                        reply.coordinator_signing_key + "\""));
    }
    SECTION("per-item results, one of each status") {
        BatchResults results;
        results.results.push_back({"a", ItemStatus::accepted, "", ""});
        results.results.push_back({"b", ItemStatus::duplicate, "", ""});
        results.results.push_back(
            {"c", ItemStatus::rejected, "future_date", "\"date\" is in the future"});
        CHECK(round_trip(results) == results);
        // Accepted and duplicate items carry no code or reason on the wire.
        CHECK(to_json_text(results.results[0]) == R"({"id":"a","status":"accepted"})");
        CHECK(round_trip(BatchResults{}) == BatchResults{});
    }
    SECTION("heartbeat, with and without an oldest item") {
        HeartbeatRequest beat;
        beat.app_version = "0.2.0";
        beat.outbox = OutboxBand::few;
        beat.oldest_item_days = 3;
        beat.content_version = "6c5cd322-2";
        beat.last_sync_error = "upload: HTTP 503 (too_many_connections)";
        CHECK(round_trip(beat) == beat);
        CHECK(to_json_text(beat) ==
              R"j({"app_version":"0.2.0","outbox":"1-4","oldest_item_days":3,)j"
              R"j("content_version":"6c5cd322-2",)j"
              R"j("last_sync_error":"upload: HTTP 503 (too_many_connections)"})j");
        beat.outbox = OutboxBand::empty;
        beat.oldest_item_days.reset();
        CHECK(round_trip(beat) == beat);
        CHECK(round_trip(HeartbeatResponse{}) == HeartbeatResponse{});
    }
    SECTION("error body") {
        const ApiError e{413, "too_many_items", "the batch has too many items: max_batch_items"};
        CHECK(to_json_text(e) ==
              R"({"error":{"code":"too_many_items","message":"the batch has too many items: )"
              R"(max_batch_items"}})");
        ApiError back;
        std::string error;
        REQUIRE(read_text(to_json_text(e), back, error));
        CHECK(back.code == e.code);
        CHECK(back.message == e.message);
    }
    SECTION("a submission batch is {\"submissions\": [...]} of to_json items, in order") {
        Submission a;
        a.id = "0b8e6a2c-1f3d-4a5b-8c7d-9e0f1a2b3c4d";
        a.form = "day-centre-feedback";
        a.version = 3;
        a.date = Date{2026, 11, 23};
        Submission b = a;
        b.id = "11111111-2222-4333-9444-555555555555";
        const auto text = to_json_text(SubmissionBatch::of({a, b}));
        boost::json::value jv;
        std::string error;
        REQUIRE(parse_json_strict(text, jv, error));
        const auto& items = jv.at("submissions").as_array();
        REQUIRE(items.size() == 2);
        CHECK(items[0] == to_json(a));
        CHECK(items[1] == to_json(b));
        CHECK(to_json_text(SubmissionBatch{}) == R"({"submissions":[]})");
    }
}

TEST_CASE("strict readers refuse wrong types and missing fields, naming the field",
          "[protocol][json]") {
    SECTION("enrolment request") {
        const auto [text, field] = GENERATE(table<std::string, std::string>({
            {R"({"kode": "ABCDEFGHJK"})", "\"code\""},
            {R"({"code": 12345})", "\"code\""},
            {R"({"code": null})", "\"code\""},
            {R"(["ABCDEFGHJK"])", "enrolment request"},
        }));
        CHECK_THAT(refusal<EnrolRequest>(text), Catch::Contains(field));
    }
    SECTION("enrolment reply") {
        const auto [text, field] = GENERATE(table<std::string, std::string>({
            {R"({"kiosk": "k-1", "site": "s"})", "\"token\" is missing"},
            {R"({"kiosk": "k-1", "site": "s", "token": ""})", "\"token\" is empty"},
            {R"({"kiosk": 1, "site": "s", "token": "t"})", "\"kiosk\" must be a string"},
            {R"({"kiosk": "k-1", "site": ["s"], "token": "t"})", "\"site\" must be a string"},
            {R"("k-1")", "enrolment reply"},
            {R"({"kiosk": "k-1", "site": "s", "token": "t", "coordinator_signing_key": 7})",
             "\"coordinator_signing_key\" must be a string"},
            {R"({"kiosk": "k-1", "site": "s", "token": "t", "coordinator_signing_key": "abc"})",
             "\"coordinator_signing_key\" must be base64 of a 32-byte key"},
            // A box key's 32 bytes in the wrong encoding, or 31 bytes: not a key to pin.
            {R"({"kiosk": "k-1", "site": "s", "token": "t", "coordinator_signing_key": )"
             R"("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=="})",
             "\"coordinator_signing_key\" must be base64"},
        }));
        CHECK_THAT(refusal<EnrolResponse>(text), Catch::Contains(field));
    }
    SECTION("submissions reply") {
        const auto [text, field] = GENERATE(table<std::string, std::string>({
            {R"({})", "\"results\" is missing"},
            {R"({"results": {}})", "\"results\" must be an array"},
            {R"({"results": [7]})", "\"results\"[0]"},
            {R"({"results": [{"status": "accepted"}]})", "\"id\" is missing"},
            {R"({"results": [{"id": "a", "status": "stored"}]})", "\"status\""},
            {R"({"results": [{"id": "a", "status": true}]})", "\"status\" must be a string"},
            {R"({"results": [{"id": "a", "status": "rejected", "reason": "r"}]})",
             "\"code\" is missing"},
            {R"({"results": [{"id": "a", "status": "rejected", "code": "c"}]})",
             "\"reason\" is missing"},
            {R"({"results": [{"id": "a", "status": "accepted"}, {"id": 2, "status": "accepted"}]})",
             "\"results\"[1]: \"id\""},
        }));
        CHECK_THAT(refusal<BatchResults>(text), Catch::Contains(field));
    }
    SECTION("heartbeat") {
        const auto [text, field] = GENERATE(table<std::string, std::string>({
            {R"({"app_version": 3})", "\"app_version\" must be a string"},
            {R"({"outbox": "7"})", "\"outbox\" must be one of"},
            {R"({"outbox": 3})", "\"outbox\" must be one of"},
            {R"({"outbox_depth": "many"})", "\"outbox_depth\" must be a whole number"},
            {R"({"outbox_depth": -1})", "\"outbox_depth\" must be a whole number"},
            {R"({"outbox_depth": 1.5})", "\"outbox_depth\" must be a whole number"},
            {R"({"outbox": "1-4", "oldest_item_days": -2})", "\"oldest_item_days\""},
            {R"({"content_version": false})", "\"content_version\""},
            {R"({"last_sync_error": ")" + std::string(max_sync_error_chars + 1, 'x') + "\"}",
             "\"last_sync_error\" is longer than 500"},
            {R"([])", "heartbeat"},
        }));
        CHECK_THAT(refusal<HeartbeatRequest>(text), Catch::Contains(field));
    }
    SECTION("error body") {
        const auto [text, field] = GENERATE(table<std::string, std::string>({
            {R"({"code": "x", "message": "y"})", "\"error\" is missing"},
            {R"({"error": "x"})", "\"error\" must be a JSON object"},
            {R"({"error": {"message": "y"}})", "\"code\" is missing"},
            {R"({"error": {"code": "x", "message": 5}})", "\"message\" must be a string"},
        }));
        CHECK_THAT(refusal<ApiError>(text), Catch::Contains(field));
    }
    SECTION("text that is not JSON says so") {
        CHECK_THAT(refusal<EnrolResponse>(R"({"kiosk": )"), Catch::StartsWith("malformed JSON"));
        CHECK_THAT(refusal<BatchResults>(R"({"results": [],})"),
                   Catch::StartsWith("malformed JSON"));
    }
}

TEST_CASE("fields a reader does not know are ignored, for newer peers", "[protocol][json]") {
    EnrolResponse reply;
    std::string error;
    REQUIRE(read_text(R"({"kiosk": "k-1", "site": "s", "token": "t", "signing_key": "abc"})", reply,
                      error));
    CHECK(reply == EnrolResponse{"k-1", "s", "t", ""});
}

TEST_CASE("an old kiosk's exact outbox_depth is read as its band only", "[protocol][heartbeat]") {
    const auto [body, band] = GENERATE(table<std::string, std::string>({
        {R"({"outbox_depth": 0})", "0"},
        {R"({"outbox_depth": 1})", "1-4"},
        {R"({"outbox_depth": 4})", "1-4"},
        {R"({"outbox_depth": 5})", "5+"},
        {R"({"outbox_depth": 123456})", "5+"},
        {R"({"outbox_depth": 18446744073709551615})", "5+"},
        {R"({"outbox_depth": null})", "0"},
        {R"({})", "0"},
        // A kiosk that sends both is a new one: its band wins.
        {R"({"outbox_depth": 12, "outbox": "1-4"})", "1-4"},
    }));
    CAPTURE(body);
    HeartbeatRequest beat;
    std::string error;
    REQUIRE(read_text(body, beat, error));
    CHECK(to_string(beat.outbox) == band);
    // Nothing of the exact number survives in what is stored.
    CHECK(to_json_text(beat).find("outbox_depth") == std::string::npos);
}

TEST_CASE("a kiosk's heartbeat carries the band and the oldest item's age in whole days",
          "[protocol][heartbeat]") {
    const Date today{2026, 11, 30};
    SECTION("bands at their edges") {
        CHECK(outbox_band(0) == OutboxBand::empty);
        CHECK(outbox_band(1) == OutboxBand::few);
        CHECK(outbox_band(outbox_band_many_from - 1) == OutboxBand::few);
        CHECK(outbox_band(outbox_band_many_from) == OutboxBand::many);
        for (const auto b : {OutboxBand::empty, OutboxBand::few, OutboxBand::many}) {
            CHECK(parse_outbox_band(to_string(b)) == b);
        }
        CHECK_FALSE(parse_outbox_band("5").has_value());
    }
    SECTION("age in days from the oldest item's date") {
        const auto beat = make_heartbeat("0.2.0", 7, Date{2026, 11, 2}, today, "v", "");
        CHECK(beat.outbox == OutboxBand::many);
        CHECK(beat.oldest_item_days == std::optional<std::int64_t>(28));
        CHECK(make_heartbeat("0.2.0", 1, today, today, "v", "").oldest_item_days ==
              std::optional<std::int64_t>(0));
    }
    SECTION("an item dated after today (a clock set back) is 0 days old, never negative") {
        CHECK(make_heartbeat("0.2.0", 1, Date{2026, 12, 1}, today, "v", "").oldest_item_days ==
              std::optional<std::int64_t>(0));
    }
    SECTION("an empty outbox has no oldest item") {
        CHECK_FALSE(make_heartbeat("0.2.0", 0, Date{2026, 11, 2}, today, "v", "")
                        .oldest_item_days.has_value());
    }
    SECTION("a long error is cut to the limit at a character boundary, so the server takes it") {
        // 'é' is two bytes: 251 of them are 502 bytes, and the cut must not split one.
        std::string long_error;
        for (int i = 0; i < 251; ++i) {
            long_error += "\xc3\xa9";
        }
        const auto beat = make_heartbeat("0.2.0", 0, std::nullopt, today, "v", long_error);
        CHECK(beat.last_sync_error.size() == max_sync_error_chars);
        HeartbeatRequest back;
        std::string error;
        INFO(error);
        CHECK(read_text(to_json_text(beat), back, error)); // valid UTF-8, within the limit
    }
}

TEST_CASE("what the kiosk encodes the server decodes, field by field", "[protocol][submission]") {
    // The server's side: the published forms and its validation context.
    const std::vector<FormVersion> forms{test::form_from(test::feedback_form_json),
                                         test::form_from(test::signup_form_json)};
    const FormLookup lookup = [&forms](std::string_view slug,
                                       std::int64_t version) -> const FormVersion* {
        for (const auto& f : forms) {
            if (f.slug == slug && (f.version == version || version == any_version)) {
                return &f;
            }
        }
        return nullptr;
    };
    ValidationContext ctx;
    ctx.site = "hub-north";
    ctx.today = Date{2026, 11, 23};

    // The kiosk's side: a visit with every answer type, and a sealed sign-up.
    Submission feedback;
    feedback.id = "0b8e6a2c-1f3d-4a5b-8c7d-9e0f1a2b3c4d";
    feedback.form = "day-centre-feedback";
    feedback.version = 3;
    feedback.date = Date{2026, 11, 22};
    feedback.language = "pl";
    feedback.answers.emplace("q1", Choice("good"));
    feedback.answers.emplace("q2", MultiChoice{"food", "staff"});
    feedback.answers.emplace("q3", ScaleValue{4});
    feedback.answers.emplace("q4", true);
    feedback.answers.emplace("q5", FreeText{"Ciepło i \"miło\"\nشكرا"});
    feedback.answers.emplace("age", Choice("prefer-not-to-say"));
    Submission signup;
    signup.id = "11111111-2222-4333-9444-555555555555";
    signup.form = "peer-mentoring";
    signup.version = 1;
    signup.date = Date{2026, 11, 23};
    signup.sealed = std::string(64, 'A'); // base64 of a sealed box around nothing

    // As the kiosk sends them: the outbox keeps serialize(to_json(item)); the
    // sync client parses each back and sends them as one SubmissionBatch.
    SubmissionBatch batch;
    for (const auto& s : {feedback, signup}) {
        boost::json::value stored;
        std::string error;
        REQUIRE(parse_json_strict(boost::json::serialize(to_json(s)), stored, error));
        batch.items.push_back(std::move(stored));
    }
    const std::string body = to_json_text(batch);
    INFO(body);

    std::vector<BatchItem> items;
    const auto refused = parse_batch(body, lookup, ctx, items);
    REQUIRE_FALSE(refused.has_value());
    REQUIRE(items.size() == 2);
    for (std::size_t i = 0; i < items.size(); ++i) {
        INFO("item " << i << ": " << (items[i].error ? items[i].error->message : ""));
        REQUIRE(items[i].submission.has_value());
    }
    const Submission& got = *items[0].submission;
    CHECK(items[0].id == feedback.id);
    CHECK(got.id == feedback.id);
    CHECK(got.form == feedback.form);
    CHECK(got.version == feedback.version);
    CHECK(got.date == feedback.date);
    CHECK(got.language == feedback.language);
    CHECK_FALSE(got.sealed.has_value());
    REQUIRE(got.answers.size() == feedback.answers.size());
    for (const auto& [question, answer] : feedback.answers) {
        CAPTURE(question);
        REQUIRE(got.answers.contains(question));
        CHECK(got.answers.at(question) == answer);
    }
    CHECK(got == feedback);

    const Submission& sealed = *items[1].submission;
    CHECK(items[1].id == signup.id);
    CHECK(sealed.form == signup.form);
    CHECK(sealed.version == signup.version);
    CHECK(sealed.date == signup.date);
    CHECK(sealed.sealed == signup.sealed);
    CHECK(sealed.language.empty());
    CHECK(sealed.answers.empty());
    CHECK(sealed == signup);
}
