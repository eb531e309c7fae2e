#include "kiosk/widgets/keyboard_layouts.hpp"

#include "engage/text.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <map>
#include <memory>
#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

namespace engage::kiosk {

namespace {

// U+200C ZERO WIDTH NON-JOINER: Persian's half-space (نیم‌فاصله), which keeps
// a word's parts apart without a space (می‌خواهم); Sorani uses it too.
constexpr std::string_view kZwnj = "\u200C";

// A row written as keys separated by single spaces ("ض ص ث"); a key may be
// several code points ("ড়" = ড + nukta, as NFC keeps it).
std::vector<Key> row(std::string_view keys) {
    std::vector<Key> out;
    std::size_t start = 0;
    while (start <= keys.size()) {
        std::size_t end = keys.find(' ', start);
        if (end == std::string_view::npos)
            end = keys.size();
        if (end > start) {
            const std::string k(keys.substr(start, end - start));
            out.push_back({k, key_label(k), 1.0f});
        }
        start = end + 1;
    }
    return out;
}

KeyboardPage keys_page(std::string name, std::string label, bool rtl_rows,
                       std::vector<std::vector<Key>> rows) {
    KeyboardPage p;
    p.name = std::move(name);
    p.label = std::move(label);
    p.rtl = rtl_rows;
    p.rows = std::move(rows);
    return p;
}

// QWERTY letters: people who type Latin know where its letters are.
KeyboardPage latin_page() {
    KeyboardPage p = keys_page(
        "latin", "ABC", false,
        {row("q w e r t y u i o p"), row("a s d f g h j k l '"), row("z x c v b n m , . -")});
    p.has_case = true;
    return p;
}

// 0–9 and symbols; `native` is a first row of the locale's own digits (or,
// where it writes numbers with 0–9, its own punctuation), drawn left to right
// as number rows are on the script's phone keyboards. With that row the
// rarest symbols make way, so the keyboard is no taller than its letters.
KeyboardPage digits_page(std::string_view native, std::string label) {
    std::vector<std::vector<Key>> rows;
    if (!native.empty())
        rows.push_back(row(native));
    rows.push_back(row("1 2 3 4 5 6 7 8 9 0"));
    if (native.empty()) {
        rows.push_back(row("@ # & + ( ) / : ; ? ' \""));
        rows.push_back(row("! % * _ = $ \u00a3 . , -"));
    } else {
        rows.push_back(row("@ # & + ( ) / : . , - ?"));
    }
    return keys_page("digits", std::move(label), false, std::move(rows));
}

// A Latin keyboard: QWERTY, the language's own accented letters on a page
// of their own (lower case; Shift gives the capitals), the digits.
KeyboardLayout latin_layout(std::string language, std::string_view accents = {},
                            std::string accents_label = {}) {
    KeyboardLayout l;
    l.language = std::move(language);
    KeyboardPage letters = latin_page();
    letters.name = "letters";
    l.pages.push_back(std::move(letters));
    if (!accents.empty()) {
        KeyboardPage a = keys_page("accents", std::move(accents_label), false, {row(accents)});
        a.has_case = true;
        l.pages.push_back(std::move(a));
    }
    l.pages.push_back(digits_page({}, "123"));
    return l;
}

// A script keyboard: its own pages, then Latin and the digits.
KeyboardLayout script_layout(std::string language, bool rtl, std::vector<KeyboardPage> own,
                             std::string_view native_digits, std::string digits_label = "123") {
    KeyboardLayout l;
    l.language = std::move(language);
    l.rtl = rtl;
    l.pages = std::move(own);
    l.pages.push_back(latin_page());
    l.pages.push_back(digits_page(native_digits, std::move(digits_label)));
    return l;
}

// The harakat and signs of the Arabic-script languages, on a page of their own
// (most text is written without them; they would crowd the letters).
constexpr std::string_view kArabicMarks =
    "\u064E \u064B \u064F \u064C \u0650 \u064D \u0651 \u0652 \u0670 \u0654 \u0640";

std::map<std::string, KeyboardLayout, std::less<>> build_layouts() {
    std::map<std::string, KeyboardLayout, std::less<>> out;
    auto add = [&out](KeyboardLayout l) {
        std::string code = l.language;
        out.emplace(std::move(code), std::move(l));
    };

    add(latin_layout("en"));
    add(latin_layout("so")); // Somali: Latin letters and the apostrophe (row 2)
    add(latin_layout("pl", "ą ć ę ł ń ó ś ź ż", "ą ł"));
    // Romanian: s and t with a comma below (U+0219, U+021B), not the cedilla
    // look-alikes ş ţ that old keyboards gave.
    add(latin_layout("ro", "ă â î ș ț", "ă ș"));
    add(latin_layout("pt", "á à â ã ç é ê í ó ô õ ú", "á ç"));
    // Kurmanji (Hawar alphabet): ş with a cedilla is right here.
    add(latin_layout("kmr", "ç ê î ş û", "ç ş"));

    // Arabic: the Arabic 101 layout's rows (ض ص ث ق ... from the top right),
    // the hamza seats at the end of the third.
    add(script_layout("ar", true,
                      {keys_page("letters", "أ ب ت", true,
                                 {row("ض ص ث ق ف غ ع ه خ ح ج د"), row("ش س ي ب ل ا ت ن م ك ط ذ"),
                                  row("ئ ء ؤ ر ى ة و ز ظ أ إ آ")}),
                       keys_page("marks", key_label("\u064E"), true,
                                 {row(kArabicMarks), row("لا ٱ \u060C \u061B \u061F")})},
                      "٠ ١ ٢ ٣ ٤ ٥ ٦ ٧ ٨ ٩ \u060C \u061F", "١٢٣"));
    // Persian: the national layout (ISIRI 9147): پ چ ژ گ ک ی where Iran's
    // keyboards have them, and the half-space key.
    {
        KeyboardPage letters =
            keys_page("letters", "ا ب پ", true,
                      {row("ض ص ث ق ف غ ع ه خ ح ج چ"), row("ش س ی ب ل ا ت ن م ک گ آ"),
                       row("ظ ط ژ ز ر ذ د پ و ئ")});
        letters.rows.back().push_back({std::string(kZwnj), "نیم‌فاصله", 2.0f});
        add(script_layout("fa", true,
                          {std::move(letters),
                           keys_page("marks", key_label("\u064E"), true,
                                     {row(kArabicMarks), row("ء أ ؤ ة ي ك \u060C \u061B \u061F")})},
                          "۰ ۱ ۲ ۳ ۴ ۵ ۶ ۷ ۸ ۹ \u060C \u061F", "۱۲۳"));
    }
    // Urdu: the phonetic layout Pakistan's keyboards use (ق و ع ر ت ے on
    // q w e r t y), with ٹ ڈ ڑ ں ھ ے ہ on the letters page; the letters its
    // Shift layer holds (ث ذ ژ ظ ض ...) and the marks on the second.
    add(script_layout(
        "ur", true,
        {keys_page("letters", "ا ب پ", true,
                   {row("ق و ع ر ت ے ء ی ہ پ ٹ ڈ"), row("ا س د ف گ ھ ج ک ل ڑ آ ں"),
                    row("ز ش چ ط ب ن م ح خ غ ص ئ")}),
         keys_page("marks", "ث \u25CC\u064E", true,
                   {row("ث ذ ژ ظ ض ۃ ؤ ۂ أ \u06D4 \u060C \u061F"), row(kArabicMarks)})},
        "۰ ۱ ۲ ۳ ۴ ۵ ۶ ۷ ۸ ۹ \u06D4 \u061F", "۱۲۳"));
    // Sorani: the Kurdish phonetic layout (ق و ە ر ت ی on q w e r t y), with
    // ڕ ڵ ۆ ێ ە beside the letters they mark.
    add(script_layout("ckb", true,
                      {keys_page("letters", "ئ ا ب", true,
                                 {row("ق و ە ر ڕ ت ی ێ ئ ۆ پ ھ"), row("ا س ش د ف گ غ ه ح ژ ک ء"),
                                  row("ل ڵ ز خ ج چ ڤ ب ن م ع")})},
                      "٠ ١ ٢ ٣ ٤ ٥ ٦ ٧ ٨ ٩ \u060C \u061F", "١٢٣"));
    // Gurmukhi: consonants in the order of the alphabet (ੳ ਅ ੲ ਸ ਹ ਕ ...);
    // vowels, vowel signs, the virama, the nukta and the dotted letters (ਖ਼
    // written as ਖ + nukta, as NFC keeps them) on the second page.
    add(script_layout(
        "pa", false,
        {keys_page("letters", "ਕ ਖ", false,
                   {row("ੳ ਅ ੲ ਸ ਹ ਕ ਖ ਗ ਘ ਙ ਚ ਛ"), row("ਜ ਝ ਞ ਟ ਠ ਡ ਢ ਣ ਤ ਥ ਦ ਧ"),
                    row("ਨ ਪ ਫ ਬ ਭ ਮ ਯ ਰ ਲ ਵ ੜ ਸ\u0A3C")}),
         keys_page("vowels", "ਆ ਿ", false,
                   {row("ਅ ਆ ਇ ਈ ਉ ਊ ਏ ਐ ਓ ਔ"), row("ਾ ਿ ੀ ੁ ੂ ੇ ੈ ੋ ੌ ੰ ਂ ੱ"),
                    row("\u0A4D \u0A3C ਃ \u0964 ਖ\u0A3C ਗ\u0A3C ਜ\u0A3C ਫ\u0A3C ਲ\u0A3C")})},
        {}));
    // Bengali: consonants in the order of the alphabet; vowels, vowel signs,
    // the hasanta (virama) and the nukta on the second page.
    add(script_layout("bn", false,
                      {keys_page("letters", "ক খ", false,
                                 {row("ক খ গ ঘ ঙ চ ছ জ ঝ ঞ ট ঠ"), row("ড ঢ ণ ত থ দ ধ ন প ফ ব ভ"),
                                  row("ম য র ল শ ষ স হ ড\u09BC ঢ\u09BC য\u09BC ৎ")}),
                       keys_page("vowels", "অ া", false,
                                 {row("অ আ ই ঈ উ ঊ ঋ এ ঐ ও ঔ"), row("া ি ী ু ূ ৃ ে ৈ ো ৌ"),
                                  row("\u09CD \u09BC ং ঃ ঁ \u0964")})},
                      "০ ১ ২ ৩ ৪ ৫ ৬ ৭ ৮ ৯ \u0964", "১২৩"));
    // Ethiopic: the consonants in the order of the fidel (ሀ ለ ሐ መ ...); a
    // consonant opens a row of its seven orders (and its wa forms) above
    // them, as phone keyboards do. Tigrinya has ቐ ኸ ዸ of its own. The fidel
    // runs over two pages of two rows (ሀ to ዠ or የ, then the rest), so the
    // row of orders and the consonants are three rows, as high as every
    // other keyboard: a third row of consonants made the question screen
    // scroll, and its scroll bar narrowed the keys below the minimum target.
    auto ethiopic = [](std::string name, std::string label, std::vector<std::vector<Key>> rows) {
        KeyboardPage p = keys_page(std::move(name), std::move(label), false, std::move(rows));
        p.kind = PageKind::ethiopic;
        return p;
    };
    add(script_layout("am", false,
                      {ethiopic("letters", "ሀ ለ",
                                {row("ሀ ለ ሐ መ ሠ ረ ሰ ሸ ቀ በ ቨ ተ"), row("ቸ ኀ ነ ኘ አ ከ ኸ ወ ዐ ዘ ዠ የ")}),
                       ethiopic("letters2", "ደ ጀ", {row("ደ ጀ ገ ጠ ጨ ጰ ጸ ፀ ፈ ፐ")})},
                      "። ፣ ፤ ፥ ፦ ፧ ፡"));
    add(script_layout("ti", false,
                      {ethiopic("letters", "ሀ ለ",
                                {row("ሀ ለ ሐ መ ሠ ረ ሰ ሸ ቀ ቐ በ ቨ"), row("ተ ቸ ኀ ነ ኘ አ ከ ኸ ወ ዐ ዘ ዠ")}),
                       ethiopic("letters2", "የ ደ", {row("የ ደ ዸ ጀ ገ ጠ ጨ ጰ ጸ ፀ ፈ ፐ")})},
                      "። ፣ ፤ ፥ ፦ ፧ ፡"));
    return out;
}

const std::map<std::string, KeyboardLayout, std::less<>>& layouts() {
    static const auto all = build_layouts();
    return all;
}

bool is_mark(char32_t cp) {
    const auto type = u_charType(static_cast<UChar32>(cp));
    return type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK ||
           type == U_ENCLOSING_MARK;
}

char32_t first_code_point(std::string_view s) {
    std::size_t i = 0;
    char32_t cp = 0;
    return text::next_code_point(s, i, cp) ? cp : 0;
}

constexpr char32_t kEthiopicFirst = 0x1200;
constexpr char32_t kEthiopicLast = 0x137F;
// First orders of the labialised series (ቈ ቘ ኈ ኰ ዀ ጐ): five forms, at
// offsets 0, 2, 3, 4, 5 of their block of eight.
constexpr std::array<char32_t, 6> kLabialised{0x1248, 0x1258, 0x1288, 0x12B0, 0x12C0, 0x1310};

bool is_syllable(char32_t cp) {
    return cp >= kEthiopicFirst && cp <= kEthiopicLast && u_isdefined(static_cast<UChar32>(cp)) &&
           u_charType(static_cast<UChar32>(cp)) == U_OTHER_LETTER;
}

} // namespace

const KeyboardPage* KeyboardLayout::page(std::string_view name) const {
    for (const auto& p : pages)
        if (p.name == name)
            return &p;
    return nullptr;
}

std::size_t KeyboardLayout::page_index(std::string_view name) const {
    for (std::size_t i = 0; i < pages.size(); ++i)
        if (pages[i].name == name)
            return i;
    return 0;
}

std::size_t KeyboardLayout::max_rows() const {
    std::size_t n = 0;
    for (const auto& p : pages)
        n = std::max(n, p.rows.size() + (p.kind == PageKind::ethiopic ? 1 : 0));
    return n;
}

const KeyboardLayout& keyboard_layout(std::string_view language) {
    const auto& all = layouts();
    const auto it = all.find(language);
    return it == all.end() ? latin_keyboard() : it->second;
}

const KeyboardLayout& latin_keyboard() {
    static const KeyboardLayout latin = [] {
        KeyboardLayout l = latin_layout("latin");
        l.pages.front().name = "latin";
        return l;
    }();
    return latin;
}

std::vector<std::string> keyboard_languages() {
    std::vector<std::string> out;
    for (const auto& [code, layout] : layouts())
        out.push_back(code);
    return out;
}

std::vector<std::string> ethiopic_orders(std::string_view consonant) {
    std::vector<std::string> out;
    const char32_t cp = first_code_point(consonant);
    if (!is_syllable(cp))
        return out;
    auto push = [&out](char32_t c) {
        if (is_syllable(c))
            out.push_back(text::encode_utf8(std::u32string(1, c)));
    };
    const char32_t base = cp & ~char32_t{7};
    auto labialised = [](char32_t b) {
        return std::find(kLabialised.begin(), kLabialised.end(), b) != kLabialised.end();
    };
    if (labialised(base)) {
        for (const char32_t order : {0u, 2u, 3u, 4u, 5u})
            push(base + order);
        return out;
    }
    for (char32_t order = 0; order < 7; ++order)
        push(base + order);
    // Then its wa forms: the labialised series that follows (ቀ → ቈ ቊ ቋ ቌ
    // ቍ), or else the eighth form (ለ → ሏ). At most twelve keys: one row.
    if (labialised(base + 8)) {
        for (const char32_t order : {0u, 2u, 3u, 4u, 5u})
            push(base + 8 + order);
    } else {
        push(base + 7);
    }
    return out;
}

std::string ethiopic_syllable(std::string_view consonant, int order) {
    const char32_t cp = first_code_point(consonant);
    if (!is_syllable(cp) || order < 0 || order > 7)
        return {};
    const char32_t s = (cp & ~char32_t{7}) + static_cast<char32_t>(order);
    return is_syllable(s) ? text::encode_utf8(std::u32string(1, s)) : std::string{};
}

std::string key_label(std::string_view insert) {
    const char32_t cp = first_code_point(insert);
    if (cp == 0 || !is_mark(cp))
        return std::string(insert);
    // (A harakat on its circle has no script of its own: the text pipeline's
    // itemisation sets it in the Arabic face, shaped_text.cpp.)
    return "\u25CC" + std::string(insert);
}

std::string spoken_key_label(std::string_view label) {
    const auto cps = text::decode_utf8(label);
    if (!cps)
        return std::string(label);
    std::u32string out;
    for (const char32_t cp : *cps)
        if (cp != U'\u25CC' && cp != U'\u061C')
            out.push_back(cp);
    return text::encode_utf8(out);
}

std::string mark_name_key(std::string_view insert) {
    const auto cps = text::decode_utf8(insert);
    if (!cps || cps->empty() || !is_mark(cps->front()))
        return {};
    std::string key = "keyboard.mark";
    for (const char32_t cp : *cps) {
        char hex[16];
        std::snprintf(hex, sizeof hex, ".%04x", static_cast<unsigned>(cp));
        key += hex;
    }
    return key;
}

std::string upper_case(std::string_view text) {
    const auto cps = text::decode_utf8(text);
    if (!cps)
        return std::string(text);
    std::u32string up;
    for (const char32_t cp : *cps)
        up.push_back(static_cast<char32_t>(u_toupper(static_cast<UChar32>(cp))));
    return text::encode_utf8(up);
}

void pop_back_grapheme(std::string& text) {
    if (text.empty())
        return;
    const icu::UnicodeString u = icu::UnicodeString::fromUTF8(text);
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> it(
        icu::BreakIterator::createCharacterInstance(icu::Locale::getRoot(), status));
    if (U_FAILURE(status) || !it) {
        text::pop_back_utf8(text);
        return;
    }
    it->setText(u);
    int32_t start = it->last();
    start = it->previous();
    // GB9c: a cluster that starts with a letter right after a virama belongs
    // to the cluster before it (ক্ + ষ = ক্ষ, one conjunct).
    while (start > 0 && start != icu::BreakIterator::DONE) {
        const UChar32 before = u.char32At(u.moveIndex32(start, -1));
        const UChar32 first = u.char32At(start);
        if (u_getCombiningClass(before) != 9 || !u_isalpha(first))
            break;
        start = it->previous();
    }
    if (start == icu::BreakIterator::DONE)
        start = 0;
    std::string out;
    u.tempSubString(0, start).toUTF8String(out);
    text.swap(out);
}

} // namespace engage::kiosk
