// Replays every fuzz target's seed corpus (tests/fuzz/corpus/<target>/) and
// every input a fuzzer once crashed on (tests/fuzz/regressions/<target>/) in
// the normal g++ suite, so a fixed crash stays fixed in every build, including
// the sanitizer builds. The targets are the same files the fuzzers run
// (fuzz_target.hpp names their entry points per target here).

#include "fuzz_target.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

ENGAGE_FUZZ_TARGET(batch_parser);
ENGAGE_FUZZ_TARGET(content_bundle);
ENGAGE_FUZZ_TARGET(redaction);
ENGAGE_FUZZ_TARGET(kiosk_config);
ENGAGE_FUZZ_TARGET(server_config);
ENGAGE_FUZZ_TARGET(kiosk_script);
ENGAGE_FUZZ_TARGET(display_text);

namespace {

using Entry = int (*)(const std::uint8_t*, std::size_t);

const std::filesystem::path fuzz_dir = std::filesystem::path(ENGAGE_SOURCE_DIR) / "tests/fuzz";

// The files in corpus/<target>/ and regressions/<target>/, sorted so a
// failure names the same input every run.
std::vector<std::filesystem::path> saved_inputs(const std::string& target) {
    std::vector<std::filesystem::path> files;
    for (const char* kind : {"corpus", "regressions"}) {
        const auto dir = fuzz_dir / kind / target;
        if (!std::filesystem::is_directory(dir)) {
            continue;
        }
        for (const auto& e : std::filesystem::directory_iterator(dir)) {
            if (e.is_regular_file()) {
                files.push_back(e.path());
            }
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

std::vector<std::uint8_t> read_bytes(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

} // namespace

TEST_CASE("every fuzz target runs its seed corpus and saved crash inputs without failing",
          "[fuzz]") {
    const auto [target, entry] = GENERATE(table<std::string, Entry>({
        {"batch-parser", engage_fuzz_batch_parser},
        {"content-bundle", engage_fuzz_content_bundle},
        {"redaction", engage_fuzz_redaction},
        {"kiosk-config", engage_fuzz_kiosk_config},
        {"server-config", engage_fuzz_server_config},
        {"kiosk-script", engage_fuzz_kiosk_script},
        {"display-text", engage_fuzz_display_text},
    }));
    CAPTURE(target);
    const auto files = saved_inputs(target);
    // Every target has seeds; an empty list means the corpus went missing.
    REQUIRE_FALSE(files.empty());
    for (const auto& file : files) {
        CAPTURE(file.string());
        const auto bytes = read_bytes(file);
        // A crash aborts the whole program (with the file in the log above);
        // a target's own checks call abort() too. 0 is all it returns.
        CHECK(entry(bytes.data(), bytes.size()) == 0);
    }
}
