// Results for the Experts by Experience Board (issue 10): the list of forms
// and polls with answers, one form's results with plain filters (site,
// period, version) that work without JavaScript, and the same table as a
// CSV or JSON download. Each question reads as a sentence first, then a
// table, then a bar chart drawn here as SVG. What a view shows is decided
// once in web/results_table.* (also what `engage-admin report` prints), from
// engage::results::FormResults, which hides small numbers jointly over every
// view (docs/privacy.md, "The Board's views"); no rendering adds or
// subtracts counts itself, so none can undo that.
#include "engage/comment_cells.hpp"
#include "web/pages.hpp"
#include "web/result_link.hpp"
#include "web/results_table.hpp"
#include "web/text_join.hpp"

#include <algorithm>

namespace engage::web {
namespace {

ResultsFilters filters_of(const Context& c) {
    return ResultsFilters{field(c.query, "site"), field(c.query, "period"),
                          field(c.query, "version")};
}

// The approved comments of each free-text question in the selection
// (issue 10), grouped under their question: only from site-months where k
// or more people answered it (engage/comment_cells.hpp), whatever the view,
// so no view shows a comment another withholds. How many were withheld or
// rejected is never said; the rule is, under every question.
void add_comments(Context& c, View& v, const ResultsTable& t) {
    std::vector<FormVersion> versions;
    for (auto& f : c.store.all_form_versions()) {
        if (f.slug == t.slug && f.status != FormStatus::draft &&
            (!t.selection.version || *t.selection.version == static_cast<int>(f.version))) {
            versions.push_back(std::move(f));
        }
    }
    std::sort(versions.begin(), versions.end(),
              [](const FormVersion& a, const FormVersion& b) { return a.version > b.version; });
    std::vector<const Question*> questions; // the newest version's order, then older ones'
    for (const auto& f : versions) {
        for (const auto& q : f.questions) {
            if (q.type == QuestionType::text &&
                std::none_of(questions.begin(), questions.end(),
                             [&](const Question* seen) { return seen->id == q.id; })) {
                questions.push_back(&q);
            }
        }
    }
    if (questions.empty()) {
        return;
    }
    const results::Selection& sel = t.selection;
    const auto months = sel.period.find("-Q") != std::string::npos
                            ? results::months_of(sel.period)
                            : std::vector<std::string>{sel.period};
    const auto rows = c.store.answer_counts(t.slug);
    const auto approved = c.store.comments().approved(t.slug);
    const std::string when = when_words(c.renderer, sel);
    std::size_t index = 0;
    for (const auto* q : questions) {
        const auto cells = results::comment_cells(rows, q->id, t.k);
        View qv;
        qv.set("id", "c" + std::to_string(index++));
        qv.set("heading", replace_all(c.renderer.word("results_comments_heading"), "{question}",
                                      q->text.get(fallback_language)));
        qv.set("rule",
               replace_all(c.renderer.word("results_comments_rule"), "{k}", std::to_string(t.k)));
        bool any = false;
        for (const auto& m : approved) {
            if (m.question != q->id || (sel.site && *sel.site != m.site) ||
                (sel.version && *sel.version != m.version) ||
                std::find(months.begin(), months.end(), m.month) == months.end() ||
                !cells.contains({m.site, m.month})) {
                continue;
            }
            View item;
            item.set("text", m.text);
            qv.add("comments", std::move(item));
            any = true;
        }
        qv.flag("none", !any);
        qv.set("none_text", replace_all(c.renderer.word("results_comments_none"), "{when}", when));
        v.add("comment_questions", std::move(qv));
    }
}

} // namespace

api::Response results_list(Context& c) {
    View v;
    const auto all = c.store.all_form_versions();
    for (const auto& slug : c.store.counted_forms()) {
        const FormVersion* latest = nullptr;
        for (const auto& f : all) {
            if (f.slug == slug && f.status != FormStatus::draft &&
                (!latest || f.version > latest->version)) {
                latest = &f;
            }
        }
        if (latest == nullptr || latest->kind == FormKind::signup) {
            continue; // sign-ups are sealed: never counted or shown here
        }
        View item;
        item.set("title", latest->title.get(fallback_language));
        item.set("link", "/results/" + slug);
        item.set("kind", c.renderer.word("form_kind_" + std::string(to_string(latest->kind))));
        v.add("forms", std::move(item));
    }
    return c.page(200, "results", "title_results", v);
}

api::Response form_results(Context& c) {
    const ResultsTable t =
        results_table(c.store, c.path_param, filters_of(c), c.now, c.suppression_k);
    if (t.status == ResultsTable::Status::unknown_form) {
        return c.message(404, "title_not_found", "error_not_found");
    }
    const int status = t.status == ResultsTable::Status::bad_filter ? 400 : 200;
    View v = results_page_view(c.renderer, t);
    if (t.status == ResultsTable::Status::ok) {
        add_comments(c, v, t);
    }
    if (t.status == ResultsTable::Status::ok && c.user &&
        c.user->roles.has(accounts::Role::board)) {
        // "Record a decision about this": the decision page gets this view's link.
        const ResultsFilters f = filters_of(c);
        v.set("decision_link", std::string("/decisions/new?result=")
                                   .append(url_encode(results_link(
                                       c.path_param, f.site, t.selection.period, f.version))));
    }
    return c.page(status, "form_results", "title_form_results", v);
}

api::Response export_results(Context& c) {
    const std::string format = field(c.query, "format");
    if (format != "csv" && format != "json") {
        return c.message(400, "title_error", "results_bad_format");
    }
    const ResultsTable t =
        results_table(c.store, c.path_param, filters_of(c), c.now, c.suppression_k);
    if (t.status == ResultsTable::Status::unknown_form) {
        return c.message(404, "title_not_found", "error_not_found");
    }
    if (t.status == ResultsTable::Status::nothing_yet) {
        return c.message(404, "title_not_found", "results_nothing_yet");
    }
    if (t.status != ResultsTable::Status::ok) {
        return c.message(400, "title_error", "results_bad_filter");
    }
    api::Response r;
    r.status = 200;
    if (format == "csv") {
        // RFC 4180 §3 registers text/csv with the header parameter.
        r.content_type = "text/csv; charset=utf-8; header=present";
        r.body = results_csv(c.renderer, t);
    } else {
        r.content_type = "application/json";
        r.body = results_json(c.renderer, t);
    }
    r.headers.emplace_back(
        "Content-Disposition",
        std::string("attachment; filename=\"").append(export_file_name(t, format)).append("\""));
    return r;
}

} // namespace engage::web
