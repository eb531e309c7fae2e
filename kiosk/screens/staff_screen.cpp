// Staff mode: the kiosk's health at a glance (id, site, content version,
// outbox depth, last sync and its error), Sync now, re-enrol with a new
// one-time code typed here, exit. Nothing about any person is shown.
#include "kiosk/screens/screens.hpp"
#include "kiosk/widgets/on_screen_keyboard.hpp"
#include "kiosk/widgets/shapes.hpp"
#include "kiosk/widgets/text_block.hpp"

#include <algorithm>
#include <chrono>
#include <ctime>

namespace engage::kiosk {

namespace {

std::string clock_text(std::chrono::system_clock::time_point t) {
    const std::time_t tt = std::chrono::system_clock::to_time_t(t);
    std::tm tm{};
    localtime_r(&tt, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &tm);
    return buf;
}

} // namespace

void draw_staff_screen(ScreenContext& ctx) {
    UiFrame& ui = ctx.ui;
    const Metrics& m = ui.m;
    const Theme& t = *ui.theme;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    float y = ctx.area_min.y + m.margin;
    y = draw_heading(ctx, ctx.tr("staff.title"), y);
    const float left = ctx.area_min.x + m.margin;
    const float width = ctx.area_size.x - 2 * m.margin;

    if (ctx.memory.entering_code) {
        y = draw_paragraph(ctx, ctx.tr("staff.enrol_code"), y, t.text);
        const ImVec2 box_min(left, y), box_max(left + width, y + m.min_target);
        fill_rounded_rect(dl, box_min, box_max, to_u32(t.panel), m.rounding);
        dl->AddRect(box_min, box_max, to_u32(t.panel_text), m.rounding, 0, 3.0f);
        UiFrame ltr = ui;
        ltr.rtl = false;
        draw_text(ltr, dl, ui.fonts.large, ctx.memory.enrol_code + "|",
                  ImVec2(left + m.gap, y + (m.min_target - ui.fonts.large->FontSize) * 0.5f),
                  width - 2 * m.gap, Align::start, to_u32(t.panel_text), false);
        if (ui.registry) {
            // Listed for scripts and tests (the box must stay in view above
            // the keys); not a target and not in the Tab order.
            WidgetEntry box{"staff.code_box",
                            "Enrolment code",
                            {left, y, width, m.min_target},
                            width,
                            m.min_target,
                            true};
            box.focusable = false;
            ui.registry->add(box);
        }
        y += m.min_target + m.gap;
        const KeyboardLabels labels{ctx.tr("keyboard.space"),   ctx.tr_en("keyboard.space"),
                                    ctx.tr("keyboard.delete"),  ctx.tr_en("keyboard.delete"),
                                    ctx.tr("keyboard.shift"),   ctx.tr_en("keyboard.shift"),
                                    ctx.tr("keyboard.letters"), ctx.tr_en("keyboard.letters"),
                                    ctx.tr("keyboard.numbers"), ctx.tr_en("keyboard.numbers")};
        // Enrolment codes are Latin letters and digits, whatever the language.
        KeyboardModes modes{ctx.memory.shift, ctx.memory.keyboard_page, {}, true};
        const float kb_h = ctx.area_min.y + ctx.area_size.y - nav_row_height(ctx) - y;
        const auto r = on_screen_keyboard(ui, "code", ctx.memory.enrol_code, modes, labels,
                                          latin_keyboard(), ImVec2(left, y), ImVec2(width, kb_h));
        ctx.memory.shift = modes.shift;
        ctx.memory.keyboard_page = modes.page;
        if (r.changed)
            ctx.memory.enrol_code = r.text.substr(0, 64);
        const std::string code = ctx.memory.enrol_code;
        ScreenMemory& mem = ctx.memory;
        auto done = [&mem] {
            mem.entering_code = false;
            mem.enrol_code.clear();
        };
        std::vector<ActionButton> row;
        row.push_back({"staff.code_cancel", ctx.tr("common.cancel"), "Cancel", "back",
                       ButtonKind::quiet, nullptr, false, done});
        row.push_back({"staff.code_ok", ctx.tr("staff.re_enrol"), ctx.tr_en("staff.re_enrol"),
                       "tick", ButtonKind::primary,
                       [code](Flow& f, std::int64_t now) { f.staff_reenrol(code, now); }, true,
                       done});
        draw_nav_row(ctx, std::move(row));
        return;
    }

    // Status, one fact a line, as label: value.
    const SyncStatus empty;
    const SyncStatus& s = ctx.status ? *ctx.status : empty;
    if (s.removed_from_server) {
        // First and large: nothing else here matters until a new code is
        // typed (the answers wait in the outbox meanwhile).
        y = draw_paragraph(ctx, ctx.tr("staff.removed_from_server"), y, t.text, ui.fonts.large);
    }
    // First, the state in plain words ("Online, 3 answers waiting to send"):
    // online means the last contact with the server worked.
    if (!s.kiosk_id.empty()) {
        const bool online = s.last_sync.has_value() && s.last_error.empty();
        y = draw_paragraph(ctx,
                           ctx.tr(online ? "staff.summary_online" : "staff.summary_offline",
                                  {{"n", ctx.number(static_cast<std::int64_t>(s.outbox_depth))}}),
                           y, t.text, ui.fonts.large);
    }
    const std::string none = ctx.tr("staff.none");
    std::vector<std::pair<std::string, std::string>> lines = {
        {ctx.tr("staff.kiosk_id"), s.kiosk_id.empty() ? ctx.tr("staff.not_enrolled") : s.kiosk_id},
        {ctx.tr("staff.site"), s.site.empty() ? none : s.site},
        {ctx.tr("staff.content_version"), s.content_version.empty() ? none : s.content_version},
        {ctx.tr("staff.outbox_depth"),
         s.answers_needed == 0 ? ctx.number(static_cast<std::int64_t>(s.outbox_depth))
                               : ctx.number(static_cast<std::int64_t>(s.outbox_depth)) + " (" +
                                     ctx.tr_count("staff.answers_needed", "n",
                                                  static_cast<std::int64_t>(s.answers_needed)) +
                                     ")"},
        {ctx.tr("staff.last_sync"), s.last_sync
                                        ? localise_digits(clock_text(*s.last_sync), ui.language)
                                        : ctx.tr("staff.never")},
        {ctx.tr("staff.last_error"), s.last_error.empty() ? none : s.last_error},
    };
    if (!s.coordinator_key_error.empty())
        lines.push_back({ctx.tr("staff.last_error"), s.coordinator_key_error});
    if (s.syncing)
        lines.push_back({ctx.tr("staff.sync_now"), ctx.tr("staff.syncing")});
    const float label_w = width * 0.32f;
    for (const auto& [label, value] : lines) {
        const float lx = ui.rtl ? left + width - label_w : left;
        const float vx = ui.rtl ? left : left + label_w + m.gap;
        const float h1 = draw_text(ui, dl, ui.fonts.normal, label, ImVec2(lx, y), label_w,
                                   Align::start, to_u32(t.text));
        const float h2 = draw_text(ui, dl, ui.fonts.large, value, ImVec2(vx, y),
                                   width - label_w - m.gap, Align::start, to_u32(t.text));
        y += std::max(h1, h2) + m.gap * 0.5f;
    }

    std::vector<ActionButton> row;
    row.push_back({"staff.close", ctx.tr("staff.close"), ctx.tr_en("staff.close"), "back",
                   ButtonKind::quiet, [](Flow& f, std::int64_t now) { f.leave_staff(now); }});
    row.push_back({"staff.exit", ctx.tr("staff.exit_app"), ctx.tr_en("staff.exit_app"), "cross",
                   ButtonKind::quiet, [](Flow& f, std::int64_t now) { f.staff_exit_app(now); }});
    ScreenMemory& mem = ctx.memory;
    row.push_back({"staff.reenrol", ctx.tr("staff.re_enrol"), ctx.tr_en("staff.re_enrol"), "pencil",
                   ButtonKind::quiet, nullptr, false, [&mem] { mem.entering_code = true; }});
    row.push_back({"staff.sync_now", ctx.tr("staff.sync_now"), ctx.tr_en("staff.sync_now"), "send",
                   ButtonKind::primary, [](Flow& f, std::int64_t now) { f.staff_sync_now(now); },
                   true});
    draw_nav_row(ctx, std::move(row));
}

} // namespace engage::kiosk
