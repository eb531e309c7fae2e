// Admin: the audit log of staff actions, newest first, filtered by user
// and action (a GET form: filtering changes nothing).
#include "engage/date.hpp"
#include "web/pages.hpp"

#include <cstdio>

namespace engage::web {
namespace {

// Entries shown at once: a screenful of recent history; narrower filters
// reach older entries.
constexpr std::int64_t audit_page_entries = 200;

} // namespace

std::string utc_minute(std::int64_t t) {
    const long days = static_cast<long>(t / 86400);
    const long secs = static_cast<long>(t % 86400);
    char hm[8];
    std::snprintf(hm, sizeof hm, "%02ld:%02ld", secs / 3600, secs % 3600 / 60);
    return to_string(from_days_since_epoch(days)) + " " + hm + " UTC";
}

api::Response audit_log(Context& c) {
    const std::string who = field(c.query, "user");
    const std::string action = field(c.query, "action");
    View v;
    v.set("filter_user", who);
    v.set("filter_action", action);
    for (const auto& e : c.accounts.audit_entries(who, action, audit_page_entries)) {
        View row;
        row.set("at", utc_minute(e.at));
        row.set("who", e.who);
        row.set("action", e.action);
        row.set("detail", e.detail);
        v.add("entries", std::move(row));
    }
    return c.page(200, "audit", "title_audit", v);
}

} // namespace engage::web
