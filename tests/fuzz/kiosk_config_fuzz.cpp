// engage-kiosk's config file reader (DATA/kiosk.conf). It reads a path, so
// each input goes through one private file per process.
#include "fuzz_target.hpp"
#include "kiosk/config/options.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

ENGAGE_FUZZ_TARGET(kiosk_config) {
    // Harness set-up: one file per process, so parallel fuzzing jobs don't share it.
    static const std::filesystem::path file =
        std::filesystem::temp_directory_path() /
        ("engage-fuzz-kiosk-" + std::to_string(::getpid()) + ".conf");
    {
        std::ofstream out(file, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
        if (!out) {
            std::abort();
        }
    }
    engage::kiosk::Options options;
    std::string error;
    (void)engage::kiosk::read_config_file(file, options, {"fullscreen"}, error);
    return 0;
}
