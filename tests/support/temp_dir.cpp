#include "support/temp_dir.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

namespace engage::test {

namespace {

std::filesystem::path default_parent() {
    const char* base = std::getenv("TMPDIR");
    return (base != nullptr && *base != '\0') ? base : "/tmp";
}

} // namespace

TempDir::TempDir(std::string_view prefix) : TempDir(prefix, default_parent()) {}

TempDir::TempDir(std::string_view prefix, const std::filesystem::path& parent) {
    std::string pattern = parent.string();
    pattern += '/';
    pattern += prefix;
    pattern += "-XXXXXX";
    std::vector<char> buffer(pattern.begin(), pattern.end());
    buffer.push_back('\0');
    // mkdtemp creates the directory with mode 0700.
    if (::mkdtemp(buffer.data()) == nullptr) {
        throw std::runtime_error("mkdtemp " + pattern + ": " + std::strerror(errno));
    }
    path_ = buffer.data();
}

TempDir::~TempDir() {
    remove();
}

TempDir::TempDir(TempDir&& other) noexcept : path_(std::move(other.path_)) {
    other.path_.clear();
}

TempDir& TempDir::operator=(TempDir&& other) noexcept {
    if (this != &other) {
        remove();
        path_ = std::move(other.path_);
        other.path_.clear();
    }
    return *this;
}

void TempDir::remove() noexcept {
    if (path_.empty()) {
        return;
    }
    std::error_code ignored; // see header: clean-up never fails a test
    std::filesystem::remove_all(path_, ignored);
    path_.clear();
}

} // namespace engage::test
