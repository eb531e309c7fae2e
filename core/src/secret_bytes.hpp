#pragma once
// Private to core: a byte buffer for keys and plaintexts that must not
// outlive their use. Shared by sealing.cpp and coordinator_keyring.cpp.
//
// The bytes live in sodium_malloc'd memory: locked (sodium_mlock, so never
// written to swap), excluded from core dumps, with guard pages either side;
// sodium_free zeroes and unlocks them on every path out. The coordinators'
// unlocked keys stay in these buffers for as long as a web session holds them
// (issue 10), which is why plain heap memory is not enough. Locking can fail
// (RLIMIT_MEMLOCK): libsodium then keeps the buffer unlocked but still zeroes
// it, which is the best a process without the limit can do.

#include <cstddef>
#include <new>
#include <sodium.h>
#include <string>
#include <string_view>
#include <utility>

namespace engage::detail {

// Zeroed on every path out; never copied, only moved.
class SecretBytes {
public:
    explicit SecretBytes(std::size_t n) : size_(n) {
        if (sodium_init() < 0) {
            throw std::bad_alloc();
        }
        // One byte at least: sodium_malloc(0) may return null.
        bytes_ = static_cast<unsigned char*>(sodium_malloc(n == 0 ? 1 : n));
        if (bytes_ == nullptr) {
            throw std::bad_alloc();
        }
        sodium_memzero(bytes_, n == 0 ? 1 : n);
    }
    // A copy of `text` in locked memory; `text` itself is wiped and cleared,
    // so the only copy left is this one.
    static SecretBytes take(std::string& text) {
        SecretBytes b(text.size());
        if (!text.empty()) {
            std::char_traits<char>::copy(reinterpret_cast<char*>(b.bytes_), text.data(),
                                         text.size());
            sodium_memzero(text.data(), text.size());
            text.clear();
        }
        return b;
    }
    SecretBytes(const SecretBytes&) = delete;
    SecretBytes& operator=(const SecretBytes&) = delete;
    SecretBytes(SecretBytes&& o) noexcept
        : bytes_(std::exchange(o.bytes_, nullptr)), size_(std::exchange(o.size_, 0)) {}
    SecretBytes& operator=(SecretBytes&& o) noexcept {
        if (this != &o) {
            release();
            bytes_ = std::exchange(o.bytes_, nullptr);
            size_ = std::exchange(o.size_, 0);
        }
        return *this;
    }
    ~SecretBytes() { release(); }

    unsigned char* data() { return bytes_; }
    const unsigned char* data() const { return bytes_; }
    std::size_t size() const { return size_; }
    std::string_view view() const {
        return {reinterpret_cast<const char*>(bytes_), bytes_ == nullptr ? 0 : size_};
    }
    // Zeroes and drops everything past `n` (the allocation stays as it is).
    void shrink(std::size_t n) {
        if (n < size_) {
            sodium_memzero(bytes_ + n, size_ - n);
            size_ = n;
        }
    }

private:
    void release() {
        if (bytes_ != nullptr) {
            sodium_free(bytes_); // zeroes, unlocks and unmaps
            bytes_ = nullptr;
            size_ = 0;
        }
    }
    unsigned char* bytes_ = nullptr;
    std::size_t size_ = 0;
};

} // namespace engage::detail
