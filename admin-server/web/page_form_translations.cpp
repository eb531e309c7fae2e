// A form's translations (issue 9): every string of the draft beside its
// English, missing ones marked, with a coverage figure for each language the
// kiosks offer (the kiosk settings' languages). Saving writes the draft (a
// published version is never changed: the next version's draft is made).
// Not yet: a "needs review" mark per machine-drafted string.
#include "web/form_draft.hpp"
#include "web/pages.hpp"

#include <algorithm>
#include <functional>
#include <variant>

namespace engage::web {
namespace {

// Every translatable string of `f` with a field name, English present only.
void each_string(FormVersion& f,
                 const std::function<void(const std::string&, LocalisedText&)>& visit) {
    const auto maybe = [&](const std::string& name, LocalisedText& t) {
        if (t.has(fallback_language)) {
            visit(name, t);
        }
    };
    maybe("title", f.title);
    maybe("intro", f.intro);
    for (std::size_t i = 0; i < f.questions.size(); ++i) {
        auto& q = f.questions[i];
        std::string qi("q");
        qi.append(std::to_string(i));
        maybe(qi + "-text", q.text);
        maybe(qi + "-easy", q.easy);
        for (std::size_t j = 0; j < q.options.size(); ++j) {
            std::string oj = qi;
            oj.append("-o").append(std::to_string(j));
            maybe(oj + "-text", q.options[j].text);
            maybe(oj + "-easy", q.options[j].easy);
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
    for (const auto& l : languages) {
        if (l == fallback_language) {
            continue;
        }
        if (lang.empty()) {
            lang = l;
        }
        std::size_t total = 0;
        std::size_t done = 0;
        each_string(draft, [&](const std::string&, LocalisedText& t) {
            ++total;
            done += t.has(l) ? 1 : 0;
        });
        View item;
        item.set("code", l);
        item.set("done", std::to_string(done));
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
    each_string(draft, [&](const std::string& name, LocalisedText& t) {
        View row;
        row.set("name", name);
        row.set("english", t.get(fallback_language));
        row.set("text", t.has(lang) ? t.by_language.at(lang) : std::string());
        row.flag("missing", !t.has(lang));
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
    each_string(draft, [&](const std::string& name, LocalisedText& t) {
        std::string text = field(c.form, name);
        if (text.empty()) {
            t.by_language.erase(lang);
        } else {
            t.by_language[lang] = std::move(text);
        }
    });
    if (!check_draft(draft).empty()) {
        return c.message(400, "title_error", "error_form_invalid");
    }
    c.store.put_form_versions({draft}, false);
    c.accounts.audit(c.now, c.user->name, "translate_form",
                     draft.slug + " v" + std::to_string(draft.version) + " " + lang);
    std::string to("/forms/");
    to.append(url_encode(draft.slug)).append("/translations?lang=").append(url_encode(lang));
    to.append("&done=saved");
    return c.redirect(to);
}

} // namespace engage::web
