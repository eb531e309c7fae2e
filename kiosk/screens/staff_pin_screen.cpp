// Staff PIN after the hidden long press: a large keypad, dots for digits
// (the PIN is never shown), a gentle message when it is wrong, "Checking…"
// while the worker checks it (the screen stays live meanwhile), and a plain
// message while too many wrong PINs keep entry refused.
#include "kiosk/screens/screens.hpp"
#include "kiosk/widgets/text_block.hpp"

#include <algorithm>

namespace engage::kiosk {

namespace {

// Longest PIN the pad accepts (options.hpp: 6–12 digits).
constexpr std::size_t kMaxPinDigits = 12;

} // namespace

void draw_staff_pin_screen(ScreenContext& ctx) {
    UiFrame& ui = ctx.ui;
    const Metrics& m = ui.m;
    const Theme& t = *ui.theme;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    float y = ctx.area_min.y + m.margin;
    y = draw_heading(ctx, ctx.tr("staff.pin"), y);
    const bool checking = ctx.state().staff_pin_checking;
    const bool locked = ctx.state().staff_pin_locked;
    if (locked)
        y = draw_paragraph(ctx, ctx.tr("staff.pin_locked"), y, t.text, ui.fonts.large);
    else if (checking)
        y = draw_paragraph(ctx, ctx.tr("staff.pin_checking"), y, t.text, ui.fonts.large);
    else if (ctx.state().staff_pin_wrong)
        y = draw_paragraph(ctx, ctx.tr("staff.pin_wrong"), y, t.text, ui.fonts.large);

    // Dots for the digits typed.
    const float r = 12.0f * m.unit;
    const float cx = ctx.area_min.x + ctx.area_size.x * 0.5f;
    const auto n = static_cast<float>(ctx.memory.pin.size());
    for (std::size_t i = 0; i < ctx.memory.pin.size(); ++i) {
        const float x = cx - (n - 1) * r * 1.5f + static_cast<float>(i) * r * 3.0f;
        dl->AddCircleFilled(ImVec2(x, y + r), r, to_u32(t.text), 16);
    }
    y += 2 * r + m.gap;

    // 3 x 4 keypad, centred: 1-9, Clear, 0, OK. Digits never mirror.
    UiFrame pad = ui;
    pad.rtl = false;
    const float bottom = ctx.area_min.y + ctx.area_size.y - m.margin;
    const float avail_w = ctx.area_size.x - 2 * m.margin;
    // Keys 1.6 times as wide as tall, but never wider than a third of the
    // screen: on a portrait screen the pad's keys were 425 px wide, ran off
    // both sides and lay under Cancel.
    auto key_w = [&](float h) { return std::min(h * 1.6f, (avail_w - 2 * m.gap) / 3.0f); };
    const std::string cancel_label = ctx.tr("common.cancel");
    const float cw = std::max(m.min_target * 2.2f, text_width(ui, ui.fonts.large, cancel_label) +
                                                       ui.fonts.large->FontSize * 1.6f + 3 * m.gap);
    // Cancel beside the pad's last row where the room at its side holds it;
    // else (a portrait screen) on a row of its own under the pad.
    float kh = std::max(m.min_target, (bottom - y - 3 * m.gap) / 4.0f);
    const bool cancel_row = (avail_w - (3 * key_w(kh) + 2 * m.gap)) * 0.5f < cw + m.gap;
    if (cancel_row)
        kh = std::max(m.min_target, (bottom - y - 4 * m.gap) / 5.0f);
    const float kw = key_w(kh);
    const float x0 = cx - (3 * kw + 2 * m.gap) * 0.5f;
    const char* keys[12] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "clear", "0", "ok"};
    const std::string clear = ctx.tr("keyboard.clear"), ok = ctx.tr("common.ok");
    for (int i = 0; i < 12; ++i) {
        const std::string k = keys[i];
        const bool digit = k.size() == 1;
        const std::string id = "pin." + k;
        const std::string label = digit ? k : (k == "ok" ? ok : clear);
        const std::string label_en = digit ? k : (k == "ok" ? "OK" : "Clear");
        ButtonSpec spec;
        spec.id = id;
        spec.label = label;
        spec.label_en = label_en;
        spec.kind = digit ? ButtonKind::primary : ButtonKind::quiet;
        spec.font = ui.fonts.heading;
        spec.enabled = !checking && !locked; // one check at a time; none while locked
        const ImVec2 pos(x0 + static_cast<float>(i % 3) * (kw + m.gap),
                         y + static_cast<float>(i / 3) * (kh + m.gap));
        if (!big_button(pad, spec, pos, ImVec2(kw, kh)))
            continue;
        if (digit && ctx.memory.pin.size() < kMaxPinDigits) {
            ctx.memory.pin += k;
        } else if (k == "clear") {
            ctx.memory.pin.clear();
        } else if (k == "ok") {
            std::string pin = std::move(ctx.memory.pin);
            ctx.memory.pin.clear();
            ctx.intents.act([pin](Flow& f, std::int64_t now) { f.submit_staff_pin(pin, now); });
        }
    }
    // Leave: to the side of the keypad (or under it), as tall as a key.
    ButtonSpec cancel;
    cancel.id = "staff.cancel";
    cancel.label = cancel_label;
    cancel.label_en = "Cancel";
    cancel.kind = ButtonKind::quiet;
    cancel.icon = "back";
    if (big_button(ui, cancel,
                   ui.mirror(ImVec2(ctx.area_min.x + m.margin, bottom - kh), cw,
                             ctx.area_min.x + m.margin, ctx.area_size.x - 2 * m.margin),
                   ImVec2(cw, kh))) {
        ctx.memory.pin.clear();
        ctx.intents.act([](Flow& f, std::int64_t now) { f.leave_staff(now); });
    }
}

} // namespace engage::kiosk
