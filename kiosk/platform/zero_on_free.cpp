// Replacement global operator new and delete for engage-kiosk (see
// zero_on_free.hpp). new takes its memory from malloc (aligned new from
// aligned_alloc), as libstdc++'s own does; replacing both keeps them a pair
// (sanitizers check that), and malloc_usable_size then tells each block's
// whole size, slack included.
#include "kiosk/platform/zero_on_free.hpp"

#include <cstdlib>
#include <cstring>
#include <imgui.h>
#include <malloc.h>
#include <new>

namespace engage::kiosk {

void zero_and_free(void* p) noexcept {
    if (p == nullptr)
        return;
    // explicit_bzero: a memset before free may be optimised away, this may not.
    explicit_bzero(p, malloc_usable_size(p));
    std::free(p);
}

namespace {

void* imgui_alloc(std::size_t size, void*) {
    return std::malloc(size);
}

void imgui_free(void* p, void*) {
    zero_and_free(p);
}

} // namespace

void zero_on_free_for_imgui() {
    ImGui::SetAllocatorFunctions(imgui_alloc, imgui_free, nullptr);
}

[[gnu::noinline]] void burn_stack(std::size_t bytes) noexcept {
    // A fixed-size array (no VLA) in chunks, each in its own frame depth.
    constexpr std::size_t kChunk = 16 * 1024;
    unsigned char chunk[kChunk];
    explicit_bzero(chunk, sizeof chunk);
    if (bytes > kChunk)
        burn_stack(bytes - kChunk);
    // Keeps this frame alive (no tail call) so the next chunk lies below it.
    asm volatile("" : : "r"(chunk) : "memory");
}

} // namespace engage::kiosk

namespace {

void* allocate(std::size_t size) {
    if (size == 0)
        size = 1;
    while (true) {
        if (void* p = std::malloc(size))
            return p;
        std::new_handler handler = std::get_new_handler();
        if (handler == nullptr)
            throw std::bad_alloc();
        handler();
    }
}

void* allocate_aligned(std::size_t size, std::align_val_t al) {
    const auto align = static_cast<std::size_t>(al);
    // aligned_alloc wants a size that is a multiple of the alignment.
    size = size == 0 ? align : (size + align - 1) / align * align;
    while (true) {
        if (void* p = std::aligned_alloc(align, size))
            return p;
        std::new_handler handler = std::get_new_handler();
        if (handler == nullptr)
            throw std::bad_alloc();
        handler();
    }
}

} // namespace

// [Replacement allocation functions] (C++20 [new.delete]).
void* operator new(std::size_t size) {
    return allocate(size);
}
void* operator new[](std::size_t size) {
    return allocate(size);
}
void* operator new(std::size_t size, std::align_val_t al) {
    return allocate_aligned(size, al);
}
void* operator new[](std::size_t size, std::align_val_t al) {
    return allocate_aligned(size, al);
}
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
    try {
        return allocate(size);
    } catch (...) {
        return nullptr;
    }
}
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept {
    try {
        return allocate(size);
    } catch (...) {
        return nullptr;
    }
}
void* operator new(std::size_t size, std::align_val_t al, const std::nothrow_t&) noexcept {
    try {
        return allocate_aligned(size, al);
    } catch (...) {
        return nullptr;
    }
}
void* operator new[](std::size_t size, std::align_val_t al, const std::nothrow_t&) noexcept {
    try {
        return allocate_aligned(size, al);
    } catch (...) {
        return nullptr;
    }
}

// [Replacement deallocation functions] (C++20 [new.delete]).
void operator delete(void* p) noexcept {
    engage::kiosk::zero_and_free(p);
}
void operator delete[](void* p) noexcept {
    engage::kiosk::zero_and_free(p);
}
void operator delete(void* p, std::size_t) noexcept {
    engage::kiosk::zero_and_free(p);
}
void operator delete[](void* p, std::size_t) noexcept {
    engage::kiosk::zero_and_free(p);
}
void operator delete(void* p, std::align_val_t) noexcept {
    engage::kiosk::zero_and_free(p);
}
void operator delete[](void* p, std::align_val_t) noexcept {
    engage::kiosk::zero_and_free(p);
}
void operator delete(void* p, std::size_t, std::align_val_t) noexcept {
    engage::kiosk::zero_and_free(p);
}
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept {
    engage::kiosk::zero_and_free(p);
}
void operator delete(void* p, const std::nothrow_t&) noexcept {
    engage::kiosk::zero_and_free(p);
}
void operator delete[](void* p, const std::nothrow_t&) noexcept {
    engage::kiosk::zero_and_free(p);
}
void operator delete(void* p, std::align_val_t, const std::nothrow_t&) noexcept {
    engage::kiosk::zero_and_free(p);
}
void operator delete[](void* p, std::align_val_t, const std::nothrow_t&) noexcept {
    engage::kiosk::zero_and_free(p);
}
