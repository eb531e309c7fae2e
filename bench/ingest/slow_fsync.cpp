// LD_PRELOAD library for bench-ingest --fsync-delay-us: every fsync and
// fdatasync in the process (SQLite's commits, PostgreSQL's WAL flushes)
// takes ENGAGE_SLOW_FSYNC_US microseconds longer, after the real call. It
// stands in for storage whose flush is slow (an SD card, a disk without a
// write cache), where group commit earns its keep, on a development machine
// whose virtual disk acknowledges a flush in a tenth of a millisecond.
// Never part of the server: the benchmark builds it beside itself.

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <dlfcn.h>

namespace {

using SyncFn = int (*)(int);

SyncFn next(const char* name) {
    void* symbol = ::dlsym(RTLD_NEXT, name);
    SyncFn fn = nullptr;
    // A data pointer to a function pointer: memcpy, which ISO C++ allows.
    static_assert(sizeof fn == sizeof symbol);
    std::memcpy(&fn, &symbol, sizeof fn);
    return fn;
}

void delay() {
    const char* us = std::getenv("ENGAGE_SLOW_FSYNC_US");
    const long n = us == nullptr ? 0 : std::atol(us);
    if (n <= 0) {
        return;
    }
    timespec t{n / 1000000, (n % 1000000) * 1000};
    while (::nanosleep(&t, &t) != 0 && errno == EINTR) {
    }
}

} // namespace

extern "C" int fsync(int fd) {
    static const SyncFn real = next("fsync");
    const int rc = real(fd);
    delay();
    return rc;
}

extern "C" int fdatasync(int fd) {
    static const SyncFn real = next("fdatasync");
    const int rc = real(fd);
    delay();
    return rc;
}
