#include "web/results_table.hpp"

#include "engage/date.hpp"
#include "store/store.hpp"
#include "web/bar_chart.hpp"
#include "web/form_fields.hpp"
#include "web/text_join.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <charconv>

namespace engage::web {
namespace {

// The "over time" table shows at most this many periods (a year of months,
// three years of quarters): wider tables stop being readable aloud.
constexpr std::size_t over_time_periods = 12;

const FormVersion* latest_shown(const std::vector<FormVersion>& versions) {
    const FormVersion* found = nullptr;
    for (const auto& f : versions) {
        if (f.status != FormStatus::draft && (!found || f.version > found->version)) {
            found = &f;
        }
    }
    return found;
}

std::optional<int> parse_version(const std::string& s) {
    int v = 0;
    if (s.empty() || std::from_chars(s.data(), s.data() + s.size(), v).ec != std::errc{} ||
        std::to_string(v) != s) {
        return std::nullopt;
    }
    return v;
}

std::string site_words(const Renderer& words, const results::Selection& sel) {
    return sel.site ? *sel.site : words.word("results_all_sites");
}

std::string version_words(const Renderer& words, const results::Selection& sel) {
    return sel.version
               ? replace_all(words.word("results_version"), "{n}", std::to_string(*sel.version))
               : words.word("results_all_versions");
}

std::string share_text(const Renderer& words, const results::Shown& n,
                       const results::Shown& total) {
    const auto pct = percent(n, total);
    return pct ? cat(std::to_string(*pct), "%") : words.word("results_share_none");
}

// The query string that selects `sel` again (export links, report links).
std::string selection_query(const results::Selection& sel) {
    std::string q = cat("period=", url_encode(sel.period));
    if (sel.site) {
        q.append("&site=").append(url_encode(*sel.site));
    }
    if (sel.version) {
        q.append("&version=").append(std::to_string(*sel.version));
    }
    return q;
}

} // namespace

std::string period_words(const Renderer& words, std::string_view period) {
    auto month_name = [&](std::string_view m) { return words.word(cat("month_", m.substr(5, 2))); };
    if (period.find("-Q") != std::string_view::npos) {
        const auto months = results::months_of(period);
        if (months.size() != 3) {
            return std::string(period);
        }
        std::string text = words.word("results_quarter_words");
        text = replace_all(text, "{first}", month_name(months[0]));
        text = replace_all(text, "{last}", month_name(months[2]));
        return replace_all(text, "{year}", std::string(period.substr(0, 4)));
    }
    if (period.size() != 7) {
        return std::string(period);
    }
    return cat(month_name(period), " ", period.substr(0, 4));
}

std::string count_text(const Renderer& words, const results::Shown& s, std::int64_t k) {
    if (s.hidden) {
        return replace_all(words.word("results_hidden"), "{k}", std::to_string(k));
    }
    return std::to_string(s.value);
}

std::optional<std::int64_t> percent(const results::Shown& n, const results::Shown& total) {
    if (n.hidden || total.hidden || total.value <= 0) {
        return std::nullopt;
    }
    return (n.value * 200 + total.value) / (2 * total.value); // rounded half up
}

std::string when_words(const Renderer& words, const results::Selection& sel) {
    std::string when = replace_all(words.word(sel.site ? "results_when_site" : "results_when_all"),
                                   "{period}", period_words(words, sel.period));
    return replace_all(when, "{site}", sel.site.value_or(""));
}

// The most given answer among those shown, out of everyone who answered.
std::string result_sentence(const Renderer& words, const results::QuestionView& q,
                            const std::string& when, std::int64_t k) {
    const results::AnswerCount* top = nullptr;
    for (const auto& a : q.answers) {
        if (!a.count.hidden && a.count.value > 0 && (!top || a.count.value > top->count.value)) {
            top = &a;
        }
    }
    std::string text;
    if (top == nullptr) {
        text = words.word(!q.total.hidden && q.total.value == 0 ? "results_sentence_none"
                                                                : "results_sentence_hidden");
    } else if (q.total.hidden) {
        text = words.word(q.type == QuestionType::multi ? "results_sentence_multi_no_total"
                                                        : "results_sentence_no_total");
    } else {
        text = words.word(q.type == QuestionType::multi ? "results_sentence_multi"
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

std::string csv_field(std::string_view text) {
    std::string out = "\"";
    for (const char ch : text) {
        if (ch == '"') {
            out += '"';
        }
        out += ch;
    }
    out += '"';
    return out;
}

std::string export_file_name(const ResultsTable& table, std::string_view extension) {
    std::string name = table.slug;
    name.append("-").append(table.selection.period);
    name.append("-").append(table.selection.site ? *table.selection.site : "all-sites");
    if (table.selection.version) {
        name.append("-v").append(std::to_string(*table.selection.version));
    }
    for (char& ch : name) {
        const bool plain = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
                           (ch >= '0' && ch <= '9') || ch == '-';
        if (!plain) {
            ch = '-';
        }
    }
    return name.append(".").append(extension);
}

ResultsTable results_table(store::Store& store, std::string_view slug,
                           const ResultsFilters& filters, std::int64_t now_unix, std::int64_t k) {
    ResultsTable t;
    t.slug = std::string(slug);
    std::vector<FormVersion> versions;
    for (auto& f : store.all_form_versions()) {
        if (f.slug == slug) {
            versions.push_back(std::move(f));
        }
    }
    const FormVersion* latest = latest_shown(versions);
    if (latest == nullptr || latest->kind == FormKind::signup) {
        t.status = ResultsTable::Status::unknown_form;
        return t;
    }
    t.form_title = latest->title.get(fallback_language);
    t.kind = latest->kind;
    const Date today = from_days_since_epoch(static_cast<long>(now_unix / 86400));
    t.results.emplace(versions, store.answer_counts(slug), today, k);
    t.k = t.results->k();

    auto& sel = t.selection;
    sel.period = filters.period;
    if (!filters.site.empty()) {
        sel.site = filters.site;
    }
    if (!filters.version.empty()) {
        sel.version = parse_version(filters.version);
        if (!sel.version) {
            t.status = ResultsTable::Status::bad_filter;
            return t;
        }
    }
    if (sel.period.empty() && !t.results->months().empty()) {
        sel.period = t.results->months().back();
    }
    if (t.results->months().empty()) {
        t.status = ResultsTable::Status::nothing_yet;
        return t;
    }
    if (!t.results->valid(sel)) {
        t.status = ResultsTable::Status::bad_filter;
        return t;
    }
    t.questions = t.results->view(sel);
    t.status = ResultsTable::Status::ok;
    return t;
}

std::string results_csv(const Renderer& words, const ResultsTable& table) {
    constexpr std::string_view crlf = "\r\n";
    std::string out;
    const std::vector<std::string> header{
        "form",     "period",    "site",   "version", "question_id",
        "question", "answer_id", "answer", "people",  "share_of_people_who_answered"};
    auto row = [&](const std::vector<std::string>& fields) {
        for (std::size_t i = 0; i < fields.size(); ++i) {
            out.append(i == 0 ? "" : ",").append(csv_field(fields[i]));
        }
        out.append(crlf);
    };
    row(header);
    const auto& sel = table.selection;
    const std::string site = site_words(words, sel);
    const std::string version = version_words(words, sel);
    for (const auto& q : table.questions) {
        for (const auto& a : q.answers) {
            row({table.slug, sel.period, site, version, q.id, q.text, a.id, a.label,
                 count_text(words, a.count, table.k), share_text(words, a.count, q.total)});
        }
        row({table.slug, sel.period, site, version, q.id, q.text, "", words.word("results_total"),
             count_text(words, q.total, table.k), ""});
    }
    return out;
}

std::string results_json(const Renderer& words, const ResultsTable& table) {
    const std::string hidden =
        replace_all(words.word("results_hidden"), "{k}", std::to_string(table.k));
    auto number = [&](const results::Shown& s) {
        boost::json::object o;
        if (s.hidden) {
            o["count"] = nullptr;
        } else {
            o["count"] = s.value;
        }
        o["shown"] = count_text(words, s, table.k);
        return o;
    };
    const auto& sel = table.selection;
    boost::json::array questions;
    for (const auto& q : table.questions) {
        boost::json::array answers;
        for (const auto& a : q.answers) {
            boost::json::object o = number(a.count);
            o["id"] = a.id;
            o["label"] = a.label;
            o["share"] = share_text(words, a.count, q.total);
            answers.push_back(std::move(o));
        }
        questions.push_back(boost::json::object{{"id", q.id},
                                                {"type", to_string(q.type)},
                                                {"text", q.text},
                                                {"answers", std::move(answers)},
                                                {"total", number(q.total)}});
    }
    boost::json::object out{
        {"form", table.slug},
        {"title", table.form_title},
        {"period", sel.period},
        {"site", nullptr},
        {"version", nullptr},
        {"suppression", boost::json::object{{"k", table.k}, {"hidden_text", hidden}}},
        {"questions", std::move(questions)}};
    if (sel.site) {
        out["site"] = *sel.site;
    }
    if (sel.version) {
        out["version"] = *sel.version;
    }
    return boost::json::serialize(out) + "\n";
}

View question_view(const Renderer& words, const ResultsTable& table, const results::QuestionView& q,
                   const results::Selection& sel, const std::string& id_prefix, std::size_t index,
                   bool over_time) {
    const std::int64_t k = table.k;
    const std::string when = when_words(words, sel);
    View qv;
    qv.set("id", cat(id_prefix, std::to_string(index)));
    qv.set("text", q.text);
    qv.set("sentence", result_sentence(words, q, when, k));
    qv.set("caption", replace_all(words.word("results_caption"), "{when}", when));
    qv.flag("multi", q.type == QuestionType::multi);
    std::vector<Bar> bars;
    for (const auto& a : q.answers) {
        View row;
        row.set("label", a.label);
        row.set("count", count_text(words, a.count, k));
        row.set("share", share_text(words, a.count, q.total));
        qv.add("rows", std::move(row));
        std::string value = count_text(words, a.count, k);
        if (const auto pct = percent(a.count, q.total)) {
            value += cat(" (", std::to_string(*pct), "%)");
        }
        bars.push_back(Bar{a.label, a.count.value, a.count.hidden, value});
    }
    qv.set("total", count_text(words, q.total, k));
    // Nobody answered: the sentence says so, and a chart of zeros would
    // only draw empty bars under it.
    const bool nobody = !q.total.hidden && q.total.value == 0;
    qv.set("svg", nobody ? std::string() : bar_chart_svg(bars, q.text));
    qv.flag("over_time", over_time);
    if (!over_time || !table.results) {
        return qv;
    }
    qv.set("time_caption", replace_all(words.word("results_time_caption"), "{period}",
                                       period_words(words, sel.period)));

    // Over time: the same site and version, period by period in the
    // selected grain, ending with the selected period.
    const auto& r = *table.results;
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
            row.set("period", period_words(words, *it));
            for (const auto& a : other.answers) {
                View cell;
                cell.set("text", count_text(words, a.count, k));
                row.add("cells", std::move(cell));
            }
            row.set("total", count_text(words, other.total, k));
            qv.add("time_rows", std::move(row));
        }
    }
    return qv;
}

View results_page_view(const Renderer& words, const ResultsTable& table) {
    View v;
    v.set("form_title", table.form_title);
    v.set("slug", table.slug);
    v.set("k", std::to_string(table.k));
    v.set("hidden_word", replace_all(words.word("results_hidden"), "{k}", std::to_string(table.k)));
    v.set("about_hidden", replace_all(replace_all(words.word("results_about_hidden"), "{k}",
                                                  std::to_string(table.k)),
                                      "{k_minus}", std::to_string(table.k - 1)));
    if (!table.results) {
        return v;
    }
    const auto& r = *table.results;
    const auto& sel = table.selection;
    View all_sites;
    all_sites.set("value", "");
    all_sites.set("label", words.word("results_all_sites"));
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
    all_versions.set("label", words.word("results_all_versions"));
    all_versions.flag("selected", !sel.version);
    v.add("versions", std::move(all_versions));
    for (const int n : r.versions()) {
        View o;
        o.set("value", std::to_string(n));
        o.set("label", replace_all(words.word("results_version"), "{n}", std::to_string(n)));
        o.flag("selected", sel.version == n);
        v.add("versions", std::move(o));
    }
    // Latest first: last month is what the Board usually wants.
    for (auto it = r.quarters().rbegin(); it != r.quarters().rend(); ++it) {
        View o;
        o.set("value", *it);
        o.set("label", period_words(words, *it));
        o.flag("selected", sel.period == *it);
        v.add("quarters", std::move(o));
    }
    for (auto it = r.months().rbegin(); it != r.months().rend(); ++it) {
        View o;
        o.set("value", *it);
        o.set("label", period_words(words, *it));
        o.flag("selected", sel.period == *it);
        v.add("months", std::move(o));
    }
    v.flag("has_quarters", !r.quarters().empty());

    switch (table.status) {
    case ResultsTable::Status::nothing_yet:
        v.flag("nothing_yet", true);
        return v;
    case ResultsTable::Status::bad_filter:
        v.flag("bad_filter", true);
        v.set("error", words.word("results_bad_filter"));
        return v;
    case ResultsTable::Status::unknown_form:
    case ResultsTable::Status::ok:
        break;
    }
    v.set("when", when_words(words, sel));
    v.set("csv_link",
          cat("/results/", url_encode(table.slug), "/export?format=csv&", selection_query(sel)));
    v.set("json_link",
          cat("/results/", url_encode(table.slug), "/export?format=json&", selection_query(sel)));
    v.flag("has_export", true);
    std::size_t i = 0;
    for (const auto& q : table.questions) {
        v.add("questions", question_view(words, table, q, sel, "q", i++));
    }
    return v;
}

} // namespace engage::web
