#pragma once
// Files the kiosk keeps in its data dir (mode 0700):
//   kiosk.conf      options (see options.hpp)
//   token           the bearer token, mode 0600, one line
//   enrolment.json  {"kiosk": ..., "site": ..., "server": ..., "signing_key": ...,
//                    "box_key": ..., "box_key_signature": ...}: from enrolment,
//                    and the coordinators' keys pinned (coordinator_key_pin.hpp)
//   content.json    the cached content bundle; content.etag its ETag
//   outbox.db       the outbox (outbox.hpp)
// Every write is atomic (temp file + fsync + rename + fsync of the dir).

#include "engage/content.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace engage::kiosk {

struct Enrolment {
    std::string kiosk_id;
    std::string site;
    std::string server; // URL it was enrolled with
    std::string token;  // secret; never log
    // The coordinators' signing key from the enrolment reply ("" for kiosks
    // enrolled before it existed), and the box key sign-ups are sealed to
    // with its signature, once content delivered one that checked out.
    std::string signing_key;
    std::string box_key;
    std::string box_key_signature;
};

// Creates the dir (0700) if missing. False + error when it cannot.
bool ensure_data_dir(const std::filesystem::path& dir, std::string& error);
// Writes `bytes` to `file` atomically with `mode` permissions.
bool write_file_atomically(const std::filesystem::path& file, std::string_view bytes, unsigned mode,
                           std::string& error);
std::optional<std::string> read_file(const std::filesystem::path& file);

std::optional<Enrolment> load_enrolment(const std::filesystem::path& dir);
bool save_enrolment(const std::filesystem::path& dir, const Enrolment& e, std::string& error);

struct CachedContent {
    ContentBundle bundle;
    std::string etag;
};
std::optional<CachedContent> load_cached_content(const std::filesystem::path& dir);
// `json_text` is the body exactly as the server sent it (already parsed and checked).
bool save_cached_content(const std::filesystem::path& dir, std::string_view json_text,
                         std::string_view etag, std::string& error);

} // namespace engage::kiosk
