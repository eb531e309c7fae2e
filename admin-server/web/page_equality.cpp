// Equality monitoring for the Experts by Experience Board (issue 10): one
// form's answers broken down by the "About you" groups
// (/results/{slug}/about-you), and "who are we hearing from"
// (/results/hearing-from): answers received by site, language and group,
// quarter by quarter, so the Board can see who is missing.
//
// Every number comes from engage::results::FormResults: its views are hidden
// jointly (docs/privacy.md, "The Board's views"); a breakdown or a language
// table is shown whole or not at all (FormResults::breakdowns). This page
// never adds or subtracts counts itself.
#include "engage/about_you.hpp"
#include "engage/date.hpp"
#include "engage/results.hpp"
#include "web/kiosk_languages.hpp"
#include "web/pages.hpp"
#include "web/text_join.hpp"

#include <algorithm>

namespace engage::web {
namespace {

// How many quarters "who are we hearing from" shows: two years, which
// still reads aloud as a table.
constexpr std::size_t hearing_quarters = 8;

std::vector<FormVersion> versions_of(store::Store& store, std::string_view slug) {
    std::vector<FormVersion> out;
    for (auto& f : store.all_form_versions()) {
        if (f.slug == slug) {
            out.push_back(std::move(f));
        }
    }
    return out;
}

const FormVersion* latest_shown(const std::vector<FormVersion>& versions) {
    const FormVersion* found = nullptr;
    for (const auto& f : versions) {
        if (f.status != FormStatus::draft && (!found || f.version > found->version)) {
            found = &f;
        }
    }
    return found;
}

// "October to December 2026" for "2026-Q4".
std::string quarter_words(const Context& c, std::string_view quarter) {
    const auto months = results::months_of(quarter);
    if (months.size() != 3) {
        return std::string(quarter);
    }
    auto month_name = [&](std::string_view m) {
        return c.renderer.word(cat("month_", m.substr(5, 2)));
    };
    std::string text = c.renderer.word("results_quarter_words");
    text = replace_all(text, "{first}", month_name(months[0]));
    text = replace_all(text, "{last}", month_name(months[2]));
    return replace_all(text, "{year}", std::string(quarter.substr(0, 4)));
}

std::string count_text(const Context& c, const results::Shown& s, std::int64_t k) {
    if (s.hidden) {
        return replace_all(c.renderer.word("results_hidden"), "{k}", std::to_string(k));
    }
    return std::to_string(s.value);
}

results::FormResults results_of(Context& c, const std::vector<FormVersion>& versions,
                                std::string_view slug) {
    const Date today = from_days_since_epoch(static_cast<long>(c.now / 86400));
    return results::FormResults(versions, c.store.answer_counts(slug), today, c.suppression_k);
}

bool has_about_you(const std::vector<FormVersion>& versions) {
    return std::any_of(versions.begin(), versions.end(), [](const FormVersion& f) {
        return std::any_of(f.questions.begin(), f.questions.end(),
                           [](const Question& q) { return about_you::is_about_you(q.id); });
    });
}

} // namespace

api::Response form_about_you(Context& c) {
    const auto versions = versions_of(c.store, c.path_param);
    const FormVersion* latest = latest_shown(versions);
    if (latest == nullptr || latest->kind == FormKind::signup) {
        return c.message(404, "title_not_found", "error_not_found");
    }
    const auto r = results_of(c, versions, c.path_param);
    results::Selection sel;
    sel.period = field(c.query, "period");
    if (const auto site = field(c.query, "site"); !site.empty()) {
        sel.site = site;
    }
    if (sel.period.empty() && !r.quarters().empty()) {
        sel.period = r.quarters().back();
    }

    View v;
    v.set("form_title", latest->title.get(fallback_language));
    v.set("slug", c.path_param);
    v.set("k", std::to_string(r.k()));
    View all_sites;
    all_sites.set("value", "");
    all_sites.set("label", c.renderer.word("results_all_sites"));
    all_sites.flag("selected", !sel.site);
    v.add("sites", std::move(all_sites));
    for (const auto& s : r.sites()) {
        View o;
        o.set("value", s);
        o.set("label", s);
        o.flag("selected", sel.site == s);
        v.add("sites", std::move(o));
    }
    for (auto it = r.quarters().rbegin(); it != r.quarters().rend(); ++it) {
        View o;
        o.set("value", *it);
        o.set("label", quarter_words(c, *it));
        o.flag("selected", sel.period == *it);
        v.add("quarters", std::move(o));
    }
    if (!has_about_you(versions)) {
        v.flag("no_questions", true);
        return c.page(200, "form_about_you", "title_about_you_results", v);
    }
    if (r.quarters().empty()) {
        v.flag("nothing_yet", true);
        return c.page(200, "form_about_you", "title_about_you_results", v);
    }
    if (!r.valid(sel) || sel.period.find("-Q") == std::string::npos) {
        v.flag("bad_filter", true);
        v.set("error", c.renderer.word("about_you_bad_filter"));
        return c.page(400, "form_about_you", "title_about_you_results", v);
    }
    std::string when =
        replace_all(c.renderer.word(sel.site ? "results_when_site" : "results_when_all"),
                    "{period}", quarter_words(c, sel.period));
    when = replace_all(when, "{site}", sel.site.value_or(""));
    v.set("when", when);
    const auto views = r.view(sel);
    std::size_t index = 0;
    for (const auto& b : r.breakdowns(c.store.group_counts(c.path_param), sel)) {
        const auto q =
            std::find_if(views.begin(), views.end(),
                         [&](const results::QuestionView& x) { return x.id == b.question; });
        if (q == views.end()) {
            continue;
        }
        View bv;
        bv.set("id", cat("b", std::to_string(index++)));
        bv.set("heading",
               replace_all(replace_all(c.renderer.word("about_you_heading"), "{question}", q->text),
                           "{group}", b.group_text));
        bv.set("caption", replace_all(c.renderer.word("about_you_caption"), "{when}", when));
        bv.flag("shown", b.shown);
        bv.set("hidden_text",
               replace_all(c.renderer.word("about_you_hidden"), "{k}", std::to_string(r.k())));
        for (const auto& a : q->answers) {
            View h;
            h.set("label", a.label);
            bv.add("heads", std::move(h));
        }
        for (const auto& row : b.rows) {
            View rv;
            rv.set("label", row.id.empty() ? c.renderer.word("about_you_not_said") : row.label);
            for (const auto n : row.counts) {
                View cell;
                cell.set("text", std::to_string(n));
                rv.add("cells", std::move(cell));
            }
            rv.set("total", std::to_string(row.total));
            bv.add("rows", std::move(rv));
        }
        v.add("breakdowns", std::move(bv));
    }
    return c.page(200, "form_about_you", "title_about_you_results", v);
}

api::Response hearing_from(Context& c) {
    // The feedback forms with answers; the page shows one at a time.
    const auto all = c.store.all_form_versions();
    std::string slug = field(c.query, "form");
    View v;
    bool found = false;
    for (const auto& s : c.store.counted_forms()) {
        std::vector<FormVersion> versions;
        for (const auto& f : all) {
            if (f.slug == s) {
                versions.push_back(f);
            }
        }
        const FormVersion* latest = latest_shown(versions);
        if (latest == nullptr || latest->kind != FormKind::feedback) {
            continue;
        }
        if (slug.empty()) {
            slug = s;
        }
        found = found || slug == s;
        View o;
        o.set("value", s);
        o.set("label", latest->title.get(fallback_language));
        o.flag("selected", slug == s);
        v.add("forms", std::move(o));
    }
    if (!found) {
        if (!field(c.query, "form").empty()) {
            return c.message(404, "title_not_found", "error_not_found");
        }
        v.flag("nothing_yet", true);
        return c.page(200, "hearing_from", "title_hearing_from", v);
    }
    const auto versions = versions_of(c.store, slug);
    const auto r = results_of(c, versions, slug);
    const std::int64_t k = r.k();
    v.set("slug", slug);
    const auto& quarters = r.quarters();
    if (quarters.empty()) {
        v.flag("nothing_yet", true);
        return c.page(200, "hearing_from", "title_hearing_from", v);
    }
    const auto first =
        quarters.end() - static_cast<std::ptrdiff_t>(std::min(quarters.size(), hearing_quarters));
    std::vector<std::string> shown_quarters(first, quarters.end());

    // Answers received by site.
    View all_head;
    all_head.set("label", c.renderer.word("results_all_sites"));
    v.add("site_heads", std::move(all_head));
    for (const auto& s : r.sites()) {
        View h;
        h.set("label", s);
        v.add("site_heads", std::move(h));
    }
    const auto languages = c.store.language_counts(slug);
    for (const auto& quarter : shown_quarters) {
        View row;
        row.set("period", quarter_words(c, quarter));
        View cell;
        cell.set("text", count_text(c, r.received({std::nullopt, std::nullopt, quarter}), k));
        row.add("cells", std::move(cell));
        for (const auto& s : r.sites()) {
            View sc;
            sc.set("text", count_text(c, r.received({std::nullopt, s, quarter}), k));
            row.add("cells", std::move(sc));
        }
        v.add("site_rows", std::move(row));

        // Languages, all sites: shown whole or not at all.
        View lr;
        lr.set("period", quarter_words(c, quarter));
        const auto lv = r.languages(languages, {std::nullopt, std::nullopt, quarter});
        std::string text;
        if (!lv.shown) {
            text =
                replace_all(c.renderer.word("hearing_languages_hidden"), "{k}", std::to_string(k));
        }
        for (const auto& [code, n] : lv.counts) {
            if (n == 0) {
                continue;
            }
            std::string_view name = code;
            for (const auto& l : kiosk_languages) {
                if (l.code == code) {
                    name = l.english_name;
                }
            }
            text += cat(text.empty() ? "" : "; ", name, ": ", std::to_string(n));
        }
        lr.set("text", text.empty() ? c.renderer.word("hearing_languages_none") : text);
        v.add("language_rows", std::move(lr));
    }

    // Each "About you" question, all sites, quarter by quarter.
    const auto latest_view = r.view({std::nullopt, std::nullopt, quarters.back()});
    std::size_t index = 0;
    for (const auto& q : latest_view) {
        if (!about_you::is_about_you(q.id)) {
            continue;
        }
        View gv;
        gv.set("id", cat("g", std::to_string(index++)));
        gv.set("text", q.text);
        for (const auto& a : q.answers) {
            View h;
            h.set("label", a.label);
            gv.add("heads", std::move(h));
        }
        for (const auto& quarter : shown_quarters) {
            for (const auto& other : r.view({std::nullopt, std::nullopt, quarter})) {
                if (other.id != q.id) {
                    continue;
                }
                View row;
                row.set("period", quarter_words(c, quarter));
                for (const auto& a : other.answers) {
                    View cell;
                    cell.set("text", count_text(c, a.count, k));
                    row.add("cells", std::move(cell));
                }
                row.set("total", count_text(c, other.total, k));
                gv.add("rows", std::move(row));
            }
        }
        v.add("groups", std::move(gv));
    }
    v.flag("no_groups", index == 0);
    return c.page(200, "hearing_from", "title_hearing_from", v);
}

} // namespace engage::web
