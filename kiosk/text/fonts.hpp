#pragma once
// The kiosk's fonts: the text pipeline (text_pipeline.hpp: HarfBuzz-shaped
// text in every script, from the Noto faces in font_faces.hpp) and, for
// ImGui's own use and for the sizes screens ask for, a small ImGui atlas of
// Noto Sans (Latin) at the three sizes. Everything screens draw goes through
// widgets/text_block, which uses the pipeline.

#include <filesystem>
#include <memory>
#include <string>

struct ImFont;
struct ImGuiIO;

namespace engage::kiosk {

class TextPipeline;

// The fonts of one atlas; the ImFonts are owned by io.Fonts (valid until it is
// cleared), the pipeline is shared by every copy of this struct.
struct KioskFonts {
    ImFont* normal = nullptr;  // body text, pixel_size
    ImFont* large = nullptr;   // answer buttons and tiles, 1.5 × pixel_size
    ImFont* heading = nullptr; // question text and titles, 2 × pixel_size
    // The top bar's labels at their own size (FontOptions::bar_pixel_size),
    // not a scale of the body font; null when no bar size was given.
    ImFont* bar = nullptr;
    bool arabic = false;                // the Arabic-script face was found
    std::shared_ptr<TextPipeline> text; // shaping and drawing; null only without Noto Sans
    std::string error;                  // "" or what is missing
};

struct FontOptions {
    // Where the Noto .ttf files are; ENGAGE_FONT_DIR overrides.
    std::filesystem::path font_dir = "/usr/share/fonts/truetype/noto";
    // Body size multipliers for the large and heading fonts.
    float large_scale = 1.5f;
    float heading_scale = 2.0f;
    // The top bar's font size in pixels (Metrics::bar_text_px); 0: no bar font.
    float bar_pixel_size = 0;
};

// Clears io.Fonts, adds Noto Sans at the three sizes (and the bar's) (`pixel_size` already
// scaled for DPI and the person's text-size choice), builds the atlas and
// makes a fresh text pipeline. To change size, call load_fonts again, then let
// the renderer backend re-create its texture (destroy the old one first) and
// hand the new pipeline's glyph cache to the platform. Sets io.FontDefault to
// `normal`. Never throws; falls back to ImGui's default font (and no
// pipeline) when Noto Sans is not found.
KioskFonts load_fonts(ImGuiIO& io, float pixel_size, const FontOptions& options = {});

} // namespace engage::kiosk
