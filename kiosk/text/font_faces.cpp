#include "kiosk/text/font_faces.hpp"

#include <algorithm>
#include <ft2build.h>
#include FT_FREETYPE_H
#include <hb.h>
#include <vector>

namespace engage::kiosk {
namespace {

// Body letters per face: letters without ascenders or descenders, whose ink
// top is what a reader sees as the size of the running text. Latin: the
// x-height letters; Arabic and Nastaliq: heh, waw and ain, whose tops make
// the band most letters' bodies fill (meem and sad are low in Naskh, tall in
// Nastaliq's isolated forms, so they would skew it);
// Gurmukhi/Bengali: letters up to the headline; Ethiopic: its base syllables.
constexpr std::array<FaceFile, kFaceCount> kFiles = {{
    {"NotoSans-Regular.ttf", "xvzuwnm"},
    {"NotoNaskhArabic-Regular.ttf", "هوع"},
    {"NotoNastaliqUrdu-Regular.ttf", "هوع"},
    {"NotoSansGurmukhi-Regular.ttf", "ਮਸਨਕ"},
    {"NotoSansBengali-Regular.ttf", "মসনক"},
    {"NotoSansEthiopic-Regular.ttf", "ለሰመነ"},
}};

// Ethiopic has no x-height: every syllable stands at one full height, with
// nothing rising above or falling below the row, as Latin capitals do. A
// line of it is read as a band as tall as its syllables, where a Latin
// line's band runs from its x-height up to its ascenders and capitals, so
// syllables brought to the Latin x-height read a size smaller (seen in
// Amharic questions at size 0: "the words look small"). Brought to the
// Latin cap height they read at the same size; that is also how Noto draws
// them (Noto Sans Ethiopic's syllables are 714/1000 em tall, Noto Sans'
// capitals 714/1000), so at one pixel size they match as designed.
constexpr std::array<FaceId, 1> kCapHeightFaces{FaceId::ethiopic};

struct FtLibraryDeleter {
    void operator()(FT_Library l) const { FT_Done_FreeType(l); }
};
struct HbFontDeleter {
    void operator()(hb_font_t* f) const { hb_font_destroy(f); }
};
struct HbBufferDeleter {
    void operator()(hb_buffer_t* b) const { hb_buffer_destroy(b); }
};

// Median ink top (font units) of each letter shaped alone in `font`.
float body_height(hb_font_t* font, const char* letters) {
    std::vector<float> tops;
    std::unique_ptr<hb_buffer_t, HbBufferDeleter> buffer{hb_buffer_create()};
    const std::string_view all(letters);
    std::size_t i = 0;
    while (i < all.size()) {
        std::size_t len = 1;
        const auto lead = static_cast<unsigned char>(all[i]);
        len = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
        hb_buffer_reset(buffer.get());
        hb_buffer_add_utf8(buffer.get(), all.data() + i, static_cast<int>(len), 0,
                           static_cast<int>(len));
        hb_buffer_guess_segment_properties(buffer.get());
        hb_shape(font, buffer.get(), nullptr, 0);
        unsigned int count = 0;
        const auto* infos = hb_buffer_get_glyph_infos(buffer.get(), &count);
        float top = 0;
        for (unsigned int g = 0; g < count; ++g) {
            hb_glyph_extents_t e{};
            if (hb_font_get_glyph_extents(font, infos[g].codepoint, &e))
                top = std::max(top, static_cast<float>(e.y_bearing));
        }
        if (top > 0)
            tops.push_back(top);
        i += len;
    }
    if (tops.empty())
        return 0;
    std::sort(tops.begin(), tops.end());
    return tops[tops.size() / 2];
}

} // namespace

const FaceFile& face_file(FaceId id) {
    return kFiles.at(static_cast<std::size_t>(id));
}

bool matched_to_cap_height(FaceId id) {
    return std::find(kCapHeightFaces.begin(), kCapHeightFaces.end(), id) != kCapHeightFaces.end();
}

struct FontFaces::Loaded {
    std::unique_ptr<FT_LibraryRec_, FtLibraryDeleter>
        library; // one per face: faces are independent
    FT_Face face = nullptr;
    std::unique_ptr<hb_font_t, HbFontDeleter> hb;
    FaceMetrics metrics;
    ~Loaded() {
        hb.reset();
        if (face != nullptr)
            FT_Done_Face(face);
    }
};

FontFaces::FontFaces(const std::filesystem::path& dir) {
    for (std::size_t i = 0; i < kFaceCount; ++i) {
        const auto path = dir / kFiles.at(i).file;
        auto loaded = std::make_unique<Loaded>();
        FT_Library lib = nullptr;
        if (FT_Init_FreeType(&lib) != 0) {
            error_ += "freetype failed; ";
            continue;
        }
        loaded->library.reset(lib);
        if (FT_New_Face(lib, path.string().c_str(), 0, &loaded->face) != 0) {
            loaded->face = nullptr;
            error_ += "font not found: " + path.string() + "; ";
            continue;
        }
        // HarfBuzz reads the font's own tables (the "ot" functions, as
        // hb-shape does by default) so shaped positions are the font's design
        // units, whatever size the glyphs are drawn at.
        hb_blob_t* blob = hb_blob_create_from_file(path.string().c_str());
        hb_face_t* face = hb_face_create(blob, 0);
        loaded->hb.reset(hb_font_create(face));
        hb_face_destroy(face);
        hb_blob_destroy(blob);
        auto& m = loaded->metrics;
        m.units_per_em = loaded->face->units_per_EM;
        m.ascender = loaded->face->ascender;
        m.descender = loaded->face->descender;
        m.body_height = body_height(loaded->hb.get(), kFiles.at(i).body_letters);
        faces_.at(i) = std::move(loaded);
    }
    // Size factors: each face's body height (as a fraction of its em) brought
    // to Latin's x-height (as a fraction of Latin's em).
    if (has(FaceId::latin)) {
        const auto& latin = metrics(FaceId::latin);
        const float em = static_cast<float>(latin.units_per_em);
        const float x_height = latin.body_height / em;
        const float cap_height =
            body_height(faces_.at(static_cast<std::size_t>(FaceId::latin))->hb.get(),
                        kLatinCapitals) /
            em;
        for (std::size_t i = 0; i < kFaceCount; ++i) {
            auto& f = faces_.at(i);
            if (!f || f->metrics.body_height <= 0)
                continue;
            const float body = f->metrics.body_height / static_cast<float>(f->metrics.units_per_em);
            const bool cap = matched_to_cap_height(static_cast<FaceId>(i)) && cap_height > 0;
            f->metrics.size_factor = (cap ? cap_height : x_height) / body;
        }
    }
}

FontFaces::~FontFaces() = default;

bool FontFaces::has(FaceId id) const {
    return faces_.at(static_cast<std::size_t>(id)) != nullptr;
}

hb_font_t* FontFaces::hb(FaceId id) const {
    const auto& f = faces_.at(static_cast<std::size_t>(id));
    return f ? f->hb.get() : nullptr;
}

FT_FaceRec_* FontFaces::ft(FaceId id) const {
    const auto& f = faces_.at(static_cast<std::size_t>(id));
    return f ? f->face : nullptr;
}

const FaceMetrics& FontFaces::metrics(FaceId id) const {
    static const FaceMetrics none{};
    const auto& f = faces_.at(static_cast<std::size_t>(id));
    return f ? f->metrics : none;
}

FaceId FontFaces::face_for_script(std::uint32_t script, std::string_view language) const {
    FaceId want = FaceId::latin;
    switch (static_cast<hb_script_t>(script)) {
    case HB_SCRIPT_ARABIC:
        want = language == "ur" ? FaceId::nastaliq : FaceId::naskh;
        if (!has(want))
            want = FaceId::naskh;
        break;
    case HB_SCRIPT_GURMUKHI:
        want = FaceId::gurmukhi;
        break;
    case HB_SCRIPT_BENGALI:
        want = FaceId::bengali;
        break;
    case HB_SCRIPT_ETHIOPIC:
        want = FaceId::ethiopic;
        break;
    default:
        break;
    }
    return has(want) ? want : FaceId::latin;
}

bool FontFaces::covers(FaceId id, char32_t cp) const {
    hb_font_t* font = hb(id);
    hb_codepoint_t glyph = 0;
    return font != nullptr && hb_font_get_nominal_glyph(font, cp, &glyph) != 0;
}

} // namespace engage::kiosk
