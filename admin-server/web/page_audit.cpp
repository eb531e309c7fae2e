// Admin: the audit log of staff actions, newest first, a page at a time,
// filtered by user and action (GET forms and links: looking changes nothing).
#include "engage/date.hpp"
#include "web/pages.hpp"

#include <charconv>
#include <cstdio>

namespace engage::web {
namespace {

// Entries per page: a screenful of recent history that still reads well at
// 320 px; "Older" reaches the rest.
constexpr std::int64_t audit_page_entries = 50;

// A paging key from the query ("before"/"after"), or nullopt when absent or
// not a positive number (a mistyped link shows the newest page).
std::optional<std::int64_t> id_param(const Fields& query, std::string_view name) {
    const std::string text = field(query, name);
    std::int64_t id = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (text.empty() || ec != std::errc{} || end != text.data() + text.size() || id <= 0) {
        return std::nullopt;
    }
    return id;
}

} // namespace

std::string utc_minute(std::int64_t t) {
    const long days = static_cast<long>(t / 86400);
    const long secs = static_cast<long>(t % 86400);
    char hm[8];
    std::snprintf(hm, sizeof hm, "%02ld:%02ld", secs / 3600, secs % 3600 / 60);
    return to_string(from_days_since_epoch(days)) + " " + hm + " UTC";
}

std::string action_words(const Renderer& words, std::string_view action) {
    // An action the catalogue does not know yet (a newer page's) shows as
    // its identifier rather than as nothing.
    const std::string key = "audit_action_" + std::string(action);
    const std::string word = words.word(key);
    return word == key ? std::string(action) : word;
}

api::Response audit_log(Context& c) {
    const std::string who = field(c.query, "user");
    const std::string action = field(c.query, "action");
    View v;
    v.set("filter_user", who);
    v.set("filter_action", action);
    const auto page = c.accounts.audit_page(
        who, action, audit_page_entries, id_param(c.query, "before"), id_param(c.query, "after"));
    for (const auto& e : page.entries) {
        View row;
        row.set("at", utc_minute(e.at));
        row.set("who", e.who);
        row.set("action", action_words(c.renderer, e.action));
        row.set("detail", e.detail);
        v.add("entries", std::move(row));
    }
    // The filter goes with every paging link, so "Older" stays in it.
    std::string filter;
    if (!who.empty()) {
        filter += "&user=" + url_encode(who);
    }
    if (!action.empty()) {
        filter += "&action=" + url_encode(action);
    }
    if (page.has_older) {
        v.set("older", "/audit?before=" + std::to_string(page.entries.back().id) + filter);
    }
    if (page.has_newer) {
        v.set("newer", "/audit?after=" + std::to_string(page.entries.front().id) + filter);
    }
    v.flag("paging", page.has_older || page.has_newer);
    for (const auto& known :
         {"sign_in", "sign_in_failed", "sign_out", "add_user", "invite", "accept_invitation",
          "end_sessions", "disable_user", "enrol_code", "revoke_kiosk", "new_form", "save_form",
          "translate_form", "mark_translations", "publish_form", "close_form"}) {
        View option;
        option.set("value", known);
        option.set("label", action_words(c.renderer, known));
        option.flag("selected", action == known);
        v.add("actions", std::move(option));
    }
    return c.page(200, "audit", "title_audit", v);
}

} // namespace engage::web
