#pragma once
// The Experts by Experience Board's decisions and recommendations (issue 10,
// "Decisions: you said, we did"; migration 11): what the Board decided, the
// result views it drew on, the sites it affects, its status and dated
// updates. A decision marked as a service change becomes a "you said, we
// did" item for the kiosks at its sites while its status is "in progress" or
// "done" (and nobody took it off the kiosks): kiosk_item() says what that item
// is, apply_kiosk_item() puts it into (or takes it out of) the list kiosks see.
//
// Staff names in updates are staff, not anonymous (DESIGN §6 is about kiosk
// users); an update keeps only the day, the status change, a note and who.

#include "engage/content.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace engage::store {

enum class DecisionStatus { proposed, agreed, in_progress, done, not_possible };

// "proposed", "agreed", "in_progress", "done", "not_possible" (as stored).
std::string_view to_string(DecisionStatus s);
std::optional<DecisionStatus> parse_decision_status(std::string_view text);
// Every status in the order a decision normally moves through them.
inline constexpr DecisionStatus all_decision_statuses[] = {
    DecisionStatus::proposed, DecisionStatus::agreed, DecisionStatus::in_progress,
    DecisionStatus::done, DecisionStatus::not_possible};

struct Decision {
    std::int64_t id = 0; // 0 until stored
    std::string title;
    std::string decided;              // what the Board decided or recommends
    std::vector<std::string> results; // "/results/SLUG?..." links it drew on (result_link.hpp)
    std::vector<std::string> sites;   // the sites it affects; empty: every site
    DecisionStatus status = DecisionStatus::proposed;
    std::string reason; // why it is not possible; never empty when it is not
    bool service_change = false;
    // The kiosk item's English words: the Board's summary of what people
    // said, and what changed. Both needed for a service change.
    std::string you_said;
    std::string we_did;
    bool kiosk_ended = false;  // taken off the kiosks by hand ("End on kiosks")
    std::string recorded_date; // "YYYY-MM-DD"
    bool operator==(const Decision&) const = default;
};

struct DecisionUpdate {
    std::int64_t decision = 0;
    std::string date; // "YYYY-MM-DD": the day is enough to follow progress
    std::string from; // status before ("" for the update that recorded it)
    DecisionStatus to = DecisionStatus::proposed;
    std::string note;
    std::string by; // the signed-in board member or staff member
    bool operator==(const DecisionUpdate&) const = default;
};

// What Store::save_decision did.
struct SavedDecision {
    std::int64_t id = 0;          // the decision's (new ones get theirs here)
    bool content_changed = false; // the "you said, we did" list changed: replace the cache
};

// The id of the "you said, we did" item a decision becomes: "decision-N".
std::string kiosk_item_id(std::int64_t decision_id);

// True when the decision's item belongs on the kiosks now: a service change,
// "in progress" or "done", not ended by hand, with both texts written.
bool shows_on_kiosks(const Decision& d);

// Puts the decision's item into `items` (added first, or its English
// words and sites replaced where it is, other languages kept) when
// shows_on_kiosks(d), else takes it out. True when `items` changed.
bool apply_kiosk_item(const Decision& d, std::vector<YouSaidWeDid>& items);

// decisions.results and decisions.sites hold a JSON array of strings on both
// engines; these two are that column format, written once so the SQLite and
// PostgreSQL stores cannot drift apart. parse_decision_list throws
// std::runtime_error naming `what` ("results", "sites") when the stored text
// is not JSON, not a list, or holds anything but strings.
std::vector<std::string> parse_decision_list(std::string_view stored, std::string_view what);
std::string decision_list_json(const std::vector<std::string>& items);

} // namespace engage::store
