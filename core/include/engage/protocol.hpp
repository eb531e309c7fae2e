#pragma once
// Wire protocol v1 (DESIGN §5) in one place: the endpoint paths, and every
// message a kiosk and the server exchange as a type with its Boost.JSON
// conversion (value_from) and a strict reader. Both programs, the tests and
// the benchmarks use these, so the two sides cannot drift apart.
//
// Readers never throw. They take a parsed value (or text, via read_text,
// which parses with parse_json_strict first), check every field's type and
// limit, and on failure return false with an error that names the field
// ("\"token\" is missing", "\"outbox\" must be one of \"0\", \"1-4\", \"5+\"").
// Fields a reader does not know are ignored: a newer peer may add some.
//
// The submission items themselves (Submission, to_json, parse_item,
// parse_batch and their rejection codes) stay in submission.hpp; the content
// bundle (ContentBundle, parse_content_bundle) in content.hpp.

#include "engage/api_error.hpp"
#include "engage/strict_json.hpp"
#include "engage/submission.hpp"
#include "engage/version.hpp"

#include <boost/json/fwd.hpp>
#include <boost/json/value.hpp>
#include <boost/json/value_from.hpp>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace engage::protocol {

// [SECTION] Version and paths -------------------------------------------------

inline constexpr int version = wire_protocol_version;

namespace paths {
inline constexpr std::string_view prefix = "/api/v1/";
inline constexpr std::string_view enrol = "/api/v1/enrol";             // POST EnrolRequest
inline constexpr std::string_view content = "/api/v1/content";         // GET, ETag
inline constexpr std::string_view submissions = "/api/v1/submissions"; // POST SubmissionBatch
inline constexpr std::string_view heartbeat = "/api/v1/heartbeat";     // POST HeartbeatRequest
} // namespace paths

static_assert(version == 1, "protocol v1 is served under /api/v1/: a new version needs new paths");
static_assert(paths::enrol.starts_with(paths::prefix) &&
                  paths::content.starts_with(paths::prefix) &&
                  paths::submissions.starts_with(paths::prefix) &&
                  paths::heartbeat.starts_with(paths::prefix),
              "every endpoint lives under the versioned prefix");

// [SECTION] Limits the readers enforce ------------------------------------------

// A typed enrolment code with spaces and dashes is still short; longer is
// not a code. The server refuses it as an invalid code, not as a bad request.
inline constexpr std::size_t max_enrol_code_chars = 64;
// Kiosk ids, sites and tokens are short generated strings; 256 leaves room
// for a site name typed by staff and refuses anything that is not ours.
inline constexpr std::size_t max_enrol_field_chars = 256;
// Versions are short; an error line is a sentence. Longer is not a kiosk.
inline constexpr std::size_t max_version_chars = 64;
inline constexpr std::size_t max_sync_error_chars = 500;
// Error codes are identifiers; messages are one or two sentences, some
// quoting a short value. Longer is not our server.
inline constexpr std::size_t max_error_code_chars = 64;
inline constexpr std::size_t max_error_message_chars = 4096;

// [SECTION] Messages -----------------------------------------------------------

// POST enrol body: {"code": "..."}.
struct EnrolRequest {
    std::string code;
    bool operator==(const EnrolRequest&) const = default;
};

// Its reply: {"kiosk": "k-…", "site": "…", "token": "…",
//             "coordinator_signing_key": "<base64, 32 bytes>"}.
// The kiosk pins the signing key: from then on content may change the
// coordinators' box key only with its signature (coordinator_keyring.hpp).
// Servers before signing keys sent no "coordinator_signing_key" (read as "",
// written only when set), so old kiosks and old servers both keep working.
struct EnrolResponse {
    std::string kiosk;
    std::string site;
    std::string token;
    std::string coordinator_signing_key; // Ed25519 public key, base64; "" when not sent
    bool operator==(const EnrolResponse&) const = default;
};

// POST submissions body, writer side: {"submissions": [item, ...]}. Each item
// is a value as to_json(Submission) makes it (the kiosk's outbox stores them
// already encoded). The server reads batches with parse_batch.
struct SubmissionBatch {
    std::vector<boost::json::value> items;
    // A batch of `submissions`, each encoded with to_json.
    static SubmissionBatch of(const std::vector<Submission>& submissions);
};

enum class ItemStatus { accepted, duplicate, rejected };
std::string_view to_string(ItemStatus s);

// One entry of the submissions reply. code and reason are set for rejected
// items only (ItemError's stable code and its sentence).
struct ItemResult {
    std::string id;
    ItemStatus status = ItemStatus::accepted;
    std::string code;
    std::string reason;
    bool operator==(const ItemResult&) const = default;
};

// The submissions reply: {"results": [ItemResult, ...]}, one per item, in order.
struct BatchResults {
    std::vector<ItemResult> results;
    bool operator==(const BatchResults&) const = default;
};

// How many items wait in a kiosk's outbox, coarsened so that heartbeats every
// few minutes cannot be replayed into visit counts per window (issue 8).
enum class OutboxBand { empty, few, many };
inline constexpr std::size_t outbox_band_many_from = 5; // 0 | 1-4 | 5+
OutboxBand outbox_band(std::size_t depth);
std::string_view to_string(OutboxBand b); // "0", "1-4", "5+"
std::optional<OutboxBand> parse_outbox_band(std::string_view text);

// POST heartbeat body:
//   {"app_version": "…", "outbox": "0" | "1-4" | "5+", "oldest_item_days": n | null,
//    "content_version": "…", "last_sync_error": "…"}
// Kiosks from before the bands send {"outbox_depth": n} instead of "outbox";
// the reader still accepts that and coarsens it (wire compatibility), so the
// exact depth never goes further than the reader.
struct HeartbeatRequest {
    std::string app_version;
    OutboxBand outbox = OutboxBand::empty;
    std::optional<std::int64_t> oldest_item_days; // age in whole days of the oldest waiting item
    std::string content_version;
    std::string last_sync_error; // writer truncates to max_sync_error_chars
    bool operator==(const HeartbeatRequest&) const = default;
};

// Its reply: {"ok": true}.
struct HeartbeatResponse {
    bool ok = true;
    bool operator==(const HeartbeatResponse&) const = default;
};

// A kiosk's heartbeat from what it knows: the outbox depth becomes its band,
// the oldest waiting item's date its age in whole days on `today`, and the
// error text is cut at a character boundary to fit max_sync_error_chars.
HeartbeatRequest make_heartbeat(std::string app_version, std::size_t outbox_depth,
                                std::optional<Date> oldest_item, const Date& today,
                                std::string content_version, std::string last_sync_error);

// [SECTION] Conversions (boost::json::value_from) ----------------------------------

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const EnrolRequest& m);
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const EnrolResponse& m);
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv,
                const SubmissionBatch& m);
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const ItemResult& m);
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const BatchResults& m);
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv,
                const HeartbeatRequest& m);
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv,
                const HeartbeatResponse& m);

// The compact JSON text of a value (boost::json::serialize, kept out of this header).
std::string json_text(const boost::json::value& jv);

// The JSON text of any message above (and of ApiError, below).
template <class Message>
std::string to_json_text(const Message& m) {
    return json_text(boost::json::value_from(m));
}

// [SECTION] Strict readers -------------------------------------------------------

bool read(const boost::json::value& jv, EnrolRequest& out, std::string& error);
bool read(const boost::json::value& jv, EnrolResponse& out, std::string& error);
bool read(const boost::json::value& jv, ItemResult& out, std::string& error);
bool read(const boost::json::value& jv, BatchResults& out, std::string& error);
bool read(const boost::json::value& jv, HeartbeatRequest& out, std::string& error);
bool read(const boost::json::value& jv, HeartbeatResponse& out, std::string& error);
// {"error": {"code", "message"}}; fills code and message, leaves status alone
// (it travels as the HTTP status).
bool read(const boost::json::value& jv, ApiError& out, std::string& error);

// Parses `text` strictly, then reads it as above. A JSON fault reads
// "malformed JSON: <where>".
template <class Message>
bool read_text(std::string_view text, Message& out, std::string& error) {
    boost::json::value jv;
    if (!parse_json_strict(text, jv, error)) {
        error = "malformed JSON: " + error;
        return false;
    }
    return read(jv, out, error);
}

} // namespace engage::protocol
