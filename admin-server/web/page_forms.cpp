// Forms and polls (issue 9): the list, the editor of a form's draft, publish
// and close. A published version is never edited: saving an edit of it makes
// the next version, a draft. Publishing freezes the draft, closes the version
// it replaces (kept for answers a kiosk gave before it heard) and replaces
// the running server's content cache at once, so the content ETag changes and
// kiosks download the new version on their next poll. Board members draft
// polls only; staff check, translate and publish.
#include "engage/about_you.hpp"
#include "engage/date.hpp"
#include "web/form_draft.hpp"
#include "web/pages.hpp"
#include "web/text_join.hpp"
#include "web/translation_marks.hpp"

#include <algorithm>

namespace engage::web {
namespace {

// The versions of one form, oldest first (empty when there is no such form).
std::vector<FormVersion> versions_of(store::Store& store, std::string_view slug) {
    std::vector<FormVersion> out;
    for (auto& f : store.all_form_versions()) {
        if (f.slug == slug) {
            out.push_back(std::move(f));
        }
    }
    return out;
}

const FormVersion* latest_with(const std::vector<FormVersion>& versions, FormStatus status) {
    const FormVersion* found = nullptr;
    for (const auto& f : versions) {
        if (f.status == status) {
            found = &f;
        }
    }
    return found;
}

bool is_staff(const Context& c) {
    return c.user->roles.has(accounts::Role::staff);
}

// Board members may open and edit polls only (issue 9: the board drafts polls).
bool may_edit(const Context& c, const FormVersion& f) {
    return is_staff(c) || f.kind == FormKind::poll;
}

Date today_of(std::int64_t unix_seconds) {
    return from_days_since_epoch(static_cast<long>(unix_seconds / 86400));
}

std::string word_of(const Context& c, FormStatus s) {
    return c.renderer.word("form_status_" + std::string(to_string(s)));
}

std::string sites_text(const Context& c, const FormVersion& f) {
    if (f.sites.empty()) {
        return c.renderer.word("forms_every_site");
    }
    std::string out;
    for (const auto& s : f.sites) {
        out += (out.empty() ? "" : ", ") + s;
    }
    return out;
}

View icon_choices(std::string_view selected) {
    View v;
    View none;
    none.set("name", "");
    none.flag("none", true);
    none.flag("selected", selected.empty());
    v.add("list", std::move(none));
    for (const auto name : kiosk_icons) {
        View item;
        item.set("name", std::string(name));
        item.flag("none", false);
        item.flag("selected", name == selected);
        v.add("list", std::move(item));
    }
    return v;
}

// Always set, empty when there is none: a nested section that lacked the
// name would otherwise show its parent's error (mustache looks outwards).
void add_error(View& target, const FieldErrors& errors, const std::string& id,
               const std::string& name) {
    const auto it = errors.find(id);
    target.set(name, it == errors.end() ? std::string() : it->second);
}

// The editor page for `draft` (stored or as posted), with `errors` by field.
api::Response editor(Context& c, const FormVersion& draft, const std::vector<FormVersion>& versions,
                     const FieldErrors& errors, std::string_view notice_key, bool unsaved) {
    View v;
    v.set("csrf", c.csrf);
    v.set("slug", draft.slug);
    v.set("kind", std::string(to_string(draft.kind)));
    v.set("version", std::to_string(draft.version));
    v.set("status", word_of(c, draft.status));
    v.set("title", draft.title.get(fallback_language));
    v.set("intro", draft.intro.has(fallback_language) ? draft.intro.get(fallback_language) : "");
    v.set("opens", draft.opens ? to_string(*draft.opens) : "");
    v.set("closes", draft.closes ? to_string(*draft.closes) : "");
    std::string sites;
    for (const auto& s : draft.sites) {
        sites += (sites.empty() ? "" : ", ") + s;
    }
    v.set("sites", sites);
    v.set("nq", std::to_string(draft.questions.size()));
    if (const auto* p = latest_with(versions, FormStatus::published)) {
        v.set("published_version", std::to_string(p->version));
    }
    const bool stored_draft = std::any_of(versions.begin(), versions.end(), [&](const auto& f) {
        return f.version == draft.version && f.status == FormStatus::draft;
    });
    v.flag("is_draft", draft.status == FormStatus::draft);
    v.flag("can_publish", is_staff(c) && stored_draft && errors.empty() && !unsaved);
    v.flag("unsaved", unsaved);
    // The "About you" button while a feedback form lacks any of the set.
    bool about_you_missing = false;
    for (const auto& q : about_you::questions()) {
        about_you_missing = about_you_missing || draft.find_question(q.id) == nullptr;
    }
    v.flag("can_add_about_you", draft.kind == FormKind::feedback && about_you_missing);
    v.flag("can_close", is_staff(c) && latest_with(versions, FormStatus::published) != nullptr);
    if (!notice_key.empty()) {
        v.set("notice", c.renderer.word(notice_key));
    }
    if (!errors.empty()) {
        v.flag("has_errors", true);
        for (const auto& [id, text] : errors) {
            View e;
            e.set("field", id == "form" ? "title" : id);
            e.set("text", text);
            v.add("errors", std::move(e));
        }
    }
    add_error(v, errors, "title", "title_error");
    add_error(v, errors, "opens", "opens_error");
    add_error(v, errors, "closes", "closes_error");
    for (std::size_t i = 0; i < draft.questions.size(); ++i) {
        const auto& q = draft.questions[i];
        const std::string qi = cat("q", std::to_string(i));
        View qv;
        qv.set("i", std::to_string(i));
        qv.set("n", std::to_string(i + 1));
        qv.set("id", q.id);
        qv.set("text", q.text.has(fallback_language) ? q.text.get(fallback_language) : "");
        qv.set("easy", q.easy.has(fallback_language) ? q.easy.get(fallback_language) : "");
        qv.child("icons", icon_choices(q.icon));
        for (const auto t : {QuestionType::choice, QuestionType::multi, QuestionType::scale,
                             QuestionType::yesno, QuestionType::text}) {
            View tv;
            tv.set("value", std::string(to_string(t)));
            tv.set("label", c.renderer.word("question_type_" + std::string(to_string(t))));
            tv.flag("selected", t == q.type);
            qv.add("types", std::move(tv));
        }
        qv.flag("demographic", q.demographic);
        qv.flag("first", i == 0);
        qv.flag("last", i + 1 == draft.questions.size());
        const bool options = q.type == QuestionType::choice || q.type == QuestionType::multi;
        qv.flag("takes_options", options);
        qv.flag("offers_prefer_not", q.find_option(prefer_not_to_say) != nullptr);
        qv.set("no", std::to_string(q.options.size()));
        add_error(qv, errors, qi + "-text", "text_error");
        add_error(qv, errors, qi + "-type", "type_error");
        add_error(qv, errors, qi + "-demographic", "demographic_error");
        for (std::size_t j = 0; j < q.options.size(); ++j) {
            const auto& o = q.options[j];
            const std::string oj = qi + "-o" + std::to_string(j);
            View ov;
            ov.set("i", std::to_string(i));
            ov.set("j", std::to_string(j));
            ov.set("qn", std::to_string(i + 1));
            ov.set("n", std::to_string(j + 1));
            ov.set("id", o.id);
            ov.set("text", o.text.has(fallback_language) ? o.text.get(fallback_language) : "");
            ov.set("easy", o.easy.has(fallback_language) ? o.easy.get(fallback_language) : "");
            ov.child("icons", icon_choices(o.icon));
            ov.flag("first", j == 0);
            ov.flag("last", j + 1 == q.options.size());
            add_error(ov, errors, oj + "-id", "id_error");
            add_error(ov, errors, oj + "-text", "text_error");
            qv.add("options", std::move(ov));
        }
        v.add("questions", std::move(qv));
    }
    return c.page(errors.empty() ? 200 : 400, "form_edit", "title_form_edit", v);
}

// The version the editor works on: the stored draft, or a new draft copied
// from the latest version (a published version is never changed in place).
FormVersion working_draft(const std::vector<FormVersion>& versions) {
    FormVersion d = versions.back();
    if (d.status != FormStatus::draft) {
        d.version += 1;
        d.status = FormStatus::draft;
    }
    return d;
}

api::Response no_content(Context& c) {
    return c.message(404, "title_not_found", "error_not_found");
}

void publish_to_kiosks(Context& c) {
    // The web thread made the change; kiosks polling on the I/O threads see
    // the new generation from their next request.
    if (c.content != nullptr) {
        c.content->replace(c.store.load_content());
    }
}

} // namespace

namespace {

// The list, with the "new form" form (its `error` and typed values when a
// create was refused).
api::Response list_page(Context& c, int status, const std::string& error, const std::string& slug,
                        const std::string& title) {
    const auto all = c.store.all_form_versions();
    View v;
    v.set("csrf", c.csrf);
    v.flag("staff", is_staff(c));
    v.set("new_slug", slug);
    v.set("new_title", title);
    if (!error.empty()) {
        v.set("error", error);
    }
    for (std::size_t i = 0; i < all.size(); ++i) {
        if (i + 1 < all.size() && all[i + 1].slug == all[i].slug) {
            continue; // one row per form: its latest version
        }
        const auto& f = all[i];
        if (!may_edit(c, f)) {
            continue;
        }
        std::vector<FormVersion> versions;
        for (const auto& g : all) {
            if (g.slug == f.slug) {
                versions.push_back(g);
            }
        }
        View row;
        row.set("slug", f.slug);
        row.set("link", cat("/forms/", url_encode(f.slug)));
        row.set("title", f.title.get(fallback_language));
        row.set("kind", c.renderer.word("form_kind_" + std::string(to_string(f.kind))));
        const auto* published = latest_with(versions, FormStatus::published);
        std::string text = published ? word_of(c, FormStatus::published) + " (v" +
                                           std::to_string(published->version) + ")"
                                     : word_of(c, versions.back().status == FormStatus::closed
                                                      ? FormStatus::closed
                                                      : FormStatus::draft);
        if (f.status == FormStatus::draft && published) {
            text.append("; ")
                .append(word_of(c, FormStatus::draft))
                .append(" v")
                .append(std::to_string(f.version));
        }
        row.set("status", text);
        row.set("version", std::to_string(f.version));
        row.set("sites", sites_text(c, f));
        v.add("forms", std::move(row));
    }
    return c.page(status, "forms", "title_forms", v);
}

} // namespace

api::Response forms_list(Context& c) {
    if (c.content == nullptr) {
        return no_content(c);
    }
    return list_page(c, 200, "", "", "");
}

api::Response new_form(Context& c) {
    if (c.content == nullptr) {
        return no_content(c);
    }
    FormVersion f;
    f.slug = field(c.form, "slug");
    f.kind = parse_form_kind(field(c.form, "kind")).value_or(FormKind::poll);
    if (!is_staff(c)) {
        f.kind = FormKind::poll; // the board drafts polls only
    }
    const std::string title = field(c.form, "title");
    if (!title.empty()) {
        f.title.by_language[std::string(fallback_language)] = title;
    }
    std::string error;
    if (!valid_form_id(f.slug)) {
        error = c.renderer.word("error_form_slug");
    } else if (!versions_of(c.store, f.slug).empty()) {
        error = c.renderer.word("error_form_slug_taken");
    } else if (title.empty()) {
        error = c.renderer.word("error_form_title");
    }
    if (!error.empty()) {
        return list_page(c, 400, error, f.slug, title);
    }
    c.store.put_form_versions({f}, false);
    c.accounts.audit(c.now, c.user->name, "new_form",
                     f.slug + " (" + std::string(to_string(f.kind)) + ")");
    return c.redirect(cat("/forms/", url_encode(f.slug)));
}

// The "About you" questions this save adds come with machine-drafted
// translations (engage/about_you.hpp): each is marked "needs review" on the
// translation pages, as `content import --needs-review` marks a drafted file.
std::vector<store::TranslationMark> about_you_marks(const FormVersion& before,
                                                    const FormVersion& after, const std::string& by,
                                                    std::int64_t now) {
    std::vector<store::TranslationMark> out;
    const auto mark = [&](const std::string& key, const LocalisedText& t) {
        for (const auto& [lang, text] : t.by_language) {
            if (lang != fallback_language && !text.empty() && about_you::machine_drafted(lang)) {
                out.push_back({after.slug, after.version, key, lang, std::string(mark_needs_review),
                               by, now});
            }
        }
    };
    for (const auto& q : after.questions) {
        if (!about_you::is_about_you(q.id) || before.find_question(q.id) != nullptr) {
            continue;
        }
        mark(q.id + ".text", q.text);
        for (const auto& o : q.options) {
            mark(q.id + "." + o.id + ".text", o.text);
        }
    }
    return out;
}

api::Response edit_form(Context& c) {
    if (c.content == nullptr) {
        return no_content(c);
    }
    const auto versions = versions_of(c.store, c.path_param);
    if (versions.empty()) {
        return no_content(c);
    }
    const FormVersion draft = working_draft(versions);
    if (!may_edit(c, draft)) {
        return c.message(403, "title_forbidden", "error_forbidden");
    }
    const std::string done = field(c.query, "done");
    std::string notice;
    if (done == "saved" || done == "published" || done == "closed") {
        notice = "form_done_" + done;
    }
    return editor(c, draft, versions, {}, notice, false);
}

api::Response save_form(Context& c) {
    if (c.content == nullptr) {
        return no_content(c);
    }
    const auto versions = versions_of(c.store, c.path_param);
    if (versions.empty()) {
        return no_content(c);
    }
    FormVersion draft = working_draft(versions);
    if (!may_edit(c, draft)) {
        return c.message(403, "title_forbidden", "error_forbidden");
    }
    const FormVersion stored = draft;
    FieldErrors errors = read_draft(c.form, draft);
    const std::string action = field(c.form, "action");
    if (action != "save" && !action.empty()) {
        // Adding, deleting and moving change the page, not the store: the
        // new question is empty, which a save would refuse. Saved with Save.
        apply_action(action, draft);
        return editor(c, draft, versions, errors, "form_unsaved", true);
    }
    for (auto& [id, text] : check_draft(draft)) {
        errors.emplace(id, std::move(text));
    }
    if (!errors.empty()) {
        return editor(c, draft, versions, errors, "", true);
    }
    c.store.put_form_versions({draft}, false);
    c.accounts.audit(c.now, c.user->name, "save_form",
                     draft.slug + " v" + std::to_string(draft.version));
    if (auto marks = about_you_marks(stored, draft, c.user->name, c.now); !marks.empty()) {
        c.store.put_translation_marks(marks);
    }
    return c.redirect(cat("/forms/", url_encode(draft.slug), "?done=saved"));
}

api::Response publish_form(Context& c) {
    if (c.content == nullptr) {
        return no_content(c);
    }
    auto versions = versions_of(c.store, c.path_param);
    if (versions.empty()) {
        return no_content(c);
    }
    if (versions.back().status != FormStatus::draft) {
        return c.message(409, "title_error", "error_form_no_draft");
    }
    FormVersion draft = versions.back();
    if (!check_draft(draft).empty()) {
        return c.message(400, "title_error", "error_form_invalid");
    }
    const Date today = today_of(c.now);
    // The replaced version closes when the new one opens: today, or the
    // new version's open date when that is later, so a form scheduled to
    // change next month does not leave its kiosks without it until then.
    const Date handover = draft.opens && today < *draft.opens ? *draft.opens : today;
    std::vector<FormVersion> changed;
    for (auto& f : versions) {
        if (f.status == FormStatus::published) {
            // Replaced: answers a kiosk gave before it heard of the new
            // version are still taken up to the close date (FormVersion::open_at).
            f.status = FormStatus::closed;
            // Never before it opens (a form that closes before it opens does not load).
            const Date day = f.opens && handover < *f.opens ? *f.opens : handover;
            if (!f.closes || day < *f.closes) {
                f.closes = day;
            }
            changed.push_back(f);
        }
    }
    draft.status = FormStatus::published;
    changed.push_back(draft);
    c.store.put_form_versions(changed, true);
    publish_to_kiosks(c);
    c.accounts.audit(c.now, c.user->name, "publish_form",
                     draft.slug + " v" + std::to_string(draft.version));
    return c.redirect(cat("/forms/", url_encode(draft.slug), "?done=published"));
}

api::Response close_form(Context& c) {
    if (c.content == nullptr) {
        return no_content(c);
    }
    auto versions = versions_of(c.store, c.path_param);
    std::vector<FormVersion> changed;
    const Date today = today_of(c.now);
    for (auto& f : versions) {
        if (f.status == FormStatus::published) {
            f.status = FormStatus::closed;
            if (!f.closes || today < *f.closes) {
                f.closes = today;
            }
            changed.push_back(f);
        }
    }
    if (changed.empty()) {
        return c.message(409, "title_error", "error_form_not_published");
    }
    c.store.put_form_versions(changed, true);
    publish_to_kiosks(c);
    c.accounts.audit(c.now, c.user->name, "close_form", c.path_param);
    return c.redirect(cat("/forms/", url_encode(c.path_param), "?done=closed"));
}

api::Response preview_form(Context& c) {
    if (c.content == nullptr) {
        return no_content(c);
    }
    const auto versions = versions_of(c.store, c.path_param);
    if (versions.empty()) {
        return no_content(c);
    }
    const FormVersion& f = versions.back();
    if (!may_edit(c, f)) {
        return c.message(403, "title_forbidden", "error_forbidden");
    }
    View v;
    v.set("slug", f.slug);
    v.set("version", std::to_string(f.version));
    v.set("status", word_of(c, f.status));
    v.set("title", f.title.get(fallback_language));
    v.set("intro", f.intro.has(fallback_language) ? f.intro.get(fallback_language) : "");
    for (std::size_t i = 0; i < f.questions.size(); ++i) {
        const auto& q = f.questions[i];
        View qv;
        qv.set("n", std::to_string(i + 1));
        qv.set("of", std::to_string(f.questions.size()));
        qv.set("text", q.text.get(fallback_language));
        qv.set("easy", q.easy.has(fallback_language) ? q.easy.get(fallback_language) : "");
        qv.set("icon", q.icon);
        qv.set("how", c.renderer.word("preview_how_" + std::string(to_string(q.type))));
        for (const auto& o : q.options) {
            View ov;
            ov.set("text", o.text.get(fallback_language));
            ov.set("icon", o.icon);
            qv.add("options", std::move(ov));
        }
        if (q.type == QuestionType::scale) {
            for (const char* key : {"scale_1", "scale_2", "scale_3", "scale_4", "scale_5"}) {
                View ov;
                ov.set("text", c.renderer.word(std::string("preview_") + key));
                qv.add("options", std::move(ov));
            }
        } else if (q.type == QuestionType::yesno) {
            for (const char* key : {"preview_yes", "preview_no"}) {
                View ov;
                ov.set("text", c.renderer.word(key));
                qv.add("options", std::move(ov));
            }
        }
        qv.flag("has_options", q.type != QuestionType::text);
        v.add("questions", std::move(qv));
    }
    return c.page(200, "form_preview", "title_form_preview", v);
}

} // namespace engage::web
