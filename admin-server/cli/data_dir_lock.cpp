#include "cli/data_dir_lock.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>
#include <utility>

namespace engage::cli {

std::optional<DataDirLock> DataDirLock::try_acquire(const std::filesystem::path& dir,
                                                    std::string& error) {
    std::error_code ec;
    if (!std::filesystem::exists(dir, ec)) {
        std::filesystem::create_directories(dir, ec);
        if (ec) {
            error = "cannot create " + dir.string() + ": " + ec.message();
            return std::nullopt;
        }
        std::filesystem::permissions(dir, std::filesystem::perms::owner_all,
                                     std::filesystem::perm_options::replace, ec);
    }
    const auto path = dir / lock_file_name;
    int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0 && (errno == EROFS || errno == EACCES)) {
        // A read-only folder (or disk) still locks through a read-only descriptor.
        fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    }
    if (fd < 0) {
        error = "cannot open " + path.string() + ": " + std::strerror(errno);
        return std::nullopt;
    }
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        const int why = errno;
        ::close(fd);
        error = why == EWOULDBLOCK
                    ? "another process (a running `engage-admin serve`, or a restore) is using " +
                          dir.string() + " (it holds " + path.string() + ")"
                    : "cannot lock " + path.string() + ": " + std::strerror(why);
        return std::nullopt;
    }
    return DataDirLock(fd);
}

DataDirLock::DataDirLock(DataDirLock&& other) noexcept : fd_(other.fd_) {
    other.fd_ = -1;
}

DataDirLock& DataDirLock::operator=(DataDirLock&& other) noexcept {
    std::swap(fd_, other.fd_); // ours is released when `other` ends
    return *this;
}

DataDirLock::~DataDirLock() {
    if (fd_ >= 0) {
        ::close(fd_); // never throws; the kernel releases the flock with the descriptor
    }
}

} // namespace engage::cli
