#pragma once
// Submissions and batches in wire protocol v1 (DESIGN §5), and their
// validation against the published form version each one names.
//
// An anonymous item:  {"id": uuid-v4, "form": slug, "version": n,
//                      "date": "YYYY-MM-DD", "language": "pl", "answers": {...}}
// A sealed sign-up:   {"id": ..., "form": ..., "version": n, "date": ...,
//                      "sealed": "<base64 crypto_box_seal>",
//                      "key_id": "<16 hex: the coordinators' key it is sealed to>"}
// Items never carry a site (it comes from the kiosk's token) nor a time.

#include "engage/answer.hpp"
#include "engage/api_error.hpp"
#include "engage/date.hpp"
#include "engage/form.hpp"

#include <boost/json/fwd.hpp>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace engage {

struct Submission {
    std::string id; // lowercase UUID v4
    std::string form;
    std::int64_t version = 0;
    Date date;
    std::string language;              // may be empty; never part of a sealed item
    Answers answers;                   // anonymous forms only
    std::optional<std::string> sealed; // signup forms only: base64 sealed box
    std::string sealed_key_id; // with `sealed`: coordinator_key_id() of its key; may be empty
    bool operator==(const Submission&) const = default;
};

// One item as the kiosk sends it; a whole batch is protocol::SubmissionBatch.
boost::json::value to_json(const Submission& s);

// Why one item was refused. Codes are stable strings (see validation list in
// submission.cpp): bad_item, bad_id, unknown_form, unknown_version,
// form_not_open, bad_date, time_of_day, future_date, bad_language,
// sealed_required, sealed_not_allowed, bad_sealed, too_many_answers,
// unknown_question, wrong_type, unknown_option, out_of_range, too_long,
// duplicate_choice, too_many_choices. (empty_text is reserved and never
// produced: an empty multi or empty/blank text answer is a skipped question
// and is dropped.)
struct ItemError {
    std::string code;
    std::string message;
};

// Finds the form version a submission names, or nullptr. Called with
// `any_version` it must return some version of the slug (e.g. the latest) or
// nullptr when the slug is unknown: that tells unknown_version from
// unknown_form. A lookup that ignores any_version gets unknown_form only.
using FormLookup = std::function<const FormVersion*(std::string_view slug, std::int64_t version)>;
inline constexpr std::int64_t any_version = -1;

struct ValidationContext {
    std::string site; // from the kiosk's token
    Date today;       // the server's date (UTC)
    // Kiosks keep local dates; one day of slack covers time zones and a
    // kiosk clock a little ahead.
    int max_days_ahead = 1;
};

struct BatchItem {
    std::string id;                       // as sent if it was a string, for the per-item reply
    std::optional<Submission> submission; // set when valid
    std::optional<ItemError> error;       // set when rejected
};

// Parses one item and validates it against its form; exactly one of the
// result's submission/error is set.
BatchItem parse_item(const boost::json::value& item, const FormLookup& lookup,
                     const ValidationContext& ctx);

// Parses a whole request body. Returns an ApiError for request-level faults
// (malformed JSON 400 malformed_json, not an object 400 bad_batch, over
// limits::max_batch_items 413 too_many_items); otherwise fills `items`, one
// per element, in order.
std::optional<ApiError> parse_batch(std::string_view body, const FormLookup& lookup,
                                    const ValidationContext& ctx, std::vector<BatchItem>& items);

// Canonical JSON text of the answers, as stored by the server.
std::string answers_to_json_text(const Answers& answers);

} // namespace engage
