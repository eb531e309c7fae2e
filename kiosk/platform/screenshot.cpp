#include "kiosk/platform/screenshot.hpp"

#include <SDL.h>
#include <stb_image_write.h>
#include <system_error>
#include <vector>

namespace engage::kiosk {

bool save_png_from_renderer(SDL_Renderer* renderer, const std::filesystem::path& path,
                            std::string& error) {
    int w = 0, h = 0;
    if (SDL_GetRendererOutputSize(renderer, &w, &h) != 0 || w <= 0 || h <= 0) {
        error = std::string("screenshot: no output size: ") + SDL_GetError();
        return false;
    }
    std::vector<unsigned char> pixels(static_cast<std::size_t>(w) * static_cast<std::size_t>(h) *
                                      3);
    // Read at scale 1 so the PNG has the output's real pixels.
    float sx = 1, sy = 1;
    SDL_RenderGetScale(renderer, &sx, &sy);
    SDL_RenderSetScale(renderer, 1, 1);
    const int rc =
        SDL_RenderReadPixels(renderer, nullptr, SDL_PIXELFORMAT_RGB24, pixels.data(), w * 3);
    SDL_RenderSetScale(renderer, sx, sy);
    if (rc != 0) {
        error = std::string("screenshot: could not read pixels: ") + SDL_GetError();
        return false;
    }
    std::error_code ec;
    if (path.has_parent_path())
        std::filesystem::create_directories(path.parent_path(), ec);
    if (stbi_write_png(path.c_str(), w, h, 3, pixels.data(), w * 3) == 0) {
        error = "screenshot: could not write " + path.string();
        return false;
    }
    return true;
}

} // namespace engage::kiosk
