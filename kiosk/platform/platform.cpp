#include "kiosk/platform/platform.hpp"

#include "kiosk/platform/screenshot.hpp"
#include "kiosk/text/glyph_cache.hpp"

#include <SDL.h>
#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <imgui.h>
#include <imgui_impl_sdl.h>
#include <imgui_impl_sdlrenderer.h>
#include <mutex>
#include <utility>
#include <vector>

#if !SDL_VERSION_ATLEAST(2, 0, 18)
#error "engage-kiosk needs SDL 2.0.18+ (SDL_RenderGeometry, SDL_GetTicks64)"
#endif

namespace engage::kiosk {

namespace {

struct WindowDeleter {
    void operator()(SDL_Window* w) const { SDL_DestroyWindow(w); }
};
struct RendererDeleter {
    void operator()(SDL_Renderer* r) const { SDL_DestroyRenderer(r); }
};

// SDL_Init/SDL_Quit as one owner so every early return cleans up.
struct SdlSession {
    bool ok = false;
    SdlSession() { ok = SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER | SDL_INIT_EVENTS) == 0; }
    ~SdlSession() {
        if (ok)
            SDL_Quit();
    }
    SdlSession(const SdlSession&) = delete;
    SdlSession& operator=(const SdlSession&) = delete;
};

// ImGui backends' init/shutdown pair, shut down before the renderer goes.
struct ImGuiBackends {
    bool sdl = false;
    bool renderer = false;
    ~ImGuiBackends() {
        if (renderer)
            ImGui_ImplSDLRenderer_Shutdown();
        if (sdl)
            ImGui_ImplSDL2_Shutdown();
    }
};

} // namespace

namespace {

// The text pipeline's glyph pages as SDL textures: white with the glyph
// coverage as alpha, like ImGui's own atlas, so vertex colours tint them.
class SdlGlyphTextures final : public GlyphTextures {
public:
    explicit SdlGlyphTextures(SDL_Renderer* renderer) : renderer_(renderer) {}
    ImTextureID create(int width, int height) override {
        SDL_Texture* t = SDL_CreateTexture(renderer_, SDL_PIXELFORMAT_RGBA32,
                                           SDL_TEXTUREACCESS_STATIC, width, height);
        if (t != nullptr)
            SDL_SetTextureBlendMode(t, SDL_BLENDMODE_BLEND);
        return t;
    }
    void update(ImTextureID texture, const std::uint8_t* coverage, int width, int /*height*/,
                int y0, int y1) override {
        if (texture == nullptr || y1 <= y0)
            return;
        rgba_.resize(static_cast<std::size_t>(width) * static_cast<std::size_t>(y1 - y0));
        const std::uint8_t* src = coverage + static_cast<std::ptrdiff_t>(y0) * width;
        for (std::size_t i = 0; i < rgba_.size(); ++i)
            rgba_[i] = (static_cast<Uint32>(src[i]) << 24) | 0x00FFFFFFu; // bytes R G B A
        const SDL_Rect rect{0, y0, width, y1 - y0};
        SDL_UpdateTexture(static_cast<SDL_Texture*>(texture), &rect, rgba_.data(), width * 4);
    }
    void destroy(ImTextureID texture) override {
        if (texture != nullptr)
            SDL_DestroyTexture(static_cast<SDL_Texture*>(texture));
    }

private:
    SDL_Renderer* renderer_;
    std::vector<Uint32> rgba_; // one conversion buffer, reused
};

} // namespace

struct Platform::Impl {
    // Members are destroyed bottom-up: backends, renderer, window, SDL.
    SdlSession session;
    std::unique_ptr<SDL_Window, WindowDeleter> window;
    std::unique_ptr<SDL_Renderer, RendererDeleter> renderer;
    ImGuiBackends backends;
    // After the renderer: glyph textures go before it does.
    std::unique_ptr<SdlGlyphTextures> glyph_textures;
    GlyphCache* glyphs = nullptr; // the text pipeline's, set by set_glyph_cache()
    bool headless = false;
    bool ignore_window_close = false;
    bool quit = false;
    bool resized = false;
    bool input_seen = false;
    bool pointer_known = false;
    // Headless waiting: the offscreen driver has no blocking wait, and SDL's
    // fallback polls every millisecond; an idle headless kiosk sleeps here
    // instead and post_wake() (from the sync thread) rings it.
    std::mutex wake_mutex;
    std::condition_variable wake_cv;
    bool woken = false;
    Uint32 wake_event = 0;
    float dpi = 1.0f;
    float dpi_override = 0.0f; // the device profile's scale, when it gives one
    PointerState pointer;

    void update_dpi() {
        if (dpi_override > 0) {
            dpi = dpi_override;
            return;
        }
        float ddpi = 0, hdpi = 0, vdpi = 0;
        const int display = SDL_GetWindowDisplayIndex(window.get());
        if (!headless && display >= 0 && SDL_GetDisplayDPI(display, &ddpi, &hdpi, &vdpi) == 0 &&
            hdpi > 0) {
            dpi = hdpi / 96.0f;
        } else {
            dpi = 1.0f;
        }
    }

    void handle(const SDL_Event& e) {
        ImGui_ImplSDL2_ProcessEvent(&e);
        switch (e.type) {
        case SDL_KEYDOWN:
        case SDL_KEYUP:
        case SDL_TEXTINPUT:
        case SDL_FINGERDOWN:
        case SDL_FINGERUP:
        case SDL_MOUSEWHEEL:
            input_seen = true;
            break;
        case SDL_QUIT:
            quit = true;
            break;
        case SDL_WINDOWEVENT:
            if (e.window.event == SDL_WINDOWEVENT_CLOSE && !ignore_window_close)
                quit = true;
            if (e.window.event == SDL_WINDOWEVENT_SIZE_CHANGED ||
                e.window.event == SDL_WINDOWEVENT_DISPLAY_CHANGED) {
                resized = true;
                update_dpi();
            }
            break;
        case SDL_MOUSEBUTTONDOWN:
            input_seen = true;
            if (e.button.button == SDL_BUTTON_LEFT) {
                pointer.down = true;
                pointer_known = true;
                pointer.x = static_cast<float>(e.button.x);
                pointer.y = static_cast<float>(e.button.y);
                pointer.down_since_ms = SDL_GetTicks64();
            }
            break;
        case SDL_MOUSEBUTTONUP:
            input_seen = true; // the release is what presses a button
            if (e.button.button == SDL_BUTTON_LEFT)
                pointer.down = false;
            break;
        case SDL_MOUSEMOTION:
            // A drag (scrolling a list) needs frames; a mouse merely passing does not.
            if (pointer.down)
                input_seen = true;
            pointer_known = true;
            pointer.x = static_cast<float>(e.motion.x);
            pointer.y = static_cast<float>(e.motion.y);
            break;
        default:
            break;
        }
    }

    void push_button(Uint32 type, float x, float y) {
        // Move SDL's own mouse first: the 1.86 backend reads the position
        // from SDL_GetMouseState, not from the button event.
        SDL_WarpMouseInWindow(window.get(), static_cast<int>(x), static_cast<int>(y));
        SDL_Event e{};
        e.type = type;
        e.button.windowID = SDL_GetWindowID(window.get());
        e.button.which = 0;
        e.button.button = SDL_BUTTON_LEFT;
        e.button.state = type == SDL_MOUSEBUTTONDOWN ? SDL_PRESSED : SDL_RELEASED;
        e.button.clicks = 1;
        e.button.x = static_cast<Sint32>(x);
        e.button.y = static_cast<Sint32>(y);
        e.button.timestamp = SDL_GetTicks();
        SDL_PushEvent(&e);
    }

    void push_wheel(float x, float y, int notches) {
        SDL_WarpMouseInWindow(window.get(), static_cast<int>(x), static_cast<int>(y));
        SDL_Event e{};
        e.type = SDL_MOUSEWHEEL;
        e.wheel.windowID = SDL_GetWindowID(window.get());
        e.wheel.which = 0;
        e.wheel.y = notches; // positive: away from the person, the list moves down
        e.wheel.direction = SDL_MOUSEWHEEL_NORMAL;
        e.wheel.timestamp = SDL_GetTicks();
        SDL_PushEvent(&e);
    }

    bool push_key(Uint32 type, std::string_view name) {
        const std::string key_name(name);
        const SDL_Scancode sc = SDL_GetScancodeFromName(key_name.c_str());
        if (sc == SDL_SCANCODE_UNKNOWN)
            return false;
        SDL_Event e{};
        e.type = type;
        e.key.windowID = SDL_GetWindowID(window.get());
        e.key.state = type == SDL_KEYDOWN ? SDL_PRESSED : SDL_RELEASED;
        e.key.keysym.scancode = sc;
        e.key.keysym.sym = SDL_GetKeyFromScancode(sc);
        e.key.timestamp = SDL_GetTicks();
        SDL_PushEvent(&e);
        return true;
    }
};

Platform::Platform(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Platform::~Platform() = default;

std::unique_ptr<Platform> Platform::open(const PlatformOptions& options, std::string& error) {
    const bool software = options.headless || options.renderer == RendererChoice::software;
    if (options.headless) // hints must be set before SDL_Init to choose the driver
        SDL_SetHint(SDL_HINT_VIDEODRIVER, "offscreen");
    if (software)
        SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software");
    // A kiosk must never blank its screen on its own; the OS power policy decides.
    SDL_SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "1");
    if (options.ignore_window_close) {
        // Closing the last window must not turn into SDL_QUIT, which then
        // means only a signal (SIGINT, SIGTERM) from the system.
        SDL_SetHint(SDL_HINT_QUIT_ON_LAST_WINDOW_CLOSE, "0");
        SDL_SetHint(SDL_HINT_WINDOWS_NO_CLOSE_ON_ALT_F4, "1");
    }
    auto impl = std::make_unique<Impl>();
    if (!impl->session.ok) {
        error = std::string("SDL could not start: ") + SDL_GetError();
        return nullptr;
    }
    // Without this SDL presents a software frame through an OpenGL texture
    // (Mesa's llvmpipe when there is no GPU): extra threads, memory and most of
    // the frame time, for a window nobody sees (headless) or on a panel whose
    // profile chose software to stay light. SDL's Wayland driver has no other
    // way to show a software frame (the renderer fails without it), so there
    // SDL keeps its default; X11 (also through Xwayland) and offscreen do.
    const std::string_view driver = SDL_GetCurrentVideoDriver() ? SDL_GetCurrentVideoDriver() : "";
    if (software && driver != "wayland")
        SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    impl->headless = options.headless;
    impl->dpi_override = options.dpi_scale;
    impl->ignore_window_close = options.ignore_window_close;
    Uint32 flags = SDL_WINDOW_ALLOW_HIGHDPI;
    if (!options.headless)
        flags |= SDL_WINDOW_RESIZABLE;
    if (options.fullscreen && !options.headless)
        flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    impl->window.reset(SDL_CreateWindow(options.title.c_str(), SDL_WINDOWPOS_CENTERED,
                                        SDL_WINDOWPOS_CENTERED, options.width, options.height,
                                        flags));
    if (!impl->window) {
        error = std::string("could not open the window: ") + SDL_GetError();
        return nullptr;
    }
    const Uint32 renderer_flags =
        software ? SDL_RENDERER_SOFTWARE : SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC;
    impl->renderer.reset(SDL_CreateRenderer(impl->window.get(), -1, renderer_flags));
    if (!impl->renderer && !options.headless) // no GPU: the software renderer still works
        impl->renderer.reset(SDL_CreateRenderer(impl->window.get(), -1, SDL_RENDERER_SOFTWARE));
    if (!impl->renderer) {
        error = std::string("could not create a renderer: ") + SDL_GetError();
        return nullptr;
    }
    impl->backends.sdl = ImGui_ImplSDL2_InitForSDLRenderer(impl->window.get());
    impl->backends.renderer = ImGui_ImplSDLRenderer_Init(impl->renderer.get());
    if (!impl->backends.sdl || !impl->backends.renderer) {
        error = "could not start the Dear ImGui backends";
        return nullptr;
    }
    if (options.fullscreen || !options.headless)
        SDL_ShowCursor(options.fullscreen ? SDL_DISABLE : SDL_ENABLE);
    impl->update_dpi();
    impl->wake_event = SDL_RegisterEvents(1);
    return std::make_unique<Platform>(std::move(impl));
}

bool Platform::wait_events(int timeout_ms) {
    SDL_Event e;
    bool any = false;
    if (timeout_ms != 0 && impl_->headless) {
        // Everything a headless kiosk receives is pushed from its own thread
        // (the script) before it waits, or comes with post_wake().
        if (SDL_PollEvent(&e) == 1) {
            impl_->handle(e);
            any = true;
        } else {
            std::unique_lock lock(impl_->wake_mutex);
            auto rung = [this] { return impl_->woken; };
            if (timeout_ms < 0)
                impl_->wake_cv.wait(lock, rung);
            else
                impl_->wake_cv.wait_for(lock, std::chrono::milliseconds(timeout_ms), rung);
            impl_->woken = false;
        }
    } else if (timeout_ms != 0) {
        const int got = timeout_ms < 0 ? SDL_WaitEvent(&e) : SDL_WaitEventTimeout(&e, timeout_ms);
        if (got == 1) {
            impl_->handle(e);
            any = true;
        }
    }
    while (SDL_PollEvent(&e) == 1) {
        impl_->handle(e);
        any = true;
    }
    return any;
}

bool Platform::take_input_seen() {
    return std::exchange(impl_->input_seen, false);
}

void Platform::post_wake() {
    {
        const std::lock_guard lock(impl_->wake_mutex);
        impl_->woken = true;
    }
    impl_->wake_cv.notify_one();
    if (impl_->wake_event == static_cast<Uint32>(-1))
        return;
    SDL_Event e{};
    e.type = impl_->wake_event;
    SDL_PushEvent(&e); // thread-safe in SDL2
}

bool Platform::quit_requested() const {
    return impl_->quit;
}

bool Platform::take_resized() {
    return std::exchange(impl_->resized, false);
}

void Platform::new_frame() {
    ImGui_ImplSDLRenderer_NewFrame();
    ImGui_ImplSDL2_NewFrame();
    // The 1.86 backend takes the position from SDL's mouse focus window,
    // which the offscreen driver never has; events still tell where the
    // pointer is, so fall back to them.
    ImGuiIO& io = ImGui::GetIO();
    if (!ImGui::IsMousePosValid(&io.MousePos) && impl_->pointer_known)
        io.MousePos = ImVec2(impl_->pointer.x, impl_->pointer.y);
    ImGui::NewFrame();
}

bool Platform::render(const float clear_rgb[3], const std::filesystem::path& screenshot,
                      std::string& error) {
    ImGui::Render();
    SDL_Renderer* r = impl_->renderer.get();
    const ImGuiIO& io = ImGui::GetIO();
    SDL_RenderSetScale(r, io.DisplayFramebufferScale.x, io.DisplayFramebufferScale.y);
    SDL_SetRenderDrawColor(r, static_cast<Uint8>(clear_rgb[0] * 255.0f + 0.5f),
                           static_cast<Uint8>(clear_rgb[1] * 255.0f + 0.5f),
                           static_cast<Uint8>(clear_rgb[2] * 255.0f + 0.5f), 255);
    SDL_RenderClear(r);
    if (impl_->glyphs != nullptr)
        impl_->glyphs->upload(); // glyphs first drawn in this frame
    ImGui_ImplSDLRenderer_RenderDrawData(ImGui::GetDrawData());
    bool ok = true;
    if (!screenshot.empty())
        ok = save_png_from_renderer(r, screenshot, error);
    SDL_RenderPresent(r);
    return ok;
}

void Platform::reload_fonts() {
    ImGui_ImplSDLRenderer_DestroyFontsTexture();
    ImGui_ImplSDLRenderer_CreateFontsTexture();
}

void Platform::set_glyph_cache(GlyphCache* glyphs) {
    if (impl_->glyphs != nullptr && impl_->glyphs != glyphs)
        impl_->glyphs->set_textures(nullptr);
    if (!impl_->glyph_textures)
        impl_->glyph_textures = std::make_unique<SdlGlyphTextures>(impl_->renderer.get());
    impl_->glyphs = glyphs;
    if (glyphs != nullptr)
        glyphs->set_textures(impl_->glyph_textures.get());
}

void Platform::inject_pointer_down(float x, float y) {
    impl_->push_button(SDL_MOUSEBUTTONDOWN, x, y);
}
void Platform::inject_pointer_up(float x, float y) {
    impl_->push_button(SDL_MOUSEBUTTONUP, x, y);
}
void Platform::inject_wheel(float x, float y, int notches) {
    impl_->push_wheel(x, y, notches);
}
bool Platform::inject_key_down(std::string_view name) {
    return impl_->push_key(SDL_KEYDOWN, name);
}
bool Platform::inject_key_up(std::string_view name) {
    return impl_->push_key(SDL_KEYUP, name);
}

void Platform::inject_window_close() {
    SDL_Event e{};
    e.type = SDL_WINDOWEVENT;
    e.window.event = SDL_WINDOWEVENT_CLOSE;
    e.window.windowID = SDL_GetWindowID(impl_->window.get());
    SDL_PushEvent(&e);
}

void Platform::inject_text(std::string_view utf8) {
    SDL_Event e{};
    e.type = SDL_TEXTINPUT;
    e.text.windowID = SDL_GetWindowID(impl_->window.get());
    const std::size_t n = std::min(utf8.size(), sizeof(e.text.text) - 1);
    std::memcpy(e.text.text, utf8.data(), n);
    SDL_PushEvent(&e);
}

const PointerState& Platform::pointer() const {
    return impl_->pointer;
}

float Platform::width() const {
    int w = 0, h = 0;
    SDL_GetWindowSize(impl_->window.get(), &w, &h);
    return static_cast<float>(w);
}
float Platform::height() const {
    int w = 0, h = 0;
    SDL_GetWindowSize(impl_->window.get(), &w, &h);
    return static_cast<float>(h);
}
float Platform::dpi_scale() const {
    return impl_->dpi;
}
std::uint64_t Platform::now_ms() const {
    return SDL_GetTicks64();
}
bool Platform::headless() const {
    return impl_->headless;
}

std::string Platform::renderer_name() const {
    SDL_RendererInfo info{};
    if (SDL_GetRendererInfo(impl_->renderer.get(), &info) != 0 || info.name == nullptr)
        return "unknown";
    return info.name;
}

} // namespace engage::kiosk
