#pragma once
// The only door to SDL (STYLE 3): a window (or the offscreen driver when
// headless) with a renderer, the Dear ImGui SDL2 + SDL_Renderer backends,
// event waiting for a draw-only-when-changed loop, injected input for the
// script runner, and screenshots. Screens and widgets never include SDL.
//
// Not thread-safe: one Platform per process, used from the UI thread only,
// except post_wake(), which any thread may call.

#include "kiosk/config/device_profile.hpp"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

struct ImVec2;

namespace engage::kiosk {

class GlyphCache;

struct PlatformOptions {
    bool headless = false;   // SDL offscreen video driver + software renderer
    bool fullscreen = false; // desktop-sized fullscreen window
    // Closing the window (its close button, Alt+F4) does nothing; SIGINT and
    // SIGTERM still end the program (the service manager must be able to).
    bool ignore_window_close = false;
    int width = 1280; // window size when neither fullscreen nor resized
    int height = 800;
    // The device profile's renderer: software needs no GPU driver (headless it
    // also keeps to a third of the memory; under cage SDL loads Mesa either way).
    RendererChoice renderer = RendererChoice::automatic;
    // > 0: the display's density over 96 dpi, in place of what SDL reports.
    float dpi_scale = 0.0f;
    std::string title = "Engage";
};

// What the pointer (mouse or a finger, SDL maps touch to mouse) is doing, as
// seen from events; used for long presses, which ImGui's one-frame clicks miss.
struct PointerState {
    bool down = false;
    float x = 0;
    float y = 0;
    std::uint64_t down_since_ms = 0; // now_ms() at the press
};

class Platform {
public:
    // Opens SDL, the window, the renderer and the ImGui backends (the ImGui
    // context must exist). Returns nullptr and sets `error` on failure.
    static std::unique_ptr<Platform> open(const PlatformOptions& options, std::string& error);
    ~Platform();
    Platform(const Platform&) = delete;
    Platform& operator=(const Platform&) = delete;

    // Sleeps until an event arrives or timeout_ms passed (-1: forever), then
    // feeds every pending event to ImGui. Returns true if any event came.
    bool wait_events(int timeout_ms);
    // True if a touch, click, key or typed text arrived since the last call
    // (window and wake events do not count as a person's activity).
    bool take_input_seen();
    // Wakes wait_events() from any thread (e.g. the sync thread has news).
    void post_wake();
    // True once the window was closed or SDL_QUIT arrived.
    bool quit_requested() const;
    // True if the window size or DPI changed since the last call.
    bool take_resized();

    // Starts an ImGui frame (backends first, then ImGui::NewFrame).
    void new_frame();
    // ImGui::Render() then draws to the renderer; if `screenshot` is not empty
    // the frame is also saved there as PNG (read before presenting). Returns
    // false and sets `error` only when the screenshot failed.
    bool render(const float clear_rgb[3], const std::filesystem::path& screenshot,
                std::string& error);
    // Re-uploads the font atlas after fonts were rebuilt (e.g. text size).
    void reload_fonts();
    // The text pipeline's glyph cache whose pages become textures (uploaded
    // before each frame is rendered); the previous cache's textures are
    // released. The cache must be detached (nullptr) or outlive its use here.
    void set_glyph_cache(GlyphCache* glyphs);

    // Script input: each pushes real SDL events so ImGui sees them through its
    // backend, exactly as a touch or a key would arrive.
    void inject_pointer_down(float x, float y);
    void inject_pointer_up(float x, float y);
    // Turns the mouse wheel at (x, y) by `notches` (positive: up).
    void inject_wheel(float x, float y, int notches);
    // Key by SDL name ("Tab", "Return", "Left", "Space", "Escape"...); false if unknown.
    bool inject_key_down(std::string_view sdl_key_name);
    bool inject_key_up(std::string_view sdl_key_name);
    void inject_text(std::string_view utf8);
    // The window manager's close request (close button, Alt+F4).
    void inject_window_close();

    const PointerState& pointer() const;
    // Window size in ImGui units, and the display's DPI divided by 96.
    float width() const;
    float height() const;
    float dpi_scale() const;
    // Milliseconds since SDL started (monotonic).
    std::uint64_t now_ms() const;
    bool headless() const;
    // Name of the renderer in use, e.g. "software".
    std::string renderer_name() const;

    struct Impl; // SDL state; defined in platform.cpp only
    // Used by open(); Impl cannot be made outside platform.cpp.
    explicit Platform(std::unique_ptr<Impl> impl);

private:
    std::unique_ptr<Impl> impl_;
};

} // namespace engage::kiosk
