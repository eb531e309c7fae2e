#pragma once
// Whether this process can lock memory for the coordinators' unlocked keys
// (issue 10). The keys live in sodium_malloc'd memory, which libsodium
// mlocks so they are never written to swap; but sodium_malloc ignores a
// failed mlock (RLIMIT_MEMLOCK too low, or mlock forbidden) and hands the
// memory out unlocked. So the server tries first, with memory of its own:
// at start-up, to say in the journal what to fix, and before each unlock,
// which is refused rather than hold the keys in memory that may be swapped.
//
// Each secret sodium_malloc holds takes at least one whole locked page
// (4 KiB): the secret and a 16-byte canary rounded up to the page. An
// unlocked keyring holds the passphrase key, the signing secret and one
// secret per box key kept (engage/coordinator_keyring.hpp).
//
// Thread safety: plain functions.

#include <cstddef>
#include <cstdint>
#include <string>

namespace engage::signups {

// What hardware/systemd/engage-admin.service sets as LimitMEMLOCK (8 MiB):
// 2,048 locked pages, e.g. 64 coordinators' sessions unlocked at once with
// 30 box keys each, where one session with one key needs 3 pages (12 KiB).
// Kernels before 5.16 default to 64 KiB, which 5 such sessions exhaust.
inline constexpr std::uint64_t recommended_memlock_bytes = 8U * 1024U * 1024U;

// Locked pages one unlocked keyring with `box_keys` box keys needs, with
// one page spare for the key derived from the passphrase while unlocking.
std::size_t keyring_lock_pages(std::size_t box_keys);

struct MemoryLockCheck {
    bool ok = false;
    std::uint64_t limit_bytes = 0; // RLIMIT_MEMLOCK (soft); UINT64_MAX when unlimited
    std::string why;               // when !ok: what failed, in words for the journal
};

// Locks and unlocks `pages` pages of fresh memory of its own (sodium_mlock),
// so `ok` says whether that much more can be locked now.
MemoryLockCheck check_memory_lock(std::size_t pages);

} // namespace engage::signups
