#pragma once
// Reads another process's whole memory (/proc/PID/maps and /proc/PID/mem)
// and says where given byte strings are in it: the tests that play the
// attacker with a memory dump (the kiosk after a sign-up, the server after a
// coordinator's passphrase) use it. Reading another process's memory needs
// root, or being its parent under ptrace_scope 1; the tests run as both.
#include <string>
#include <sys/types.h>
#include <vector>

namespace engage::test {

struct MemoryHit {
    std::string region;     // the /proc/PID/maps line of the mapping it is in
    std::size_t needle = 0; // index into the needles searched for
};

// Every readable mapping of `pid` searched for each needle (a match may
// span two read chunks). Throws std::runtime_error when the process's maps
// or memory cannot be opened.
std::vector<MemoryHit> scan_memory(pid_t pid, const std::vector<std::string>& needles);

} // namespace engage::test
