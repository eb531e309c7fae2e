#pragma once
// How a fuzz target's entry point is named. Built by tests/fuzz/CMakeLists.txt
// (clang, libFuzzer) it is LLVMFuzzerTestOneInput; built into the normal test
// suite (regression_tests.cmake, ENGAGE_FUZZ_REGRESSION) each target gets its
// own name, so one Catch2 program can replay every target's saved inputs.

#include <cstddef>
#include <cstdint>

#ifdef ENGAGE_FUZZ_REGRESSION
#define ENGAGE_FUZZ_TARGET(name)                                                                   \
    extern "C" int engage_fuzz_##name(const std::uint8_t* data, std::size_t size)
#else
#define ENGAGE_FUZZ_TARGET(name)                                                                   \
    extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
#endif
