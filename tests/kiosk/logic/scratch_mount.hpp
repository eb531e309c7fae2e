#pragma once
// A small real filesystem mounted for one test, to make the kiosk's disk
// full or read-only on demand (issue 7): a tmpfs of a few hundred KiB, or an
// ext4 image on a loop device that can be forced read-only underneath open
// files, as the kernel does after an I/O error (errors=remount-ro). Needs
// root (CI runs as root). Unmounted, lazily, when the owner goes away.

#include <cstddef>
#include <filesystem>
#include <string>

namespace engage::test {

// Whether this process may mount (root): tests without it say so and stop.
bool can_mount();

class ScratchMount {
public:
    enum class Kind { tmpfs, ext4 };
    // Mounts a new filesystem of `bytes` at `dir` (created). Throws
    // std::runtime_error with the reason when it cannot.
    ScratchMount(const std::filesystem::path& dir, Kind kind, std::size_t bytes);
    ~ScratchMount();
    ScratchMount(const ScratchMount&) = delete;
    ScratchMount& operator=(const ScratchMount&) = delete;

    const std::filesystem::path& path() const { return dir_; }
    // Writes a file until the filesystem has no room left; returns its path.
    std::filesystem::path fill();
    // ext4 only: makes the kernel record an error, so the filesystem turns
    // read-only at once although files are open for writing.
    void force_read_only();
    // Unmounts and mounts the same filesystem again (ext4 only): after
    // force_read_only(), reads what reached the disk.
    void remount();

private:
    std::filesystem::path dir_;
    std::filesystem::path image_; // ext4 only
    Kind kind_;
    bool mounted_ = false;
};

} // namespace engage::test
