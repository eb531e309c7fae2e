#include "support/memory_scan.hpp"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <stdexcept>
#include <string_view>
#include <unistd.h>

namespace engage::test {

namespace {

// Closes the /proc/PID/mem descriptor on every way out.
struct Fd {
    int fd;
    ~Fd() {
        if (fd >= 0) {
            ::close(fd);
        }
    }
};

} // namespace

std::vector<MemoryHit> scan_memory(pid_t pid, const std::vector<std::string>& needles) {
    std::vector<MemoryHit> hits;
    const std::string proc = "/proc/" + std::to_string(pid);
    std::ifstream maps(proc + "/maps");
    if (!maps) {
        throw std::runtime_error("cannot read " + proc + "/maps");
    }
    const Fd mem{::open((proc + "/mem").c_str(), O_RDONLY)};
    if (mem.fd < 0) {
        throw std::runtime_error("cannot open " + proc + "/mem: " + std::strerror(errno));
    }
    std::size_t longest = 1;
    for (const auto& n : needles) {
        longest = std::max(longest, n.size());
    }
    constexpr std::size_t chunk = std::size_t{1} << 20;
    std::string buf(chunk + longest, '\0');
    std::string line;
    while (std::getline(maps, line)) {
        unsigned long long start = 0;
        unsigned long long end = 0;
        char perms[5] = {};
        if (std::sscanf(line.c_str(), "%llx-%llx %4s", &start, &end, perms) != 3 ||
            perms[0] != 'r' || line.find("[vvar]") != std::string::npos ||
            line.find("[vsyscall]") != std::string::npos) {
            continue;
        }
        std::size_t carried = 0; // bytes kept from the chunk before
        for (unsigned long long at = start; at < end;) {
            const auto want =
                static_cast<std::size_t>(std::min<unsigned long long>(chunk, end - at));
            const ssize_t n = ::pread(mem.fd, buf.data() + carried, want, static_cast<off_t>(at));
            if (n <= 0) {
                break; // e.g. a guard page: nothing readable is there
            }
            const std::string_view view(buf.data(), carried + static_cast<std::size_t>(n));
            for (std::size_t i = 0; i < needles.size(); ++i) {
                if (view.find(needles[i]) != std::string_view::npos) {
                    hits.push_back({line, i});
                }
            }
            at += static_cast<unsigned long long>(n);
            carried = std::min(longest - 1, view.size());
            std::memmove(buf.data(), view.data() + view.size() - carried, carried);
        }
    }
    return hits;
}

} // namespace engage::test
