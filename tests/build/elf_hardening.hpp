#pragma once
// Reads the hardening properties of a built ELF program from its headers:
// what the loader and the linker left behind, not what CMake asked for. Only
// 64-bit little-endian ELF (the platforms we ship). Used by hardening_test.cpp.

#include <filesystem>
#include <optional>
#include <string>

namespace engage::test {

struct ElfHardening {
    bool pie = false;      // e_type ET_DYN with an interpreter: a position-independent program
    bool relro = false;    // a PT_GNU_RELRO segment
    bool bind_now = false; // DT_BIND_NOW, DF_BIND_NOW or DF_1_NOW: full RELRO with relro
    bool stack_executable = true; // PT_GNU_STACK has PF_X, or is missing (old default: executable)
    bool stack_protector = false; // imports __stack_chk_fail
    int fortified_calls = 0;      // imported glibc *_chk functions (_FORTIFY_SOURCE)
};

// The properties of `file`, or nullopt with `error` set when it is not a
// 64-bit little-endian ELF file or its headers point outside it.
std::optional<ElfHardening> read_elf_hardening(const std::filesystem::path& file,
                                               std::string& error);

} // namespace engage::test
