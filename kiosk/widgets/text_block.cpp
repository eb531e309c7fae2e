#include "kiosk/widgets/text_block.hpp"

#include "kiosk/text/display_text.hpp"
#include "kiosk/text/text_pipeline.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <string>

namespace engage::kiosk {

namespace {

ImFont* pick(ImFont* font) {
    return font ? font : ImGui::GetFont();
}

// Without Noto Sans there is no pipeline: ImGui's default font draws
// reordered (unshaped) text, so the kiosk still says something.
std::vector<std::string> lines_for(const UiFrame& ui, ImFont* font, std::string_view logical,
                                   float width) {
    ImFont* f = pick(font);
    if (ui.fonts.text)
        return ui.fonts.text->wrap(logical, f->FontSize * ui.font_scale, width, ui.rtl,
                                   ui.language);
    const float size = f->FontSize * ui.font_scale;
    return wrap_for_display(
        logical, ui.rtl, width,
        [f, size](std::string_view s) {
            return f->CalcTextSizeA(size, FLT_MAX, 0.0f, s.data(), s.data() + s.size()).x;
        },
        ui.language);
}

// The spacing of one paragraph's lines. A Latin line box is 1.15 × the font
// size, with the baseline where Noto Sans puts it; a script whose ink reaches
// further (Nastaliq's stacks and tails, Arabic marks over a tall letter)
// gets a taller box, the same for every line of the paragraph so its lines
// stay evenly spaced, with the baseline moved down by what rises above
// Latin's ascender. Nothing is drawn into the line above or below.
struct LineBox {
    float height = 0;    // from one line's top to the next's
    float latin_top = 0; // from a line's top to where a Latin line box's top goes (draw puts the
                         // baseline one Latin ascent below it)
    float pad = 0;       // leading above the first line's ink room and below the last's
};

constexpr float kLineFactor = 1.15f;

LineBox line_box(const UiFrame& ui, float size, const std::vector<std::string>& lines) {
    TextPipeline* text = ui.fonts.text.get();
    const float half_leading = (size * kLineFactor - size) * 0.5f;
    const LineBox latin{size * kLineFactor, half_leading, half_leading};
    if (text == nullptr)
        return latin;
    const float em = text->em_px(size);
    const float ascent = text->ascent_px(size);
    float above = ascent;
    float below = size - ascent;
    for (const auto& l : lines) {
        const ShapedLine& shaped = text->shape(l, ui.rtl, ui.language);
        above = std::max(above, shaped.ink_top * em);
        below = std::max(below, -shaped.ink_bottom * em);
    }
    const float leading = size * (kLineFactor - 1.0f);
    const float height = std::max(latin.height, std::ceil(above + below + leading));
    const float pad = (height - (above + below)) * 0.5f;
    return {height, pad + (above - ascent), pad};
}

// Lists where the words went, for the layout test (never the words).
void record_text(const UiFrame& ui, const ImDrawList* dl, WidgetRect full) {
    const ImVec2 lo = dl->GetClipRectMin();
    const ImVec2 hi = dl->GetClipRectMax();
    const float x0 = std::max(full.x, lo.x), y0 = std::max(full.y, lo.y);
    const float x1 = std::min(full.x + full.w, hi.x), y1 = std::min(full.y + full.h, hi.y);
    if (x1 <= x0 || y1 <= y0)
        return; // scrolled out of sight
    ui.registry->add_text(TextEntry{std::string(ui.text_parent),
                                    WidgetRect{x0, y0, x1 - x0, y1 - y0}, full,
                                    in_clip_region(dl)});
}

} // namespace

float text_height(const UiFrame& ui, ImFont* font, std::string_view logical, float width) {
    if (logical.empty())
        return 0;
    const auto lines = lines_for(ui, font, logical, width);
    const float size = pick(font)->FontSize * ui.font_scale;
    return static_cast<float>(lines.size()) * line_box(ui, size, lines).height;
}

float text_ink_height(const UiFrame& ui, ImFont* font, std::string_view logical, float width) {
    if (logical.empty())
        return 0;
    const auto lines = lines_for(ui, font, logical, width);
    const float size = pick(font)->FontSize * ui.font_scale;
    const LineBox box = line_box(ui, size, lines);
    return static_cast<float>(lines.size()) * box.height - 2.0f * box.pad;
}

float text_width(const UiFrame& ui, ImFont* font, std::string_view logical) {
    ImFont* f = pick(font);
    if (ui.fonts.text)
        return ui.fonts.text->width(logical, f->FontSize * ui.font_scale, ui.rtl, ui.language);
    const std::string shown = to_display(logical, ui.rtl);
    return f
        ->CalcTextSizeA(f->FontSize * ui.font_scale, FLT_MAX, 0.0f, shown.data(),
                        shown.data() + shown.size())
        .x;
}

float draw_text(const UiFrame& ui, ImDrawList* dl, ImFont* font, std::string_view logical,
                ImVec2 pos, float width, Align align, ImU32 colour, bool speak) {
    if (logical.empty())
        return 0;
    if (speak)
        ui.say(logical);
    ImFont* f = pick(font);
    const float size = f->FontSize * ui.font_scale;
    const auto lines = lines_for(ui, font, logical, width);
    const LineBox box = line_box(ui, size, lines);
    float y = pos.y;
    float ink_min = FLT_MAX, ink_max = -FLT_MAX; // the lines' horizontal extent
    TextPipeline* text = ui.fonts.text.get();
    for (const auto& l : lines) {
        const ShapedLine* shaped = text ? &text->shape(l, ui.rtl, ui.language) : nullptr;
        const float w =
            shaped ? shaped->advance * text->em_px(size)
                   : f->CalcTextSizeA(size, FLT_MAX, 0.0f, l.data(), l.data() + l.size()).x;
        float x = pos.x;
        // "start" is the reading start: right for RTL.
        const bool to_right = (align == Align::end) != ui.rtl && align != Align::centre;
        if (align == Align::centre)
            x = pos.x + (width - w) * 0.5f;
        else if (to_right)
            x = pos.x + width - w;
        if (shaped) {
            // A letter whose ink overhangs its advance (a Nastaliq tail at
            // the start of a right-to-left line) is kept inside the width.
            const float em = text->em_px(size);
            const float spill_right = x + shaped->ink_right * em - (pos.x + width);
            const float spill_left = pos.x - (x + shaped->ink_left * em);
            if (spill_right > 0)
                x -= std::min(spill_right, std::max(0.0f, x - pos.x + shaped->ink_left * em));
            else if (spill_left > 0)
                x += std::min(spill_left,
                              std::max(0.0f, pos.x + width - x - shaped->ink_right * em));
        }
        const ImVec2 at(std::floor(x), std::floor(y + box.latin_top));
        if (shaped)
            text->draw(dl, *shaped, at, size, colour);
        else
            dl->AddText(f, size, at, colour, l.data(), l.data() + l.size());
        ink_min = std::min(ink_min, at.x);
        ink_max = std::max(ink_max, at.x + w);
        y += box.height;
    }
    if (ui.registry && ink_max > ink_min)
        record_text(
            ui, dl,
            WidgetRect{ink_min, pos.y + box.pad, ink_max - ink_min, y - pos.y - 2.0f * box.pad});
    return y - pos.y;
}

void text_line(const UiFrame& ui, ImFont* font, std::string_view logical, Rgb colour, Align align,
               bool speak) {
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const float width = ImGui::GetContentRegionAvail().x;
    const float h = draw_text(ui, ImGui::GetWindowDrawList(), font, logical, pos, width, align,
                              to_u32(colour), speak);
    ImGui::Dummy(ImVec2(width, h));
}

} // namespace engage::kiosk
