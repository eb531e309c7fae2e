#pragma once
// A snapshot of the kiosk's connection to its server, for staff mode
// (KioskRuntime::status()). Copied out under a lock; plain data.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace engage::kiosk {

struct SyncStatus {
    bool enrolled = false;          // a token is stored in the data dir
    std::string server;             // server URL in use; empty = none configured
    std::string kiosk_id;           // from enrolment, e.g. "k-1a2b3c4d"
    std::string site;               // from enrolment
    std::string content_version;    // of the bundle in use ("" = none cached)
    std::size_t outbox_depth = 0;   // submissions waiting to upload
    std::size_t rejected = 0;       // submissions the server refused (kept, not retried)
    std::size_t uploaded_total = 0; // acknowledged since start-up
    // Wall-clock time of the last successful contact with the server, kept in
    // memory only (never on disk, never tied to a submission).
    std::optional<std::chrono::system_clock::time_point> last_sync;
    std::string last_error; // last failure in plain words; "" after a success
    // The server refused this kiosk's token (401): it was revoked on the
    // server's Kiosks page. Staff mode says to re-enrol; answers stay in the
    // outbox. Cleared by a new enrolment (or any later success).
    bool removed_from_server = false;
    // Why the last content's coordinators' key was refused (sign-ups stay
    // sealed to the pinned key); "" once a bundle's key checks out.
    std::string coordinator_key_error;
    bool syncing = false;                // an attempt is running right now
    std::uint64_t attempts_finished = 0; // increments after every attempt (success or not)
    // Seconds until the oldest waiting answer has waited the upload delay;
    // nullopt = none is still waiting for its delay.
    std::optional<std::int64_t> upload_due_in_seconds;
    // Answers still missing before an upload may go (min_batch): staff see
    // "waiting for N more answers". 0 = none missing.
    std::size_t answers_needed = 0;
    // Answers kept only in memory because the outbox could not store them
    // yet (closing the kiosk now loses them). Set by KioskRuntime.
    std::size_t unsaved = 0;
};

} // namespace engage::kiosk
