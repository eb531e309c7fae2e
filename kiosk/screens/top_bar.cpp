// The persistent top bar (issue 4: "Always on screen"): Start again, language,
// text size, contrast, Easy words, speech, switch scanning, Read aloud and
// Help now, the same on every screen so a person learns it once. Its left
// corner (right in RTL) holds the hidden long-press zone for staff mode, so
// no button sits there.
//
// Every button keeps its picture and its whole word, at the bar's own font
// size (Metrics::bar_text_px, a real size of its own, larger where a
// language's short words leave room; see plan_bar): on every screen but one
// nothing is hidden behind a "Settings" button, because a person who reads
// little finds a picture they know on the screen, not a word they must read
// to open a panel (Easy words and Read aloud are for exactly that person).
// When the words do not fit on one row beside the corner (most languages do
// not: ten buttons), the bar takes a second row, and on a narrow portrait
// screen a third; the words are never shrunk or squeezed to fit.
//
// The one screen: a text question while its keys are up (BarSet::typing).
// Four rows of keys and Back/Skip/Next take most of a landscape screen, and
// a second bar row left the question and its box about 60 px at the largest
// size. There the bar keeps what a person may need while typing (Start
// again, text size, Read aloud, Help now) and one Settings button that puts
// the keys away, which brings the whole bar back; it fits one row in every
// language on a landscape screen.
#include "kiosk/screens/screens.hpp"
#include "kiosk/widgets/icons.hpp"
#include "kiosk/widgets/text_block.hpp"

#include <algorithm>
#include <cmath>

namespace engage::kiosk {

namespace {

// Two rows hold the ten buttons in every language on a landscape screen; a
// portrait screen (800 wide) needs a third in the longest (Somali, Tigrinya).
constexpr std::size_t kMaxBarRows = 3;

// A bar button with every label it may show (a setting's "on" and "off"
// words), so the layout is measured on the widest and does not jump from one
// row count to another when a setting is switched.
struct BarItem {
    ActionButton button;
    std::vector<std::string> labels;
};

std::vector<BarItem> bar_items(ScreenContext& ctx, BarSet set) {
    const bool compact = set == BarSet::compact;
    const bool typing = set == BarSet::typing;
    const auto& st = ctx.state();
    std::vector<BarItem> items;
    auto add = [&items](ActionButton b, std::vector<std::string> others = {}) {
        others.push_back(b.label);
        items.push_back({std::move(b), std::move(others)});
    };
    // In reading order from the corner outwards: the most needed last, at the
    // far edge (Help now). Start again is first, by the corner, far from Help
    // now so a hand reaching for help does not wipe the visit; it asks first.
    if (!compact) {
        ActionButton again{"top.start_again", ctx.tr("top.start_again"),
                           ctx.tr_en("top.start_again"), "restart", ButtonKind::bar};
        ScreenMemory* memory = &ctx.memory;
        again.local = [memory] { memory->confirm_start_again = true; };
        add(std::move(again));
    }
    if (!typing) {
        add({"top.language", ctx.cat.native_name(st.settings.language),
             ctx.tr_en("language.change"), "globe", ButtonKind::bar,
             [](Flow& f, std::int64_t now) { f.open_language(now); }});
    }
    if (!compact) {
        // Text size stays while typing: a question too small to read needs it.
        const int step = st.settings.text_size_step;
        add({"top.text_smaller", ctx.tr("top.text_smaller"), ctx.tr_en("top.text_smaller"),
             "text-smaller", ButtonKind::bar,
             [step](Flow& f, std::int64_t now) { f.set_text_size_step(step - 1, now); }});
        add({"top.text_bigger", ctx.tr("top.text_bigger"), ctx.tr_en("top.text_bigger"),
             "text-bigger", ButtonKind::bar,
             [step](Flow& f, std::int64_t now) { f.set_text_size_step(step + 1, now); }});
    }
    if (typing) {
        // One button for the settings that are rarely needed while typing:
        // it puts the keys away, and with them the whole bar comes back
        // (the question's "Type here" button brings the keys back).
        ActionButton settings{"top.settings", ctx.tr("top.settings"), ctx.tr_en("top.settings"),
                              "settings", ButtonKind::bar};
        ScreenMemory* memory = &ctx.memory;
        const Question* q = ctx.flow.current_question();
        std::string id = q != nullptr ? q->id : std::string();
        settings.local = [memory, id] { memory->keys_away_for = id; };
        add(std::move(settings));
    }
    if (!compact && !typing) {
        const bool hc = st.settings.high_contrast;
        ActionButton contrast{"top.contrast",
                              ctx.tr("settings.contrast"),
                              ctx.tr_en("settings.contrast"),
                              "contrast",
                              ButtonKind::bar,
                              [hc](Flow& f, std::int64_t now) { f.set_high_contrast(!hc, now); }};
        contrast.selected = hc;
        add(std::move(contrast));
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
        add(std::move(easy_words));
        const bool sp = st.settings.speech;
        ActionButton speech{"top.speech",
                            ctx.tr(sp ? "settings.speech_on" : "settings.speech_off"),
                            ctx.tr_en("settings.speech"),
                            sp ? "speaker" : "speaker-off",
                            ButtonKind::bar,
                            [sp](Flow& f, std::int64_t now) { f.set_speech(!sp, now); }};
        speech.selected = sp;
        add(std::move(speech), {ctx.tr("settings.speech_on"), ctx.tr("settings.speech_off")});
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
        add(std::move(scanning), {ctx.tr("settings.scanning_off"), ctx.tr("settings.scanning_one"),
                                  ctx.tr("settings.scanning_two")});
    }
    if (!compact) {
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
        add(std::move(read), {ctx.tr("top.read_aloud"), ctx.tr("top.stop_reading")});
    }
    if (st.screen != Screen::help_now) {
        add({"top.help_now", ctx.tr("top.help_now"), ctx.tr_en("top.help_now"), "help",
             ButtonKind::help, [](Flow& f, std::int64_t now) { f.open_help(now); }});
    }
    return items;
}

// Where each button goes: its width and row (row 0 beside the staff corner).
struct BarPlan {
    UiFrame ui;                   // the bar's font: its own size, never scaled to fit
    std::vector<BarItem> items;   // reading order from the corner outwards
    std::vector<float> widths;    // one per item
    std::vector<std::size_t> row; // one per item
    std::size_t rows = 1;
    float squeeze = 1.0f; // < 1 only when even kMaxBarRows rows cannot hold the words
};

// Between bar buttons: enough that two outlines never touch.
float bar_gap(const Metrics& m) {
    return std::max(6.0f, std::round(m.gap * 0.5f));
}

ImFont* bar_font(const UiFrame& ui) {
    return ui.fonts.bar ? ui.fonts.bar : ui.fonts.normal;
}

// The plan at bar font size `px`. The words are drawn by the text pipeline,
// whose glyph cache rasterises each glyph at the size it is drawn (never a
// scaled bitmap), so any `px` is a real size.
BarPlan plan_bar_at(ScreenContext& ctx, float width, std::vector<BarItem> items, float px) {
    const Metrics& m = ctx.ui.m;
    BarPlan plan{ctx.ui, std::move(items), {}, {}, 1, 1.0f};
    const ImFont* font = bar_font(ctx.ui);
    plan.ui.font_scale = font != nullptr && font->FontSize > 0 ? px / font->FontSize : 1.0f;
    // Bar buttons are framed tighter than answers (the word sits under its
    // picture, clear of the rounded corners): in English, the kiosk's usual
    // first language, the ten then fit on one row and the language list below
    // needs no scrolling.
    plan.ui.m.gap = std::round(m.gap * 0.75f);
    const float pad = plan.ui.m.gap;
    const float gap = bar_gap(m);
    for (const auto& it : plan.items) {
        float widest = 0;
        for (const auto& l : it.labels)
            widest = std::max(widest, text_width(plan.ui, bar_font(plan.ui), l));
        // (+4: a label exactly as wide as its room would wrap on rounding.)
        plan.widths.push_back(std::max(widest + 2 * pad + 4, m.min_target));
    }
    // Room on the first row beside the corner (half a margin clear of it);
    // the whole width below it. Half a margin at the far edge. (+ gap: each
    // button is counted with the gap after it, the last one's is not drawn.)
    auto capacity = [&](std::size_t r) {
        return (r == 0 ? width - m.bar_height - m.margin : width - m.margin) + gap;
    };
    // Fills rows in order, none fuller than `limit` (or its room); the rows used.
    auto pack = [&](float limit, std::vector<std::size_t>& rows_of) {
        rows_of.assign(plan.items.size(), 0);
        std::size_t r = 0;
        float used = 0;
        for (std::size_t i = 0; i < plan.items.size(); ++i) {
            const float need = plan.widths[i] + gap;
            if (used > 0 && used + need > std::min(limit, capacity(r))) {
                ++r;
                used = 0;
            }
            rows_of[i] = r;
            used += need;
        }
        return plan.items.empty() ? std::size_t{1} : r + 1;
    };
    auto fits = [&](const std::vector<std::size_t>& rows_of) {
        std::vector<float> used(kMaxBarRows + 1, 0.0f);
        for (std::size_t i = 0; i < plan.items.size(); ++i)
            used[std::min(rows_of[i], kMaxBarRows)] += plan.widths[i] + gap;
        for (std::size_t r = 0; r <= kMaxBarRows; ++r)
            if (used[r] > capacity(r) + 0.5f)
                return false;
        return true;
    };
    float total = 0;
    for (float w : plan.widths)
        total += w + gap;
    // The fewest rows that hold every word, as even as they can be (a long
    // first row over a short second one looks like a mistake).
    for (std::size_t n = 1; n <= kMaxBarRows; ++n) {
        for (float limit = total / static_cast<float>(n); limit <= width; limit += 8.0f) {
            std::vector<std::size_t> rows_of;
            if (pack(limit, rows_of) <= n && fits(rows_of)) {
                plan.row = std::move(rows_of);
                plan.rows = n;
                return plan;
            }
        }
    }
    // Last resort (never in the fourteen languages at 1280x800 or 800x1280:
    // the layout test checks): the last row squeezed, words wrapped.
    plan.rows = kMaxBarRows;
    pack(width, plan.row);
    for (auto& r : plan.row)
        r = std::min(r, kMaxBarRows - 1);
    float last = 0;
    for (std::size_t i = 0; i < plan.items.size(); ++i)
        if (plan.row[i] == kMaxBarRows - 1)
            last += plan.widths[i] + gap;
    plan.squeeze = last > 0 ? std::min(1.0f, capacity(kMaxBarRows - 1) / last) : 1.0f;
    return plan;
}

// The bar at its own size (Metrics::bar_text_px), or larger (up to
// kBarTextMaxPx) where the language's words leave room in the same number of
// rows: short Amharic or Bengali labels, whose scripts are matched to Latin's
// x-height and look small, are then read more easily.
BarPlan plan_bar(ScreenContext& ctx, float width, BarSet set) {
    const Metrics& m = ctx.ui.m;
    const auto items = bar_items(ctx, set);
    BarPlan base = plan_bar_at(ctx, width, items, m.bar_text_px);
    if (base.squeeze < 1.0f)
        return base;
    for (float px = std::round(kBarTextMaxPx * m.unit); px > m.bar_text_px;
         px -= std::max(1.0f, std::round(2.0f * m.unit))) {
        BarPlan larger = plan_bar_at(ctx, width, items, px);
        if (larger.rows <= base.rows && larger.squeeze >= 1.0f)
            return larger;
    }
    return base;
}

} // namespace

BarSet bar_set_for(const ScreenContext& ctx) {
    const FlowState& st = ctx.flow.state();
    if (st.screen == Screen::attract)
        return BarSet::compact;
    if (st.screen == Screen::question && !ctx.memory.confirm_start_again) {
        const Question* q = ctx.flow.current_question();
        if (q != nullptr && q->type == QuestionType::text && ctx.memory.keys_away_for != q->id)
            return BarSet::typing;
    }
    return BarSet::full;
}

float top_bar_height(ScreenContext& ctx, float width, BarSet set) {
    return static_cast<float>(plan_bar(ctx, width, set).rows) * ctx.ui.m.bar_height;
}

void draw_top_bar(ScreenContext& ctx, ImVec2 min, ImVec2 size, BarSet set) {
    const Metrics& m = ctx.ui.m;
    const Theme& t = *ctx.ui.theme;
    const BarPlan plan = plan_bar(ctx, size.x, set);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(min, ImVec2(min.x + size.x, min.y + size.y), to_u32(t.bar));
    dl->AddLine(ImVec2(min.x, min.y + size.y - 1), ImVec2(min.x + size.x, min.y + size.y - 1),
                to_u32(t.bar_text, 0.6f), 2.0f);

    const float row_h = m.bar_height;
    const float h = m.min_target;
    const float gap = bar_gap(m);
    const bool squeezed_row = plan.squeeze < 1.0f;
    // Each row from the far edge (right in LTR) towards the corner.
    float x = size.x - m.margin * 0.5f;
    std::size_t current = plan.rows; // none yet
    for (std::size_t i = plan.items.size(); i-- > 0;) {
        if (plan.row[i] != current) {
            current = plan.row[i];
            x = size.x - m.margin * 0.5f;
        }
        const auto& it = plan.items[i].button;
        const float squeeze = squeezed_row && current == plan.rows - 1 ? plan.squeeze : 1.0f;
        const float w = std::max(m.min_target, plan.widths[i] * squeeze);
        x -= w;
        const float y = min.y + static_cast<float>(current) * row_h + (row_h - h) * 0.5f;
        const ImVec2 pos = ctx.ui.mirror(ImVec2(min.x + x, y), w, min.x, size.x);
        ButtonSpec spec = it.spec();
        spec.icon_at = IconAt::top;
        spec.font = bar_font(plan.ui);
        spec.selected = false; // the bar shows "on" with an underline (below)
        spec.icon_scale = 0.9f;
        if (big_button(plan.ui, spec, pos, ImVec2(w, h)))
            it.pressed(ctx.intents);
        if (it.selected) {
            // An "on" bar setting is underlined as well as labelled "on".
            dl->AddRectFilled(ImVec2(pos.x + m.gap, pos.y + h - 6 * m.unit),
                              ImVec2(pos.x + w - m.gap, pos.y + h - 2 * m.unit),
                              to_u32(t.bar_text));
        }
        x -= gap;
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
