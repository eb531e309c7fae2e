#pragma once
// Internal to engage_kiosk_media: Arabic-script letters whose joined forms have
// no Unicode presentation-form code point (Sorani ڕ ڵ ێ ە, Urdu ۂ). FriBiDi
// leaves them in their nominal, unjoined form; display text maps each (letter,
// form) to a private-use code point instead, and the font atlas draws that code
// point with the glyph HarfBuzz picks from the Arabic font for that form.

#include <span>

namespace engage::kiosk::arabic {

enum class JoinForm { isolated = 0, final_form = 1, initial = 2, medial = 3 };

// Letters handled here, in a fixed order (their index picks the code points).
std::span<const char32_t> extra_letters();

// The private-use code point drawing `letter` in `form`; 0 when not an extra
// letter. Isolated maps to the letter itself (fonts have it).
char32_t extra_form_code_point(char32_t letter, JoinForm form);

// Every private-use code point in use, for the atlas: [first, last] inclusive.
inline constexpr char32_t kPrivateFirst = 0xF500;
char32_t private_last();

// The letter and form a private-use code point stands for; false if none.
bool decode_private(char32_t code_point, char32_t& letter, JoinForm& form);

} // namespace engage::kiosk::arabic
