#pragma once
// Versions of everything that is written down and read back later.
// Readers check these and migrate or refuse (STYLE 18).

namespace engage {

inline constexpr int wire_protocol_version = 1;     // /api/v1/ (DESIGN §5)
inline constexpr int content_format_version = 1;    // content bundle JSON
inline constexpr int sealed_payload_version = 1;    // plaintext inside a sealed box
inline constexpr const char* app_version = "0.1.0"; // reported in heartbeats

static_assert(wire_protocol_version == 1, "the URL prefix /api/v1/ is tied to this");

} // namespace engage
