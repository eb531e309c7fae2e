#include "kiosk/text/fonts.hpp"

#include "kiosk/text/text_pipeline.hpp"

#include <cstdlib>
#include <imgui.h>

namespace engage::kiosk {
namespace {

// Glyph ranges must outlive the atlas build (ImGui keeps the pointer), so they
// are constants. Only what ImGui itself may draw (digits and Latin labels
// outside the text pipeline); every script is drawn by the pipeline.
constexpr ImWchar kLatinRanges[] = {
    0x0020, 0x017F, // Basic Latin, Latin-1 Supplement, Latin Extended-A
    0x2010, 0x2027, // dashes, quotes, bullet, ellipsis
    0xFFFD, 0xFFFD, // replacement character, shown for anything missing
    0,
};

ImFont* add_font(ImGuiIO& io, const std::filesystem::path& latin, float size) {
    ImFontConfig config;
    // Kiosk text is large; horizontal oversampling would triple the atlas
    // width and its build time for no visible gain at these sizes.
    config.OversampleH = 1;
    config.OversampleV = 1;
    config.PixelSnapH = true;
    return io.Fonts->AddFontFromFileTTF(latin.string().c_str(), size, &config, kLatinRanges);
}

} // namespace

KioskFonts load_fonts(ImGuiIO& io, float pixel_size, const FontOptions& options) {
    KioskFonts out;
    io.Fonts->Clear();
    std::filesystem::path dir = options.font_dir;
    if (const char* env = std::getenv("ENGAGE_FONT_DIR"); env != nullptr && *env != '\0')
        dir = env;
    const auto latin = dir / face_file(FaceId::latin).file;
    std::error_code ec;
    if (!std::filesystem::exists(latin, ec)) {
        out.error = "font not found: " + latin.string();
        ImFontConfig config;
        config.SizePixels = pixel_size;
        out.normal = out.large = out.heading = io.Fonts->AddFontDefault(&config);
        out.bar = options.bar_pixel_size > 0 ? out.normal : nullptr;
        io.FontDefault = out.normal;
        return out;
    }
    out.text = std::make_shared<TextPipeline>(dir);
    out.error = out.text->faces().error();
    out.arabic = out.text->faces().has(FaceId::naskh);
    out.normal = add_font(io, latin, pixel_size);
    out.large = add_font(io, latin, pixel_size * options.large_scale);
    out.heading = add_font(io, latin, pixel_size * options.heading_scale);
    if (options.bar_pixel_size > 0)
        out.bar = add_font(io, latin, options.bar_pixel_size);
    io.FontDefault = out.normal;
    if (!io.Fonts->Build())
        out.error = "font atlas build failed";
    return out;
}

} // namespace engage::kiosk
