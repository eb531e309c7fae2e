#include "kiosk/widgets/on_screen_keyboard.hpp"

#include "kiosk/text/digits.hpp"
#include "kiosk/widgets/big_button.hpp"
#include "kiosk/widgets/text_block.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <iterator>
#include <vector>

namespace engage::kiosk {

namespace {

// Smallest a key label is set (of the large font): below this it would be
// smaller than the body text the person chose.
constexpr float kMinKeyLabelScale = 0.6f;
// Urdu is set in Nastaliq (text pipeline), whose letters reach far above
// and below the line the other scripts fill: its key labels get this much
// more height than a line of theirs.
constexpr float kNastaliqReach = 1.6f;
// Rows keep the width of a ten-key row even on pages with fewer keys, so a
// letter key is the same size on every page of every language.
constexpr std::size_t kNarrowestRow = 10;
// The number pad's keys: wider than letter keys (a phone number is typed
// fast, often by people who find small keys hard), but never the whole width.
constexpr float kPadKeyWidthTargets = 2.4f;

float row_units(const std::vector<Key>& keys) {
    float n = 0;
    for (const auto& k : keys)
        n += k.width;
    return n;
}

// Sizes of the runs of consecutive keys (of `widths`, in key widths) that a
// row is drawn as, each at most `units` wide: the fewest runs, of near-equal
// count (a 12-key row as 6 and 6, not 7 and 5), first runs the longer. One
// run when the row fits. The order of the keys never changes: a row split in
// two goes on with its second half on the next line, so a person who knows
// the layout reads it on where they expect it.
std::vector<std::size_t> row_runs(const std::vector<float>& widths, float units) {
    const std::size_t n = widths.size();
    for (std::size_t runs = 1; runs < n; ++runs) {
        std::vector<std::size_t> sizes(runs, n / runs);
        for (std::size_t i = 0; i < n % runs; ++i)
            ++sizes[i];
        bool fits = true;
        std::size_t at = 0;
        for (const std::size_t len : sizes) {
            float u = 0;
            for (std::size_t i = at; i < at + len; ++i)
                u += widths[i];
            at += len;
            fits = fits && u <= units + 0.01f;
        }
        if (fits)
            return sizes;
    }
    return std::vector<std::size_t>(n, 1);
}

std::vector<float> key_widths(const std::vector<Key>& keys) {
    std::vector<float> w;
    for (const auto& k : keys)
        w.push_back(k.width);
    return w;
}

// The Ethiopic picker's row of orders, at its longest (keyboard_layouts.hpp),
// for room planned before a consonant is picked.
std::vector<float> longest_orders() {
    return std::vector<float>(kMaxKeysPerRow, 1.0f);
}

// How a layout's rows are drawn at a width: every key `key_w` wide (per key
// width), at most `units` key widths on a drawn row.
struct KeyGrid {
    float key_w = 0;
    float units = 0;
    bool split = false; // some rows are drawn as two or more
};

// Where the layout's widest row fills the keyboard with keys of at least the
// minimum target (every landscape screen), its rows are drawn whole, as
// always. Where it does not (a portrait screen is 800 px wide: a 12-key row
// made 55 px keys), rows are split into shorter ones (row_runs) rather than
// paged: all the letters stay in view at once, in their order, which is
// easier for a person who reads little than finding a page of them.
KeyGrid key_grid(const KeyboardLayout& layout, float width, float gap, float min_target) {
    float widest = static_cast<float>(kNarrowestRow);
    for (const auto& p : layout.pages)
        for (const auto& r : p.rows)
            widest = std::max(widest, row_units(r));
    const float whole_w = (width - (widest - 1) * gap) / widest;
    if (whole_w >= min_target)
        return {whole_w, widest, false};
    // The most key widths a drawn row holds at the minimum target; every row
    // is split to that, and the keys then share the widest run's room (the
    // ten-key row counts, as above, so keys match on every page).
    const float cap = std::max(1.0f, std::floor((width + gap) / (min_target + gap)));
    float units = 1;
    auto widest_run = [&](const std::vector<float>& widths) {
        std::size_t at = 0;
        for (const std::size_t len : row_runs(widths, cap)) {
            float u = 0;
            for (std::size_t i = at; i < at + len; ++i)
                u += widths[i];
            at += len;
            units = std::max(units, u);
        }
    };
    widest_run(std::vector<float>(kNarrowestRow, 1.0f));
    for (const auto& p : layout.pages) {
        if (p.kind == PageKind::ethiopic)
            widest_run(longest_orders());
        for (const auto& r : p.rows)
            widest_run(key_widths(r));
    }
    return {(width - (units - 1) * gap) / units, units, true};
}

// Between drawn rows: split rows (twice as many) stand closer, so that the
// question's first line and the box keep their room above the keys on a
// portrait screen at the largest size; keys stay apart, and never smaller.
float row_gap(const KeyGrid& grid, float gap) {
    return grid.split ? gap * 0.5f : gap;
}

// Drawn rows of `page` above the bottom row (with the picker's orders).
std::size_t drawn_rows(const KeyboardPage& page, float units) {
    std::size_t n = 0;
    if (page.kind == PageKind::ethiopic)
        n += row_runs(longest_orders(), units).size();
    for (const auto& r : page.rows)
        n += row_runs(key_widths(r), units).size();
    return n;
}

std::size_t drawn_rows(const KeyboardLayout& layout, float units) {
    std::size_t n = 0;
    for (const auto& p : layout.pages)
        n = std::max(n, drawn_rows(p, units));
    return n;
}

// Whether the bottom row's keys (Shift where a page has case, a key per
// page, Space, Delete, the number pad's) fit one row at the minimum target;
// if not (a portrait screen, a phone field's keyboard of a script with two
// pages of its own), the page keys get a row of their own above it. Decided
// for the whole layout so the keys do not move as pages change.
bool page_keys_own_row(const KeyboardLayout& layout, float width, float gap, float min_target,
                       bool to_pad) {
    bool has_case = false;
    for (const auto& p : layout.pages)
        has_case = has_case || p.has_case;
    const float n =
        static_cast<float>(layout.pages.size() + 2 + (has_case ? 1 : 0) + (to_pad ? 1 : 0));
    return n * min_target + (n - 1) * gap > width;
}

// Draws one key; a label too wide for it is set smaller (never below
// kMinKeyLabelScale), and an icon is dropped before the word spills.
// `spoken`: what switch scanning says for it ("" = the label less the
// dotted circle that carries a mark on screen).
bool key_button(const UiFrame& ui, std::string_view id, std::string_view label,
                std::string_view label_en, std::string_view sublabel, std::string_view icon,
                ImVec2 pos, ImVec2 size, bool selected, ButtonKind kind, int row,
                std::string_view spoken = {}) {
    ButtonSpec spec;
    spec.id = id;
    spec.label = label;
    const std::string said = spoken.empty() ? spoken_key_label(label) : std::string(spoken);
    spec.spoken = said;
    spec.label_en = label_en;
    spec.sublabel = sublabel;
    spec.icon = icon;
    spec.kind = kind;
    spec.selected = selected;
    spec.font = ui.fonts.large;
    UiFrame fit = ui;
    fit.spoken = nullptr;
    fit.key_row = row;
    // Keys stay the minimum target at every text size while their labels
    // grow with it: a line taller than the key (Nastaliq's reach above and
    // below its line at the largest size spilled out of the keys) is set
    // smaller first, whatever its width.
    const float line =
        ui.fonts.large->FontSize * 1.15f * (ui.language == "ur" ? kNastaliqReach : 1.0f);
    const float line_room = size.y - ui.m.gap;
    if (line > line_room)
        fit.font_scale = line_room / line;
    const float icon_room = icon.empty() ? 0.0f : ui.fonts.large->FontSize * 1.6f + ui.m.gap;
    float room = size.x - 2 * ui.m.gap - icon_room;
    // A chosen page or Shift key (wide, with a word on it) keeps its centred
    // label clear of the tick badge in its corner (big_button.cpp: side
    // max(0.34 target, 24) at 0.7 of it from the edge), which covered the
    // end of "ا ب پ" at the largest size. A chosen letter key keeps its size.
    if (selected && kind == ButtonKind::quiet) {
        const float badge = std::max(ui.m.min_target * 0.34f, 24.0f) * 1.2f;
        room = std::min(room, size.x - 2 * badge);
    }
    const float need = text_width(fit, ui.fonts.large, label);
    if (!icon.empty()) {
        // A key with a picture (Delete) keeps its word at the size of the
        // other keys' (it was set smaller and lost its picture too): the
        // picture goes first; where the word alone does not fit either, the
        // picture stands alone and scanning says the word.
        if (need > room && need <= room + icon_room) {
            spec.icon = "";
        } else if (need > room + icon_room) {
            spec.label = "";
            spec.spoken = label;
        }
        return big_button(fit, spec, pos, size);
    }
    if (need > room && need > 0)
        fit.font_scale *= std::max(kMinKeyLabelScale, room / need);
    return big_button(fit, spec, pos, size);
}

} // namespace

float keyboard_height(const UiFrame& ui, const KeyboardLayout& layout, float width, bool to_pad) {
    const float gap = ui.m.gap * 0.5f;
    const KeyGrid grid = key_grid(layout, width, gap, ui.m.min_target);
    const std::size_t above = grid.split ? drawn_rows(layout, grid.units) : layout.max_rows();
    const bool own_row = page_keys_own_row(layout, width, gap, ui.m.min_target, to_pad);
    const float rows = static_cast<float>(above + 1 + (own_row ? 1 : 0));
    return rows * ui.m.min_target + (rows - 1) * row_gap(grid, gap);
}

KeyboardResult on_screen_keyboard(const UiFrame& ui, std::string_view id_prefix,
                                  std::string_view text, KeyboardModes& modes,
                                  const KeyboardLabels& labels, const KeyboardLayout& layout,
                                  ImVec2 pos, ImVec2 size, bool to_pad) {
    KeyboardResult out;
    out.text = std::string(text);
    if (layout.pages.empty())
        return out;
    modes.page = std::clamp(modes.page, 0, static_cast<int>(layout.pages.size()) - 1);
    const KeyboardPage& page = layout.pages[static_cast<std::size_t>(modes.page)];
    const float gap = ui.m.gap * 0.5f;
    const float key_h = ui.m.min_target;
    const KeyGrid grid = key_grid(layout, size.x, gap, ui.m.min_target);
    const float key_w = grid.key_w;
    const bool own_row = page_keys_own_row(layout, size.x, gap, ui.m.min_target, to_pad);
    const std::string prefix(id_prefix);
    // Letter keys are set in the visit language (its font and shaping); the
    // page decides the direction its rows run.
    UiFrame keys_ui = ui;
    keys_ui.rtl = page.rtl;
    UiFrame ltr = ui;
    ltr.rtl = false;

    auto insert = [&](const std::string& s) {
        out.text += s;
        out.changed = true;
        modes.shift = false;
    };

    // The rows of the page, as lists of (id, label, insert, width, selected,
    // action); the Ethiopic picker adds its row of orders on top.
    struct Drawn {
        std::string id, label, label_en, insert;
        float width = 1;
        bool selected = false;
        bool pick = false; // Ethiopic consonant: opens its orders
    };
    std::vector<std::vector<Drawn>> rows;
    // A row as drawn: whole, or (a narrow keys area) in runs of grid.units.
    auto add_row = [&](std::vector<Drawn> keys) {
        if (!grid.split) {
            rows.push_back(std::move(keys));
            return;
        }
        std::vector<float> widths;
        for (const auto& k : keys)
            widths.push_back(k.width);
        auto at = keys.begin();
        for (const std::size_t len : row_runs(widths, grid.units)) {
            const auto end = at + static_cast<std::ptrdiff_t>(len);
            rows.emplace_back(std::make_move_iterator(at), std::make_move_iterator(end));
            at = end;
        }
    };
    if (page.kind == PageKind::ethiopic) {
        std::vector<Drawn> orders;
        for (const auto& s : ethiopic_orders(modes.picked))
            orders.push_back({prefix + "." + s, s, s, s, 1.0f, false, false});
        add_row(std::move(orders));
    }
    for (const auto& r : page.rows) {
        std::vector<Drawn> keys;
        for (const auto& k : r) {
            if (page.kind == PageKind::ethiopic) {
                keys.push_back({prefix + ".pick." + k.insert, k.label, k.insert, k.insert, k.width,
                                k.insert == modes.picked, true});
                continue;
            }
            const bool upper = page.has_case && modes.shift;
            keys.push_back({prefix + "." + k.insert, upper ? upper_case(k.label) : k.label,
                            k.insert, upper ? upper_case(k.insert) : k.insert, k.width, false,
                            false});
        }
        add_row(std::move(keys));
    }

    // Rows sit on the bottom row (and on the page keys' row, where they have
    // one of their own); a page with fewer rows leaves room on top.
    const std::size_t total_rows =
        (grid.split ? drawn_rows(layout, grid.units) : layout.max_rows()) + (own_row ? 1 : 0);
    const float pitch = key_h + row_gap(grid, gap);
    const float bottom_y = pos.y + static_cast<float>(total_rows) * pitch;
    const float letters_bottom_y = bottom_y - (own_row ? pitch : 0.0f);
    for (std::size_t r = 0; r < rows.size(); ++r) {
        const auto& keys = rows[r];
        const float y = letters_bottom_y - static_cast<float>(rows.size() - r) * pitch;
        float units = 0;
        for (const auto& k : keys)
            units += k.width;
        const float row_w = units * key_w + (units - 1) * gap;
        const float left = pos.x + (size.x - row_w) * 0.5f;
        float offset = 0;
        for (const auto& k : keys) {
            const float w = k.width * key_w + (k.width - 1) * gap;
            const float x = page.rtl ? left + row_w - offset - w : left + offset;
            offset += w + gap;
            // A mark key says the mark's name where the catalogue has one.
            const std::string name = labels.mark_name && !mark_name_key(k.insert).empty()
                                         ? labels.mark_name(k.insert)
                                         : std::string();
            if (key_button(keys_ui, k.id, k.label, k.label_en, "", "", ImVec2(x, y),
                           ImVec2(w, key_h), k.selected, ButtonKind::primary, static_cast<int>(r),
                           name)) {
                if (k.pick) {
                    modes.picked = modes.picked == k.insert ? std::string() : k.insert;
                } else {
                    insert(k.insert);
                    modes.picked.clear();
                }
            }
        }
    }

    // Bottom row: Shift (Latin pages) | a key per page | Space | Delete | pad.
    // Every key gets what its words need; Space the rest. Where they do not
    // fit one row at the minimum target the page keys have their own row
    // above it (page_keys_own_row), in the same order.
    const int pages_row = static_cast<int>(rows.size());
    const int bottom_row = pages_row + (own_row ? 1 : 0);
    auto width_for = [&](std::string_view label, float least, bool icon) {
        const float icon_room = icon ? ui.fonts.large->FontSize * 1.6f + ui.m.gap : 0.0f;
        return std::max({ui.m.min_target, key_w * least,
                         text_width(ltr, ui.fonts.large, label) + 2 * ui.m.gap + icon_room + 4});
    };
    auto squeeze_to = [&](float wanted, float spare) {
        // Too wide (long words at the largest size): all give way alike, down
        // to the minimum target; their labels are then set smaller.
        const float squeeze = wanted > spare ? spare / wanted : 1.0f;
        return [squeeze, &ui](float w) {
            return w > 0 ? std::max(ui.m.min_target, w * squeeze) : 0.0f;
        };
    };
    const float shift_want = page.has_case ? width_for(labels.shift, 1.6f, false) : 0.0f;
    std::vector<float> page_want;
    for (const auto& p : layout.pages)
        page_want.push_back(width_for(p.label, 1.2f, false));
    const float delete_want = width_for(labels.del, 1.6f, true);
    const float pad_want = to_pad ? width_for(labels.numbers, 1.2f, false) : 0.0f;
    const float space_least = std::max(ui.m.min_target, std::min(key_w * 2.0f, size.x * 0.25f));
    const std::size_t n_keys =
        (own_row ? 0 : layout.pages.size()) + 2 + (page.has_case ? 1 : 0) + (to_pad ? 1 : 0);
    float wanted = shift_want + delete_want + pad_want;
    float pages_wanted = 0;
    for (const float w : page_want)
        pages_wanted += w;
    if (!own_row)
        wanted += pages_wanted;
    const auto squeezed =
        squeeze_to(wanted, size.x - static_cast<float>(n_keys - 1) * gap - space_least);
    float used = 0;
    float shift_w = squeezed(shift_want);
    used += shift_w;
    // On their own row the page keys share its width by what their words need.
    const auto page_squeezed =
        own_row
            ? squeeze_to(pages_wanted, size.x - static_cast<float>(layout.pages.size() - 1) * gap)
            : squeezed;
    std::vector<float> page_w;
    for (const float w : page_want) {
        page_w.push_back(page_squeezed(w));
        if (!own_row)
            used += page_w.back();
    }
    float delete_w = squeezed(delete_want);
    float pad_w = squeezed(pad_want);
    used += delete_w + pad_w;
    float space_w = size.x - static_cast<float>(n_keys - 1) * gap - used;
    if (space_w < ui.m.min_target) {
        // The others held at the minimum target left Space less (Arabic words
        // at the largest size on a portrait screen): what they have above it
        // gives way alike until Space has the minimum too.
        std::vector<float*> others{&shift_w, &delete_w, &pad_w};
        if (!own_row)
            for (float& w : page_w)
                others.push_back(&w);
        float above = 0;
        for (const float* w : others)
            above += std::max(0.0f, *w - ui.m.min_target);
        const float take = std::min(above, ui.m.min_target - space_w);
        for (float* w : others)
            if (above > 0)
                *w -= std::max(0.0f, *w - ui.m.min_target) * take / above;
        space_w += take;
    }
    float x = pos.x;
    float y = bottom_y;
    int row = bottom_row;
    auto key = [&](const std::string& id, std::string_view label, std::string_view label_en,
                   std::string_view icon, float w, bool selected, ButtonKind kind) {
        const bool pressed = key_button(ltr, id, label, label_en, "", icon, ImVec2(x, y),
                                        ImVec2(w, key_h), selected, kind, row);
        x += w + gap;
        return pressed;
    };
    auto page_keys = [&] {
        for (std::size_t i = 0; i < layout.pages.size(); ++i) {
            const auto& p = layout.pages[i];
            // A page's key shows a sample of it in its own script (ABC, ক খ,
            // ١٢٣): the same in every interface language, so it needs no
            // translation.
            if (key(prefix + ".page." + p.name, p.label, p.name, "", page_w[i],
                    static_cast<int>(i) == modes.page, ButtonKind::quiet)) {
                modes.page = static_cast<int>(i);
                modes.picked.clear();
            }
        }
    };
    if (own_row) {
        // Drawn first: keys are registered row by row (scanning).
        x = pos.x;
        y = letters_bottom_y;
        row = pages_row;
        page_keys();
        x = pos.x;
        y = bottom_y;
        row = bottom_row;
    }
    if (page.has_case && key(prefix + ".shift", labels.shift, labels.shift_en, "", shift_w,
                             modes.shift, ButtonKind::quiet))
        modes.shift = !modes.shift;
    if (!own_row)
        page_keys();
    if (key(prefix + ".space", labels.space, labels.space_en, "", space_w, false,
            ButtonKind::primary)) {
        out.text += ' ';
        out.changed = true;
    }
    if (key(prefix + ".delete", labels.del, labels.del_en, "delete", delete_w, false,
            ButtonKind::quiet) &&
        !out.text.empty()) {
        pop_back_grapheme(out.text);
        out.changed = true;
    }
    if (to_pad && key(prefix + ".page.pad", labels.numbers, labels.numbers_en, "", pad_w, false,
                      ButtonKind::quiet))
        modes.full = false;
    return out;
}

float number_pad_height(const UiFrame& ui) {
    return 4 * ui.m.min_target + 3 * ui.m.gap * 0.5f;
}

KeyboardResult number_pad(const UiFrame& ui, std::string_view text, KeyboardModes& modes,
                          const KeyboardLabels& labels, ImVec2 pos, ImVec2 size) {
    KeyboardResult out;
    out.text = std::string(text);
    const float gap = ui.m.gap * 0.5f;
    const float key_h = ui.m.min_target;
    const float key_w = std::min(ui.m.min_target * kPadKeyWidthTargets, (size.x - 3 * gap) / 4.0f);
    const float left = pos.x + (size.x - (4 * key_w + 3 * gap)) * 0.5f;
    // A phone pad reads 1 2 3 from the left in every language.
    UiFrame ltr = ui;
    ltr.rtl = false;
    struct PadKey {
        std::string insert; // "" = a command key
        std::string id, label, label_en;
    };
    const std::array<std::array<PadKey, 4>, 4> grid{{
        {{{"1", "pad.1", "1", "1"},
          {"2", "pad.2", "2", "2"},
          {"3", "pad.3", "3", "3"},
          {"", "pad.delete", labels.del, labels.del_en}}},
        {{{"4", "pad.4", "4", "4"},
          {"5", "pad.5", "5", "5"},
          {"6", "pad.6", "6", "6"},
          {"", "pad.space", labels.space, labels.space_en}}},
        {{{"7", "pad.7", "7", "7"},
          {"8", "pad.8", "8", "8"},
          {"9", "pad.9", "9", "9"},
          {"", "pad.letters", labels.letters, labels.letters_en}}},
        {{{"+", "pad.+", "+", "+"}, {"0", "pad.0", "0", "0"}, {"-", "pad.-", "-", "-"}, {}}},
    }};
    for (std::size_t r = 0; r < grid.size(); ++r) {
        const float y = pos.y + static_cast<float>(r) * (key_h + gap);
        for (std::size_t c = 0; c < grid[r].size(); ++c) {
            const PadKey& k = grid[r][c];
            if (k.id.empty())
                continue;
            const ImVec2 at(left + static_cast<float>(c) * (key_w + gap), y);
            // The locale's own digit beside 0–9 ("3 ۳" in Persian) helps
            // people who read those; 0–9 is what is written. On the same
            // line: a second line does not fit a key at the largest size.
            std::string label = k.label;
            if (!k.insert.empty() && k.insert[0] >= '0' && k.insert[0] <= '9') {
                const std::string native = localise_digits(k.insert, ui.language);
                if (native != k.insert)
                    label += " " + native;
            }
            const bool command = k.insert.empty();
            const std::string_view icon = k.id == "pad.delete" ? "delete" : "";
            if (!key_button(ltr, k.id, label, k.label_en, "", icon, at, ImVec2(key_w, key_h), false,
                            command ? ButtonKind::quiet : ButtonKind::primary, static_cast<int>(r)))
                continue;
            if (k.id == "pad.delete") {
                if (!out.text.empty()) {
                    pop_back_grapheme(out.text);
                    out.changed = true;
                }
            } else if (k.id == "pad.space") {
                out.text += ' ';
                out.changed = true;
            } else if (k.id == "pad.letters") {
                modes.full = true;
            } else {
                out.text += k.insert;
                out.changed = true;
            }
        }
    }
    return out;
}

} // namespace engage::kiosk
