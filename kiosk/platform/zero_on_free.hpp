#pragma once
// The kiosk's memory must not keep one person's typed words for the next
// (issue 8, "The kiosk's memory"). Explicit wipes cover the copies we know
// about (the flow's answers, the sealed sign-up's plaintext, display caches);
// this file covers the ones we do not, the temporaries a std::string leaves
// behind when it grows, moves or is destroyed:
//
// - engage-kiosk replaces the global operator delete (zero_on_free.cpp, linked
//   into the program only, never into libraries or tests): every block the
//   C++ runtime frees is zeroed first. Cost: one memset per free of the
//   block's usable size; a frame frees a few hundred small blocks.
// - zero_on_free_for_imgui() does the same for Dear ImGui's own allocations.
// - burn_stack() zeroes a stretch of the calling thread's stack below the
//   caller, where short strings (kept inline, not on the heap) of a screen's
//   draw functions lie until something else overwrites them.

#include <cstddef>

namespace engage::kiosk {

// Zeroes and frees a block from malloc (or a compatible allocator).
void zero_and_free(void* p) noexcept;
// Makes ImGui allocate with malloc and free with zero_and_free. Call before
// ImGui::CreateContext().
void zero_on_free_for_imgui();
// Zeroes `bytes` of stack below the caller. Call from the main loop (a
// shallow frame) after a visit ends.
void burn_stack(std::size_t bytes = 256 * 1024) noexcept;

} // namespace engage::kiosk
