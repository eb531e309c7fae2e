#pragma once
// Private to core: a byte buffer for keys and plaintexts that must not
// outlive their use. Shared by sealing.cpp and coordinator_keyring.cpp.

#include <cstddef>
#include <sodium.h>
#include <vector>

namespace engage::detail {

// Bytes zeroed (sodium_memzero) on every path out; never copied.
class SecretBytes {
public:
    explicit SecretBytes(std::size_t n) : bytes_(n) {}
    SecretBytes(const SecretBytes&) = delete;
    SecretBytes& operator=(const SecretBytes&) = delete;
    ~SecretBytes() {
        if (!bytes_.empty()) {
            sodium_memzero(bytes_.data(), bytes_.size());
        }
    }
    unsigned char* data() { return bytes_.data(); }
    const unsigned char* data() const { return bytes_.data(); }
    std::size_t size() const { return bytes_.size(); }
    // Zeroes and drops everything past `n`.
    void shrink(std::size_t n) {
        if (n < bytes_.size()) {
            sodium_memzero(bytes_.data() + n, bytes_.size() - n);
            bytes_.resize(n);
        }
    }

private:
    std::vector<unsigned char> bytes_;
};

} // namespace engage::detail
