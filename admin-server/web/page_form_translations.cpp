// A form's translations (issue 9): every string of the draft beside its
// English, missing ones marked, with a coverage figure for each language the
// kiosks offer (the kiosk settings' languages). Saving writes the draft (a
// published version is never changed: the next version's draft is made).
// Each translated string carries a review mark (web/translation_marks.hpp):
// "needs review" for a machine draft, then "reviewed"; the coverage figure
// counts both.
#include "web/form_draft.hpp"
#include "web/pages.hpp"
#include "web/translation_marks.hpp"

#include <algorithm>
#include <functional>
#include <variant>

namespace engage::web {
namespace {

// Every translatable string of `f` with English present: its field name on
// the page ("q0-o1-text", by position) and its mark name ("q1.o2.text", by
// ids, so marks survive reordering).
void each_string(
    FormVersion& f,
    const std::function<void(const std::string&, const std::string&, LocalisedText&)>& visit) {
    const auto maybe = [&](const std::string& name, const std::string& key, LocalisedText& t) {
        if (t.has(fallback_language)) {
            visit(name, key, t);
        }
    };
    maybe("title", "title", f.title);
    maybe("intro", "intro", f.intro);
    for (std::size_t i = 0; i < f.questions.size(); ++i) {
        auto& q = f.questions[i];
        std::string qi("q");
        qi.append(std::to_string(i));
        maybe(qi + "-text", q.id + ".text", q.text);
        maybe(qi + "-easy", q.id + ".easy", q.easy);
        for (std::size_t j = 0; j < q.options.size(); ++j) {
            std::string oj = qi;
            oj.append("-o").append(std::to_string(j));
            const std::string ok = q.id + "." + q.options[j].id;
            maybe(oj + "-text", ok + ".text", q.options[j].text);
            maybe(oj + "-easy", ok + ".easy", q.options[j].easy);
        }
    }
}

std::vector<FormVersion> versions_named(store::Store& store, std::string_view slug) {
    std::vector<FormVersion> out;
    for (auto& f : store.all_form_versions()) {
        if (f.slug == slug) {
            out.push_back(std::move(f));
        }
    }
    return out;
}

FormVersion draft_of(const std::vector<FormVersion>& versions) {
    FormVersion d = versions.back();
    if (d.status != FormStatus::draft) {
        d.version += 1;
        d.status = FormStatus::draft;
    }
    return d;
}

bool may_translate(const Context& c, const FormVersion& f) {
    return c.user->roles.has(accounts::Role::staff) || f.kind == FormKind::poll;
}

// The draft of the form the path names, for both translation pages; or
// the refusal (404 without content or such a form, 403 without the right).
std::variant<FormVersion, api::Response> translatable_draft(Context& c) {
    if (c.content == nullptr) {
        return c.message(404, "title_not_found", "error_not_found");
    }
    const auto versions = versions_named(c.store, c.path_param);
    if (versions.empty()) {
        return c.message(404, "title_not_found", "error_not_found");
    }
    FormVersion draft = draft_of(versions);
    if (!may_translate(c, draft)) {
        return c.message(403, "title_forbidden", "error_forbidden");
    }
    return draft;
}

} // namespace

api::Response form_translations(Context& c) {
    auto found = translatable_draft(c);
    if (auto* refusal = std::get_if<api::Response>(&found)) {
        return std::move(*refusal);
    }
    FormVersion draft = std::get<FormVersion>(std::move(found));
    const auto languages = c.store.load_content().settings.languages;
    std::string lang = field(c.query, "lang");
    View v;
    v.set("csrf", c.csrf);
    v.set("slug", draft.slug);
    v.set("version", std::to_string(draft.version));
    const auto marks = marks_at(c.store.translation_marks(draft.slug), draft.version);
    const auto state_of = [&](const std::string& key, const std::string& l) {
        const auto it = marks.find({key, l});
        return it == marks.end() ? std::string(mark_none) : it->second.state;
    };
    for (const auto& l : languages) {
        if (l == fallback_language) {
            continue;
        }
        if (lang.empty()) {
            lang = l;
        }
        std::size_t total = 0;
        std::size_t done = 0;
        std::size_t reviewed = 0;
        std::size_t needs_review = 0;
        each_string(draft, [&](const std::string&, const std::string& key, LocalisedText& t) {
            ++total;
            if (t.has(l)) {
                ++done;
                const std::string state = state_of(key, l);
                reviewed += state == mark_reviewed ? 1 : 0;
                needs_review += state == mark_needs_review ? 1 : 0;
            }
        });
        View item;
        item.set("code", l);
        item.set("done", std::to_string(done));
        item.set("reviewed", std::to_string(reviewed));
        item.set("needs_review", std::to_string(needs_review));
        item.set("total", std::to_string(total));
        item.set("percent", std::to_string(total == 0 ? 100 : done * 100 / total));
        item.flag("current", l == lang);
        v.add("languages", std::move(item));
    }
    if (std::find(languages.begin(), languages.end(), lang) == languages.end() ||
        lang == fallback_language) {
        return c.message(404, "title_not_found", "error_not_found");
    }
    v.set("lang", lang);
    each_string(draft, [&](const std::string& name, const std::string& key, LocalisedText& t) {
        View row;
        row.set("name", name);
        row.set("english", t.get(fallback_language));
        row.set("text", t.has(lang) ? t.by_language.at(lang) : std::string());
        row.flag("missing", !t.has(lang));
        const std::string state = t.has(lang) ? state_of(key, lang) : std::string(mark_none);
        row.flag("mark_none", state == mark_none);
        row.flag("mark_needs_review", state == mark_needs_review);
        row.flag("mark_reviewed", state == mark_reviewed);
        v.add("strings", std::move(row));
    });
    if (field(c.query, "done") == "saved") {
        v.set("notice", c.renderer.word("form_done_saved"));
    }
    return c.page(200, "form_translations", "title_form_translations", v);
}

api::Response save_form_translations(Context& c) {
    auto found = translatable_draft(c);
    if (auto* refusal = std::get_if<api::Response>(&found)) {
        return std::move(*refusal);
    }
    FormVersion draft = std::get<FormVersion>(std::move(found));
    const auto languages = c.store.load_content().settings.languages;
    const std::string lang = field(c.form, "lang");
    if (lang == fallback_language ||
        std::find(languages.begin(), languages.end(), lang) == languages.end()) {
        return c.message(400, "title_error", "error_not_found");
    }
    // "Save and mark all reviewed": every translated string of this language.
    const bool all_reviewed = field(c.form, "action") == "all_reviewed";
    const auto marks = marks_at(c.store.translation_marks(draft.slug), draft.version);
    std::vector<store::TranslationMark> changed_marks;
    bool bad_mark = false;
    std::size_t now_reviewed = 0;
    std::size_t now_needs_review = 0;
    each_string(draft, [&](const std::string& name, const std::string& key, LocalisedText& t) {
        std::string text = field(c.form, name);
        std::string state =
            all_reviewed ? std::string(mark_reviewed) : field(c.form, "mark-" + name);
        if (state.empty()) {
            state = mark_none;
        }
        bad_mark = bad_mark || !known_mark_state(state);
        if (text.empty()) {
            t.by_language.erase(lang);
            state = mark_none; // nothing to review
        } else {
            t.by_language[lang] = std::move(text);
        }
        const auto it = marks.find({key, lang});
        const std::string was = it == marks.end() ? std::string(mark_none) : it->second.state;
        if (state != was) {
            changed_marks.push_back(
                {draft.slug, draft.version, key, lang, state, c.user->name, c.now});
            now_reviewed += state == mark_reviewed ? 1 : 0;
            now_needs_review += state == mark_needs_review ? 1 : 0;
        }
    });
    if (bad_mark || !check_draft(draft).empty()) {
        return c.message(400, "title_error", "error_form_invalid");
    }
    c.store.put_form_versions({draft}, false);
    c.accounts.audit(c.now, c.user->name, "translate_form",
                     draft.slug + " v" + std::to_string(draft.version) + " " + lang);
    if (!changed_marks.empty()) {
        c.store.put_translation_marks(changed_marks);
        c.accounts.audit(
            c.now, c.user->name, "mark_translations",
            draft.slug + " v" + std::to_string(draft.version) + " " + lang + ": " +
                std::to_string(now_needs_review) + " needs review, " +
                std::to_string(now_reviewed) + " reviewed, " +
                std::to_string(changed_marks.size() - now_needs_review - now_reviewed) +
                " unmarked");
    }
    std::string to("/forms/");
    to.append(url_encode(draft.slug)).append("/translations?lang=").append(url_encode(lang));
    to.append("&done=saved");
    return c.redirect(to);
}

} // namespace engage::web
