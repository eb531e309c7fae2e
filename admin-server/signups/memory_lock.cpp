#include "signups/memory_lock.hpp"

#include <cerrno>
#include <cstring>
#include <limits>
#include <sodium.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

namespace engage::signups {

std::size_t keyring_lock_pages(std::size_t box_keys) {
    return box_keys + 3;
}

MemoryLockCheck check_memory_lock(std::size_t pages) {
    MemoryLockCheck out;
    rlimit limit{};
    if (getrlimit(RLIMIT_MEMLOCK, &limit) == 0) {
        out.limit_bytes = limit.rlim_cur == RLIM_INFINITY
                              ? std::numeric_limits<std::uint64_t>::max()
                              : limit.rlim_cur;
    }
    const long page = sysconf(_SC_PAGESIZE);
    const std::size_t bytes =
        (pages == 0 ? 1 : pages) * static_cast<std::size_t>(page > 0 ? page : 4096);
    void* region = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (region == MAP_FAILED) {
        out.why = std::string("cannot map memory to test locking: ") + std::strerror(errno);
        return out;
    }
    if (sodium_mlock(region, bytes) == 0) {
        out.ok = true;
        sodium_munlock(region, bytes);
    } else {
        const int e = errno;
        out.why = "mlock of " + std::to_string(bytes) + " bytes failed (" + std::strerror(e) +
                  "; RLIMIT_MEMLOCK is " +
                  (out.limit_bytes == std::numeric_limits<std::uint64_t>::max()
                       ? std::string("unlimited")
                       : std::to_string(out.limit_bytes) + " bytes") +
                  "): the coordinators' keys would not be locked in memory. Set LimitMEMLOCK=8M "
                  "in the engage-admin unit (hardware/systemd/engage-admin.service) or raise "
                  "`ulimit -l`";
    }
    munmap(region, bytes);
    return out;
}

} // namespace engage::signups
