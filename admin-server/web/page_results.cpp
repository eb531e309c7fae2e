// Results for the Experts by Experience Board (issue 10): the list of forms
// and polls with answers, and one form's results with plain filters (site,
// period, version) that work without JavaScript. Each question reads as a
// sentence first, then a table, then a bar chart drawn here as SVG. Every
// number comes from engage::results::FormResults, which hides small numbers
// jointly over every view (docs/privacy.md, "The Board's views"); this page
// never adds or subtracts counts itself, so it cannot undo that.
#include "engage/date.hpp"
#include "engage/results.hpp"
#include "web/bar_chart.hpp"
#include "web/pages.hpp"

#include <algorithm>
#include <charconv>

namespace engage::web {
namespace {

// The "over time" table shows at most this many periods (a year of months,
// three years of quarters): wider tables stop being readable aloud.
constexpr std::size_t over_time_periods = 12;

// "literal" + std::string&& trips GCC 12's -Wrestrict false positive at -O3
// (GCC bug 105329); appending to a named string does not.
std::string cat(std::string_view a, std::string_view b, std::string_view c = {},
                std::string_view d = {}) {
    std::string out(a);
    out.append(b).append(c).append(d);
    return out;
}

std::string replace_all(std::string text, std::string_view from, const std::string& to) {
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
        text.replace(at, from.size(), to);
    }
    return text;
}

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

// "November 2026" for "2026-11"; "October to December 2026" for "2026-Q4".
std::string period_words(const Context& c, std::string_view period) {
    auto month_name = [&](std::string_view m) {
        return c.renderer.word(cat("month_", m.substr(5, 2)));
    };
    if (period.find("-Q") != std::string_view::npos) {
        const auto months = results::months_of(period);
        if (months.size() != 3) {
            return std::string(period);
        }
        std::string text = c.renderer.word("results_quarter_words");
        text = replace_all(text, "{first}", month_name(months[0]));
        text = replace_all(text, "{last}", month_name(months[2]));
        return replace_all(text, "{year}", std::string(period.substr(0, 4)));
    }
    return cat(month_name(period), " ", period.substr(0, 4));
}

std::string count_text(const Context& c, const results::Shown& s, std::int64_t k) {
    if (s.hidden) {
        return replace_all(c.renderer.word("results_hidden"), "{k}", std::to_string(k));
    }
    return std::to_string(s.value);
}

// Whole percent, only where both numbers are shown.
std::optional<std::int64_t> percent(const results::Shown& n, const results::Shown& total) {
    if (n.hidden || total.hidden || total.value <= 0) {
        return std::nullopt;
    }
    return (n.value * 200 + total.value) / (2 * total.value); // rounded half up
}

// The plain-language sentence that comes first: the most given answer among
// those shown, out of everyone who answered.
std::string sentence(const Context& c, const results::QuestionView& q, const std::string& when,
                     std::int64_t k) {
    const results::AnswerCount* top = nullptr;
    for (const auto& a : q.answers) {
        if (!a.count.hidden && a.count.value > 0 && (!top || a.count.value > top->count.value)) {
            top = &a;
        }
    }
    std::string text;
    if (top == nullptr) {
        text = c.renderer.word(!q.total.hidden && q.total.value == 0 ? "results_sentence_none"
                                                                     : "results_sentence_hidden");
    } else if (q.total.hidden) {
        text = c.renderer.word(q.type == QuestionType::multi ? "results_sentence_multi_no_total"
                                                             : "results_sentence_no_total");
    } else {
        text = c.renderer.word(q.type == QuestionType::multi ? "results_sentence_multi"
                                                             : "results_sentence");
        text = replace_all(text, "{total}", std::to_string(q.total.value));
        text = replace_all(text, "{pct}", std::to_string(*percent(top->count, q.total)));
    }
    if (top != nullptr) {
        text = replace_all(text, "{n}", std::to_string(top->count.value));
        text = replace_all(text, "{answer}", top->label);
    }
    text = replace_all(text, "{k}", std::to_string(k));
    return replace_all(text, "{when}", when);
}

std::optional<int> parse_version(const std::string& s) {
    int v = 0;
    if (s.empty() || std::from_chars(s.data(), s.data() + s.size(), v).ec != std::errc{} ||
        std::to_string(v) != s) {
        return std::nullopt;
    }
    return v;
}

View question_view(const Context& c, const results::FormResults& r, const results::QuestionView& q,
                   const results::Selection& sel, const std::string& when, std::size_t index) {
    const std::int64_t k = r.k();
    View qv;
    qv.set("id", cat("q", std::to_string(index)));
    qv.set("text", q.text);
    qv.set("sentence", sentence(c, q, when, k));
    qv.set("caption", replace_all(c.renderer.word("results_caption"), "{when}", when));
    qv.flag("multi", q.type == QuestionType::multi);
    std::vector<Bar> bars;
    for (const auto& a : q.answers) {
        View row;
        row.set("label", a.label);
        row.set("count", count_text(c, a.count, k));
        const auto pct = percent(a.count, q.total);
        row.set("share",
                pct ? cat(std::to_string(*pct), "%") : c.renderer.word("results_share_none"));
        qv.add("rows", std::move(row));
        std::string value = count_text(c, a.count, k);
        if (pct) {
            value += cat(" (", std::to_string(*pct), "%)");
        }
        bars.push_back(Bar{a.label, a.count.value, a.count.hidden, value});
    }
    qv.set("total", count_text(c, q.total, k));
    // Nobody answered: the sentence says so, and a chart of zeros would
    // only draw empty bars under it.
    const bool nobody = !q.total.hidden && q.total.value == 0;
    qv.set("svg", nobody ? std::string() : bar_chart_svg(bars, q.text));
    qv.set("time_caption", replace_all(c.renderer.word("results_time_caption"), "{period}",
                                       period_words(c, sel.period)));

    // Over time: the same site and version, period by period in the
    // selected grain, ending with the selected period.
    const bool quarters = sel.period.find("-Q") != std::string::npos;
    const auto& all = quarters ? r.quarters() : r.months();
    const auto end = std::find(all.begin(), all.end(), sel.period);
    const auto begin = end - std::min<std::ptrdiff_t>(end - all.begin(), over_time_periods - 1);
    for (const auto& a : q.answers) {
        View h;
        h.set("label", a.label);
        qv.add("time_heads", std::move(h));
    }
    for (auto it = begin; end != all.end() && it <= end; ++it) {
        results::Selection s = sel;
        s.period = *it;
        for (const auto& other : r.view(s)) {
            if (other.id != q.id) {
                continue;
            }
            View row;
            row.set("period", period_words(c, *it));
            for (const auto& a : other.answers) {
                View cell;
                cell.set("text", count_text(c, a.count, k));
                row.add("cells", std::move(cell));
            }
            row.set("total", count_text(c, other.total, k));
            qv.add("time_rows", std::move(row));
        }
    }
    return qv;
}

} // namespace

api::Response results_list(Context& c) {
    View v;
    const auto all = c.store.all_form_versions();
    for (const auto& slug : c.store.counted_forms()) {
        std::vector<FormVersion> versions;
        for (const auto& f : all) {
            if (f.slug == slug) {
                versions.push_back(f);
            }
        }
        const FormVersion* latest = latest_shown(versions);
        if (latest == nullptr || latest->kind == FormKind::signup) {
            continue; // sign-ups are sealed: never counted or shown here
        }
        View item;
        item.set("title", latest->title.get(fallback_language));
        item.set("link", cat("/results/", slug));
        item.set("kind", c.renderer.word(cat("form_kind_", to_string(latest->kind))));
        v.add("forms", std::move(item));
    }
    return c.page(200, "results", "title_results", v);
}

api::Response form_results(Context& c) {
    const auto versions = versions_of(c.store, c.path_param);
    const FormVersion* latest = latest_shown(versions);
    if (latest == nullptr || latest->kind == FormKind::signup) {
        return c.message(404, "title_not_found", "error_not_found");
    }
    const Date today = from_days_since_epoch(static_cast<long>(c.now / 86400));
    const results::FormResults r(versions, c.store.answer_counts(c.path_param), today,
                                 c.suppression_k);

    results::Selection sel;
    const std::string site = field(c.query, "site");
    const std::string version = field(c.query, "version");
    sel.period = field(c.query, "period");
    if (!site.empty()) {
        sel.site = site;
    }
    if (!version.empty()) {
        sel.version = parse_version(version);
        if (!sel.version) {
            return c.message(400, "title_error", "results_bad_filter");
        }
    }
    if (sel.period.empty() && !r.months().empty()) {
        sel.period = r.months().back();
    }

    View v;
    v.set("form_title", latest->title.get(fallback_language));
    v.set("slug", c.path_param);
    v.set("k", std::to_string(r.k()));
    v.set("hidden_word",
          replace_all(c.renderer.word("results_hidden"), "{k}", std::to_string(r.k())));
    v.set("about_hidden", replace_all(replace_all(c.renderer.word("results_about_hidden"), "{k}",
                                                  std::to_string(r.k())),
                                      "{k_minus}", std::to_string(r.k() - 1)));
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
    View all_versions;
    all_versions.set("value", "");
    all_versions.set("label", c.renderer.word("results_all_versions"));
    all_versions.flag("selected", !sel.version);
    v.add("versions", std::move(all_versions));
    for (const int n : r.versions()) {
        View o;
        o.set("value", std::to_string(n));
        o.set("label", replace_all(c.renderer.word("results_version"), "{n}", std::to_string(n)));
        o.flag("selected", sel.version == n);
        v.add("versions", std::move(o));
    }
    // Latest first: last month is what the Board usually wants.
    for (auto it = r.quarters().rbegin(); it != r.quarters().rend(); ++it) {
        View o;
        o.set("value", *it);
        o.set("label", period_words(c, *it));
        o.flag("selected", sel.period == *it);
        v.add("quarters", std::move(o));
    }
    for (auto it = r.months().rbegin(); it != r.months().rend(); ++it) {
        View o;
        o.set("value", *it);
        o.set("label", period_words(c, *it));
        o.flag("selected", sel.period == *it);
        v.add("months", std::move(o));
    }
    v.flag("has_quarters", !r.quarters().empty());

    if (r.months().empty()) {
        v.flag("nothing_yet", true);
        return c.page(200, "form_results", "title_form_results", v);
    }
    if (!r.valid(sel)) {
        v.flag("bad_filter", true);
        v.set("error", c.renderer.word("results_bad_filter"));
        return c.page(400, "form_results", "title_form_results", v);
    }
    std::string when =
        replace_all(c.renderer.word(sel.site ? "results_when_site" : "results_when_all"),
                    "{period}", period_words(c, sel.period));
    when = replace_all(when, "{site}", sel.site.value_or(""));
    v.set("when", when);
    std::size_t i = 0;
    for (const auto& q : r.view(sel)) {
        v.add("questions", question_view(c, r, q, sel, when, i++));
    }
    return c.page(200, "form_results", "title_form_results", v);
}

} // namespace engage::web
