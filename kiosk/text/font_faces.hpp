#pragma once
// The script fonts the kiosk shapes and draws with, one per writing system,
// all Noto from Debian's fonts-noto-core: Noto Sans (Latin and anything no
// other face covers), Noto Naskh Arabic (Arabic, Farsi, Sorani), Noto Nastaliq
// Urdu (Urdu), Noto Sans Gurmukhi (Punjabi), Noto Sans Bengali and Noto Sans
// Ethiopic (Tigrinya, Amharic). Each face carries a size factor that matches
// its letters' body height to Latin's x-height, so no script looks smaller
// than another at one text size; Ethiopic's to Latin's cap height (see
// kCapHeightFaces in font_faces.cpp for why).
//
// Not thread-safe (FreeType faces keep their current size): one owner, the UI
// thread.

#include <array>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

struct hb_font_t;
struct FT_FaceRec_;

namespace engage::kiosk {

enum class FaceId : std::uint8_t { latin, naskh, nastaliq, gurmukhi, bengali, ethiopic };
inline constexpr std::size_t kFaceCount = 6;

// The font file of a face, and letters whose ink height stands for its body
// height (Latin: the x-height).
struct FaceFile {
    const char* file;
    const char* body_letters;
};
const FaceFile& face_file(FaceId id);
// Latin capitals without overshoot, whose ink top is the cap height.
inline constexpr const char* kLatinCapitals = "HEIT";
// Whether `id`'s body is matched to Latin's cap height rather than its x-height.
bool matched_to_cap_height(FaceId id);

// Metrics of a loaded face, in its own font units.
struct FaceMetrics {
    int units_per_em = 1000;
    int ascender = 0;
    int descender = 0;        // negative, below the baseline
    float body_height = 0;    // median ink top of body_letters above the baseline
    float size_factor = 1.0f; // × the Latin em size: matches body height to Latin's x-height
                              // (Ethiopic: to its cap height)
};

class FontFaces {
public:
    // Loads every face found in `dir`. A missing face is left out (its text
    // falls back to Noto Sans, as boxes if Noto Sans lacks it) and named in error().
    explicit FontFaces(const std::filesystem::path& dir);
    ~FontFaces();
    FontFaces(const FontFaces&) = delete;
    FontFaces& operator=(const FontFaces&) = delete;

    bool has(FaceId id) const;
    hb_font_t* hb(FaceId id) const;   // unscaled: positions in font units
    FT_FaceRec_* ft(FaceId id) const; // for rasterising
    const FaceMetrics& metrics(FaceId id) const;
    // The face that sets `script` (an hb_script_t) in `language`: Urdu
    // Arabic-script text gets Nastaliq, other Arabic-script text Naskh.
    FaceId face_for_script(std::uint32_t script, std::string_view language) const;
    // True when `id` has a glyph for `cp`.
    bool covers(FaceId id, char32_t cp) const;
    const std::string& error() const { return error_; }

private:
    struct Loaded;
    std::array<std::unique_ptr<Loaded>, kFaceCount> faces_;
    std::string error_;
};

} // namespace engage::kiosk
