// The Board's decisions (issue 10, "Decisions: you said, we did"): a list
// filtered by status and site, recording a decision (from a results page, a
// link pre-fills the results it drew on), one decision with its dated
// updates, editing its wording, and its "you said, we did" item on the
// kiosks.
//
// Who does what ("board records, staff edit"): board members record
// decisions and add updates (the status changes only through an update, so
// every change has a date and a name); board, staff and admins read them,
// edit the wording (typos, sites, the kiosk words) and take the kiosk item
// off the kiosks or put it back; staff and admins translate the kiosk item on
// the "you said, we did" translation pages. A coordinator alone gets 403
// (web_app.cpp). Every change goes in the audit log.
//
// A decision marked as a service change goes on the kiosks of its sites when
// its status reaches "in progress" or "done" (store/decision.hpp: "we did" is
// never said of a change only proposed), through Store::save_decision, which
// writes the decision and the "you said, we did" list in one transaction;
// the content cache is then replaced so kiosks get it on their next poll.
//
// Index:
// [SECTION] Limits and small helpers
// [SECTION] The editor (record, edit wording)
// [SECTION] Saving, and the decision's page parts
// [SECTION] Pages
// [SECTION] The kiosk item from the "you said, we did" pages
#include "engage/date.hpp"
#include "engage/limits.hpp"
#include "engage/text.hpp"
#include "web/pages.hpp"
#include "web/result_link.hpp"
#include "web/results_table.hpp"
#include "web/text_join.hpp"

#include <algorithm>
#include <charconv>
#include <map>

namespace engage::web {
namespace {

using store::Decision;
using store::DecisionStatus;
using store::DecisionUpdate;
using Errors = std::vector<std::pair<std::string, std::string>>; // field id, message

// [SECTION] Limits and small helpers

// A title fits a table row and a line read aloud; 200 bytes is two lines.
constexpr std::size_t max_title_bytes = 200;
// What was decided, a reason or a note: a few paragraphs. The kiosk words
// are limited more tightly: the thank-you screen shows them at large sizes.
constexpr std::size_t max_text_bytes = 4000;
constexpr std::size_t max_kiosk_text_bytes = 400;
// Result views one decision names: more would not be read.
constexpr std::size_t max_result_links = 20;

std::string trimmed(std::string_view s) {
    return std::string(text::trim(s));
}

bool is_board(const Context& c) {
    return c.user && c.user->roles.has(accounts::Role::board);
}

bool can_translate(const Context& c) {
    return c.user &&
           (c.user->roles.has(accounts::Role::staff) || c.user->roles.has(accounts::Role::admin));
}

std::string today(const Context& c) {
    return to_string(from_days_since_epoch(static_cast<long>(c.now / 86400)));
}

std::string status_words(const Context& c, DecisionStatus s) {
    return c.renderer.word(cat("decision_status_", store::to_string(s)));
}

std::string sites_text(const Context& c, const std::vector<std::string>& sites) {
    if (sites.empty()) {
        return c.renderer.word("forms_every_site");
    }
    std::string out;
    for (const auto& s : sites) {
        out.append(out.empty() ? "" : ", ").append(s);
    }
    return out;
}

std::string decision_path(std::int64_t id, std::string_view tail = {}) {
    return cat("/decisions/", std::to_string(id), tail);
}

std::optional<Decision> find(Context& c) {
    std::int64_t id = 0;
    const auto& p = c.path_param;
    if (p.empty() || p.size() > 18 ||
        std::from_chars(p.data(), p.data() + p.size(), id).ec != std::errc{} ||
        std::to_string(id) != p || id <= 0) {
        return std::nullopt;
    }
    return c.store.decision(id);
}

api::Response not_found(Context& c) {
    return c.message(404, "title_not_found", "error_not_found");
}

// A status select's options, `selected` chosen.
void add_status_options(const Context& c, View& v, std::string_view list,
                        std::optional<DecisionStatus> selected) {
    for (const auto s : store::all_decision_statuses) {
        View o;
        o.set("value", std::string(store::to_string(s)));
        o.set("label", status_words(c, s));
        o.flag("selected", selected == s);
        v.add(std::string(list), std::move(o));
    }
}

void add_errors(View& v, const Errors& errors) {
    v.flag("has_errors", !errors.empty());
    for (const auto& [id, text] : errors) {
        View e;
        e.set("field", id);
        e.set("text", text);
        v.add("errors", std::move(e));
        v.set(id + "_error", text);
    }
}

// [SECTION] The editor (record, edit wording)

// Reads the editor's fields into `d` (status only when `with_status`: a new
// decision). `links_text` keeps the results as typed, for the page again.
Errors read_editor(const Context& c, Decision& d, bool with_status, std::string& links_text) {
    Errors errors;
    auto check_length = [&](const std::string& text, std::size_t limit, const char* id) {
        if (text.size() > limit) {
            errors.emplace_back(id, c.renderer.word("error_decision_too_long"));
        }
    };
    d.title = trimmed(field(c.form, "title"));
    d.decided = trimmed(field(c.form, "decided"));
    d.sites = posted_sites(c.form);
    d.service_change = field(c.form, "service_change") == "on";
    d.you_said = trimmed(field(c.form, "you_said"));
    d.we_did = trimmed(field(c.form, "we_did"));
    if (d.title.empty()) {
        errors.emplace_back("title", c.renderer.word("error_decision_title"));
    }
    check_length(d.title, max_title_bytes, "title");
    if (d.decided.empty()) {
        errors.emplace_back("decided", c.renderer.word("error_decision_decided"));
    }
    check_length(d.decided, max_text_bytes, "decided");

    links_text = field(c.form, "results");
    d.results.clear();
    std::size_t start = 0;
    bool bad_link = false;
    while (start <= links_text.size() && !bad_link) {
        const auto end = links_text.find('\n', start);
        const std::string line = trimmed(std::string_view(links_text).substr(start, end - start));
        if (!line.empty()) {
            const auto link = parse_results_link(line, c.public_url);
            if (!link) {
                bad_link = true;
            } else if (std::find(d.results.begin(), d.results.end(), *link) == d.results.end()) {
                d.results.push_back(*link);
            }
        }
        if (end == std::string::npos) {
            break;
        }
        start = end + 1;
    }
    if (bad_link) {
        errors.emplace_back("results", c.renderer.word("error_decision_results"));
    } else if (d.results.size() > max_result_links) {
        errors.emplace_back("results", c.renderer.word("error_decision_results_many"));
    }

    if (with_status) {
        const auto status = store::parse_decision_status(field(c.form, "status"));
        d.status = status.value_or(DecisionStatus::proposed);
        d.reason = trimmed(field(c.form, "reason"));
        if (d.status == DecisionStatus::not_possible && d.reason.empty()) {
            errors.emplace_back("reason", c.renderer.word("error_decision_reason"));
        }
        if (d.status != DecisionStatus::not_possible) {
            d.reason.clear();
        }
        check_length(d.reason, max_text_bytes, "reason");
    }
    if (d.service_change && d.you_said.empty()) {
        errors.emplace_back("you_said", c.renderer.word("error_decision_you_said"));
    }
    if (d.service_change && d.we_did.empty()) {
        errors.emplace_back("we_did", c.renderer.word("error_decision_we_did"));
    }
    check_length(d.you_said, max_kiosk_text_bytes, "you_said");
    check_length(d.we_did, max_kiosk_text_bytes, "we_did");
    return errors;
}

api::Response editor(Context& c, const Decision& d, bool is_new, const std::string& links_text,
                     const Errors& errors) {
    View v;
    v.set("csrf", c.csrf);
    v.set("action", is_new ? "/decisions/new" : decision_path(d.id, "/edit"));
    v.set("back", is_new ? "/decisions" : decision_path(d.id));
    v.flag("is_new", is_new);
    v.set("title", d.title);
    v.set("decided", d.decided);
    v.set("results", links_text);
    v.set("reason", d.reason);
    v.flag("service_change", d.service_change);
    v.set("you_said", d.you_said);
    v.set("we_did", d.we_did);
    if (is_new) {
        add_status_options(c, v, "statuses", d.status);
    }
    std::vector<std::string> sites = c.store.known_sites(c.now);
    for (const auto& s : d.sites) {
        if (std::find(sites.begin(), sites.end(), s) == sites.end()) {
            sites.push_back(s);
        }
    }
    for (std::size_t i = 0; i < sites.size(); ++i) {
        View s;
        s.set("i", std::to_string(i));
        s.set("name", sites[i]);
        s.flag("checked", std::find(d.sites.begin(), d.sites.end(), sites[i]) != d.sites.end());
        v.add("sites", std::move(s));
    }
    add_errors(v, errors);
    return c.page(errors.empty() ? 200 : 400, "decision_edit",
                  is_new ? "title_decision_new" : "title_decision_edit", v);
}

std::string links_as_text(const std::vector<std::string>& links) {
    std::string out;
    for (const auto& l : links) {
        out.append(l).append("\n");
    }
    return out;
}

// [SECTION] Saving, and the decision's page parts

// Saves, replaces the kiosks' content when the kiosk item changed, and
// writes the audit line.
store::SavedDecision save(Context& c, const Decision& d, const std::optional<DecisionUpdate>& u,
                          std::string_view action) {
    const auto saved = c.store.save_decision(d, u);
    if (saved.content_changed && c.content != nullptr) {
        c.content->replace(c.store.load_content());
    }
    c.accounts.audit(c.now, c.user->name, action,
                     cat(std::to_string(saved.id), " ", d.title.substr(0, 80)));
    return saved;
}

// "Experts by Experience Board: this winter, Hub North, November 2026" for
// a stored results link: what a screen reader says for the link, instead of
// a percent-encoded address.
std::string results_link_words(const Context& c, const std::vector<FormVersion>& forms,
                               const std::string& link) {
    const auto q = link.find('?');
    const std::string slug = link.substr(9, q == std::string::npos ? q : q - 9); // "/results/"
    std::string words = slug;
    int newest = 0;
    for (const auto& f : forms) {
        if (f.slug == slug && f.version > newest) {
            newest = f.version;
            words = f.title.get(fallback_language);
        }
    }
    const Fields query = q == std::string::npos ? Fields{} : parse_urlencoded(link.substr(q + 1));
    const std::string site = field(query, "site");
    const std::string period = field(query, "period");
    const std::string version = field(query, "version");
    words += cat(", ", site.empty() ? c.renderer.word("results_all_sites") : site);
    if (!period.empty()) {
        words += cat(", ", period_words(c.renderer, period));
    }
    if (!version.empty()) {
        words += cat(", ", c.renderer.word("results_version"));
        const auto at = words.rfind("{n}");
        if (at != std::string::npos) {
            words.replace(at, 3, version);
        }
    }
    return words;
}

// The kiosk part of a decision's page, in plain words.
void kiosk_view(const Context& c, View& v, const Decision& d) {
    std::string key;
    if (!d.service_change) {
        key = "decision_kiosk_not_change";
    } else if (d.status == DecisionStatus::not_possible) {
        key = "decision_kiosk_not_possible";
    } else if (d.kiosk_ended) {
        key = "decision_kiosk_ended";
        v.flag("can_show", true);
    } else if (store::shows_on_kiosks(d)) {
        key = "decision_kiosk_shown";
        v.flag("can_end", true);
        v.flag("shown", true);
        if (can_translate(c)) {
            v.set("translate",
                  cat("/you-said-we-did/", store::kiosk_item_id(d.id), "/translations"));
        }
    } else {
        key = "decision_kiosk_waiting";
    }
    std::string text = c.renderer.word(key);
    const auto at = text.find("{sites}");
    if (at != std::string::npos) {
        text.replace(at, 7, sites_text(c, d.sites));
    }
    v.set("kiosk_state", text);
    v.flag("service_change", d.service_change);
    v.set("you_said", d.you_said);
    v.set("we_did", d.we_did);
}

} // namespace

// [SECTION] Pages

api::Response decisions_list(Context& c) {
    const std::string status = field(c.query, "status");
    const std::string site = field(c.query, "site");
    const auto status_filter = store::parse_decision_status(status);
    View v;
    v.flag("board", is_board(c));
    add_status_options(c, v, "statuses", status_filter);
    for (const auto& s : c.store.known_sites(c.now)) {
        View o;
        o.set("value", s);
        o.flag("selected", s == site);
        v.add("sites", std::move(o));
    }
    bool any = false;
    for (const auto& d : c.store.decisions()) {
        if ((status_filter && d.status != *status_filter) ||
            (!site.empty() && !shown_at(d.sites, site))) {
            continue;
        }
        any = true;
        View row;
        row.set("title", d.title);
        row.set("link", decision_path(d.id));
        row.set("status", status_words(c, d.status));
        row.set("sites", sites_text(c, d.sites));
        row.set("kiosks", c.renderer.word(store::shows_on_kiosks(d) ? "decision_on_kiosks_yes"
                                                                    : "decision_on_kiosks_no"));
        row.set("recorded", d.recorded_date);
        v.add("decisions", std::move(row));
    }
    v.flag("empty", !any);
    return c.page(200, "decisions", "title_decisions", v);
}

api::Response decision_new(Context& c) {
    Decision d;
    std::string links;
    // From a results page's "Record a decision about this": the view it was on.
    if (const auto link = parse_results_link(field(c.query, "result"), c.public_url)) {
        links = *link + "\n";
    }
    return editor(c, d, true, links, {});
}

api::Response decision_add(Context& c) {
    Decision d;
    std::string links;
    const Errors errors = read_editor(c, d, true, links);
    if (!errors.empty()) {
        return editor(c, d, true, links, errors);
    }
    d.recorded_date = today(c);
    DecisionUpdate u;
    u.date = d.recorded_date;
    u.to = d.status;
    u.note = trimmed(field(c.form, "note"));
    u.by = c.user->name;
    const auto saved = save(c, d, u, "decision_add");
    return c.redirect(decision_path(saved.id, "?done=saved"));
}

api::Response decision_page(Context& c) {
    const auto d = find(c);
    if (!d) {
        return not_found(c);
    }
    View v;
    v.set("csrf", c.csrf);
    v.set("title", d->title);
    v.set("decided", d->decided);
    v.set("status", status_words(c, d->status));
    v.flag("has_reason", d->status == DecisionStatus::not_possible);
    v.set("reason", d->reason);
    v.set("sites", sites_text(c, d->sites));
    v.set("recorded", d->recorded_date);
    v.set("edit", decision_path(d->id, "/edit"));
    v.set("update_action", decision_path(d->id, "/update"));
    v.set("kiosk_action", decision_path(d->id, "/kiosk"));
    const auto forms = c.store.all_form_versions();
    for (const auto& link : d->results) {
        View l;
        l.set("href", link);
        l.set("label", results_link_words(c, forms, link));
        v.add("results", std::move(l));
    }
    v.flag("has_results", !d->results.empty());
    kiosk_view(c, v, *d);
    for (const auto& u : c.store.decision_updates(d->id)) {
        View row;
        row.set("date", u.date);
        const auto from = store::parse_decision_status(u.from);
        std::string change;
        if (!from) {
            change = cat(c.renderer.word("decision_update_recorded"), " ", status_words(c, u.to));
        } else if (*from == u.to) {
            change = c.renderer.word("decision_update_same");
        } else {
            change = cat(status_words(c, *from), " → ", status_words(c, u.to));
        }
        row.set("change", change);
        row.set("note", u.note);
        row.set("by", u.by);
        v.add("updates", std::move(row));
    }
    if (is_board(c)) {
        v.flag("board", true);
        add_status_options(c, v, "statuses", d->status);
    }
    const std::string done = field(c.query, "done");
    if (done == "saved" || done == "updated" || done == "ended" || done == "shown") {
        v.set("notice", c.renderer.word(cat("decision_done_", done)));
    }
    return c.page(200, "decision", "title_decision", v);
}

api::Response decision_update(Context& c) {
    auto d = find(c);
    if (!d) {
        return not_found(c);
    }
    const auto to = store::parse_decision_status(field(c.form, "status"));
    const std::string note = trimmed(field(c.form, "note"));
    const std::string reason = trimmed(field(c.form, "reason"));
    const char* error = nullptr;
    if (!to) {
        error = "error_decision_status";
    } else if (*to == DecisionStatus::not_possible && reason.empty() &&
               d->status != DecisionStatus::not_possible) {
        error = "error_decision_reason";
    } else if (*to == d->status && note.empty()) {
        error = "error_decision_update_empty";
    } else if (note.size() > max_text_bytes || reason.size() > max_text_bytes) {
        error = "error_decision_too_long";
    }
    if (error != nullptr) {
        return c.message(400, "title_error", error);
    }
    DecisionUpdate u;
    u.date = today(c);
    u.from = std::string(store::to_string(d->status));
    u.to = *to;
    u.note = note;
    u.by = c.user->name;
    if (*to == DecisionStatus::not_possible) {
        if (!reason.empty()) {
            d->reason = reason;
        }
    } else {
        d->reason.clear();
    }
    d->status = *to;
    save(c, *d, u, "decision_update");
    return c.redirect(decision_path(d->id, "?done=updated"));
}

api::Response decision_edit(Context& c) {
    const auto d = find(c);
    if (!d) {
        return not_found(c);
    }
    return editor(c, *d, false, links_as_text(d->results), {});
}

api::Response decision_save(Context& c) {
    const auto stored = find(c);
    if (!stored) {
        return not_found(c);
    }
    Decision d = *stored; // status, reason, date and kiosk state are not edited here
    std::string links;
    const Errors errors = read_editor(c, d, false, links);
    if (!errors.empty()) {
        return editor(c, d, false, links, errors);
    }
    save(c, d, std::nullopt, "decision_edit");
    return c.redirect(decision_path(d.id, "?done=saved"));
}

api::Response decision_kiosk(Context& c) {
    auto d = find(c);
    if (!d) {
        return not_found(c);
    }
    const std::string action = field(c.form, "action");
    if (action != "end" && action != "show") {
        return c.message(400, "title_error", "error_not_found");
    }
    d->kiosk_ended = action == "end";
    save(c, *d, std::nullopt, action == "end" ? "decision_kiosk_end" : "decision_kiosk_show");
    return c.redirect(decision_path(d->id, action == "end" ? "?done=ended" : "?done=shown"));
}

// [SECTION] The kiosk item from the "you said, we did" pages

std::optional<std::int64_t> decision_of_kiosk_item(std::string_view item_id) {
    constexpr std::string_view prefix = "decision-";
    if (!item_id.starts_with(prefix)) {
        return std::nullopt;
    }
    item_id.remove_prefix(prefix.size());
    std::int64_t id = 0;
    if (item_id.empty() || item_id.size() > 18 ||
        std::from_chars(item_id.data(), item_id.data() + item_id.size(), id).ec != std::errc{} ||
        std::to_string(id) != item_id || id <= 0) {
        return std::nullopt;
    }
    return id;
}

bool end_decision_on_kiosks(Context& c, std::string_view item_id) {
    const auto id = decision_of_kiosk_item(item_id);
    if (!id) {
        return false;
    }
    auto d = c.store.decision(*id);
    if (!d) {
        return false;
    }
    d->kiosk_ended = true;
    save(c, *d, std::nullopt, "decision_kiosk_end");
    return true;
}

} // namespace engage::web
