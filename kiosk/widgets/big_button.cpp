#include "kiosk/widgets/big_button.hpp"

#include "kiosk/widgets/icons.hpp"
#include "kiosk/widgets/shapes.hpp"
#include "kiosk/widgets/text_block.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string>

namespace engage::kiosk {

namespace {

struct Colours {
    Rgb bg, fg, border;
};

Colours colours_for(const Theme& t, const ButtonSpec& s, bool held) {
    if (s.selected)
        return {t.selected, t.selected_text, t.selected_text};
    // Not available: the quiet colours (still ≥ 7:1) and a dashed look is
    // not possible in ImGui, so the words say why (e.g. "No questions now").
    if (!s.enabled)
        return {t.quiet, t.quiet_text, t.quiet_text};
    switch (s.kind) {
    case ButtonKind::quiet:
        return {held ? t.pressed : t.quiet, t.quiet_text, t.quiet_text};
    case ButtonKind::help:
        return {held ? t.pressed : t.help, t.help_text, t.help_text};
    case ButtonKind::bar:
        return {held ? t.pressed : t.bar, t.bar_text, t.bar_text};
    case ButtonKind::primary:
    default:
        return {held ? t.pressed : t.button, t.button_text, t.button_border};
    }
}

void draw_icon_or_face(ImDrawList* dl, std::string_view icon, ImVec2 c, float size, ImU32 fg,
                       ImU32 bg, bool mirror) {
    if (icon.rfind("face:", 0) == 0) {
        int v = 3;
        std::from_chars(icon.data() + 5, icon.data() + icon.size(), v);
        draw_face(dl, v, c, size, fg, bg);
        return;
    }
    draw_icon(dl, icon, c, size, fg, bg, mirror);
}

} // namespace

void focus_ring(const UiFrame& ui, ImDrawList* dl, ImVec2 min, ImVec2 max) {
    const float t = ui.m.focus_px;
    // Two rings so the focus shows on light and dark backgrounds alike.
    dl->AddRect(ImVec2(min.x - t, min.y - t), ImVec2(max.x + t, max.y + t), to_u32(ui.theme->focus),
                ui.m.rounding + t, 0, t);
    dl->AddRect(ImVec2(min.x - t * 1.5f, min.y - t * 1.5f),
                ImVec2(max.x + t * 1.5f, max.y + t * 1.5f),
                to_u32(ui.theme->background.r + ui.theme->background.g > 1.0f ? rgb(0x000000)
                                                                              : rgb(0xFFFFFF)),
                ui.m.rounding + t * 1.5f, 0, 2.0f);
}

bool big_button(const UiFrame& ui, const ButtonSpec& spec, ImVec2 pos, ImVec2 size) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    // Whole pixels, so fills and outlines meet without a seam.
    {
        const ImVec2 end(std::round(pos.x + size.x), std::round(pos.y + size.y));
        pos = ImVec2(std::round(pos.x), std::round(pos.y));
        size = ImVec2(end.x - pos.x, end.y - pos.y);
    }
    const std::string imgui_id(spec.id);
    ImGui::SetCursorScreenPos(pos);
    bool pressed = false;
    if (spec.enabled)
        pressed = ImGui::InvisibleButton(imgui_id.c_str(), size);
    else
        ImGui::Dummy(size);
    const bool held = spec.enabled && ImGui::IsItemActive();
    if (pressed && ui.focus)
        ui.focus->pointer_used();
    if (spec.enabled && ui.focus && ui.focus->activated(spec.id))
        pressed = true;

    // Register what is visible of it (a tap lands there); a button scrolled
    // out of view is listed as not visible so Tab can still reach it.
    const ImVec2 clip_min = dl->GetClipRectMin();
    const ImVec2 clip_max = dl->GetClipRectMax();
    const float x0 = std::max(pos.x, clip_min.x), y0 = std::max(pos.y, clip_min.y);
    const float x1 = std::min(pos.x + size.x, clip_max.x),
                y1 = std::min(pos.y + size.y, clip_max.y);
    const bool visible = x1 - x0 >= size.x * 0.5f && y1 - y0 >= size.y * 0.5f;
    const bool fully_visible = x1 - x0 >= size.x - 1 && y1 - y0 >= size.y - 1;
    if (ui.registry) {
        WidgetEntry e{std::string(spec.id),
                      std::string(spec.label_en),
                      visible ? WidgetRect{x0, y0, x1 - x0, y1 - y0}
                              : WidgetRect{pos.x, pos.y, size.x, size.y},
                      size.x,
                      size.y,
                      spec.enabled};
        e.visible = visible;
        e.selected = spec.selected;
        e.in_region = in_clip_region(dl);
        e.row = ui.key_row;
        e.spoken = std::string(spec.spoken.empty() ? spec.label : spec.spoken);
        ui.registry->add(e);
    }
    // Keyboard focus on a button partly out of view scrolls it into view.
    if (ui.focus && ui.focus->wants_in_view(spec.id) && !fully_visible)
        ImGui::SetScrollHereY(0.5f);

    const Theme& t = *ui.theme;
    const Colours c = colours_for(t, spec, held);
    const ImU32 fg = to_u32(c.fg);
    const ImU32 bg = to_u32(c.bg);
    const ImVec2 max(pos.x + size.x, pos.y + size.y);
    const float r = ui.m.rounding;
    fill_rounded_rect(dl, pos, max, bg, r);
    const float border =
        spec.selected ? std::max(t.border_px, 4.0f) * ui.m.unit * 1.5f : t.border_px * ui.m.unit;
    if (border > 0)
        dl->AddRect(pos, max, to_u32(c.border), r, 0, border);

    ImFont* font = spec.font ? spec.font : (ui.fonts.large ? ui.fonts.large : ImGui::GetFont());
    // The words below are this button's: a layout test sees them inside it.
    UiFrame label_ui = ui;
    label_ui.text_parent = spec.id;
    const UiFrame sub_ui = label_ui; // the sublabel keeps its size
    const float pad = ui.m.gap;
    // A label whose ink is taller than the button (Nastaliq's tall letters
    // and tails at the larger sizes) is set smaller until it fits, down to
    // kSmallestLabel of its size: the words stay inside their button.
    auto fit_label = [&](float width, float room) {
        constexpr float kSmallestLabel = 0.55f;
        const float floor_scale = ui.font_scale * kSmallestLabel;
        for (int i = 0; i < 4; ++i) {
            const float h = text_ink_height(label_ui, font, spec.label, width);
            if (h <= room || label_ui.font_scale <= floor_scale)
                break;
            label_ui.font_scale = std::max(floor_scale, label_ui.font_scale * room / h * 0.98f);
        }
    };
    // The picture, listed for the layout test (kind "icon") with this
    // button as its parent: it must stay inside its button, clear of the
    // button's words and of its neighbours.
    auto icon_at = [&](ImVec2 centre, float side) {
        draw_icon_or_face(dl, spec.icon, centre, side, fg, bg, ui.rtl);
        if (!ui.registry || side <= 0)
            return;
        const WidgetRect full{centre.x - side * 0.5f, centre.y - side * 0.5f, side, side};
        const float ix0 = std::max(full.x, clip_min.x), iy0 = std::max(full.y, clip_min.y);
        const float ix1 = std::min(full.x + full.w, clip_max.x),
                    iy1 = std::min(full.y + full.h, clip_max.y);
        if (ix1 <= ix0 || iy1 <= iy0)
            return; // scrolled out of sight
        TextEntry e{std::string(spec.id), WidgetRect{ix0, iy0, ix1 - ix0, iy1 - iy0}, full,
                    in_clip_region(dl)};
        e.icon = true;
        ui.registry->add_text(std::move(e));
    };
    float icon_size = 0;
    if (!spec.icon.empty())
        icon_size = std::min(size.y - 2 * pad, font->FontSize * 1.6f) * spec.icon_scale;

    // Where the label and icon go.
    if (spec.icon_at == IconAt::top && !spec.icon.empty()) {
        const float label_w = size.x - 2 * pad;
        const float sub_h =
            spec.sublabel.empty() ? 0 : text_height(ui, ui.fonts.normal, spec.sublabel, label_w);
        fit_label(label_w, size.y - pad - sub_h);
        const float lh = text_height(label_ui, font, spec.label, label_w);
        // As tall as the words leave room for, and never wider than the
        // tile: five faces side by side on a narrow screen ran over their
        // neighbours' edges.
        icon_size =
            std::min({icon_size * 1.4f, size.y - lh - sub_h - 1.6f * pad, size.x - 2 * pad});
        if (spec.icon_px > 0)
            icon_size = std::min(icon_size, spec.icon_px);
        icon_size = std::max(icon_size, 0.0f);
        const float total = icon_size + pad * 0.3f + std::max(lh, spec.words_h) + sub_h;
        float y = pos.y + (size.y - total) * 0.5f;
        icon_at(ImVec2(pos.x + size.x * 0.5f, y + icon_size * 0.5f), icon_size);
        y += icon_size + pad * 0.3f;
        y += draw_text(label_ui, dl, font, spec.label, ImVec2(pos.x + pad, y), label_w,
                       Align::centre, fg);
        if (!spec.sublabel.empty())
            draw_text(sub_ui, dl, ui.fonts.normal, spec.sublabel, ImVec2(pos.x + pad, y), label_w,
                      Align::centre, fg);
    } else {
        const float icon_box = icon_size > 0 && !spec.icon.empty() ? icon_size + pad : 0;
        // A multi answer has a tick box at the far end, so "choose several" shows.
        const float box = spec.checkbox ? std::min(size.y - 2 * pad, font->FontSize * 1.3f) : 0;
        const float box_room = box > 0 ? box + pad : 0;
        const float label_w = size.x - 2 * pad - icon_box - box_room;
        const float sub_h =
            spec.sublabel.empty() ? 0 : text_height(ui, ui.fonts.normal, spec.sublabel, label_w);
        fit_label(label_w, size.y - pad - sub_h);
        const float lh = text_height(label_ui, font, spec.label, label_w);
        const float total = lh + sub_h;
        // A picture without words (a key whose word does not fit it; its
        // name is spoken) stands in the middle.
        const float icon_cx = spec.label.empty() ? pos.x + size.x * 0.5f
                              : ui.rtl           ? max.x - pad - icon_size * 0.5f
                                                 : pos.x + pad + icon_size * 0.5f;
        const float label_x = ui.rtl ? pos.x + pad + box_room : pos.x + pad + icon_box;
        if (icon_box > 0)
            icon_at(ImVec2(icon_cx, pos.y + size.y * 0.5f), icon_size);
        if (box > 0) {
            const float bx = ui.rtl ? pos.x + pad + box * 0.5f : max.x - pad - box * 0.5f;
            const ImVec2 bc(bx, pos.y + size.y * 0.5f);
            const float h = box * 0.5f;
            const float bw = std::max(3.0f, box * 0.09f);
            dl->AddRect(ImVec2(bc.x - h, bc.y - h), ImVec2(bc.x + h, bc.y + h), fg, 4, 0, bw);
            if (spec.selected)
                draw_icon(dl, "tick", bc, box * 0.9f, fg, bg);
        }
        const Align a = icon_box > 0 || box > 0 ? Align::start : Align::centre;
        float y = pos.y + (size.y - total) * 0.5f;
        y += draw_text(label_ui, dl, font, spec.label, ImVec2(label_x, y), label_w, a, fg);
        if (!spec.sublabel.empty())
            draw_text(sub_ui, dl, ui.fonts.normal, spec.sublabel, ImVec2(label_x, y), label_w, a,
                      fg);
    }

    // A chosen answer also gets a tick badge in its corner: not by colour alone.
    if (spec.selected && !spec.checkbox) {
        const float b = std::max(ui.m.min_target * 0.34f, 24.0f);
        const ImVec2 bc(ui.rtl ? pos.x + b * 0.7f : max.x - b * 0.7f, pos.y + b * 0.7f);
        dl->AddCircleFilled(bc, b * 0.5f, fg, 24);
        draw_icon(dl, "tick", bc, b * 0.8f, bg, fg);
    }
    if (ui.focus && ui.focus->focused(spec.id))
        focus_ring(ui, dl, pos, max);
    return pressed;
}

} // namespace engage::kiosk
