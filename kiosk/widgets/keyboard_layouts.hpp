#pragma once
// The on-screen keyboards as data (issue 11): for each visit language, pages
// of key rows in that language's script, arranged as its national or common
// phone layout arranges them, so a person who knows the script finds letters
// where they expect them. Every script keyboard also has a plain Latin page
// (names and places are often typed in Latin) and a digits page showing the
// locale's own digits beside 0–9. on_screen_keyboard.cpp draws them; this
// part is pure data and text rules, with no drawing, so tests can walk it.
//
// Keys insert what `insert` says, never more: a vowel sign's key is labelled
// on a dotted circle (◌ি) but inserts only the sign. Stable widget ids are
// `key.<insert>`; page keys `key.page.<name>`.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace engage::kiosk {

struct Key {
    std::string insert; // what a press adds (one or more code points)
    std::string label;  // what is drawn on it (logical order); usually `insert`
    float width = 1.0f; // in key widths (a long label, e.g. Persian's half-space)
};

enum class PageKind {
    keys,     // rows of keys that insert text
    ethiopic, // consonants that open a row of their vowel orders (syllable picker)
};

struct KeyboardPage {
    // stable: "letters" (Ethiopic: and "letters2"), "accents", "marks", "vowels", "latin", "digits"
    std::string name;
    std::string label; // on its page key: a sample of the page in its own script ("ABC", "অ আ")
    PageKind kind = PageKind::keys;
    bool has_case = false; // Latin letters: Shift makes the next one upper case
    bool rtl = false;      // rows run right to left (the Arabic-script letter pages)
    std::vector<std::vector<Key>> rows;
};

struct KeyboardLayout {
    std::string language; // catalogue code it is for ("latin" for the plain one)
    bool rtl = false;     // the script runs right to left (its text box, not its digits)
    std::vector<KeyboardPage> pages;

    const KeyboardPage* page(std::string_view name) const;
    std::size_t page_index(std::string_view name) const; // 0 when absent
    // Most key rows of any page (the picker's row of orders counts as one).
    std::size_t max_rows() const;
};

// Rows hold at most this many key widths, so that at 1280 px wide every key
// is at least the minimum target (theme.hpp, 92 px) after the gaps:
// (1224 - 11*8) / 12 = 94.7 px. Pages have at most three rows of keys (the
// Ethiopic picker: its row of orders and two of consonants), so every
// keyboard is four rows high with its bottom row, as the Latin one always was.
inline constexpr std::size_t kMaxKeysPerRow = 12;
inline constexpr std::size_t kMaxRows = 4;

// The keyboard for a visit language; an unknown code gets the Latin one.
const KeyboardLayout& keyboard_layout(std::string_view language);
// The plain Latin keyboard (letters, digits): staff codes, e-mail addresses.
const KeyboardLayout& latin_keyboard();
// Every language that has its own keyboard here.
std::vector<std::string> keyboard_languages();

// The Ethiopic syllable picker: the forms of the consonant whose first order
// is `consonant` (ሰ → ሰ ሱ ሲ ሳ ሴ ስ ሶ ሷ), first order first, then its wa
// forms (ቀ → ... ቈ ቊ ቋ ቌ ቍ); a labialised series' first form (ቈ) gives its
// five forms. At most kMaxKeysPerRow. Empty for anything else.
std::vector<std::string> ethiopic_orders(std::string_view consonant);
// The syllable of `consonant` in vowel order `order` (0 = ä, 1 = u, 2 = i,
// 3 = a, 4 = e, 5 = ə/none, 6 = o, 7 = wa); "" when the script has none.
std::string ethiopic_syllable(std::string_view consonant, int order);

// The label a key is drawn with: a combining mark alone (a vowel sign, a
// virama, a harakat) sits on a dotted circle U+25CC so it is visible and
// shaped like the script draws it; anything else is `insert`.
std::string key_label(std::string_view insert);

// What switch scanning says for a key drawn with `label` (key_label): the
// label without the dotted circle U+25CC that only carries a mark on screen
// (espeak-ng read "dotted circle") or an invisible U+061C, so a mark key
// says the mark on its own; anything else is `label`.
std::string spoken_key_label(std::string_view label);
// The catalogue key naming the combining mark `insert` ("keyboard.mark.064e"
// for a fatha): lower-case hex code points joined by '.'; "" for anything
// that is not a mark. A catalogue may give the mark's name there.
std::string mark_name_key(std::string_view insert);

// `text` upper-cased where a Latin letter has an upper case (Shift).
std::string upper_case(std::string_view text);

// Removes the last grapheme cluster of `text` (UAX #29 extended clusters, as
// ICU finds them, plus rule GB9c of Unicode 15.1 that bookworm's ICU 72 lacks:
// a consonant joined by a virama to the one before stays one cluster, so a
// Bengali conjunct goes in one Delete). A base letter and its marks are one
// cluster: an Arabic letter with a shadda goes in one Delete.
void pop_back_grapheme(std::string& text);

} // namespace engage::kiosk
