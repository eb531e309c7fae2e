// One question per screen: "n of m", the question in big words, big answer
// buttons with a picture and a word (faces for the 1–5 scale), Back, Skip
// and Next. Free text uses the on-screen keyboard and is always optional.
#include "engage/text.hpp"
#include "kiosk/screens/screens.hpp"
#include "kiosk/widgets/icons.hpp"
#include "kiosk/widgets/on_screen_keyboard.hpp"
#include "kiosk/widgets/shapes.hpp"
#include "kiosk/widgets/text_block.hpp"
#include "kiosk/widgets/theme.hpp"

#include <algorithm>
#include <cmath>
#include <imgui.h>
#include <optional>

namespace engage::kiosk {

namespace {

bool is_selected(const Answer* a, const Question& q, std::string_view option) {
    if (a == nullptr)
        return false;
    if (q.type == QuestionType::choice) {
        const auto* c = std::get_if<Choice>(a);
        return c && *c == option;
    }
    if (q.type == QuestionType::multi) {
        const auto* m = std::get_if<MultiChoice>(a);
        return m && std::find(m->begin(), m->end(), option) != m->end();
    }
    return false;
}

// Progress: "2 of 5" and a row of dots, at the start side of the header.
// Draws "2 of 5" and a dot per question; returns the row's bottom and sets
// `used` to the width the words and dots take from the reading start.
float draw_progress(ScreenContext& ctx, float y, float& used) {
    UiFrame& ui = ctx.ui;
    const std::size_t n = ctx.state().question_index + 1;
    const std::size_t total = ctx.flow.question_count();
    const std::string ns = ctx.number(static_cast<std::int64_t>(n));
    const std::string ms = ctx.number(static_cast<std::int64_t>(total));
    const std::string progress = ctx.tr("question.progress", {{"n", ns}, {"m", ms}});
    const float left = ctx.area_min.x + ui.m.margin;
    const float width = ctx.area_size.x - 2 * ui.m.margin;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float h = draw_text(ui, dl, ui.fonts.normal, progress, ImVec2(left, y), width,
                              Align::start, to_u32(ui.theme->text));
    // Dots after the words: filled for done and current.
    const float r = ui.fonts.normal->FontSize * 0.22f;
    const float tw = text_width(ui, ui.fonts.normal, progress);
    for (std::size_t i = 0; i < total; ++i) {
        const float off = tw + ui.m.gap + static_cast<float>(i) * r * 3.2f + r;
        const float cx = ui.rtl ? left + width - off : left + off;
        const ImVec2 c(cx, y + h * 0.5f);
        if (i < n)
            dl->AddCircleFilled(c, r, to_u32(ui.theme->text), 16);
        else
            dl->AddCircle(c, r, to_u32(ui.theme->text), 16, 2.0f);
    }
    used = tw + ui.m.gap + static_cast<float>(total) * r * 3.2f;
    // Listed like words (the dots are the same line), so the layout test
    // sees anything drawn over them.
    if (ui.registry && total > 0) {
        const float dots_w = used - tw - ui.m.gap;
        const float x0 = ui.rtl ? left + width - used : left + tw + ui.m.gap;
        const WidgetRect dots{x0, y + h * 0.5f - r - 1, dots_w, 2 * r + 2};
        // Only what is in view (the screen may be scrolled past them).
        const ImVec2 lo = dl->GetClipRectMin();
        const ImVec2 hi = dl->GetClipRectMax();
        const float vx0 = std::max(dots.x, lo.x), vy0 = std::max(dots.y, lo.y);
        const float vx1 = std::min(dots.x + dots.w, hi.x), vy1 = std::min(dots.y + dots.h, hi.y);
        if (vx1 > vx0 && vy1 > vy0)
            ui.registry->add_text(TextEntry{"", WidgetRect{vx0, vy0, vx1 - vx0, vy1 - vy0}, dots,
                                            in_clip_region(dl)});
    }
    return y + h + ui.m.gap * 0.5f;
}

// The height a row of side-icon answer buttons needs so every label fits
// (with big text a label takes two lines or more), in a grid `width` wide.
float label_row_height(ScreenContext& ctx, const std::vector<ActionButton>& buttons, float width,
                       int cols, bool checkbox) {
    UiFrame& ui = ctx.ui;
    const Metrics& m = ui.m;
    const float bw = (width - m.gap * static_cast<float>(cols - 1)) / static_cast<float>(cols);
    ImFont* font = ui.fonts.large;
    const float icon_room = font->FontSize * 1.6f + m.gap;
    const float box_room = checkbox ? font->FontSize * 1.3f + m.gap : 0.0f;
    const float scroll_room = ImGui::GetStyle().ScrollbarSize + m.gap;
    float h = 0.0f;
    for (const auto& b : buttons) {
        const float label_w =
            bw - scroll_room - 2 * m.gap - box_room - (b.icon.empty() ? 0.0f : icon_room);
        h = std::max(h, text_height(ui, font, b.label, label_w) + 0.5f * m.gap);
    }
    return h;
}

// [Scale] The 1-5 scale is five tiles side by side, a face above its word,
// where each tile holds both: every word of every label whole on a line
// (measured in this script's font at this size), a label in at most two
// lines, and a face at least kSmallestFace of the minimum target across.
// Where they do not (a portrait screen, the largest sizes, long words:
// Somali's "Aad u fiican" took three lines of a 135 px tile and pushed the
// faces out), the scale is a list, face beside word, as choices are.
constexpr float kSmallestFace = 0.75f;
constexpr int kScaleLabelLines = 2;

struct ScaleLayout {
    bool side_by_side = false;
    float tile_h = 0;  // side by side: the tiles' height (face, gap, words)
    float face = 0;    // side by side: every face's size (the tallest words decide)
    float words_h = 0; // side by side: the tallest words' height
};

ScaleLayout scale_layout(ScreenContext& ctx, const std::vector<ActionButton>& buttons, float width,
                         float room_h) {
    UiFrame& ui = ctx.ui;
    const Metrics& m = ui.m;
    const float n = static_cast<float>(buttons.size());
    const float bw = (width - m.gap * (n - 1)) / n;
    const float pad = m.gap;
    const float label_w = bw - 2 * pad;
    ImFont* font = ui.fonts.large;
    const float face_least = m.min_target * kSmallestFace;
    if (label_w < face_least)
        return {};
    float words_h = 0;
    for (const auto& b : buttons) {
        std::string_view rest = b.label;
        while (!rest.empty()) {
            const auto space = rest.find(' ');
            const std::string_view word = rest.substr(0, space);
            if (text_width(ui, font, word) > label_w)
                return {};
            rest = space == std::string_view::npos ? std::string_view{} : rest.substr(space + 1);
        }
        const float line = text_height(ui, font, b.label, 1e6f);
        const float h = text_height(ui, font, b.label, label_w);
        if (h > line * kScaleLabelLines + 0.5f)
            return {};
        words_h = std::max(words_h, h);
    }
    // As tall as the room gives (the screen scrolls below that), and never
    // too short for the face and the words (big_button: the face gets what
    // the words and 1.6 gaps leave).
    const float wanted = std::max(std::min(room_h, m.min_target * 3.2f), m.min_target * 2.2f);
    const float tile_h = std::max(wanted, words_h + face_least + 1.6f * pad + 1.0f);
    return {true, tile_h, std::min(tile_h - words_h - 1.6f * pad, label_w), words_h};
}

// Lays answer buttons out in a grid filling the area; scrolls when the text
// is so big that even minimum-size rows do not fit.
// `icon_px`, `words_h`: icons above labels at most this size, centred with
// words this tall (0: as each button's own fit), so a row lines up.
void draw_answer_grid(ScreenContext& ctx, std::vector<ActionButton>& buttons, ImVec2 min,
                      ImVec2 size, int cols, bool icon_on_top, bool checkbox, float icon_px = 0,
                      float words_h = 0) {
    UiFrame& ui = ctx.ui;
    const Metrics& m = ui.m;
    const int n = static_cast<int>(buttons.size());
    const int rows = std::max(1, (n + cols - 1) / cols);
    const float bw = (size.x - m.gap * static_cast<float>(cols - 1)) / static_cast<float>(cols);
    const float wanted_min = icon_on_top ? m.min_target * 2.2f : m.min_target;
    float bh = (size.y - m.gap * static_cast<float>(rows - 1)) / static_cast<float>(rows);
    bh = std::min(bh, icon_on_top ? size.y : m.min_target * 1.8f);
    // Each button must hold its words: with big text a label takes two lines.
    if (!icon_on_top)
        bh = std::max(bh, label_row_height(ctx, buttons, size.x, cols, checkbox));
    const bool scroll =
        bh < wanted_min ||
        static_cast<float>(rows) * bh + m.gap * static_cast<float>(rows - 1) > size.y + 0.5f;
    bh = std::max(bh, wanted_min);
    ImGui::SetCursorScreenPos(min);
    ImGui::BeginChild("answers", size, false,
                      scroll ? ImGuiWindowFlags_None : ImGuiWindowFlags_NoScrollbar);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const UiFrame english_ui = english_frame(ui);
    const float inner_w = scroll ? size.x - ImGui::GetStyle().ScrollbarSize - m.gap : size.x;
    const float bw2 =
        scroll ? (inner_w - m.gap * static_cast<float>(cols - 1)) / static_cast<float>(cols) : bw;
    for (int i = 0; i < n; ++i) {
        auto& b = buttons[static_cast<std::size_t>(i)];
        const ImVec2 logical(origin.x + static_cast<float>(i % cols) * (bw2 + m.gap),
                             origin.y + static_cast<float>(i / cols) * (bh + m.gap));
        const ImVec2 pos = ui.mirror(logical, bw2, origin.x, inner_w);
        ButtonSpec spec = b.spec();
        spec.checkbox = checkbox;
        spec.icon_at = icon_on_top ? IconAt::top : IconAt::start;
        spec.icon_scale = icon_on_top ? 1.6f : 1.0f;
        spec.icon_px = icon_px;
        spec.words_h = words_h;
        if (big_button(b.in_english ? english_ui : ui, spec, pos, ImVec2(bw2, bh)))
            b.pressed(ctx.intents);
    }
    if (scroll) {
        ImGui::SetCursorScreenPos(
            ImVec2(origin.x, origin.y + static_cast<float>(rows) * (bh + m.gap)));
        ImGui::Dummy(ImVec2(1, 1));
        touch_scroll(ctx);
    }
    ImGui::EndChild();
}

// A text question's keys: a phone question opens a number pad (a key leads
// to the full keyboard); anything else the visit language's keyboard.
bool on_number_pad(const ScreenContext& ctx, const Question& q) {
    return q.input == TextInput::phone && ctx.memory.keyboard_full_for != q.id;
}

// Height of a text question's keys (the keyboard or the number pad).
float text_keys_height(const ScreenContext& ctx, const Question& q) {
    // As wide as draw_text_keys is given (the area less its margins).
    const float width = ctx.area_size.x - 2 * ctx.ui.m.margin;
    return on_number_pad(ctx, q) ? number_pad_height(ctx.ui)
                                 : keyboard_height(ctx.ui, keyboard_layout(ctx.ui.language), width,
                                                   q.input == TextInput::phone);
}

// The text question's answer so far (a free text, or a choice typed in).
std::string typed_so_far(const ScreenContext& ctx, const Question& q) {
    const Answer* a = ctx.flow.answer_for(q.id);
    if (a == nullptr)
        return {};
    if (const auto* ft = std::get_if<FreeText>(a))
        return ft->text;
    if (const auto* s = std::get_if<Choice>(a))
        return *s;
    return {};
}

// The empty box's words: the invitation (a label, like a button's, so it
// takes no full stop: a Latin "." after Arabic, Urdu, Amharic or Bengali
// words is wrong, and each script's own stop differs) and the question's own
// hint from the content (a sign-up's name field asks for a name; feedback
// for none), a sentence with its own punctuation. With the keys away the
// "Type here" button under the box says the invitation instead.
struct BoxWords {
    std::string invitation; // "" with the keys away
    std::string hint;       // the content's, "" when it has none
};

BoxWords box_words(ScreenContext& ctx, const Question& q, bool keys_up) {
    return {keys_up ? ctx.tr("text.placeholder") : std::string(), ctx.text(q.hint)};
}

// Whether the invitation and the hint share one line of `inner_w` (each
// keeps its own words, a wide space between them), else the hint goes on
// the next line. One line where it fits: above the keys a line is the room
// the question's own words need.
bool box_words_one_line(const UiFrame& ui, const BoxWords& w, float inner_w) {
    if (w.invitation.empty() || w.hint.empty())
        return false;
    const float sep = ui.fonts.normal->FontSize * ui.font_scale * 1.5f;
    return text_width(ui, ui.fonts.normal, w.invitation) + sep +
               text_width(ui, ui.fonts.normal, w.hint) + 2 <=
           inner_w;
}

// The height the text box needs above the keys: its empty words, or one line
// of typed text in `typed_font`, whichever is taller, and its padding.
// The same before and after the first letter, so nothing moves under the
// person's finger when they start typing.
float text_box_height(const UiFrame& ui, const BoxWords& w, float width, ImFont* typed_font) {
    const float pad = ui.m.gap;
    const float inner_w = width - 2 * pad;
    float words_h = 0;
    if (box_words_one_line(ui, w, inner_w)) {
        words_h = std::max(text_height(ui, ui.fonts.normal, w.invitation, inner_w),
                           text_height(ui, ui.fonts.normal, w.hint, inner_w));
    } else {
        std::string all = w.invitation;
        if (!w.hint.empty())
            all += (all.empty() ? "" : "\n") + w.hint;
        words_h = text_height(ui, ui.fonts.normal, all, inner_w);
    }
    // A typed line in the large font, with this script's reach (the
    // invitation's letters stand for the language's).
    const float typed_h =
        text_height(ui, typed_font, w.invitation.empty() ? "|" : w.invitation, 1e6f);
    return std::max(words_h, typed_h) + pad;
}

// Draws the text box in [min, min+size] (at least one line high); returns
// the y below it. The keys are drawn apart (draw_text_keys), under it.
float draw_text_box(ScreenContext& ctx, const Question& q, ImVec2 min, ImVec2 size, bool keys_up,
                    ImFont* typed_font) {
    UiFrame& ui = ctx.ui;
    const Metrics& m = ui.m;
    const Theme& t = *ui.theme;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const std::string current = typed_so_far(ctx, q);
    // The text so far in a box, with a caret at its end. Above the keys it
    // is as tall as it was given (text_box_height); under the question
    // (keys away) at least a typed line and a half.
    const float box_h =
        keys_up ? std::round(size.y)
                : std::max(typed_font->FontSize * ui.font_scale * 1.5f, std::round(size.y));
    const ImVec2 box_max(min.x + size.x, min.y + box_h);
    fill_rounded_rect(dl, min, box_max, to_u32(t.panel), m.rounding);
    dl->AddRect(min, box_max, to_u32(t.panel_text), m.rounding, 0, 3.0f * m.unit);
    const float pad = m.gap;
    const BoxWords words = box_words(ctx, q, keys_up);
    UiFrame box_ui = ui;
    box_ui.spoken = current.empty() ? ui.spoken : nullptr;
    box_ui.text_parent = "text.box";
    const float inner_w = size.x - 2 * pad;
    dl->PushClipRect(min, box_max, true);
    if (current.empty()) {
        // The empty box shows its start: the invitation before the hint.
        const ImU32 colour = to_u32(t.panel_text);
        if (box_words_one_line(box_ui, words, inner_w)) {
            const float th =
                std::max(text_height(box_ui, ui.fonts.normal, words.invitation, inner_w),
                         text_height(box_ui, ui.fonts.normal, words.hint, inner_w));
            const float y = min.y + (box_h - std::min(th, box_h)) * 0.5f;
            const float inv_w = text_width(box_ui, ui.fonts.normal, words.invitation) + 1;
            const float sep = ui.fonts.normal->FontSize * ui.font_scale * 1.5f;
            draw_text(box_ui, dl, ui.fonts.normal, words.invitation, ImVec2(min.x + pad, y),
                      inner_w, Align::start, colour);
            // The hint after it in reading order: right of it, or left in RTL.
            const float rest = inner_w - inv_w - sep;
            const float hx = ui.rtl ? min.x + pad : min.x + pad + inv_w + sep;
            draw_text(box_ui, dl, ui.fonts.normal, words.hint, ImVec2(hx, y), rest, Align::start,
                      colour);
        } else {
            std::string all = words.invitation;
            if (!words.hint.empty())
                all += (all.empty() ? "" : "\n") + words.hint;
            const float th = text_height(box_ui, ui.fonts.normal, all, inner_w);
            draw_text(box_ui, dl, ui.fonts.normal, all,
                      ImVec2(min.x + pad, min.y + (box_h - std::min(th, box_h)) * 0.5f), inner_w,
                      Align::start, colour);
        }
    } else {
        // Show the end of a long text: what was typed last is what matters.
        const std::string shown = current + "|";
        const float th = text_height(box_ui, typed_font, shown, inner_w);
        const float centred = min.y + (box_h - std::min(th, box_h)) * 0.5f;
        draw_text(box_ui, dl, typed_font, shown,
                  ImVec2(min.x + pad, std::min(centred, box_max.y - pad * 0.5f - th)), inner_w,
                  Align::start, to_u32(t.panel_text));
    }
    dl->PopClipRect();
    if (ui.registry) {
        // Listed for scripts; not a target (tapping it does nothing) and not
        // in the Tab order. Clipped to what the body shows of it.
        const ImVec2 clip_lo = dl->GetClipRectMin(), clip_hi = dl->GetClipRectMax();
        const float y0 = std::max(min.y, clip_lo.y), y1 = std::min(box_max.y, clip_hi.y);
        WidgetEntry box{"text.box", "Text box", {min.x, y0, size.x, std::max(0.0f, y1 - y0)},
                        size.x,     box_h,      true};
        box.focusable = false;
        box.visible = y1 - y0 >= std::min(box_h, typed_font->FontSize * ui.font_scale * 1.5f) - 1;
        ui.registry->add(box);
    }
    return min.y + box_h;
}

// Draws the keys of a text question in [pos, pos+size] and applies them
// (and a physical keyboard's typing) to its answer.
void draw_text_keys(ScreenContext& ctx, const Question& q, ImVec2 pos, ImVec2 size) {
    UiFrame& ui = ctx.ui;
    const std::string current = typed_so_far(ctx, q);
    // A physical keyboard types straight in when no button has focus.
    std::string typed_into = current;
    bool typed = false;
    if (ui.focus && !ui.focus->has_focus()) {
        // (With a key focused, Space and Backspace belong to navigation.)
        if (!ctx.typed.empty()) {
            typed_into += ctx.typed;
            typed = true;
        }
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Backspace)) && !typed_into.empty()) {
            pop_back_grapheme(typed_into);
            typed = true;
        }
    }
    const KeyboardLayout& layout = keyboard_layout(ui.language);
    const bool phone = q.input == TextInput::phone;
    const bool on_pad = on_number_pad(ctx, q);
    KeyboardLabels labels{ctx.tr("keyboard.space"),   ctx.tr_en("keyboard.space"),
                          ctx.tr("keyboard.delete"),  ctx.tr_en("keyboard.delete"),
                          ctx.tr("keyboard.shift"),   ctx.tr_en("keyboard.shift"),
                          ctx.tr("keyboard.letters"), ctx.tr_en("keyboard.letters"),
                          ctx.tr("keyboard.numbers"), ctx.tr_en("keyboard.numbers")};
    // A mark's name only in the visit's own language: an English name would
    // be read in the wrong voice.
    labels.mark_name = [&ctx](std::string_view insert) {
        const std::string key = mark_name_key(insert);
        return ctx.cat.has(key, ctx.ui.language) ? ctx.cat.text(key, ctx.ui.language)
                                                 : std::string();
    };
    KeyboardModes modes{ctx.memory.shift, ctx.memory.keyboard_page, ctx.memory.keyboard_pick,
                        !on_pad};
    const std::string& before = typed ? typed_into : current;
    const auto r =
        on_pad ? number_pad(ui, before, modes, labels, pos, size)
               : on_screen_keyboard(ui, "key", before, modes, labels, layout, pos, size, phone);
    ctx.memory.shift = modes.shift;
    ctx.memory.keyboard_page = modes.page;
    ctx.memory.keyboard_pick = modes.picked;
    if (phone)
        ctx.memory.keyboard_full_for = modes.full ? q.id : std::string();
    if (r.changed || typed) {
        std::string text = r.changed ? r.text : typed_into;
        ctx.intents.act([text](Flow& f, std::int64_t now) { f.set_text(text, now); });
    }
}

// "Anonymous, nobody will reply" with a Help now button at its end; returns
// the y below.
float draw_nobody_replies(ScreenContext& ctx, float y) {
    UiFrame& ui = ctx.ui;
    const Metrics& m = ui.m;
    const float left = ctx.area_min.x + m.margin;
    const float width = ctx.area_size.x - 2 * m.margin;
    ActionButton help{
        "text.help_now",           ctx.tr("top.help_now"),
        ctx.tr_en("top.help_now"), "help",
        ButtonKind::help,          [](Flow& f, std::int64_t now) { f.open_help(now); }};
    const float bw =
        std::max(m.min_target * 2.0f, text_width(ui, ui.fonts.normal, help.label) +
                                          ui.fonts.normal->FontSize * 1.6f + 3 * m.gap);
    const std::string words = ctx.tr("text.anonymous");
    ButtonSpec spec = help.spec();
    spec.font = ui.fonts.normal;
    // Beside the words while they keep half the width; on a narrow screen at
    // the largest sizes they ran down a column a word or two wide, so the
    // button then goes under them, at the end side.
    if (width - bw - m.gap < width * 0.5f) {
        y += draw_text(ui, ImGui::GetWindowDrawList(), ui.fonts.normal, words, ImVec2(left, y),
                       width, Align::start, to_u32(ui.theme->text));
        y += m.gap * 0.5f;
        const ImVec2 pos = ui.mirror(ImVec2(left + width - bw, y), bw, left, width);
        if (big_button(ui, spec, pos, ImVec2(bw, m.min_target)))
            help.pressed(ctx.intents);
        return y + m.min_target + m.gap * 0.5f;
    }
    const float text_w = width - bw - m.gap;
    const float th = text_height(ui, ui.fonts.normal, words, text_w);
    const float row_h = std::max(th, m.min_target);
    const float tx = ui.rtl ? left + bw + m.gap : left;
    draw_text(ui, ImGui::GetWindowDrawList(), ui.fonts.normal, words,
              ImVec2(tx, y + (row_h - th) * 0.5f), text_w, Align::start, to_u32(ui.theme->text));
    const ImVec2 pos = ui.mirror(ImVec2(left + width - bw, y), bw, left, width);
    if (big_button(ui, spec, pos, ImVec2(bw, m.min_target)))
        help.pressed(ctx.intents);
    return y + row_h + m.gap * 0.5f;
}

// Lists the question's words (not a target) as "question.words": where they
// are and what the body shows of them. "visible" means their first line is
// wholly in view (`line_h` high from their top), what a text question keeps
// above its keys.
void register_question_words(ScreenContext& ctx, ImVec2 pos, ImVec2 size, float line_h) {
    UiFrame& ui = ctx.ui;
    if (!ui.registry)
        return;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 clip_lo = dl->GetClipRectMin(), clip_hi = dl->GetClipRectMax();
    const float y0 = std::max(pos.y, clip_lo.y), y1 = std::min(pos.y + size.y, clip_hi.y);
    WidgetEntry e{"question.words", "Question", {pos.x, y0, size.x, std::max(0.0f, y1 - y0)},
                  size.x,           size.y,     true};
    e.focusable = false;
    e.visible = y0 <= pos.y + 0.5f && y1 >= pos.y + std::min(line_h, size.y) - 0.5f;
    e.in_region = in_clip_region(dl);
    ui.registry->add(e);
}

// The question's picture (its content icon) at the start side of the row at
// `pos`, a little taller than one line of the question; listed for scripts
// and the layout test as "question.picture" (not a target). Returns its side.
float draw_question_picture(ScreenContext& ctx, std::string_view icon, ImFont* font, ImVec2 pos,
                            float width) {
    UiFrame& ui = ctx.ui;
    const float side = std::round(font->FontSize * ui.font_scale * 1.8f);
    const float x = ui.rtl ? pos.x + width - side : pos.x;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 lo(x, pos.y), hi(x + side, pos.y + side);
    fill_rounded_rect(dl, lo, hi, to_u32(ui.theme->panel), ui.m.rounding);
    draw_icon(dl, icon, ImVec2(x + side * 0.5f, pos.y + side * 0.5f), side * 0.78f,
              to_u32(ui.theme->panel_text), to_u32(ui.theme->panel), ui.rtl);
    if (ui.registry) {
        const ImVec2 clip_lo = dl->GetClipRectMin(), clip_hi = dl->GetClipRectMax();
        const float y0 = std::max(lo.y, clip_lo.y), y1 = std::min(hi.y, clip_hi.y);
        WidgetEntry e{"question.picture",
                      "Picture: " + std::string(icon),
                      {x, y0, side, std::max(0.0f, y1 - y0)},
                      side,
                      side,
                      true};
        e.focusable = false;
        e.visible = y1 - y0 >= side * 0.5f;
        e.in_region = in_clip_region(dl);
        ui.registry->add(e);
    }
    return side;
}

} // namespace

void draw_question_screen(ScreenContext& ctx) {
    UiFrame& ui = ctx.ui;
    const Metrics& m = ui.m;
    const Question* q = ctx.flow.current_question();
    if (q == nullptr)
        return;
    std::vector<ActionButton> buttons;
    // Everything above the nav row scrolls when big text makes it taller than
    // the screen (long questions wrap; nothing is drawn behind the buttons).
    std::optional<ScrollBody> body;
    // A text question's keys stay below the body, whole, at every text size,
    // and the text box sits just above them, outside the body too: the
    // question's words scroll above the box, never the box itself. The body
    // is a new one for each text size and for keys up or away, so it opens
    // scrolled to the question's words again (longer words above them would
    // push them out of view).
    const bool text = q->type == QuestionType::text;
    const bool keys_up = text && ctx.memory.keys_away_for != q->id;
    const float keys_h = keys_up ? text_keys_height(ctx, *q) : 0.0f;
    const auto qtext = ctx.shown(q->text, q->easy);
    ImFont* qfont = text ? ui.fonts.large : ui.fonts.heading; // (may change, below)
    const float full_w = ctx.area_size.x - 2 * m.margin;
    // [Typing panel] With the keys up, the room between the top bar and the
    // keys holds the box and at least the question's first line. Where they
    // do not fit at the chosen size (a landscape screen at the largest sizes,
    // Nastaliq's tall lines at any) the words above the keys are set smaller
    // until they do: the question and the box in view matter more than their
    // size, and Settings puts the keys away to show them at full size.
    const float font_scale_before = ui.font_scale;
    float box_h = 0;
    ImFont* panel_font = ui.fonts.large; // the question's font above the keys
    ImFont* typed_font = ui.fonts.large; // the typed words' there
    if (keys_up) {
        const float panel_h =
            ctx.area_size.y - nav_row_height(ctx) - keys_h - m.gap; // bar to keys, less a gap
        const BoxWords words = box_words(ctx, *q, true);
        // Around them: half a gap above the first line, half between.
        const float room = panel_h - m.gap - 2.0f;
        // (Content in English for want of a translation: its tag above it.)
        const UiFrame en = english_frame(ui);
        const UiFrame& words_frame = qtext.in_english ? en : ui;
        // What the first line (in `font`) and the box (typed words in
        // `typed`) take at `scale`.
        auto need = [&](ImFont* font, ImFont* typed, float scale) {
            UiFrame at = ui;
            at.font_scale = font_scale_before * scale;
            UiFrame words_at = words_frame;
            words_at.font_scale = at.font_scale;
            float first_line = text_height(words_at, font, qtext.text, 1e6f);
            if (qtext.in_english)
                first_line += marker_height(ctx);
            if (ctx.state().settings.easy_read && known_icon(q->icon))
                first_line =
                    std::max(first_line, std::round(font->FontSize * at.font_scale * 1.8f));
            return first_line + text_box_height(at, words, full_w, typed);
        };
        // The largest scale (at most 1) at which they fit; line boxes and the
        // box's padding do not shrink in proportion, so a few steps down from
        // the proportional guess. Never smaller than the default size's body
        // text: no one chose that.
        const float smallest =
            std::min(1.0f, metrics_for(m.width, m.height, 1.0f, kDefaultTextStep).text_px /
                               std::max(1.0f, ui.fonts.normal->FontSize));
        // (A scale below kNearly, or none that fits: the next choice.)
        auto fitting = [&](ImFont* font, ImFont* typed) -> std::optional<float> {
            float scale = std::clamp(room / need(font, typed, 1.0f), smallest, 1.0f);
            while (scale > smallest && need(font, typed, scale) > room)
                scale = std::max(smallest, scale * 0.97f);
            if (need(font, typed, scale) > room)
                return std::nullopt;
            return scale;
        };
        // The question and the typed words in the large font where they fit
        // (nearly: a little smaller is still large); else the typed words in
        // the body font; else both, as large as they fit (Nastaliq's tall
        // lines, the largest sizes): the box's words are never set smaller
        // for a larger question.
        constexpr float kNearly = 0.85f;
        float scale = smallest;
        if (const auto both_large = fitting(ui.fonts.large, ui.fonts.large);
            both_large && *both_large >= kNearly) {
            scale = *both_large;
        } else if (const auto typed_normal = fitting(ui.fonts.large, ui.fonts.normal);
                   typed_normal && *typed_normal >= kNearly) {
            typed_font = ui.fonts.normal;
            scale = *typed_normal;
        } else {
            typed_font = panel_font = ui.fonts.normal;
            scale = fitting(panel_font, typed_font).value_or(smallest);
        }
        ui.font_scale = font_scale_before * scale;
        box_h = std::floor(text_box_height(ui, words, full_w, typed_font));
        qfont = panel_font;
    }
    const std::string body_id =
        "question." + q->id +
        (text ? ".size" + std::to_string(ctx.state().settings.text_size_step) +
                    (keys_up ? ".keys" : ".read")
              : std::string());
    // With the keys away their "Type here" button takes their place.
    const float keys_button_h = text && !keys_up ? m.min_target : 0.0f;
    body.emplace(ctx, body_id.c_str(), true,
                 keys_up ? keys_h + m.gap + box_h + m.gap * 0.5f
                         : (keys_button_h > 0 ? keys_button_h + m.gap : 0.0f));
    const float body_top = ctx.area_min.y;
    float y = ctx.area_min.y + m.gap * 0.75f;
    const float progress_y = y;
    float progress_w = 0;
    y = draw_progress(ctx, y, progress_w);
    // A hint shares the progress row, at its far end, to leave room for
    // answers; when it does not fit beside the dots (Somali at the largest
    // size ran over them) it takes a line of its own under them.
    std::string hint;
    if (q->type == QuestionType::multi)
        hint = ctx.tr("question.choose_any");
    else if (ctx.state().question_index == 0)
        hint = ctx.tr("question.optional");
    const float left = ctx.area_min.x + m.margin;
    const float width = ctx.area_size.x - 2 * m.margin;
    if (!hint.empty()) {
        const float hw = text_width(ui, ui.fonts.normal, hint);
        if (hw + 1 <= width - progress_w - m.gap) {
            const float hx = ui.rtl ? left : left + width - hw - 1;
            const float hint_h =
                draw_text(ui, ImGui::GetWindowDrawList(), ui.fonts.normal, hint,
                          ImVec2(hx, progress_y), hw + 1, Align::end, to_u32(ui.theme->text));
            y = std::max(y, progress_y + hint_h); // a taller script's hint is not drawn over
        } else {
            y += draw_text(ui, ImGui::GetWindowDrawList(), ui.fonts.normal, hint, ImVec2(left, y),
                           width, Align::end, to_u32(ui.theme->text));
            y += m.gap * 0.5f;
        }
    }
    // The question itself, easy-read wording when chosen, with its picture
    // beside it then (easy-read pages put a picture by each sentence).
    const float question_y = y;
    const float picture = ctx.state().settings.easy_read && known_icon(q->icon)
                              ? draw_question_picture(ctx, q->icon, qfont, ImVec2(left, y), width)
                              : 0.0f;
    const float words_w = picture > 0 ? width - picture - m.gap : width;
    const float words_x = ui.rtl ? left : left + width - words_w;
    // Its words are listed as "question.words" (not a target), so a test
    // sees where they are and how much of them is in view.
    UiFrame& words_ui = ctx.ui;
    words_ui.text_parent = "question.words";
    const float words_h = draw_content(ctx, ImGui::GetWindowDrawList(), qfont, qtext,
                                       ImVec2(words_x, y), words_w, to_u32(ui.theme->text));
    words_ui.text_parent = {};
    {
        // (Below its "in English" tag, which is listed on its own.)
        const UiFrame en = english_frame(ui);
        const UiFrame& frame = qtext.in_english ? en : ui;
        const float only_words = text_height(frame, qfont, qtext.text, words_w);
        register_question_words(ctx, ImVec2(words_x, y + words_h - only_words),
                                ImVec2(words_w, only_words),
                                text_height(frame, qfont, qtext.text, 1e6f));
    }
    y += std::max(words_h, picture);
    y += m.gap * 0.5f;
    // A choice question's hint is a line under it in the content's words:
    // the "About you" set's first question says why the set is asked
    // (a text question's hint is in its empty box instead).
    if ((q->type == QuestionType::choice || q->type == QuestionType::multi) && !q->hint.empty()) {
        y += draw_content(ctx, ImGui::GetWindowDrawList(), ui.fonts.normal, ctx.shown(q->hint),
                          ImVec2(left, y), width, to_u32(ui.theme->text));
        y += m.gap * 0.5f;
    }
    // Free text in feedback and polls: say plainly that it is anonymous and
    // that nobody answers it here, and offer Help now beside it (DESIGN §7).
    const FormVersion* form = ctx.flow.current_form();
    if (q->type == QuestionType::text && form != nullptr && form->kind != FormKind::signup)
        y = draw_nobody_replies(ctx, y);
    // Answers still in English under a translated question get their own tag.
    if (!qtext.in_english) {
        const bool options_in_english =
            std::any_of(q->options.begin(), q->options.end(),
                        [&](const Option& o) { return ctx.shown(o.text, o.easy).in_english; });
        if (options_in_english)
            y += draw_in_english_marker(ctx, ImGui::GetWindowDrawList(), ImVec2(left, y), width);
    }

    const float nav_h = nav_row_height(ctx);
    const ImVec2 amin(left, y);
    const ImVec2 asize(width, ctx.area_min.y + ctx.area_size.y - nav_h - y);
    const Answer* a = ctx.flow.answer_for(q->id);
    // The answers never get less than a row of full-size buttons each.
    auto at_least = [&](float h) { return ImVec2(asize.x, std::max(asize.y, h)); };
    float end_y = y;

    switch (q->type) {
    case QuestionType::scale: {
        const auto* v = a ? std::get_if<ScaleValue>(a) : nullptr;
        for (int i = scale_min; i <= scale_max; ++i) {
            const std::string key = "scale." + std::to_string(i);
            buttons.push_back({.id = "answer." + q->id + "." + std::to_string(i),
                               .label = ctx.tr(key),
                               .label_en = ctx.tr_en(key),
                               .icon = "face:" + std::to_string(i),
                               .kind = ButtonKind::primary,
                               .action = [i](Flow& f, std::int64_t now) { f.set_scale(i, now); },
                               .selected = v && *v == i});
        }
        const ScaleLayout layout = scale_layout(ctx, buttons, asize.x, asize.y);
        if (layout.side_by_side) {
            draw_answer_grid(ctx, buttons, amin, ImVec2(asize.x, layout.tile_h),
                             static_cast<int>(buttons.size()), true, false, layout.face,
                             layout.words_h);
            end_y = amin.y + layout.tile_h;
            break;
        }
        // A list, face beside word, in the scale's order (1 first, as the
        // row reads from its start), as tall as its words need.
        const float rows = static_cast<float>(buttons.size());
        const float row_h =
            std::max(m.min_target, label_row_height(ctx, buttons, asize.x, 1, false));
        const ImVec2 list = at_least(rows * row_h + (rows - 1) * m.gap);
        draw_answer_grid(ctx, buttons, amin, list, 1, false, false);
        end_y = amin.y + list.y;
        break;
    }
    case QuestionType::yesno: {
        const auto* v = a ? std::get_if<bool>(a) : nullptr;
        buttons.push_back({.id = "answer." + q->id + ".yes",
                           .label = ctx.tr("answer.yes"),
                           .label_en = ctx.tr_en("answer.yes"),
                           .icon = "tick",
                           .kind = ButtonKind::primary,
                           .action = [](Flow& f, std::int64_t now) { f.set_yes_no(true, now); },
                           .selected = v && *v});
        buttons.push_back({.id = "answer." + q->id + ".no",
                           .label = ctx.tr("answer.no"),
                           .label_en = ctx.tr_en("answer.no"),
                           .icon = "cross",
                           .kind = ButtonKind::primary,
                           .action = [](Flow& f, std::int64_t now) { f.set_yes_no(false, now); },
                           .selected = v && !*v});
        const float h = std::max(std::min(asize.y, m.min_target * 3.0f), m.min_target * 2.2f);
        draw_answer_grid(ctx, buttons, amin, ImVec2(asize.x, h), 2, true, false);
        end_y = amin.y + h;
        break;
    }
    case QuestionType::choice:
    case QuestionType::multi: {
        const bool multi = q->type == QuestionType::multi;
        for (const auto& o : q->options) {
            std::string icon = o.icon;
            const bool chosen = is_selected(a, *q, o.id);
            // Without a picture of its own a single choice shows a radio
            // circle: hollow, filled once chosen (a filled dot looked chosen).
            if (icon.empty() || !known_icon(icon))
                icon = o.id == prefer_not_to_say ? "skip"
                                                 : (multi ? "" : (chosen ? "choice-on" : "choice"));
            const std::string id = o.id;
            const auto label = ctx.shown(o.text, o.easy);
            buttons.push_back(
                {.id = "answer." + q->id + "." + o.id,
                 .label = label.text,
                 .label_en = ctx.text_en(o.text),
                 .icon = icon,
                 .kind = ButtonKind::primary,
                 .action = multi
                               ? FlowAction([id](Flow& f, std::int64_t now) { f.toggle(id, now); })
                               : FlowAction([id](Flow& f, std::int64_t now) { f.choose(id, now); }),
                 .selected = chosen,
                 .in_english = label.in_english});
        }
        // Two columns when there are many answers, unless big text would
        // break a label into more than two lines there.
        int cols = buttons.size() <= 3 ? 1 : 2;
        if (cols == 2) {
            ImFont* font = ui.fonts.large;
            const float half = (asize.x - m.gap) * 0.5f;
            const float label_w =
                half - ImGui::GetStyle().ScrollbarSize - 3 * m.gap - font->FontSize * 2.9f - m.gap;
            for (const auto& b : buttons) {
                if (text_height(ui, font, b.label, label_w) > font->FontSize * 1.15f * 2.5f)
                    cols = 1;
            }
        }
        const float rows = static_cast<float>(
            (buttons.size() + static_cast<std::size_t>(cols) - 1) / static_cast<std::size_t>(cols));
        // Laid out as tall as its labels need, so a long list (the 20
        // ethnic groups at the largest text) scrolls with the screen, never
        // inside it too: one scroll bar, not two side by side.
        const float row_h =
            std::max(m.min_target, label_row_height(ctx, buttons, asize.x, cols, multi));
        const ImVec2 grid = at_least(rows * row_h + (rows - 1) * m.gap);
        draw_answer_grid(ctx, buttons, amin, grid, cols, false, multi);
        end_y = amin.y + grid.y;
        break;
    }
    case QuestionType::text: {
        if (keys_up) {
            // Opened scrolled to the question's words (the progress and the
            // skip note above them scroll back into view).
            body->start_scrolled_to(question_y - m.gap * 0.5f - body_top);
            break;
        }
        // Keys away: the box under the question, at full size (the body
        // scrolls), and below the body, where the keys were, a big "Type
        // here" button with the keyboard picture that brings them back:
        // always in view, so the way back to typing is never a scroll away.
        const float box_room =
            std::max(ui.fonts.large->FontSize * ui.font_scale * 1.5f, asize.y - m.gap * 0.5f);
        end_y = draw_text_box(ctx, *q, amin, ImVec2(asize.x, box_room), false, ui.fonts.large);
        break;
    }
    }
    body->ends_at(end_y);
    body.reset();
    if (keys_up) {
        // Full width (no scroll bar beside it), just above the nav row, and
        // the box just above the keys.
        const float kx = ctx.area_min.x + m.margin;
        const float ky = ctx.area_min.y + ctx.area_size.y - nav_row_height(ctx) - keys_h;
        const float kw = ctx.area_size.x - 2 * m.margin;
        draw_text_box(ctx, *q, ImVec2(kx, ky - m.gap - box_h), ImVec2(kw, box_h), true, typed_font);
        ui.font_scale = font_scale_before;
        draw_text_keys(ctx, *q, ImVec2(kx, ky), ImVec2(kw, keys_h));
    } else if (keys_button_h > 0) {
        const float bx = ctx.area_min.x + m.margin;
        const float by = ctx.area_min.y + ctx.area_size.y - nav_row_height(ctx) - keys_button_h;
        ActionButton type{"text.keys", ctx.tr("text.placeholder"), ctx.tr_en("text.placeholder"),
                          "keyboard", ButtonKind::primary};
        ScreenMemory* memory = &ctx.memory;
        type.local = [memory] { memory->keys_away_for.clear(); };
        if (big_button(ui, type.spec(), ImVec2(bx, by),
                       ImVec2(ctx.area_size.x - 2 * m.margin, keys_button_h)))
            type.pressed(ctx.intents);
    }

    // Once an answer is chosen Next stands out (filled) and Skip goes: it
    // would drop the answer, and two ways forward side by side compete.
    // Before that both are quiet and Skip says what moving on means.
    const bool answered = a != nullptr;
    std::vector<ActionButton> nav{
        ActionButton{"nav.back", ctx.tr("question.back"), ctx.tr_en("question.back"), "back",
                     ButtonKind::quiet, [](Flow& f, std::int64_t now) { f.back(now); }}};
    if (!answered)
        nav.push_back(ActionButton{"nav.skip", ctx.tr("question.skip"), ctx.tr_en("question.skip"),
                                   "skip", ButtonKind::quiet,
                                   [](Flow& f, std::int64_t now) { f.skip(now); }});
    nav.push_back(ActionButton{"nav.next", ctx.tr("question.next"), ctx.tr_en("question.next"),
                               "next", answered ? ButtonKind::primary : ButtonKind::quiet,
                               [](Flow& f, std::int64_t now) { f.next(now); }, true});
    draw_nav_row(ctx, std::move(nav));
}

} // namespace engage::kiosk
