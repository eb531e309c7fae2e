// Admin: the kiosk fleet. Enrolment codes for one of the sites (POST
// /kiosks/enrol, the same code path as `engage-admin enrol-code`), the fleet from heartbeats (GET
// /kiosks), and revoking a kiosk after a confirmation page (GET then POST
// /kiosks/revoke). No answer counts here: a kiosk's count is a count of
// people at one place (DESIGN §6).
#include "api/new_enrol_code.hpp"
#include "api/services.hpp"
#include "engage/date.hpp"
#include "web/pages.hpp"
#include "web/qr_svg.hpp"

#include <algorithm>

namespace engage::web {
namespace {

// A kiosk that is switched on sends a heartbeat every few minutes, so two
// whole days without one means it is off, offline or broken, not a quiet
// afternoon or a weekend of closed doors at a site open on Saturdays. The
// store keeps only the date seen (issue 8), so this counts calendar days.
constexpr long quiet_after_days = 2;

// The expiry choices offered, in hours: setting a kiosk up now, today, or
// this week (a courier delivers it). The command line allows up to a year.
struct Validity {
    std::int64_t hours;
    std::string_view key;
};
constexpr Validity validities[] = {
    {1, "enrol_valid_hour"}, {24, "enrol_valid_day"}, {24 * 7, "enrol_valid_week"}};
constexpr std::int64_t default_validity_hours = 24;

long days_of(std::int64_t unix_time) {
    return static_cast<long>(unix_time / 86400);
}

// Whole calendar days since the kiosk was last seen (since enrolment when
// never seen); nullopt when the stored date does not parse.
std::optional<long> days_quiet(const store::KioskDetail& k, std::int64_t now) {
    const std::string& date =
        k.summary.last_seen_date.empty() ? k.enrolled_date : k.summary.last_seen_date;
    const auto d = parse_date(date);
    if (!d) {
        return std::nullopt;
    }
    return days_of(now) - days_since_epoch(*d);
}

std::optional<store::KioskDetail> find_kiosk(Context& c, std::string_view id) {
    for (auto& k : c.store.kiosks()) {
        if (k.summary.id == id) {
            return std::move(k);
        }
    }
    return std::nullopt;
}

std::string outbox_text(Context& c, const store::KioskSummary& k) {
    if (k.outbox == "0") {
        return c.renderer.word("kiosks_outbox_empty");
    }
    // Appended piece by piece: GCC 12's -Wrestrict misfires on a chain of +.
    std::string text = k.outbox;
    if (k.oldest_item_days) {
        text.append(c.renderer.word("kiosks_oldest")).append(" ");
        text.append(std::to_string(*k.oldest_item_days)).append(" ");
        text.append(c.renderer.word(*k.oldest_item_days == 1 ? "day" : "days"));
    }
    return text;
}

} // namespace

api::Response kiosks(Context& c) {
    View v;
    v.set("csrf", c.csrf);
    if (field(c.query, "done") == "revoked") {
        v.set("notice", c.renderer.word("kiosks_done_revoked"));
    }
    // Quiet kiosks first, each group by site then id (the store's order).
    auto fleet = c.store.kiosks();
    auto is_quiet = [&](const store::KioskDetail& k) {
        const auto days = days_quiet(k, c.now);
        return days && *days >= quiet_after_days;
    };
    std::stable_partition(fleet.begin(), fleet.end(), is_quiet);
    // Minutes ago come from the server's memory and its own clock, the one
    // the heartbeat handler records with (the test clock moves only dates).
    const std::int64_t clock_now = api::system_now_unix();
    for (const auto& k : fleet) {
        View row;
        row.set("id", k.summary.id);
        row.set("site", k.summary.site);
        const bool quiet = is_quiet(k);
        row.flag("quiet", quiet);
        row.set("last_seen", k.summary.last_seen_date.empty() ? c.renderer.word("kiosks_never")
                                                              : k.summary.last_seen_date);
        if (const auto beat = c.kiosks.last_heartbeat(k.summary.id)) {
            const std::int64_t minutes = std::max<std::int64_t>(0, (clock_now - *beat) / 60);
            row.set("minutes_ago",
                    minutes == 0
                        ? c.renderer.word("minutes_ago_none")
                        : std::to_string(minutes) + " " +
                              c.renderer.word(minutes == 1 ? "minute_ago" : "minutes_ago"));
        }
        row.set("outbox", outbox_text(c, k.summary));
        row.set("content_version", k.summary.content_version);
        row.set("app_version", k.summary.app_version);
        row.set("last_error", k.last_sync_error);
        v.add("kiosks", std::move(row));
        if (quiet) {
            View q;
            q.set("id", k.summary.id);
            q.set("site", k.summary.site);
            q.set("last_seen",
                  k.summary.last_seen_date.empty()
                      ? c.renderer.word("kiosks_quiet_never")
                      : c.renderer.word("kiosks_quiet_since") + " " + k.summary.last_seen_date);
            v.add("quiet", std::move(q));
        }
    }
    v.flag("has_quiet", std::any_of(fleet.begin(), fleet.end(), is_quiet));
    v.set("quiet_days", std::to_string(quiet_after_days));
    // Enrolment picks one of the sites (admin page /sites), so a kiosk's
    // site always has a name, hours and languages to send it.
    for (const auto& site : c.store.sites()) {
        View s;
        s.set("slug", site.slug);
        s.set("name", site.name);
        s.flag("same", site.name == site.slug);
        v.add("sites", std::move(s));
    }
    for (const auto& choice : validities) {
        View o;
        o.set("hours", std::to_string(choice.hours));
        o.set("label", c.renderer.word(choice.key));
        o.flag("selected", choice.hours == default_validity_hours);
        v.add("validities", std::move(o));
    }
    return c.page(200, "kiosks", "title_kiosks", v);
}

api::Response make_enrol_code(Context& c) {
    const std::string site = field(c.form, "site");
    const auto sites = c.store.sites();
    if (std::none_of(sites.begin(), sites.end(),
                     [&](const store::Site& s) { return s.slug == site; })) {
        return c.message(400, "title_error", "error_enrol_no_site");
    }
    const std::string hours_text = field(c.form, "valid_hours");
    const auto choice =
        std::find_if(std::begin(validities), std::end(validities),
                     [&](const Validity& o) { return std::to_string(o.hours) == hours_text; });
    if (choice == std::end(validities)) {
        return c.message(400, "title_error", "error_enrol_validity");
    }
    const auto made = api::make_enrol_code(c.store, site, c.now, choice->hours);
    // The code itself never goes in the log: it is a credential until used.
    c.accounts.audit(c.now, c.user->name, "enrol_code",
                     site + " (" + std::to_string(choice->hours) + " h)");
    View v;
    v.set("code", made.code);
    v.set("site", site);
    v.set("expires", utc_minute(made.expires_at));
    v.set("qr", qr_svg(made.code, c.renderer.word("enrol_qr_label")));
    return c.page(200, "enrol_code", "title_enrol_code", v);
}

api::Response confirm_revoke(Context& c) {
    const auto k = find_kiosk(c, field(c.query, "kiosk"));
    if (!k) {
        return c.message(404, "title_not_found", "error_no_kiosk");
    }
    View v;
    v.set("csrf", c.csrf);
    v.set("id", k->summary.id);
    v.set("site", k->summary.site);
    return c.page(200, "revoke_kiosk", "title_revoke_kiosk", v);
}

api::Response revoke_kiosk(Context& c) {
    const std::string id = field(c.form, "kiosk");
    const auto k = find_kiosk(c, id);
    const auto hash = c.store.revoke_kiosk(id);
    if (!hash) {
        return c.message(404, "title_not_found", "error_no_kiosk");
    }
    // After the store: a lookup racing this finds no row and stays refused.
    c.kiosks.forget(*hash);
    c.accounts.audit(c.now, c.user->name, "revoke_kiosk",
                     id + (k ? " (" + k->summary.site + ")" : std::string()));
    return c.redirect("/kiosks?done=revoked");
}

} // namespace engage::web
