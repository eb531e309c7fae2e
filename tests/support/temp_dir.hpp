#pragma once
// A fresh private directory that is removed with everything in it when its
// owner goes away. Not thread-safe; movable, not copyable.

#include <filesystem>
#include <string_view>

namespace engage::test {

class TempDir {
public:
    // Creates a new directory (mode 0700) under $TMPDIR or /tmp whose name
    // starts with `prefix`. Throws std::runtime_error when it cannot.
    explicit TempDir(std::string_view prefix = "engage-test");
    // The same under `parent` (which must exist).
    TempDir(std::string_view prefix, const std::filesystem::path& parent);
    // Removes the directory tree; errors are ignored (a test must not fail in
    // clean-up, and the OS cleans /tmp eventually).
    ~TempDir();
    TempDir(TempDir&& other) noexcept;
    TempDir& operator=(TempDir&& other) noexcept;
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    // The directory's absolute path; empty after a move.
    const std::filesystem::path& path() const { return path_; }
    // path() / name, for files inside it.
    std::filesystem::path operator/(std::string_view name) const { return path_ / name; }

private:
    void remove() noexcept;
    std::filesystem::path path_;
};

} // namespace engage::test
