#include "kiosk/widgets/on_screen_keyboard.hpp"

#include "engage/text.hpp"
#include "kiosk/widgets/big_button.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <vector>

namespace engage::kiosk {

namespace {

// Rows of the two pages; the fourth row (Shift, page, Space, Delete) is fixed.
constexpr std::array<std::string_view, 3> kLetters{"qwertyuiop", "asdfghjkl'", "zxcvbnm,.-"};
constexpr std::array<std::string_view, 3> kSymbols{"1234567890", "@#&+()/:;?", "!\"%*_=$\u00a3"};
// Accented letters for pl, ro and pt (lower case; upper case below, same order).
constexpr std::array<std::string_view, 3> kAccents{"ąćęłńóśźżă", "âîșțãáàçéê", "íôõúüöäñèë"};
constexpr std::array<std::string_view, 3> kAccentsUpper{"ĄĆĘŁŃÓŚŹŻĂ", "ÂÎȘȚÃÁÀÇÉÊ", "ÍÔÕÚÜÖÄÑÈË"};
constexpr int kPages = 3;

std::vector<std::string> split_keys(std::string_view row) {
    std::vector<std::string> keys;
    for (const auto key : engage::text::split_utf8(row))
        keys.emplace_back(key);
    return keys;
}

} // namespace

float keyboard_height(const UiFrame& ui) {
    return 4 * ui.m.min_target + 3 * ui.m.gap * 0.5f;
}

KeyboardResult on_screen_keyboard(const UiFrame& ui, std::string_view id_prefix,
                                  std::string_view text, KeyboardModes& modes,
                                  const KeyboardLabels& labels, ImVec2 pos, ImVec2 size) {
    KeyboardResult out;
    out.text = std::string(text);
    const float gap = ui.m.gap * 0.5f;
    const float key_h = ui.m.min_target;
    const float key_w = (size.x - 9 * gap) / 10.0f;
    // A keyboard keeps its QWERTY order in every language (people know it).
    UiFrame ltr = ui;
    ltr.rtl = false;
    ltr.spoken = nullptr;
    const auto& rows = modes.page == 1 ? kSymbols : (modes.page == 2 ? kAccents : kLetters);
    const std::string prefix(id_prefix);

    for (std::size_t r = 0; r < rows.size(); ++r) {
        const std::vector<std::string> keys = split_keys(rows[r]);
        const std::vector<std::string> upper = split_keys(kAccentsUpper[r]);
        const float row_w =
            static_cast<float>(keys.size()) * key_w + static_cast<float>(keys.size() - 1) * gap;
        float x = pos.x + (size.x - row_w) * 0.5f;
        const float y = pos.y + static_cast<float>(r) * (key_h + gap);
        for (std::size_t i = 0; i < keys.size(); ++i) {
            const std::string& k = keys[i];
            std::string shown = k;
            if (modes.shift && modes.page == 2 && i < upper.size())
                shown = upper[i];
            else if (modes.shift && k.size() == 1 && std::isalpha(static_cast<unsigned char>(k[0])))
                shown[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(k[0])));
            const std::string id = prefix + "." + k;
            ButtonSpec spec;
            spec.id = id;
            spec.label = shown;
            spec.label_en = k;
            spec.kind = ButtonKind::primary;
            if (big_button(ltr, spec, ImVec2(x, y), ImVec2(key_w, key_h))) {
                out.text += shown;
                out.changed = true;
                modes.shift = false;
            }
            x += key_w + gap;
        }
    }

    // Bottom row: Shift | 123/ABC | Space | Delete.
    const float y = pos.y + 3 * (key_h + gap);
    const float small = key_w * 1.8f;
    const float space_w = size.x - 3 * small - 3 * gap;
    float x = pos.x;
    auto key = [&](const std::string& id, std::string_view label, std::string_view label_en,
                   std::string_view icon, float w, bool selected, ButtonKind kind) {
        ButtonSpec spec;
        spec.id = id;
        spec.label = label;
        spec.label_en = label_en;
        spec.icon = icon;
        spec.kind = kind;
        spec.selected = selected;
        spec.font = ui.fonts.large;
        const bool pressed = big_button(ltr, spec, ImVec2(x, y), ImVec2(w, key_h));
        x += w + gap;
        return pressed;
    };
    if (key(prefix + ".shift", labels.shift, labels.shift_en, "", small, modes.shift,
            ButtonKind::quiet))
        modes.shift = !modes.shift;
    // The page key names the page it leads to: 123 → àé → ABC.
    const std::string& next_label =
        modes.page == 0 ? labels.numbers : (modes.page == 1 ? labels.accents : labels.letters);
    const char* next_en = modes.page == 0 ? "123" : (modes.page == 1 ? "Accents" : "ABC");
    if (key(prefix + ".page", next_label, next_en, "", small, false, ButtonKind::quiet))
        modes.page = (modes.page + 1) % kPages;
    if (key(prefix + ".space", labels.space, labels.space_en, "", space_w, false,
            ButtonKind::primary)) {
        out.text += ' ';
        out.changed = true;
    }
    if (key(prefix + ".delete", labels.del, labels.del_en, "back", small, false,
            ButtonKind::quiet) &&
        !out.text.empty()) {
        engage::text::pop_back_utf8(out.text);
        out.changed = true;
    }
    return out;
}

} // namespace engage::kiosk
