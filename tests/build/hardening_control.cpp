// Built with every protection switched off (tests/build/CMakeLists.txt) so that
// hardening_test.cpp can show its checks fail on an unprotected program. It
// copies into a stack buffer through a libc call, which is what would pull in
// __stack_chk_fail and __memcpy_chk if the protections were on.
#include <cstdio>
#include <cstring>

int main(int argc, char** argv) {
    char buffer[64];
    std::strncpy(buffer, argc > 1 ? argv[1] : "control", sizeof buffer - 1);
    buffer[sizeof buffer - 1] = '\0';
    std::printf("%s\n", buffer);
    return 0;
}
