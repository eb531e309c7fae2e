#pragma once
// Internal to engage_kiosk_media: a spoken utterance written as a WAV file, so
// tests and people can listen to what the kiosk would have said.

#include <cstdint>
#include <filesystem>
#include <span>

namespace engage::kiosk {

// Writes mono 16-bit PCM at `sample_rate` to `path` (replaced); false on I/O error.
bool write_wav(const std::filesystem::path& path, std::span<const std::int16_t> samples,
               int sample_rate);

} // namespace engage::kiosk
