// Review: every question with the answer given (or "Skipped") and a Change
// button, then Send. Nothing leaves this screen unless Send is pressed.
// Typed answers are shown but never read aloud (a name or a phone number
// spoken in a day centre is heard by everyone near): Read aloud says "your
// answer, as you typed it" instead (issue 8).
#include "kiosk/screens/screens.hpp"
#include "kiosk/widgets/icons.hpp"
#include "kiosk/widgets/shapes.hpp"
#include "kiosk/widgets/text_block.hpp"

#include <algorithm>

namespace engage::kiosk {

namespace {

std::string answer_words(const ScreenContext& ctx, const Question& q, const Answer* a) {
    if (a == nullptr)
        return ctx.tr("answer.skipped");
    auto option_text = [&](const std::string& id) {
        const Option* o = q.find_option(id);
        return o ? ctx.text(o->text, o->easy) : id;
    };
    if (const auto* c = std::get_if<Choice>(a))
        return option_text(*c);
    if (const auto* m = std::get_if<MultiChoice>(a)) {
        std::string out;
        for (const auto& id : *m) {
            if (!out.empty())
                out += ", ";
            out += option_text(id);
        }
        return out;
    }
    if (const auto* v = std::get_if<ScaleValue>(a))
        return ctx.tr("scale." + std::to_string(*v));
    if (const auto* b = std::get_if<bool>(a))
        return ctx.tr(*b ? "answer.yes" : "answer.no");
    if (const auto* t = std::get_if<FreeText>(a))
        return t->text;
    return {};
}

// True when the chosen answers' words are the English originals (no
// translation): they are then read in the English voice.
bool answer_in_english(const ScreenContext& ctx, const Question& q, const Answer* a) {
    auto english = [&](const std::string& id) {
        const Option* o = q.find_option(id);
        return o != nullptr && ctx.shown(o->text, o->easy).in_english;
    };
    if (const auto* c = a ? std::get_if<Choice>(a) : nullptr)
        return english(*c);
    if (const auto* m = a ? std::get_if<MultiChoice>(a) : nullptr)
        return !m->empty() && std::all_of(m->begin(), m->end(), english);
    return false;
}

} // namespace

void draw_review_screen(ScreenContext& ctx) {
    const FormVersion* form = ctx.flow.current_form();
    if (form == nullptr)
        return;
    UiFrame& ui = ctx.ui;
    const Metrics& m = ui.m;
    const Theme& t = *ui.theme;
    float y = ctx.area_min.y + m.gap;
    y = draw_heading(ctx, ctx.tr("review.title"), y);
    y = draw_paragraph(ctx, ctx.tr("review.not_sent_yet"), y, t.text);

    const float left = ctx.area_min.x + m.margin;
    const float width = ctx.area_size.x - 2 * m.margin;
    const float bottom = ctx.area_min.y + ctx.area_size.y - nav_row_height(ctx);
    ImGui::SetCursorScreenPos(ImVec2(left, y));
    ImGui::BeginChild("review", ImVec2(width, bottom - y));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float inner = width - ImGui::GetStyle().ScrollbarSize - m.gap;
    const float change_w =
        std::max(m.min_target * 1.8f, text_width(ui, ui.fonts.large, ctx.tr("review.change")) +
                                          ui.fonts.large->FontSize * 1.6f + 3 * m.gap);
    const float text_w = inner - change_w - 3 * m.gap;
    float cy = origin.y;
    for (std::size_t i = 0; i < form->questions.size(); ++i) {
        const Question& q = form->questions[i];
        const Answer* a = ctx.flow.answer_for(q.id);
        const auto qtext = ctx.shown(q.text, q.easy);
        const std::string words = answer_words(ctx, q, a);
        const float qh = content_height(ctx, ui.fonts.normal, qtext, text_w);
        const float ah = text_height(ui, ui.fonts.large, words, text_w);
        const float card_h = std::max(m.min_target + 2 * m.gap, qh + ah + 3 * m.gap);
        fill_rounded_rect(dl, ImVec2(origin.x, cy), ImVec2(origin.x + inner, cy + card_h),
                          to_u32(t.panel), m.rounding);
        dl->AddRect(ImVec2(origin.x, cy), ImVec2(origin.x + inner, cy + card_h),
                    to_u32(t.panel_text, 0.5f), m.rounding, 0, 2.0f);
        const float tx = ui.rtl ? origin.x + change_w + 2 * m.gap : origin.x + m.gap;
        float ty = cy + m.gap;
        ty += draw_content(ctx, dl, ui.fonts.normal, qtext, ImVec2(tx, ty), text_w,
                           to_u32(t.panel_text));
        ty += m.gap * 0.5f;
        // A scale answer shows its face too.
        // The words take what the face leaves, on its reading-end side (the
        // face sits at the start: left in LTR, right in RTL).
        float ax = tx;
        float aw = text_w;
        if (a != nullptr) {
            if (const auto* v = std::get_if<ScaleValue>(a)) {
                const float fs = ui.fonts.large->FontSize * 1.2f;
                const float fx = ui.rtl ? tx + text_w - fs * 0.5f : tx + fs * 0.5f;
                draw_face(dl, static_cast<int>(*v), ImVec2(fx, ty + ah * 0.5f), fs,
                          to_u32(t.panel_text), to_u32(t.panel));
                aw -= fs + m.gap;
                if (!ui.rtl)
                    ax += fs + m.gap;
            }
        }
        const bool typed = a != nullptr && std::holds_alternative<FreeText>(*a);
        const UiFrame words_ui = answer_in_english(ctx, q, a) ? english_frame(ui) : ui;
        draw_text(words_ui, dl, ui.fonts.large, words, ImVec2(ax, ty), aw,
                  words_ui.rtl != ui.rtl ? Align::end : Align::start, to_u32(t.panel_text), !typed);
        if (typed)
            ui.say(ctx.tr("review.as_typed"));
        const std::string change = ctx.tr("review.change");
        const std::string change_en = ctx.tr_en("review.change");
        const std::string id = "review.change." + q.id;
        // A scan that says only "Change" for every row leaves a person who
        // cannot see the screen guessing which answer it changes: it names the
        // question (never the answer, which may be typed words).
        const std::string spoken = change + ": " + qtext.text;
        ButtonSpec spec;
        spec.id = id;
        spec.label = change;
        spec.spoken = spoken;
        spec.label_en = change_en;
        spec.icon = "pencil";
        spec.kind = ButtonKind::quiet;
        const float bx = ui.rtl ? origin.x + m.gap : origin.x + inner - change_w - m.gap;
        if (big_button(ui, spec, ImVec2(bx, cy + (card_h - m.min_target) * 0.5f),
                       ImVec2(change_w, m.min_target)))
            ctx.intents.act([i](Flow& f, std::int64_t now) { f.change_answer(i, now); });
        cy += card_h + m.gap;
    }
    ImGui::SetCursorScreenPos(ImVec2(origin.x, cy));
    ImGui::Dummy(ImVec2(1, 1));
    touch_scroll(ctx);
    ImGui::EndChild();

    draw_nav_row(
        ctx,
        {ActionButton{"nav.back", ctx.tr("question.back"), ctx.tr_en("question.back"), "back",
                      ButtonKind::quiet, [](Flow& f, std::int64_t now) { f.back(now); }},
         ActionButton{"review.send", ctx.tr("review.send"), ctx.tr_en("review.send"), "send",
                      ButtonKind::primary, [](Flow& f, std::int64_t now) { f.send(now); }, true}});
}

} // namespace engage::kiosk
