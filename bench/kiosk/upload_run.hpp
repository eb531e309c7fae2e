#pragma once
// The upload measurement: a kiosk outbox filled with N queued feedback
// submissions (through the kiosk's own Outbox), then one forced sync by the
// kiosk's own SyncClient against the real server, timed until it finished.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>

namespace engage::bench {

struct UploadResult {
    std::size_t items = 0;
    double enqueue_seconds = 0; // filling the outbox, one durable transaction per item
    double upload_seconds = 0;  // request_sync() until that attempt finished
    std::size_t left_in_outbox = 0;
    std::size_t uploaded = 0; // acknowledged by the server (SyncStatus)
    std::string error;        // last sync error, "" when fine
};

// Enrols a fresh kiosk with the server (running on `port`, data in
// `server_data`, reachable at `url`), fills an outbox in `work_dir` and uploads
// it. Throws std::runtime_error when set-up fails.
UploadResult run_upload(std::uint16_t port, const std::string& url,
                        const std::filesystem::path& server_data,
                        const std::filesystem::path& work_dir, std::size_t items);

} // namespace engage::bench
