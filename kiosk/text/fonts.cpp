#include "kiosk/text/fonts.hpp"

#include "kiosk/text/arabic_forms.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <hb.h>
#include <imgui.h>
#include <iterator>
#include <memory>
#include <stb_truetype.h>
#include <vector>

namespace engage::kiosk {
namespace {

// Glyph ranges must outlive the atlas build (ImGui keeps the pointer), so they
// are constants. Latin: ASCII, Latin-1 (Portuguese), Latin Extended-A (Polish,
// Romanian ă â î) and the comma-below ș ț of Romanian; Somali is ASCII.
// Punctuation for quotes, dashes, ellipsis and the euro/pound signs, arrows
// for Back/Next. Greek and Cyrillic are in Noto Sans but no catalogue language
// uses them, so they are left out of the atlas to keep start-up fast.
constexpr ImWchar kLatinRanges[] = {
    0x0020, 0x017F, // Basic Latin, Latin-1 Supplement, Latin Extended-A
    0x0218, 0x021B, // Ș ș Ț ț
    0x2010, 0x2027, // dashes, quotes, bullet, ellipsis
    0x2039, 0x203A, // single guillemets
    0x20AC, 0x20AC, // euro
    0x2190, 0x2193, // arrows
    0xFFFD, 0xFFFD, // replacement character, shown for anything missing
    0,
};
// Arabic, Farsi, Urdu, Sorani: the Arabic block (letters, digits, punctuation)
// and the presentation forms FriBiDi produces (A: Farsi/Urdu letters, B: the
// basic Arabic letters and lam-alef ligatures). The big ligature table
// FC00–FDFF is skipped: FriBiDi only forms lam-alef, which is in FE70–FEFF.
constexpr ImWchar kArabicRanges[] = {
    0x0600, 0x06FF, // Arabic
    0xFB50, 0xFBFF, // Arabic Presentation Forms-A (letters part)
    0xFDF2, 0xFDF2, // Allah ligature
    0xFDFC, 0xFDFC, // rial sign
    0xFE70, 0xFEFF, // Arabic Presentation Forms-B
    0,
};

constexpr const char* kLatinFile = "NotoSans-Regular.ttf";
// Naskh is the book hand readers of Arabic, Farsi and (as a second best to
// Nastaliq, which ImGui cannot lay out) Urdu and Sorani know; its cmap has every
// presentation form FriBiDi emits.
constexpr const char* kArabicFile = "NotoNaskhArabic-Regular.ttf";
// Naskh's tall ascenders and descenders make it look small next to Noto Sans
// at one pixel height; this brings its letter body to a similar size.
constexpr float kArabicScale = 1.2f;

std::vector<unsigned char> read_all(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return {};
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// A joined form of an extra letter, rasterised from the Arabic font as HarfBuzz
// shapes it, waiting for its rectangle in the atlas.
struct CustomGlyph {
    ImFont* font = nullptr;
    ImWchar code_point = 0;
    int rect = -1;
    int width = 0;
    int height = 0;
    std::vector<unsigned char> alpha;
};

struct HbFaceDeleter {
    void operator()(hb_face_t* f) const { hb_face_destroy(f); }
};
struct HbFontDeleter {
    void operator()(hb_font_t* f) const { hb_font_destroy(f); }
};
struct HbBufferDeleter {
    void operator()(hb_buffer_t* b) const { hb_buffer_destroy(b); }
};
struct HbBlobDeleter {
    void operator()(hb_blob_t* b) const { hb_blob_destroy(b); }
};

class ArabicRasteriser {
public:
    explicit ArabicRasteriser(const std::vector<unsigned char>& data) : data_(data) {
        if (data_.empty() || stbtt_InitFont(&info_, data_.data(),
                                            stbtt_GetFontOffsetForIndex(data_.data(), 0)) == 0) {
            return;
        }
        std::unique_ptr<hb_blob_t, HbBlobDeleter> blob{hb_blob_create(
            reinterpret_cast<const char*>(data_.data()), static_cast<unsigned int>(data_.size()),
            HB_MEMORY_MODE_READONLY, nullptr, nullptr)};
        face_.reset(hb_face_create(blob.get(), 0));
        font_.reset(hb_font_create(face_.get()));
        ok_ = true;
    }

    bool ok() const { return ok_; }

    // Rasterises `letter` in `form` at the size ImGui uses for `size_pixels`;
    // offsets are relative to the pen position on the baseline.
    bool render(char32_t letter, arabic::JoinForm form, float size_pixels, CustomGlyph& out,
                float& advance, float& offset_x, float& offset_y) {
        // Zero-width joiners around the letter ask the font's own joining
        // rules for the form, without drawing anything themselves.
        std::vector<hb_codepoint_t> text;
        const bool joins_before =
            form == arabic::JoinForm::final_form || form == arabic::JoinForm::medial;
        const bool joins_after =
            form == arabic::JoinForm::initial || form == arabic::JoinForm::medial;
        if (joins_before)
            text.push_back(0x200D);
        const auto letter_index = static_cast<unsigned int>(text.size());
        text.push_back(letter);
        if (joins_after)
            text.push_back(0x200D);

        std::unique_ptr<hb_buffer_t, HbBufferDeleter> buffer{hb_buffer_create()};
        hb_buffer_add_codepoints(buffer.get(), text.data(), static_cast<int>(text.size()), 0,
                                 static_cast<int>(text.size()));
        hb_buffer_set_direction(buffer.get(), HB_DIRECTION_RTL);
        hb_buffer_set_script(buffer.get(), HB_SCRIPT_ARABIC);
        hb_buffer_set_language(buffer.get(), hb_language_from_string("ckb", -1));
        hb_shape(font_.get(), buffer.get(), nullptr, 0);

        unsigned int count = 0;
        const auto* infos = hb_buffer_get_glyph_infos(buffer.get(), &count);
        const auto* positions = hb_buffer_get_glyph_positions(buffer.get(), &count);
        const float scale = stbtt_ScaleForPixelHeight(&info_, size_pixels);

        struct Piece {
            int glyph;
            int x;
            int y;
        };
        std::vector<Piece> pieces;
        float pen = 0;
        float cluster_advance = 0;
        int min_x = 1 << 20, min_y = 1 << 20, max_x = -(1 << 20), max_y = -(1 << 20);
        for (unsigned int i = 0; i < count; ++i) {
            const float x = pen + static_cast<float>(positions[i].x_offset) * scale;
            const float y = -static_cast<float>(positions[i].y_offset) * scale;
            pen += static_cast<float>(positions[i].x_advance) * scale;
            if (infos[i].cluster != letter_index)
                continue;
            cluster_advance += static_cast<float>(positions[i].x_advance) * scale;
            const int glyph = static_cast<int>(infos[i].codepoint);
            int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
            stbtt_GetGlyphBitmapBox(&info_, glyph, scale, scale, &x0, &y0, &x1, &y1);
            const int px = static_cast<int>(std::lround(x));
            const int py = static_cast<int>(std::lround(y));
            pieces.push_back({glyph, px, py});
            min_x = std::min(min_x, px + x0);
            min_y = std::min(min_y, py + y0);
            max_x = std::max(max_x, px + x1);
            max_y = std::max(max_y, py + y1);
        }
        if (pieces.empty() || max_x <= min_x || max_y <= min_y)
            return false;
        // The pen of the first piece is the glyph's origin: shift so the
        // cluster starts at its own pen position.
        int origin = pieces.front().x;
        for (const auto& p : pieces)
            origin = std::min(origin, p.x);

        out.width = max_x - min_x;
        out.height = max_y - min_y;
        out.alpha.assign(static_cast<std::size_t>(out.width * out.height), 0);
        for (const auto& p : pieces) {
            int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
            stbtt_GetGlyphBitmapBox(&info_, p.glyph, scale, scale, &x0, &y0, &x1, &y1);
            const int w = x1 - x0, h = y1 - y0;
            if (w <= 0 || h <= 0)
                continue;
            std::vector<unsigned char> piece(static_cast<std::size_t>(w * h));
            stbtt_MakeGlyphBitmap(&info_, piece.data(), w, h, w, scale, scale, p.glyph);
            const int dx = p.x + x0 - min_x, dy = p.y + y0 - min_y;
            for (int row = 0; row < h; ++row) {
                for (int col = 0; col < w; ++col) {
                    auto& dst =
                        out.alpha[static_cast<std::size_t>((dy + row) * out.width + dx + col)];
                    dst = std::max(dst, piece[static_cast<std::size_t>(row * w + col)]);
                }
            }
        }
        advance = cluster_advance;
        offset_x = static_cast<float>(min_x - origin);
        offset_y = static_cast<float>(min_y);
        return true;
    }

private:
    const std::vector<unsigned char>& data_;
    stbtt_fontinfo info_{};
    std::unique_ptr<hb_face_t, HbFaceDeleter> face_;
    std::unique_ptr<hb_font_t, HbFontDeleter> font_;
    bool ok_ = false;
};

ImFont* add_font(ImGuiIO& io, const std::filesystem::path& latin, const std::filesystem::path& arab,
                 bool have_arabic, float size, ArabicRasteriser* rasteriser,
                 std::vector<CustomGlyph>& customs) {
    ImFontConfig config;
    // Kiosk text is large; horizontal oversampling would triple the atlas
    // width and its build time for no visible gain at these sizes.
    config.OversampleH = 1;
    config.OversampleV = 1;
    config.PixelSnapH = true;
    ImFont* font =
        io.Fonts->AddFontFromFileTTF(latin.string().c_str(), size, &config, kLatinRanges);
    if (font == nullptr || !have_arabic)
        return font;
    ImFontConfig merge = config;
    merge.MergeMode = true;
    io.Fonts->AddFontFromFileTTF(arab.string().c_str(), size * kArabicScale, &merge, kArabicRanges);
    if (rasteriser == nullptr || !rasteriser->ok())
        return font;
    for (char32_t letter : arabic::extra_letters()) {
        for (auto form :
             {arabic::JoinForm::final_form, arabic::JoinForm::initial, arabic::JoinForm::medial}) {
            CustomGlyph glyph;
            float advance = 0, ox = 0, oy = 0;
            if (!rasteriser->render(letter, form, size * kArabicScale, glyph, advance, ox, oy)) {
                continue;
            }
            glyph.font = font;
            glyph.code_point = static_cast<ImWchar>(arabic::extra_form_code_point(letter, form));
            // The y offset is relative to the baseline here; ImGui wants it
            // from the line top, known only after the build (fixed up there).
            glyph.rect =
                io.Fonts->AddCustomRectFontGlyph(font, glyph.code_point, glyph.width, glyph.height,
                                                 std::round(advance), ImVec2(ox, oy));
            customs.push_back(std::move(glyph));
        }
    }
    return font;
}

// Arabic vowel marks (harakat) have no advance and, without the font's mark
// positioning (which ImGui cannot apply), would sit over the joint between
// their letter and the one before it. FriBiDi puts each mark right after its
// letter in visual order, so the pen is at that letter's right edge: centring
// the mark half a typical letter to the left puts it over most letters.
void centre_arabic_marks(ImFont& font) {
    const float centre = -0.16f * font.FontSize; // half the median Naskh letter advance
    for (auto& g : font.Glyphs) {
        const bool mark = (g.Codepoint >= 0x064B && g.Codepoint <= 0x065F) || g.Codepoint == 0x0670;
        if (!mark || g.AdvanceX != 0.0f)
            continue;
        const float half = (g.X1 - g.X0) * 0.5f;
        g.X0 = std::round(centre - half);
        g.X1 = g.X0 + 2.0f * half;
    }
}

} // namespace

KioskFonts load_fonts(ImGuiIO& io, float pixel_size, const FontOptions& options) {
    KioskFonts out;
    io.Fonts->Clear();
    std::filesystem::path dir = options.font_dir;
    if (const char* env = std::getenv("ENGAGE_FONT_DIR"); env != nullptr && *env != '\0')
        dir = env;
    const auto latin = dir / kLatinFile;
    const auto arab = dir / kArabicFile;
    std::error_code ec;
    if (!std::filesystem::exists(latin, ec)) {
        out.error = "font not found: " + latin.string();
        ImFontConfig config;
        config.SizePixels = pixel_size;
        out.normal = out.large = out.heading = io.Fonts->AddFontDefault(&config);
        io.FontDefault = out.normal;
        return out;
    }
    out.arabic = std::filesystem::exists(arab, ec);
    if (!out.arabic)
        out.error = "font not found: " + arab.string();

    const auto arabic_data = out.arabic ? read_all(arab) : std::vector<unsigned char>{};
    ArabicRasteriser rasteriser(arabic_data);
    std::vector<CustomGlyph> customs;
    out.normal = add_font(io, latin, arab, out.arabic, pixel_size, &rasteriser, customs);
    out.large = add_font(io, latin, arab, out.arabic, pixel_size * options.large_scale, &rasteriser,
                         customs);
    out.heading = add_font(io, latin, arab, out.arabic, pixel_size * options.heading_scale,
                           &rasteriser, customs);
    io.FontDefault = out.normal;

    // Built here rather than by the renderer backend so the joined forms can
    // be painted into their rectangles before the texture is made.
    if (!io.Fonts->Build()) {
        out.error = "font atlas build failed";
        return out;
    }
    for (ImFont* font : {out.normal, out.large, out.heading})
        centre_arabic_marks(*font);
    unsigned char* pixels = nullptr;
    int tex_width = 0, tex_height = 0;
    io.Fonts->GetTexDataAsAlpha8(&pixels, &tex_width, &tex_height);
    for (const auto& glyph : customs) {
        const auto* rect = io.Fonts->GetCustomRectByIndex(glyph.rect);
        for (int row = 0; row < glyph.height; ++row) {
            std::copy_n(
                glyph.alpha.data() + static_cast<std::ptrdiff_t>(row * glyph.width), glyph.width,
                pixels + static_cast<std::ptrdiff_t>((rect->Y + row) * tex_width + rect->X));
        }
        // ImGui's glyph offsets start at the line top; ours at the baseline.
        for (auto& g : glyph.font->Glyphs) {
            if (g.Codepoint == glyph.code_point) {
                const float top = std::round(glyph.font->Ascent);
                g.Y0 += top;
                g.Y1 += top;
            }
        }
    }
    return out;
}

} // namespace engage::kiosk
