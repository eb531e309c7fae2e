// The persistent top bar (issue 4: "Always on screen"): Start again, language,
// text size, contrast, Easy words, speech, Read aloud and Help now, the same on every
// screen so a person learns it once. Its left corner (right in RTL) holds the
// hidden long-press zone for staff mode, so no button sits there.
#include "kiosk/screens/screens.hpp"
#include "kiosk/widgets/icons.hpp"
#include "kiosk/widgets/text_block.hpp"

#include <algorithm>
#include <cmath>

namespace engage::kiosk {

void draw_top_bar(ScreenContext& ctx, ImVec2 min, ImVec2 size, bool compact) {
    UiFrame bar_ui = ctx.ui;
    const Metrics& m = ctx.ui.m;
    const Theme& t = *ctx.ui.theme;
    // The bar keeps one text size whatever the person chose, so it always fits.
    // (Scaled glyphs look rough on the software renderer, so at the default
    // size the body font is used as it is.)
    const float bar_px = std::round(28.0f * m.unit);
    const float body_px = ctx.ui.fonts.normal ? ctx.ui.fonts.normal->FontSize : bar_px;
    bar_ui.font_scale = body_px > bar_px * 1.1f ? bar_px / body_px : 1.0f;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(min, ImVec2(min.x + size.x, min.y + size.y), to_u32(t.bar));
    dl->AddLine(ImVec2(min.x, min.y + size.y - 1), ImVec2(min.x + size.x, min.y + size.y - 1),
                to_u32(t.bar_text, 0.6f), 2.0f);

    const auto& st = ctx.state();
    std::vector<ActionButton> items;
    // In reading order from the corner outwards: the most needed last, at the
    // far edge (Help now). Start again is first, by the corner, far from Help
    // now so a hand reaching for help does not wipe the visit; it asks first.
    if (!compact) {
        ActionButton again{"top.start_again", ctx.tr("top.start_again"),
                           ctx.tr_en("top.start_again"), "restart", ButtonKind::bar};
        ScreenMemory* memory = &ctx.memory;
        again.local = [memory] { memory->confirm_start_again = true; };
        items.push_back(std::move(again));
    }
    items.push_back({"top.language", ctx.cat.native_name(st.settings.language),
                     ctx.tr_en("language.change"), "globe", ButtonKind::bar,
                     [](Flow& f, std::int64_t now) { f.open_language(now); }});
    if (!compact) {
        const int step = st.settings.text_size_step;
        items.push_back(
            {"top.text_smaller", ctx.tr("top.text_smaller"), ctx.tr_en("top.text_smaller"),
             "text-smaller", ButtonKind::bar,
             [step](Flow& f, std::int64_t now) { f.set_text_size_step(step - 1, now); }});
        items.push_back({"top.text_bigger", ctx.tr("top.text_bigger"), ctx.tr_en("top.text_bigger"),
                         "text-bigger", ButtonKind::bar, [step](Flow& f, std::int64_t now) {
                             f.set_text_size_step(step + 1, now);
                         }});
        const bool hc = st.settings.high_contrast;
        ActionButton contrast{"top.contrast",
                              ctx.tr("settings.contrast"),
                              ctx.tr_en("settings.contrast"),
                              "contrast",
                              ButtonKind::bar,
                              [hc](Flow& f, std::int64_t now) { f.set_high_contrast(!hc, now); }};
        contrast.selected = hc;
        items.push_back(contrast);
        // Easy words: each question and answer in its easy-read wording and
        // picture where the content has one (kept for this visit only).
        const bool easy = st.settings.easy_read;
        ActionButton easy_words{"top.easy_words",
                                ctx.tr("top.easy_words"),
                                ctx.tr_en("top.easy_words"),
                                "easy-words",
                                ButtonKind::bar,
                                [easy](Flow& f, std::int64_t now) { f.set_easy_read(!easy, now); }};
        easy_words.selected = easy;
        items.push_back(easy_words);
        const bool sp = st.settings.speech;
        ActionButton speech{"top.speech",
                            ctx.tr(sp ? "settings.speech_on" : "settings.speech_off"),
                            ctx.tr_en("settings.speech"),
                            sp ? "speaker" : "speaker-off",
                            ButtonKind::bar,
                            [sp](Flow& f, std::int64_t now) { f.set_speech(!sp, now); }};
        speech.selected = sp;
        items.push_back(speech);
        // Switch scanning for this visit: off → one switch → two switches → off.
        const ScanMode scan = st.settings.scanning;
        const ScanMode next_scan = scan == ScanMode::off          ? ScanMode::one_switch
                                   : scan == ScanMode::one_switch ? ScanMode::two_switch
                                                                  : ScanMode::off;
        const char* scan_key = scan == ScanMode::off          ? "settings.scanning_off"
                               : scan == ScanMode::one_switch ? "settings.scanning_one"
                                                              : "settings.scanning_two";
        ActionButton scanning{
            "top.scanning",
            ctx.tr(scan_key),
            ctx.tr_en("settings.scanning"),
            "switch",
            ButtonKind::bar,
            [next_scan](Flow& f, std::int64_t now) { f.set_scanning(next_scan, now); }};
        scanning.selected = scan != ScanMode::off;
        items.push_back(scanning);
        // Without a voice for the language the button says so, rather than
        // reading the words in another language's voice.
        const char* read_key = !ctx.voice     ? "top.no_voice"
                               : ctx.speaking ? "top.stop_reading"
                                              : "top.read_aloud";
        ActionButton read{"top.read_aloud", ctx.tr(read_key), ctx.tr_en(read_key),
                          "read-aloud",     ButtonKind::bar,  nullptr};
        read.read_aloud = ctx.voice && !ctx.speaking;
        read.stop_reading = ctx.speaking;
        read.enabled = ctx.voice || ctx.speaking;
        items.push_back(read);
    }
    if (st.screen != Screen::help_now) {
        items.push_back({"top.help_now", ctx.tr("top.help_now"), ctx.tr_en("top.help_now"), "help",
                         ButtonKind::help, [](Flow& f, std::int64_t now) { f.open_help(now); }});
    }

    // Widths from the labels; laid out from the far edge (right in LTR). A
    // narrow (portrait) screen gets two rows: settings above, actions below.
    const bool two_rows = size.y >= 1.5f * m.bar_height;
    const float row_h = two_rows ? size.y * 0.5f : size.y;
    const float h = m.min_target;
    const float gap = std::max(6.0f, m.gap * 0.6f);
    const std::size_t split = two_rows ? items.size() / 2 : 0;
    std::vector<float> widths;
    // Room beside the corner on the first row; the whole width on the second.
    auto row_total = [&](std::size_t from, std::size_t to) {
        float total = 0;
        for (std::size_t i = from; i < to; ++i)
            total += widths[i] + gap;
        return total;
    };
    const float room = size.x - m.bar_height - m.margin;
    auto measure = [&] {
        widths.clear();
        for (const auto& it : items) {
            // (+4: a label exactly as wide as its room would wrap on rounding.)
            float w = text_width(bar_ui, bar_ui.fonts.normal, it.label) + 2 * m.gap + 4;
            widths.push_back(std::max(w, m.min_target));
        }
        return two_rows ? std::max(row_total(0, split), row_total(split, items.size()))
                        : row_total(0, items.size());
    };
    float total = measure();
    // Long translations (Polish, Romanian...) get a slightly smaller bar font
    // before anything is squeezed: words on one line keep their pictures.
    for (int tries = 0; tries < 3 && total > room; ++tries) {
        bar_ui.font_scale *= std::max(0.7f, room / total);
        total = measure();
    }
    // Squeeze evenly if even that does not fit beside the corner.
    const float squeeze = total > room ? room / total : 1.0f;
    auto layout_row = [&](std::size_t from, std::size_t to, float row_y) {
        const float y = row_y + (row_h - h) * 0.5f;
        float x = size.x - m.margin * 0.5f;
        for (std::size_t i = to; i-- > from;) {
            const auto& it = items[i];
            const float w = std::max(m.min_target, widths[i] * squeeze);
            x -= w;
            const ImVec2 pos = ctx.ui.mirror(ImVec2(min.x + x, y), w, min.x, size.x);
            ButtonSpec spec = it.spec();
            spec.icon_at = IconAt::top;
            spec.font = bar_ui.fonts.normal;
            spec.selected = false; // the bar shows "on" with an underline (below)
            spec.icon_scale = 0.9f;
            if (big_button(bar_ui, spec, pos, ImVec2(w, h)))
                it.pressed(ctx.intents);
            if (it.selected) {
                // An "on" bar setting is underlined as well as labelled "on".
                dl->AddRectFilled(ImVec2(pos.x + m.gap, pos.y + h - 6 * m.unit),
                                  ImVec2(pos.x + w - m.gap, pos.y + h - 2 * m.unit),
                                  to_u32(t.bar_text));
            }
            x -= gap;
        }
    };
    if (two_rows) {
        layout_row(0, split, min.y);
        layout_row(split, items.size(), min.y + row_h);
    } else {
        layout_row(0, items.size(), min.y);
    }
    // The corner mark: a quiet picture, not a button. The long press there is
    // handled by KioskUi; it is listed (not focusable) so scripts can hold it.
    const float cx =
        ctx.ui.rtl ? min.x + size.x - m.bar_height * 0.5f : min.x + m.bar_height * 0.5f;
    if (ctx.ui.registry) {
        WidgetEntry corner{"top.corner",
                           "Staff corner",
                           {cx - m.bar_height * 0.5f, min.y, m.bar_height, m.bar_height},
                           0,
                           0,
                           true};
        corner.focusable = false;
        ctx.ui.registry->add(corner);
    }
    draw_icon(dl, "talk", ImVec2(cx, min.y + row_h * 0.5f), m.bar_height * 0.45f,
              to_u32(t.bar_text, 0.8f), to_u32(t.bar));
}

} // namespace engage::kiosk
