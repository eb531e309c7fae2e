#include "support/small_disk.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <stdexcept>
#include <sys/mount.h>
#include <unistd.h>
#include <vector>

namespace engage::test {
namespace {

constexpr const char* filler_name = ".filler";

std::filesystem::path make_mount_point() {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/engage-disk-XXXXXX";
    std::vector<char> buf(pattern.begin(), pattern.end());
    buf.push_back('\0');
    if (::mkdtemp(buf.data()) == nullptr) {
        throw std::runtime_error("cannot make a mount point: " + std::string(std::strerror(errno)));
    }
    return std::filesystem::path(buf.data());
}

} // namespace

SmallDisk::SmallDisk(std::int64_t bytes) : path_(make_mount_point()) {
    if (::geteuid() != 0) {
        why_ = "mounting a tmpfs needs root (CI runs as root)";
        return;
    }
    const std::string options = "size=" + std::to_string(bytes) + ",mode=0700";
    if (::mount("tmpfs", path_.c_str(), "tmpfs", 0, options.c_str()) != 0) {
        why_ = "cannot mount a tmpfs: " + std::string(std::strerror(errno));
        return;
    }
    mounted_ = true;
}

SmallDisk::~SmallDisk() {
    if (mounted_) {
        // MNT_DETACH: a child process the test failed to reap must not leave
        // the mount behind.
        ::umount2(path_.c_str(), MNT_DETACH);
    }
    std::error_code ec;
    std::filesystem::remove(path_, ec);
}

void SmallDisk::fill() {
    const auto filler = path_ / filler_name;
    const int fd = ::open(filler.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (fd < 0) {
        throw std::runtime_error("cannot open the filler: " + std::string(std::strerror(errno)));
    }
    // Big writes first, then single bytes, so the last free byte goes too.
    std::vector<char> block(64 * 1024, 'x');
    for (std::size_t size = block.size(); size > 0;) {
        const auto n = ::write(fd, block.data(), size);
        if (n < 0 && errno == ENOSPC) {
            size /= 2;
        } else if (n < 0 && errno != EINTR) {
            const int saved = errno;
            ::close(fd);
            throw std::runtime_error("filling: " + std::string(std::strerror(saved)));
        }
    }
    ::fsync(fd);
    ::close(fd);
}

void SmallDisk::free() {
    std::error_code ec;
    std::filesystem::remove(path_ / filler_name, ec);
}

void SmallDisk::set_read_only(bool read_only) {
    unsigned long flags = MS_REMOUNT;
    if (read_only) {
        flags |= MS_RDONLY;
    }
    if (::mount("tmpfs", path_.c_str(), "tmpfs", flags, nullptr) != 0) {
        throw std::runtime_error("cannot remount: " + std::string(std::strerror(errno)));
    }
}

} // namespace engage::test
