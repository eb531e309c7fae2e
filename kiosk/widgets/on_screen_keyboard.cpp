#include "kiosk/widgets/on_screen_keyboard.hpp"

#include "engage/text.hpp"
#include "kiosk/widgets/big_button.hpp"
#include "kiosk/widgets/text_block.hpp"

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
// Smallest a bottom-row key label is set (of the large font): below this it
// would be smaller than the body text the person chose.
constexpr float kMinKeyLabelScale = 0.6f;

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
    // Shift, page and Delete get what their words need (at least 1.8 keys),
    // Space the rest (at least three keys): big text widens them, not spills.
    const std::string& next_label =
        modes.page == 0 ? labels.numbers : (modes.page == 1 ? labels.accents : labels.letters);
    auto width_for = [&](std::string_view label, bool icon) {
        const float icon_room = icon ? ui.fonts.large->FontSize * 1.6f + ui.m.gap : 0.0f;
        return std::max(key_w * 1.8f,
                        text_width(ltr, ui.fonts.large, label) + 2 * ui.m.gap + icon_room + 4);
    };
    float shift_w = width_for(labels.shift, false);
    float page_w = width_for(next_label, false);
    float delete_w = width_for(labels.del, true);
    const float space_min = key_w * 3.0f;
    const float spare = size.x - 3 * gap - space_min;
    if (shift_w + page_w + delete_w > spare) {
        const float k = spare / (shift_w + page_w + delete_w);
        shift_w *= k;
        page_w *= k;
        delete_w *= k;
    }
    const float space_w = size.x - 3 * gap - shift_w - page_w - delete_w;
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
        // The bottom keys keep their width at every text size: a long label
        // ("Delete", "Supprimer") is set smaller to fit, never spilling out.
        UiFrame fit = ltr;
        const float icon_room = icon.empty() ? 0.0f : ui.fonts.large->FontSize * 1.6f + ui.m.gap;
        const float room = w - 2 * ui.m.gap - icon_room;
        const float need = text_width(ltr, ui.fonts.large, label);
        if (need > room && need > 0)
            fit.font_scale = std::max(kMinKeyLabelScale, room / need);
        if (need * fit.font_scale > room)
            spec.icon = ""; // still too wide: the word matters more than the picture
        const bool pressed = big_button(fit, spec, ImVec2(x, y), ImVec2(w, key_h));
        x += w + gap;
        return pressed;
    };
    if (key(prefix + ".shift", labels.shift, labels.shift_en, "", shift_w, modes.shift,
            ButtonKind::quiet))
        modes.shift = !modes.shift;
    // The page key names the page it leads to: 123 → àé → ABC.
    const char* next_en = modes.page == 0 ? "123" : (modes.page == 1 ? "Accents" : "ABC");
    if (key(prefix + ".page", next_label, next_en, "", page_w, false, ButtonKind::quiet))
        modes.page = (modes.page + 1) % kPages;
    if (key(prefix + ".space", labels.space, labels.space_en, "", space_w, false,
            ButtonKind::primary)) {
        out.text += ' ';
        out.changed = true;
    }
    if (key(prefix + ".delete", labels.del, labels.del_en, "delete", delete_w, false,
            ButtonKind::quiet) &&
        !out.text.empty()) {
        engage::text::pop_back_utf8(out.text);
        out.changed = true;
    }
    return out;
}

} // namespace engage::kiosk
