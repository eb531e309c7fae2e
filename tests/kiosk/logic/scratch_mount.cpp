#include "logic/scratch_mount.hpp"

#include "support/admin_cli.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <sys/mount.h>
#include <unistd.h>
#include <vector>

namespace engage::test {

namespace {

void mount_ext4(const std::filesystem::path& image, const std::filesystem::path& dir) {
    // The mount program sets up (and on umount frees) the loop device.
    const auto r = run_program({"/usr/bin/mount", "-t", "ext4", "-o", "loop,errors=remount-ro",
                                image.string(), dir.string()});
    if (r.exit_code != 0) {
        throw std::runtime_error("mount " + image.string() + ": " + r.err);
    }
}

} // namespace

bool can_mount() {
    return ::geteuid() == 0;
}

ScratchMount::ScratchMount(const std::filesystem::path& dir, Kind kind, std::size_t bytes)
    : dir_(dir), kind_(kind) {
    std::filesystem::create_directories(dir_);
    if (kind_ == Kind::tmpfs) {
        const std::string options = "size=" + std::to_string(bytes) + ",mode=0700";
        if (::mount("tmpfs", dir_.c_str(), "tmpfs", 0, options.c_str()) != 0) {
            throw std::runtime_error("mount tmpfs at " + dir_.string() + ": " +
                                     std::strerror(errno));
        }
    } else {
        image_ = dir_.parent_path() / (dir_.filename().string() + ".img");
        { std::ofstream create(image_); }
        std::filesystem::resize_file(image_, bytes);
        const auto made = run_program({"/usr/sbin/mkfs.ext4", "-q", "-F", image_.string()});
        if (made.exit_code != 0) {
            throw std::runtime_error("mkfs.ext4: " + made.err);
        }
        mount_ext4(image_, dir_);
    }
    mounted_ = true;
}

ScratchMount::~ScratchMount() {
    if (mounted_) {
        ::umount2(dir_.c_str(), MNT_DETACH); // files the test still holds must not block it
    }
}

std::filesystem::path ScratchMount::fill() {
    const auto file = dir_ / "filler";
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(file.c_str(), "wb"), &std::fclose);
    if (!f) {
        throw std::runtime_error("cannot create " + file.string());
    }
    const std::vector<char> block(4096, 'x');
    // One block at a time until the write fails: the disk is full.
    while (std::fwrite(block.data(), 1, block.size(), f.get()) == block.size() &&
           std::fflush(f.get()) == 0) {
    }
    return file;
}

void ScratchMount::force_read_only() {
    const auto src = run_program({"/usr/bin/findmnt", "-n", "-o", "SOURCE", dir_.string()});
    auto device = std::filesystem::path(src.out.substr(0, src.out.find('\n'))).filename();
    const auto trigger = std::filesystem::path("/sys/fs/ext4") / device / "trigger_fs_error";
    std::ofstream out(trigger);
    out << "engage test: force read-only\n";
    out.close();
    if (!out) {
        throw std::runtime_error("cannot write " + trigger.string());
    }
}

void ScratchMount::remount() {
    if (::umount2(dir_.c_str(), 0) != 0) {
        throw std::runtime_error("umount " + dir_.string() + ": " + std::strerror(errno));
    }
    mounted_ = false;
    // The error recorded by force_read_only() stays in the superblock; fsck clears it.
    run_program({"/usr/sbin/e2fsck", "-p", image_.string()});
    mount_ext4(image_, dir_);
    mounted_ = true;
}

} // namespace engage::test
