// Help now: who can help, what for, when, the number in big digits, and a
// QR code beside it so a person can take the number away on their own phone
// (dark on light with a quiet zone, about 4.5 cm on a 15" screen).
#include "engage/help_contact.hpp"
#include "kiosk/screens/screens.hpp"
#include "kiosk/widgets/icons.hpp"
#include "kiosk/widgets/qr_view.hpp"
#include "kiosk/widgets/shapes.hpp"
#include "kiosk/widgets/text_block.hpp"

#include <algorithm>

namespace engage::kiosk {

namespace {

const std::optional<QrCode>& qr_for(ScreenMemory& memory, const std::string& text) {
    auto it = memory.qr_cache.find(text);
    if (it == memory.qr_cache.end())
        it = memory.qr_cache.emplace(text, make_qr_code(text)).first;
    return it->second;
}

} // namespace

void draw_help_now_screen(ScreenContext& ctx) {
    UiFrame& ui = ctx.ui;
    const Metrics& m = ui.m;
    const Theme& t = *ui.theme;
    float y = ctx.area_min.y + m.gap;
    y = draw_heading(ctx, ctx.tr("help.title"), y);
    y = draw_paragraph(ctx, ctx.tr("help.emergency"), y, t.text);

    const ContentBundle* content = ctx.flow.content();
    const float left = ctx.area_min.x + m.margin;
    const float width = ctx.area_size.x - 2 * m.margin;
    const float bottom = ctx.area_min.y + ctx.area_size.y - nav_row_height(ctx);
    if (content == nullptr || content->help.empty()) {
        draw_paragraph(ctx, ctx.tr("help.none"), y, t.text);
    } else {
        ImGui::SetCursorScreenPos(ImVec2(left, y));
        ImGui::BeginChild("help", ImVec2(width, bottom - y));
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const ImVec2 origin = ImGui::GetCursorScreenPos();
        const float inner = width - ImGui::GetStyle().ScrollbarSize - m.gap;
        // 4 cm at 96 dpi is 151 px; the design size gives a little more.
        const float qr_min = std::max(170.0f * m.unit, 151.0f);
        float cy = origin.y;
        for (const HelpEntry& h : content->help) {
            // The tel: URI the web app checked when staff saved the number;
            // an old entry whose number would not dial offers its address.
            const std::optional<std::string> tel = tel_uri(h.phone);
            const std::string qr_text = tel ? *tel : h.url;
            const std::optional<QrCode>* code = nullptr;
            if (!qr_text.empty())
                code = &qr_for(ctx.memory, qr_text);
            const float side = code && *code ? qr_side(**code, qr_min) : 0.0f;
            const float text_w = inner - 3 * m.gap - (side > 0 ? side + m.gap : 0);
            const auto name = ctx.shown(h.name);
            const auto what = ctx.shown(h.what);
            const auto hours = ctx.shown(h.hours);
            // In a language no native speaker has reviewed, a crisis entry also
            // shows its English words, so a wrong translation is never all
            // there is to go on (issue 11).
            std::string english;
            if (!ctx.cat.reviewed(ui.language) && !name.in_english && !what.in_english) {
                const std::string& en_name = h.name.get(kFallbackLanguage);
                const std::string& en_what = h.what.get(kFallbackLanguage);
                if (en_name != name.text || en_what != what.text)
                    english = en_name + " — " + en_what;
            }
            const ScreenContext::Shown beside{english, true};
            const std::string caption = ctx.tr(tel ? "help.scan" : "help.scan_address");
            const float text_h =
                content_height(ctx, ui.fonts.large, name, text_w) +
                content_height(ctx, ui.fonts.normal, what, text_w) +
                content_height(ctx, ui.fonts.normal, hours, text_w) +
                (english.empty() ? 0 : content_height(ctx, ui.fonts.normal, beside, text_w)) +
                (h.phone.empty() ? 0 : ui.fonts.heading->FontSize * 1.2f) +
                (side > 0 ? text_height(ui, ui.fonts.normal, caption, text_w) : 0) + 4 * m.gap;
            const float card_h = std::max(text_h, side + 2 * m.gap);
            const ImVec2 cmin(origin.x, cy), cmax(origin.x + inner, cy + card_h);
            fill_rounded_rect(dl, cmin, cmax, to_u32(t.panel), m.rounding);
            dl->AddRect(cmin, cmax, to_u32(t.panel_text, 0.6f), m.rounding, 0, 2.0f);
            const float tx =
                ui.rtl ? cmin.x + 2 * m.gap + (side > 0 ? side + m.gap : 0) : cmin.x + m.gap;
            float ty = cy + m.gap;
            const ImU32 ink = to_u32(t.panel_text);
            ty += draw_content(ctx, dl, ui.fonts.large, name, ImVec2(tx, ty), text_w, ink);
            ty += draw_content(ctx, dl, ui.fonts.normal, what, ImVec2(tx, ty), text_w, ink);
            ty += draw_content(ctx, dl, ui.fonts.normal, hours, ImVec2(tx, ty), text_w, ink);
            if (!english.empty())
                ty += draw_content(ctx, dl, ui.fonts.normal, beside, ImVec2(tx, ty), text_w, ink);
            ty += m.gap * 0.5f;
            if (!h.phone.empty()) {
                // The number itself, big, always left to right (digits).
                UiFrame digits = ui;
                digits.rtl = false;
                const float icon = ui.fonts.heading->FontSize;
                const float ix = ui.rtl ? tx + text_w - icon * 0.5f : tx + icon * 0.5f;
                draw_icon(dl, "phone", ImVec2(ix, ty + icon * 0.55f), icon, ink, to_u32(t.panel));
                const float nx = ui.rtl ? tx : tx + icon + m.gap;
                ty += draw_text(digits, dl, ui.fonts.heading, h.phone, ImVec2(nx, ty),
                                text_w - icon - m.gap, ui.rtl ? Align::end : Align::start, ink);
                ui.say(h.phone);
            }
            if (side > 0) {
                draw_text(ui, dl, ui.fonts.normal, caption, ImVec2(tx, ty), text_w, Align::start,
                          ink, false);
                const float qx = ui.rtl ? cmin.x + m.gap : cmax.x - m.gap - side;
                const ImVec2 qpos(qx, cy + (card_h - side) * 0.5f);
                draw_qr(ui, dl, **code, qpos, side);
                if (ui.registry) {
                    // Not a button: recorded so tests can find and check the code.
                    WidgetEntry qr{"qr." + h.id,
                                   "QR " + ctx.text_en(h.name),
                                   {qpos.x, qpos.y, side, side},
                                   side,
                                   side,
                                   false};
                    qr.in_region = true; // in the scrolled list of helpers
                    ui.registry->add(std::move(qr));
                }
            }
            cy += card_h + m.gap;
        }
        ImGui::SetCursorScreenPos(ImVec2(origin.x, cy));
        ImGui::Dummy(ImVec2(1, 1));
        touch_scroll(ctx);
        ImGui::EndChild();
    }
    draw_nav_row(ctx, {ActionButton{"nav.back", ctx.tr("help.back"), ctx.tr_en("help.back"), "back",
                                    ButtonKind::quiet,
                                    [](Flow& f, std::int64_t now) { f.close_help(now); }}});
}

} // namespace engage::kiosk
