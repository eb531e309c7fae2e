#pragma once
// What the kernel says about a running process: CPU time used and memory
// (PSS), read from /proc. Linux only, like the kiosks.

#include <optional>
#include <sys/types.h>

namespace engage::bench {

// utime + stime of `pid` in seconds; nullopt when it cannot be read.
std::optional<double> cpu_seconds(pid_t pid);

// Proportional set size of `pid` in MiB (smaps_rollup); nullopt when unreadable.
std::optional<double> pss_mib(pid_t pid);

} // namespace engage::bench
