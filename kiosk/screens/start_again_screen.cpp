// "Start again?": one question before the visit is wiped, so a stray touch
// on the bar does not lose a person's answers. Yes wipes at once (DESIGN §7);
// No returns to the screen as it was. Not a flow screen: the top bar's button
// sets ScreenMemory::confirm_start_again and the UI draws this in place of the
// screen until the person answers or the screen changes.
#include "kiosk/screens/screens.hpp"

namespace engage::kiosk {

void draw_start_again_screen(ScreenContext& ctx) {
    UiFrame& ui = ctx.ui;
    {
        ScrollBody body(ctx, "start_again");
        float y = ctx.area_min.y + ui.m.margin;
        y = draw_heading(ctx, ctx.tr("start_again.title"), y);
        y = draw_reassurance(ctx, "restart", ctx.tr("start_again.explain"), y);
        body.ends_at(y);
    }
    ScreenMemory* memory = &ctx.memory;
    ActionButton no{"start_again.no", ctx.tr("start_again.no"), ctx.tr_en("start_again.no"), "back",
                    ButtonKind::quiet};
    no.local = [memory] { memory->confirm_start_again = false; };
    ActionButton yes{"start_again.yes",
                     ctx.tr("start_again.yes"),
                     ctx.tr_en("start_again.yes"),
                     "restart",
                     ButtonKind::primary,
                     [](Flow& f, std::int64_t now) { f.start_again(now); },
                     true};
    draw_nav_row(ctx, {no, yes});
}

} // namespace engage::kiosk
