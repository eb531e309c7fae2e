// Sign-up consent in plain words: who can read it, that it is locked before
// it is saved, that it is kept apart from feedback. Saying no is as easy as yes.
#include "kiosk/screens/screens.hpp"

namespace engage::kiosk {

void draw_consent_screen(ScreenContext& ctx) {
    UiFrame& ui = ctx.ui;
    {
        ScrollBody body(ctx, "consent"); // scrolls at the largest text size
        float y = ctx.area_min.y + ui.m.margin;
        y = draw_heading(ctx, ctx.tr("mentoring.consent_title"), y);
        y = draw_reassurance(ctx, "lock", ctx.tr("mentoring.consent_text"), y);
        y += ui.m.gap * 0.5f;
        body.ends_at(draw_reassurance(ctx, "people", ctx.tr("mentoring.separate"), y));
    }
    draw_nav_row(ctx,
                 {ActionButton{"consent.no", ctx.tr("mentoring.consent_disagree"),
                               ctx.tr_en("mentoring.consent_disagree"), "cross", ButtonKind::quiet,
                               [](Flow& f, std::int64_t now) { f.decline_consent(now); }},
                  ActionButton{"consent.yes", ctx.tr("mentoring.consent_agree"),
                               ctx.tr_en("mentoring.consent_agree"), "tick", ButtonKind::primary,
                               [](Flow& f, std::int64_t now) { f.consent_and_send(now); }, true}});
}

} // namespace engage::kiosk
