// Staff: moderation of free-text comments and safeguarding concerns (issue
// 10, "Free text and moderation"). The queue (GET /moderation, oldest month
// first, how many wait per form), one comment (GET /moderation/{id}) with
// Approve, Edit further, Reject and "Flag a safeguarding concern", and the
// concerns still waiting for their service-level response (GET
// /safeguarding). Every change is a POST with the CSRF token and goes in the
// audit log with who and what, never the words (web_app.cpp checks both
// before a page runs). The store redacts edited text and responses again
// before keeping them (store/comments.hpp); a rejected comment is deleted
// under secure_delete and the WAL emptied at once.
#include "engage/limits.hpp"
#include "engage/text.hpp"
#include "web/pages.hpp"
#include "web/text_join.hpp"

#include <map>

namespace engage::web {
namespace {

// The queue shows this many comments at a time: a sitting's work, and a
// page that still reads well aloud. The rest follow as these are handled.
constexpr std::size_t queue_page = 50;
// A service-level response is a few sentences ("the centre manager
// reviewed the night rota"), not a case file.
constexpr std::size_t max_response_bytes = 1000;

// What a comment's form, question and site are called, read once per page.
struct Names {
    std::map<std::pair<std::string, std::int64_t>, FormVersion> forms;
    std::map<std::string, std::string> latest_title; // slug -> title
    std::map<std::string, std::string> sites;        // slug -> name

    explicit Names(store::Store& store) {
        for (auto& f : store.all_form_versions()) {
            latest_title[f.slug] = f.title.get(fallback_language); // ordered by version
            forms.emplace(std::make_pair(f.slug, std::int64_t{f.version}), std::move(f));
        }
        for (const auto& s : store.sites()) {
            sites[s.slug] = s.name;
        }
    }
    std::string form(const std::string& slug) const {
        const auto it = latest_title.find(slug);
        return it == latest_title.end() ? slug : it->second;
    }
    std::string question(const store::Comment& c) const {
        const auto it = forms.find({c.form, c.version});
        const Question* q = it == forms.end() ? nullptr : it->second.find_question(c.question);
        return q == nullptr ? c.question : q->text.get(fallback_language);
    }
    std::string site(const std::string& slug) const {
        const auto it = sites.find(slug);
        return it == sites.end() ? slug : it->second;
    }
};

std::string month_words(const Context& c, std::string_view month) {
    if (month.size() != 7) {
        return std::string(month);
    }
    return cat(c.renderer.word(cat("month_", month.substr(5, 2))), " ", month.substr(0, 4));
}

View comment_view(const Context& c, const Names& names, const store::Comment& m) {
    View v;
    v.set("id", m.id);
    v.set("link", cat("/moderation/", m.id));
    v.set("form", names.form(m.form));
    v.set("question", names.question(m));
    v.set("site", names.site(m.site));
    v.set("month", month_words(c, m.month));
    v.set("text", m.text);
    v.set("csrf", c.csrf);
    v.flag("approved", m.approved);
    v.flag("concern_open", m.concern == store::Concern::open);
    v.flag("concern_answered", m.concern == store::Concern::answered);
    v.set("response", m.response);
    return v;
}

// Who did what to which form at which site: never the words (DESIGN §12).
void audit(Context& c, std::string_view action, const store::Comment& m) {
    c.accounts.audit(c.now, c.user->name, action, cat(m.form, ", ", m.site));
}

api::Response comment_page(Context& c, int status, const store::Comment& m,
                           const std::string& edited, const std::string& edit_error,
                           const std::string& response, const std::string& response_error) {
    const Names names(c.store);
    View v = comment_view(c, names, m);
    v.set("edited", edited);
    v.set("response_text", response);
    v.set("edit_error", edit_error); // "" when none: the section stays closed (render.hpp)
    v.set("response_error", response_error);
    v.set("max_text", std::to_string(limits::max_text_answer_bytes));
    v.set("max_response", std::to_string(max_response_bytes));
    const std::string done = field(c.query, "done");
    if (done == "saved" || done == "flagged" || done == "responded") {
        v.set("notice", c.renderer.word(cat("moderation_done_", done)));
    }
    return c.page(status, "moderation_comment", "title_moderation_comment", v);
}

std::optional<store::Comment> find(Context& c) {
    return c.store.comments().find(c.path_param);
}

api::Response not_found(Context& c) {
    return c.message(404, "title_not_found", "moderation_not_found");
}

} // namespace

api::Response moderation_queue(Context& c) {
    const Names names(c.store);
    const std::string form = field(c.query, "form");
    View v;
    v.set("csrf", c.csrf);
    std::int64_t total = 0;
    for (const auto& w : c.store.comments().waiting_per_form()) {
        View row;
        row.set("form", names.form(w.form));
        row.set("count", std::to_string(w.count));
        row.set("link", cat("/moderation?form=", url_encode(w.form)));
        row.flag("current", w.form == form);
        v.add("per_form", std::move(row));
        total += w.count;
    }
    v.flag("has_waiting", total > 0);
    v.set("total", std::to_string(total));
    if (!form.empty()) {
        v.set("filter", names.form(form));
    }
    const auto waiting = c.store.comments().waiting(form, queue_page);
    for (const auto& m : waiting) {
        v.add("comments", comment_view(c, names, m));
    }
    v.flag("none", waiting.empty());
    const std::string done = field(c.query, "done");
    if (done == "approved" || done == "rejected") {
        v.set("notice", c.renderer.word(cat("moderation_done_", done)));
    }
    return c.page(200, "moderation", "title_moderation", v);
}

api::Response moderation_comment(Context& c) {
    const auto m = find(c);
    if (!m) {
        return not_found(c);
    }
    return comment_page(c, 200, *m, m->text, {}, {}, {});
}

api::Response moderation_edit(Context& c) {
    const auto m = find(c);
    if (!m) {
        return not_found(c);
    }
    const std::string text = field(c.form, "text");
    std::string error;
    if (text::trim(text).empty()) {
        error = c.renderer.word("moderation_error_empty");
    } else if (text.size() > limits::max_text_answer_bytes) {
        error = replace_all(c.renderer.word("moderation_error_long"), "{n}",
                            std::to_string(limits::max_text_answer_bytes));
    }
    if (!error.empty()) {
        // The typed words go back only into the box they came from.
        return comment_page(c, 400, *m, text, error, {}, {});
    }
    if (!c.store.comments().edit(m->id, text::trim(text))) {
        return not_found(c);
    }
    audit(c, "edit_comment", *m);
    return c.redirect(cat("/moderation/", m->id, "?done=saved"));
}

api::Response moderation_approve(Context& c) {
    const auto m = find(c);
    if (!m || !c.store.comments().approve(m->id)) {
        return not_found(c);
    }
    audit(c, "approve_comment", *m);
    return c.redirect("/moderation?done=approved");
}

api::Response moderation_reject(Context& c) {
    const auto m = find(c);
    if (!m) {
        return not_found(c);
    }
    if (m->concern == store::Concern::open) {
        // The words are what the service acts on; they go once the response is recorded.
        return c.message(409, "title_error", "moderation_error_concern_open");
    }
    if (!c.store.comments().reject(m->id)) {
        return not_found(c);
    }
    audit(c, "reject_comment", *m);
    return c.redirect("/moderation?done=rejected");
}

api::Response moderation_flag(Context& c) {
    const auto m = find(c);
    if (!m || !c.store.comments().flag_concern(m->id)) {
        return not_found(c);
    }
    audit(c, "flag_concern", *m);
    return c.redirect(cat("/moderation/", m->id, "?done=flagged"));
}

api::Response moderation_respond(Context& c) {
    const auto m = find(c);
    if (!m) {
        return not_found(c);
    }
    if (m->concern != store::Concern::open) {
        return c.message(409, "title_error", "moderation_error_no_concern");
    }
    const std::string response = field(c.form, "response");
    std::string error;
    if (text::trim(response).empty()) {
        error = c.renderer.word("moderation_error_response_empty");
    } else if (response.size() > max_response_bytes) {
        error = replace_all(c.renderer.word("moderation_error_long"), "{n}",
                            std::to_string(max_response_bytes));
    }
    if (!error.empty()) {
        return comment_page(c, 400, *m, m->text, {}, response, error);
    }
    if (!c.store.comments().record_response(m->id, text::trim(response))) {
        return c.message(409, "title_error", "moderation_error_no_concern");
    }
    audit(c, "respond_concern", *m);
    return c.redirect(cat("/moderation/", m->id, "?done=responded"));
}

api::Response safeguarding(Context& c) {
    const Names names(c.store);
    View v;
    const auto open = c.store.comments().open_concerns();
    for (const auto& m : open) {
        v.add("concerns", comment_view(c, names, m));
    }
    v.flag("none", open.empty());
    return c.page(200, "safeguarding", "title_safeguarding", v);
}

std::string concern_banner(const Renderer& words, std::int64_t open) {
    if (open <= 0) {
        return {};
    }
    return replace_all(words.word(open == 1 ? "safeguarding_banner_one" : "safeguarding_banner"),
                       "{n}", std::to_string(open));
}

} // namespace engage::web
