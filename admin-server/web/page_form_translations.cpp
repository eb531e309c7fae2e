// A form's translations (issue 9): every string of the draft beside its
// English, missing ones marked, with a coverage figure for each language the
// kiosks offer (the kiosk settings' languages). Saving writes the draft (a
// published version is never changed: the next version's draft is made).
// Not yet: a "needs review" mark per machine-drafted string.
#include "web/form_draft.hpp"
#include "web/pages.hpp"
#include "web/translation_table.hpp"

#include <variant>

namespace engage::web {
namespace {

// Every translatable string of `f` with a field name, English present only.
std::vector<TranslatableText> strings_of(FormVersion& f) {
    std::vector<TranslatableText> out;
    const auto maybe = [&](std::string name, LocalisedText& t) {
        if (t.has(fallback_language)) {
            out.push_back({std::move(name), &t});
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
    return out;
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
    View v;
    v.set("csrf", c.csrf);
    v.set("slug", draft.slug);
    v.set("version", std::to_string(draft.version));
    v.set("caption", c.renderer.word("translations_caption"));
    v.set("back", c.renderer.word("preview_back"));
    std::string base("/forms/");
    base.append(draft.slug);
    if (add_translation_view(v, strings_of(draft), languages, field(c.query, "lang"), base)
            .empty()) {
        return c.message(404, "title_not_found", "error_not_found");
    }
    if (field(c.query, "done") == "saved") {
        v.set("notice", c.renderer.word("form_done_saved"));
    }
    return c.page(200, "translations", "title_form_translations", v);
}

api::Response save_form_translations(Context& c) {
    auto found = translatable_draft(c);
    if (auto* refusal = std::get_if<api::Response>(&found)) {
        return std::move(*refusal);
    }
    FormVersion draft = std::get<FormVersion>(std::move(found));
    const auto languages = c.store.load_content().settings.languages;
    const std::string lang = field(c.form, "lang");
    if (!is_translation_language(languages, lang)) {
        return c.message(400, "title_error", "error_not_found");
    }
    read_translations(c.form, lang, strings_of(draft));
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
