#pragma once
// Test-only: where the media tests find the source tree's catalogues and put
// what they draw or say for a person to check.

#include <filesystem>

namespace engage::kiosk::testing {

inline std::filesystem::path i18n_dir() {
    return std::filesystem::path(ENGAGE_SOURCE_DIR) / "i18n";
}

// Created on first use; PNGs of each script and a WAV of speech land here.
inline std::filesystem::path output_dir() {
    std::filesystem::path dir = ENGAGE_MEDIA_TEST_OUT;
    std::filesystem::create_directories(dir);
    return dir;
}

} // namespace engage::kiosk::testing
