#pragma once
// Saving what the renderer drew as a PNG (SDL_RenderReadPixels + stb_image_write).

#include <filesystem>
#include <string>

struct SDL_Renderer;

namespace engage::kiosk {

// Reads the renderer's current target (call before SDL_RenderPresent) and
// writes it as an RGB PNG to `path`, creating its folder. False + `error` on failure.
bool save_png_from_renderer(SDL_Renderer* renderer, const std::filesystem::path& path,
                            std::string& error);

} // namespace engage::kiosk
