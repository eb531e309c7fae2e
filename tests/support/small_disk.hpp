#pragma once
// A real, small file system for disk-full and read-only tests: a tmpfs of a
// given size mounted on a fresh directory, unmounted (and the directory
// removed) by the destructor. Mounting needs root (CI runs as root); where
// it is not possible, available() is false and why() says so, so the test
// can WARN and skip rather than fail or pass silently.
//
// fill() takes every free byte with a filler file and free() gives them
// back, so "the disk is full" and "space has returned" are events a test
// causes, not waits for.
//
// Not thread-safe; not copyable or movable (it owns a mount point).

#include <cstdint>
#include <filesystem>
#include <string>

namespace engage::test {

class SmallDisk {
public:
    explicit SmallDisk(std::int64_t bytes);
    ~SmallDisk();
    SmallDisk(const SmallDisk&) = delete;
    SmallDisk& operator=(const SmallDisk&) = delete;

    bool available() const { return mounted_; }
    const std::string& why() const { return why_; } // when not available
    const std::filesystem::path& path() const { return path_; }

    // Writes a filler file until the file system is full (ENOSPC).
    void fill();
    // Deletes the filler: the space returns.
    void free();
    // Remounts read-only (true) or read-write (false). Throws on failure
    // (e.g. EBUSY while a file is open for writing).
    void set_read_only(bool read_only);

private:
    std::filesystem::path path_;
    bool mounted_ = false;
    std::string why_;
};

} // namespace engage::test
