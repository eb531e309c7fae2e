// The hardening cmake/hardening.cmake asks for, checked where it matters: in
// the ELF headers of the programs we ship. A control program built with every
// protection switched off shows that each check can fail.

#include "elf_hardening.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

using engage::test::read_elf_hardening;

namespace {

const std::filesystem::path bin_dir = ENGAGE_BIN_DIR;

} // namespace

TEST_CASE("shipped programs are PIE with full RELRO, a non-executable stack, stack "
          "protector and fortified libc calls",
          "[build][hardening]") {
    const std::string program = GENERATE(as<std::string>{}, ENGAGE_HARDENED_PROGRAMS);
    CAPTURE(program);
    std::string error;
    const auto h = read_elf_hardening(bin_dir / program, error);
    INFO(error);
    REQUIRE(h.has_value());
    CHECK(h->pie);
    CHECK(h->relro);
    CHECK(h->bind_now);
    CHECK_FALSE(h->stack_executable);
    CHECK(h->stack_protector);
    CAPTURE(h->fortified_calls);
    CHECK(h->fortified_calls > 0);
}

TEST_CASE("the hardening reader reports a program built without protections as unprotected",
          "[build][hardening]") {
    std::string error;
    const auto h = read_elf_hardening(bin_dir / "engage-hardening-control", error);
    INFO(error);
    REQUIRE(h.has_value());
    CHECK_FALSE(h->pie);
    CHECK_FALSE(h->relro);
    CHECK_FALSE(h->bind_now);
    CHECK(h->stack_executable);
    CHECK_FALSE(h->stack_protector);
    CHECK(h->fortified_calls == 0);
}

TEST_CASE("the hardening reader refuses files that are not ELF programs", "[build][hardening]") {
    std::string error;
    SECTION("a source file") {
        CHECK_FALSE(read_elf_hardening(__FILE__, error).has_value());
        CHECK_FALSE(error.empty());
    }
    SECTION("a missing file") {
        CHECK_FALSE(read_elf_hardening(bin_dir / "no-such-program", error).has_value());
        CHECK_FALSE(error.empty());
    }
}
