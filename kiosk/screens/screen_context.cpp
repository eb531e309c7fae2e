#include "kiosk/screens/screen_context.hpp"

#include "kiosk/widgets/icons.hpp"
#include "kiosk/widgets/text_block.hpp"

#include <algorithm>

namespace engage::kiosk {

float draw_heading(ScreenContext& ctx, std::string_view text, float y) {
    const UiFrame& ui = ctx.ui;
    const float x = ctx.area_min.x + ui.m.margin;
    const float w = ctx.area_size.x - 2 * ui.m.margin;
    const float h = draw_text(ui, ImGui::GetWindowDrawList(), ui.fonts.heading, text, ImVec2(x, y),
                              w, Align::start, to_u32(ui.theme->text));
    return y + h + ui.m.gap;
}

float draw_paragraph(ScreenContext& ctx, std::string_view text, float y, Rgb colour, ImFont* font) {
    const UiFrame& ui = ctx.ui;
    const float x = ctx.area_min.x + ui.m.margin;
    const float w = ctx.area_size.x - 2 * ui.m.margin;
    const float h = draw_text(ui, ImGui::GetWindowDrawList(), font ? font : ui.fonts.normal, text,
                              ImVec2(x, y), w, Align::start, to_u32(colour));
    return y + h + ui.m.gap * 0.5f;
}

float draw_reassurance(ScreenContext& ctx, std::string_view icon, std::string_view text, float y) {
    const UiFrame& ui = ctx.ui;
    ImFont* font = ui.fonts.large;
    const float icon_size = font->FontSize * 1.1f;
    const float left = ctx.area_min.x + ui.m.margin;
    const float width = ctx.area_size.x - 2 * ui.m.margin;
    const float text_w = width - icon_size - ui.m.gap;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float ix = ui.rtl ? left + width - icon_size * 0.5f : left + icon_size * 0.5f;
    draw_icon(dl, icon, ImVec2(ix, y + font->FontSize * 0.6f), icon_size, to_u32(ui.theme->text),
              to_u32(ui.theme->background), ui.rtl);
    const float tx = ui.rtl ? left : left + icon_size + ui.m.gap;
    const float h =
        draw_text(ui, dl, font, text, ImVec2(tx, y), text_w, Align::start, to_u32(ui.theme->text));
    return y + std::max(h, icon_size) + ui.m.gap * 0.75f;
}

ScreenContext::Shown ScreenContext::shown(const LocalisedText& normal,
                                          const LocalisedText& easy) const {
    const std::string& language = ui.language;
    if (state().settings.easy_read && easy.has(language))
        return {easy.get(language)};
    if (language == kFallbackLanguage || normal.has(language) || !normal.has(kFallbackLanguage))
        return {normal.get(language)};
    if (state().settings.easy_read && easy.has(kFallbackLanguage))
        return {easy.get(kFallbackLanguage), true};
    return {normal.get(kFallbackLanguage), true};
}

UiFrame english_frame(const UiFrame& ui) {
    UiFrame en = ui;
    en.rtl = false;
    en.language = std::string(kFallbackLanguage);
    en.speak_english = true;
    return en;
}

namespace {

// The tag's own height: its words' ink with room around them (a Latin line
// gives 1.35 × the font size; Nastaliq's taller letters get more).
float tag_height(const ScreenContext& ctx) {
    ImFont* font = ctx.ui.fonts.normal;
    const std::string words = ctx.tr("content.in_english");
    return std::max(font->FontSize * 1.35f,
                    text_ink_height(ctx.ui, font, words, 1e6f) + font->FontSize * 0.35f);
}

} // namespace

float marker_height(const ScreenContext& ctx) {
    return tag_height(ctx) + ctx.ui.m.gap * 0.4f;
}

float draw_in_english_marker(ScreenContext& ctx, ImDrawList* dl, ImVec2 pos, float width) {
    const UiFrame& ui = ctx.ui;
    ImFont* font = ui.fonts.normal;
    // The words in the person's language: someone who cannot read English
    // learns why this part looks different. Not read aloud: the English voice
    // that follows says it plainly enough.
    const std::string words = ctx.tr("content.in_english");
    const float pad = font->FontSize * 0.6f;
    const float w = std::min(width, text_width(ui, font, words) + 2 * pad);
    const float h = tag_height(ctx);
    const float x = ui.rtl ? pos.x + width - w : pos.x;
    const ImU32 ink = to_u32(ui.theme->text);
    dl->AddRect(ImVec2(x, pos.y), ImVec2(x + w, pos.y + h), to_u32(ui.theme->text, 0.7f), h * 0.5f,
                0, std::max(1.0f, 2.0f * ui.m.unit));
    const std::string id =
        "in_english." + std::to_string(ui.registry ? ui.registry->entries().size() : 0);
    UiFrame words_ui = ui;
    words_ui.text_parent = id; // the tag's words belong inside it (the layout test)
    const float words_h = text_height(words_ui, font, words, w - 2 * pad);
    draw_text(words_ui, dl, font, words, ImVec2(x + pad, pos.y + (h - words_h) * 0.5f), w - 2 * pad,
              Align::centre, ink, false);
    if (ui.registry) {
        // Not a button: recorded so tests and the widget dump can find the tag.
        WidgetEntry e;
        e.id = id;
        e.label_en = "in English";
        // What is in view of it, as big_button records a button: a tag
        // scrolled below a list's edge is not drawn over what is under it.
        const ImVec2 clip_min = dl->GetClipRectMin();
        const ImVec2 clip_max = dl->GetClipRectMax();
        const float x0 = std::max(x, clip_min.x), y0 = std::max(pos.y, clip_min.y);
        const float x1 = std::min(x + w, clip_max.x), y1 = std::min(pos.y + h, clip_max.y);
        e.visible = x1 - x0 >= w * 0.5f && y1 - y0 >= h * 0.5f;
        e.rect = e.visible ? WidgetRect{x0, y0, x1 - x0, y1 - y0} : WidgetRect{x, pos.y, w, h};
        e.full_w = w;
        e.full_h = h;
        e.enabled = false;
        e.focusable = false;
        e.in_region = in_clip_region(dl); // inside a scrolled list: cut there means scrolled
        ui.registry->add(std::move(e));
    }
    return marker_height(ctx);
}

float content_height(const ScreenContext& ctx, ImFont* font, const ScreenContext::Shown& text,
                     float width) {
    if (!text.in_english)
        return text_height(ctx.ui, font, text.text, width);
    return marker_height(ctx) + text_height(english_frame(ctx.ui), font, text.text, width);
}

float draw_content(ScreenContext& ctx, ImDrawList* dl, ImFont* font,
                   const ScreenContext::Shown& text, ImVec2 pos, float width, ImU32 colour) {
    if (!text.in_english)
        return draw_text(ctx.ui, dl, font, text.text, pos, width, Align::start, colour);
    const float mh = draw_in_english_marker(ctx, dl, pos, width);
    const UiFrame en = english_frame(ctx.ui);
    // English reads left to right; in a right-to-left screen it keeps to the
    // right edge like the words around it.
    return mh + draw_text(en, dl, font, text.text, ImVec2(pos.x, pos.y + mh), width,
                          ctx.ui.rtl ? Align::end : Align::start, colour);
}

float nav_row_height(const ScreenContext& ctx) {
    return ctx.ui.m.min_target + 1.5f * ctx.ui.m.gap;
}

ButtonSpec ActionButton::spec() const {
    ButtonSpec s;
    s.id = id;
    s.label = label;
    s.label_en = label_en;
    s.icon = icon;
    s.sublabel = sublabel;
    s.kind = kind;
    s.selected = selected;
    s.enabled = enabled;
    return s;
}

void ActionButton::pressed(Intents& intents) const {
    if (action)
        intents.act(action);
    if (local)
        local();
    if (read_aloud)
        intents.read_aloud = true;
    if (stop_reading)
        intents.stop_reading = true;
}

float draw_nav_row(ScreenContext& ctx, std::vector<ActionButton> buttons) {
    const UiFrame& ui = ctx.ui;
    const float h = ui.m.min_target;
    const float y = ctx.area_min.y + ctx.area_size.y - h - ui.m.gap * 0.75f;
    const float left = ctx.area_min.x + ui.m.margin;
    const float width = ctx.area_size.x - 2 * ui.m.margin;
    // Fixed-width buttons take what their label needs; a "wide" one the rest.
    // At the largest text sizes a row may not fit: its labels then use the
    // body font, then lose their icons (the words stay), and only then are
    // the buttons narrowed, so no button runs off the screen.
    ImFont* font = ui.fonts.large;
    bool icons = true;
    std::vector<float> widths;
    float fixed = 0;
    int wide = 0;
    const float gaps = ui.m.gap * static_cast<float>(buttons.size() - (buttons.empty() ? 0 : 1));
    auto measure = [&] {
        widths.clear();
        fixed = 0;
        wide = 0;
        float all = 0;
        for (const auto& b : buttons) {
            // As big_button lays it out: padding, icon (1.6 em) and a gap, label, padding.
            float w = text_width(ui, font, b.label) + 2.5f * ui.m.gap +
                      (b.icon.empty() || !icons ? 0 : font->FontSize * 1.6f + ui.m.gap);
            w = std::max(w, ui.m.min_target * 2.0f);
            widths.push_back(w);
            all += w;
            if (b.wide)
                ++wide;
            else
                fixed += w;
        }
        return all + gaps <= width;
    };
    if (!measure() && ui.fonts.normal) {
        font = ui.fonts.normal;
        if (!measure()) {
            icons = false;
            if (!measure()) {
                const float scale = (width - gaps) / (fixed + gaps > 0 ? fixed : 1.0f);
                for (std::size_t i = 0; i < widths.size(); ++i)
                    if (!buttons[i].wide)
                        widths[i] *= std::min(1.0f, scale);
                fixed *= std::min(1.0f, scale);
            }
        }
    }
    const float spare = std::max(0.0f, width - fixed - gaps);
    for (std::size_t i = 0; i < buttons.size(); ++i) {
        if (buttons[i].wide)
            widths[i] = std::max(widths[i], spare / static_cast<float>(std::max(wide, 1)));
    }
    // Lay out from the start side; if there is no wide button, the last
    // button (the way forward) sits at the far end. Back is never the way
    // forward: alone it stays in the corner it has on every question screen.
    float x = 0;
    for (std::size_t i = 0; i < buttons.size(); ++i) {
        auto& b = buttons[i];
        float bx = x;
        if (wide == 0 && i + 1 == buttons.size() && b.id != "nav.back")
            bx = width - widths[i];
        const ImVec2 logical_pos(left + bx, y);
        const ImVec2 pos = ui.mirror(logical_pos, widths[i], left, width);
        ButtonSpec spec = b.spec();
        spec.font = font;
        if (!icons)
            spec.icon = {};
        if (big_button(ui, spec, pos, ImVec2(widths[i], h)))
            b.pressed(ctx.intents);
        x += widths[i] + ui.m.gap;
    }
    return nav_row_height(ctx);
}

void touch_scroll(const ScreenContext& ctx) {
    (void)ctx;
    const ImGuiIO& io = ImGui::GetIO();
    if (ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem) &&
        ImGui::IsMouseDragging(ImGuiMouseButton_Left, 8.0f)) {
        ImGui::SetScrollY(ImGui::GetScrollY() - io.MouseDelta.y);
    }
}

ScrollBody::ScrollBody(ScreenContext& ctx, const char* id, bool above_nav_row, float keep_below)
    : ctx_(ctx), saved_min_(ctx.area_min), saved_size_(ctx.area_size),
      nav_h_(above_nav_row ? nav_row_height(ctx) : 0.0f) {
    height_ = ctx.area_size.y - nav_h_ - keep_below;
    ImGui::SetCursorScreenPos(ctx.area_min);
    ImGui::BeginChild(id, ImVec2(ctx.area_size.x, height_), false);
    appearing_ = ImGui::IsWindowAppearing();
    // The scroll bar shows from the frame after the content outgrew the body,
    // so the first frame of a screen asks for one more; and the words then
    // wrap narrower and push what is below them down, so start_scrolled_to
    // holds for the first few frames, not the first alone (a text box at the
    // largest size in Urdu ended below the body).
    ImGuiStorage* storage = ImGui::GetStateStorage();
    const ImGuiID settle_key = ImGui::GetID("##settle");
    const int frames = appearing_ ? 0 : storage->GetInt(settle_key, kSettleFrames);
    settling_ = frames < kSettleFrames;
    if (settling_) {
        storage->SetInt(settle_key, frames + 1);
        ctx.intents.redraw = true;
    }
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    top_ = origin.y;
    bottom_ = origin.y;
    ctx.area_min = ImVec2(origin.x, origin.y);
    ctx.area_size = ImVec2(ImGui::GetContentRegionAvail().x, saved_size_.y);
    // Inside the body its own bottom is the end of the content area: the nav
    // row is outside it.
    ctx.area_size.y = height_ + nav_h_;
}

ScrollBody::~ScrollBody() {
    ImGui::SetCursorScreenPos(ImVec2(ctx_.area_min.x, std::max(bottom_, top_ + 1.0f) - 1.0f));
    ImGui::Dummy(ImVec2(1, 1));
    touch_scroll(ctx_);
    ImGui::EndChild();
    ctx_.area_min = saved_min_;
    ctx_.area_size = saved_size_;
}

void ScrollBody::start_scrolled_to(float y) {
    if (settling_)
        ImGui::SetScrollY(std::max(0.0f, y));
}

} // namespace engage::kiosk
