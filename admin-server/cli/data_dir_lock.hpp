#pragma once
// The lock that says "a server is using this data folder": `serve` holds an
// exclusive flock on DIR/serve.lock for as long as it runs, and `restore`
// takes the same lock before it replaces the database, so neither can pull
// the database out from under the other, nor can two servers share a folder.
// The kernel drops the lock when the process ends, however it ends (kill -9
// included), so a crash never leaves a stale lock behind.
//
// Thread safety: one owner; not shared.

#include <filesystem>
#include <optional>
#include <string>

namespace engage::cli {

inline constexpr std::string_view lock_file_name = "serve.lock";

class DataDirLock {
public:
    // Creates DIR (0700) when missing and takes the lock without waiting.
    // nullopt with `error` set when another process holds it or the lock
    // file cannot be opened.
    static std::optional<DataDirLock> try_acquire(const std::filesystem::path& dir,
                                                  std::string& error);
    DataDirLock(DataDirLock&& other) noexcept;
    DataDirLock& operator=(DataDirLock&& other) noexcept;
    DataDirLock(const DataDirLock&) = delete;
    DataDirLock& operator=(const DataDirLock&) = delete;
    ~DataDirLock(); // releases the lock (closing the file does)

private:
    explicit DataDirLock(int fd) : fd_(fd) {}
    int fd_ = -1;
};

} // namespace engage::cli
