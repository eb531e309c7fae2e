# Compiler and linker hardening for every target (issue 7), and the
# ENGAGE_SANITIZE option that swaps it for sanitizers in a separate build
# folder. Included by the top-level CMakeLists.txt before any target exists,
# so add_compile_options/add_link_options reach all of them.
#
#   (default)                            fortify, stack protector, stack clash
#                                        protection, CET, PIE, full RELRO
#   -DENGAGE_SANITIZE=address,undefined  ASan + UBSan; UBSan aborts on the first
#                                        report so a test fails on it
#   -DENGAGE_SANITIZE=thread             TSan
#
# tests/build/hardening_test.cpp reads the built programs' ELF headers to
# check that the default build really has what is listed here.
include(CheckCXXCompilerFlag)
include(CheckPIESupported)

set(ENGAGE_SANITIZE "" CACHE STRING
    "Sanitizers to build with: empty, 'address,undefined' or 'thread'")
set_property(CACHE ENGAGE_SANITIZE PROPERTY STRINGS "" "address,undefined" "thread")

# PIE for every executable, so ASLR also moves the program's own code.
check_pie_supported(OUTPUT_VARIABLE _engage_pie_error LANGUAGES CXX)
if(NOT CMAKE_CXX_LINK_PIE_SUPPORTED)
  message(FATAL_ERROR "engage: the toolchain cannot link PIE executables: ${_engage_pie_error}")
endif()
set(CMAKE_POSITION_INDEPENDENT_CODE ON)

# Full RELRO (the GOT is read-only once the loader has bound every symbol) and
# a non-executable stack. Neither conflicts with any sanitizer.
add_link_options(LINKER:-z,relro LINKER:-z,now LINKER:-z,noexecstack)

if(ENGAGE_SANITIZE STREQUAL "")
  # _FORTIFY_SOURCE only works with optimisation (glibc warns, and with
  # -Werror fails, at -O0), so Debug builds go without it. Level 3 also checks
  # sizes only known at run time (GCC 12+, Clang 9+; Debian 12 has both).
  # -U first: some toolchains predefine a lower level.
  add_compile_options("$<$<NOT:$<CONFIG:Debug>>:-U_FORTIFY_SOURCE;-D_FORTIFY_SOURCE=3>")
  add_compile_options(-fstack-protector-strong)
  check_cxx_compiler_flag(-fstack-clash-protection ENGAGE_HAVE_STACK_CLASH_PROTECTION)
  if(ENGAGE_HAVE_STACK_CLASH_PROTECTION)
    add_compile_options(-fstack-clash-protection)
  endif()
  # Intel CET (indirect branch tracking, shadow stack) where the target has it.
  check_cxx_compiler_flag(-fcf-protection=full ENGAGE_HAVE_CF_PROTECTION)
  if(ENGAGE_HAVE_CF_PROTECTION)
    add_compile_options(-fcf-protection=full)
  endif()
  return()
endif()

# Sanitizer builds. _FORTIFY_SOURCE is left out: its *_chk wrappers replace
# the libc calls ASan intercepts, so ASan would miss the overflows it exists
# to find. The stack protector is left out too: ASan's redzones do its job
# with a precise report, and its canaries only add noise under TSan.
if(ENGAGE_SANITIZE STREQUAL "address,undefined" OR ENGAGE_SANITIZE STREQUAL "undefined,address")
  set(_engage_sanitize_flags -fsanitize=address,undefined -fno-sanitize-recover=all)
elseif(ENGAGE_SANITIZE STREQUAL "address")
  set(_engage_sanitize_flags -fsanitize=address)
elseif(ENGAGE_SANITIZE STREQUAL "undefined")
  set(_engage_sanitize_flags -fsanitize=undefined -fno-sanitize-recover=all)
elseif(ENGAGE_SANITIZE STREQUAL "thread")
  set(_engage_sanitize_flags -fsanitize=thread)
  # GCC 12 warns (-Wtsan) that TSan does not model std::atomic_thread_fence,
  # which Asio's headers use; with -Werror the server would not build. TSan
  # may then miss or misreport an ordering made only by such a fence.
  add_compile_options($<$<CXX_COMPILER_ID:GNU>:-Wno-tsan>)
  # Asio drops its reference counts with a release decrement and an acquire
  # fence, so TSan reported a race (exit 66 in CI) when an executor copy died
  # on the writer thread and the last one on the I/O thread. Without std
  # atomics Asio counts with Boost's acq_rel builtins, which TSan does model.
  add_compile_definitions(BOOST_ASIO_DISABLE_STD_ATOMIC)
else()
  message(FATAL_ERROR "engage: ENGAGE_SANITIZE='${ENGAGE_SANITIZE}' is not one of "
                      "'address,undefined', 'address', 'undefined' or 'thread'")
endif()
# Frame pointers give the sanitizers' fast unwinder whole stacks.
add_compile_options(${_engage_sanitize_flags} -fno-omit-frame-pointer)
add_link_options(${_engage_sanitize_flags})
# GCC's -Wmaybe-uninitialized gives false positives on instrumented code (the
# GCC manual says so for -fsanitize; here in Boost.Beast's basic_parser), and
# -Werror makes them fatal. The Release build keeps the warning.
add_compile_options($<$<CXX_COMPILER_ID:GNU>:-Wno-maybe-uninitialized>)
message(STATUS "engage: sanitizers ${ENGAGE_SANITIZE} (hardening flags that conflict are off)")
