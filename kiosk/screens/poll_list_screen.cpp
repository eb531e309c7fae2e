// More than one poll open here today: each as a big button with its title.
#include "kiosk/screens/screens.hpp"

#include <algorithm>

namespace engage::kiosk {

void draw_poll_list_screen(ScreenContext& ctx) {
    UiFrame& ui = ctx.ui;
    const Metrics& m = ui.m;
    float y = ctx.area_min.y + m.margin;
    y = draw_heading(ctx, ctx.tr("poll.title"), y);
    y = draw_paragraph(ctx, ctx.tr("poll.choose"), y, ui.theme->text);
    const float left = ctx.area_min.x + m.margin;
    const float width = ctx.area_size.x - 2 * m.margin;
    const auto polls = ctx.flow.open_polls();
    const float bottom = ctx.area_min.y + ctx.area_size.y - nav_row_height(ctx);
    ImGui::SetCursorScreenPos(ImVec2(left, y));
    ImGui::BeginChild("polls", ImVec2(width, bottom - y));
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float bh = m.min_target * 1.4f;
    const float inner = width - ImGui::GetStyle().ScrollbarSize - m.gap;
    for (std::size_t i = 0; i < polls.size(); ++i) {
        const FormVersion* p = polls[i];
        const std::string id = "poll." + p->slug;
        const std::string label = ctx.text(p->title);
        const std::string label_en = ctx.text_en(p->title);
        ButtonSpec spec;
        spec.id = id;
        spec.label = label;
        spec.label_en = label_en;
        spec.icon = "poll";
        const ImVec2 pos(origin.x, origin.y + static_cast<float>(i) * (bh + m.gap));
        const std::string slug = p->slug;
        if (big_button(ui, spec, ui.mirror(pos, inner, origin.x, inner), ImVec2(inner, bh)))
            ctx.intents.act([slug](Flow& f, std::int64_t now) { f.open_form(slug, now); });
    }
    ImGui::SetCursorScreenPos(
        ImVec2(origin.x, origin.y + static_cast<float>(polls.size()) * (bh + m.gap)));
    ImGui::Dummy(ImVec2(1, 1));
    touch_scroll(ctx);
    ImGui::EndChild();
    draw_nav_row(
        ctx, {ActionButton{"nav.back", ctx.tr("question.back"), ctx.tr_en("question.back"), "back",
                           ButtonKind::quiet, [](Flow& f, std::int64_t now) { f.go_home(now); }}});
}

} // namespace engage::kiosk
