// The quarterly report for commissioners and the partnership's oversight
// group (issue 10): /reports lists the closed quarters, /reports/{YYYY-Qn}
// is one quarter, plain-language sentences first, made to be printed
// (engage.css @media print). Its sections:
//  - answers received: per form, by site (see `received_in` below);
//  - the headline self-report measures (`headline_question_ids`);
//  - polls and what people answered;
//  - sign-ups received and handled, from the month counts kept as they
//    happen (`Store::signup_month_counts`): nothing is opened, no key is
//    needed, and the figures stay after the sign-ups are deleted;
//  - the Board's decisions recorded or updated in the quarter.
// Every answer count is one that /results publishes for the same form and
// quarter (engage::results::FormResults: hidden jointly over every view,
// closed periods only); this page adds and subtracts nothing, so it tells
// nobody more than the results pages do.
#include "engage/results.hpp"
#include "store/store.hpp"
#include "web/pages.hpp"
#include "web/results_table.hpp"
#include "web/text_join.hpp"

#include <algorithm>
#include <array>
#include <set>

namespace engage::web {
namespace {

// The headline self-report measures the seeds name ("I feel safe here", "I
// trust at least one worker here") are picked by question id, a fixed rule
// staff can follow: a feedback form's question with id "safe" or "trust" is
// a headline measure (the sample day-centre feedback form asks both). Ids
// never change between versions, so the measure stays comparable; the
// wording may be edited or translated freely.
constexpr std::array<std::string_view, 2> headline_question_ids{"safe", "trust"};

// "Answers received" is, per view, the largest number of people who
// answered any one question of the form: at least that many sent it. It is
// worked out from numbers the view already publishes (its totals), so it
// tells nobody anything new. When any total of the view is hidden, so is
// this number: the hidden total could be the largest, and "at least 0"
// beside a site that had 20 people would mislead. A count of stored items
// per site would be a new view, linked to every question's totals, that
// the joint suppression does not cover (an item count beside a hidden
// total can give that total away), so none is shown until the results
// engine suppresses item counts with the rest.
results::Shown received_in(const std::vector<results::QuestionView>& questions) {
    results::Shown most{0, false};
    for (const auto& q : questions) {
        if (q.total.hidden) {
            return results::Shown{0, true};
        }
        most.value = std::max(most.value, q.total.value);
    }
    return most;
}

// Sign-ups received and marked handled in the quarter's months, from the
// counts kept as they happen (migration 14), so a closed quarter's figures
// stay after retention deletes the sign-ups themselves.
struct SignupFigures {
    std::int64_t received = 0;
    std::int64_t handled = 0;
};

SignupFigures signups_in(Context& c, const std::vector<std::string>& months) {
    SignupFigures f;
    for (const auto& m : c.store.signup_month_counts()) {
        if (std::find(months.begin(), months.end(), m.month) != months.end()) {
            f.received += m.received;
            f.handled += m.handled;
        }
    }
    return f;
}

// The Board's decisions recorded or updated in the quarter, newest first:
// one View each with "title", "status" and "text" (already words).
std::vector<View> decisions_in_quarter(Context& c, const std::vector<std::string>& months) {
    auto in_quarter = [&](std::string_view date) {
        return std::find(months.begin(), months.end(), date.substr(0, 7)) != months.end();
    };
    std::vector<View> out;
    for (const auto& d : c.store.decisions()) {
        bool touched = in_quarter(d.recorded_date);
        for (const auto& u : c.store.decision_updates(d.id)) {
            touched = touched || in_quarter(u.date);
        }
        if (!touched) {
            continue;
        }
        View v;
        v.set("title", d.title);
        v.set("status",
              c.renderer.word(std::string("decision_status_").append(store::to_string(d.status))));
        std::string text = d.decided;
        if (d.status == store::DecisionStatus::not_possible && !d.reason.empty()) {
            text.append(" ").append(d.reason);
        }
        v.set("text", text);
        out.push_back(std::move(v));
    }
    return out;
}

// "literal" + std::string&& trips GCC 12's -Wrestrict false positive at -O3
// (GCC bug 105329); appending to a named string does not.
std::string join(std::string_view a, std::string_view b, std::string_view c = {}) {
    std::string out(a);
    out.append(b).append(c);
    return out;
}

bool is_quarter(std::string_view q) {
    return results::months_of(q).size() == 3;
}

// Every counted form that is not a sign-up, with its results.
std::vector<ResultsTable> counted_results(Context& c) {
    std::vector<ResultsTable> out;
    for (const auto& slug : c.store.counted_forms()) {
        ResultsTable t = results_table(c.store, slug, {}, c.now, c.suppression_k);
        if (t.results) {
            out.push_back(std::move(t));
        }
    }
    return out;
}

std::set<std::string> closed_quarters(const std::vector<ResultsTable>& tables) {
    std::set<std::string> out;
    for (const auto& t : tables) {
        out.insert(t.results->quarters().begin(), t.results->quarters().end());
    }
    return out;
}

std::string words_with(const Renderer& w, std::string_view key,
                       std::initializer_list<std::pair<std::string_view, std::string>> values) {
    std::string text = w.word(key);
    for (const auto& [from, to] : values) {
        text = replace_all(text, from, to);
    }
    return text;
}

// A number that is one count of people on its own (sign-ups in a quarter):
// from 1 to k-1 it is hidden; 0 and k or more are shown.
results::Shown alone(std::int64_t n, std::int64_t k) {
    return n >= 1 && n < k ? results::Shown{0, true} : results::Shown{n, false};
}

const results::QuestionView* find_question(const std::vector<results::QuestionView>& qs,
                                           std::string_view id) {
    for (const auto& q : qs) {
        if (q.id == id) {
            return &q;
        }
    }
    return nullptr;
}

// One question by site: a row per site and one for all sites, a column per
// answer and one for the people who answered. Every cell is a published
// number of the site's (or all sites') view of the quarter.
View by_site_table(const Renderer& w, const ResultsTable& t, const results::QuestionView& q,
                   std::string_view quarter) {
    View table;
    for (const auto& a : q.answers) {
        View h;
        h.set("label", a.label);
        table.add("heads", std::move(h));
    }
    std::vector<std::optional<std::string>> sites{std::nullopt};
    for (const auto& s : t.results->sites()) {
        sites.emplace_back(s);
    }
    for (const auto& site : sites) {
        results::Selection sel;
        sel.site = site;
        sel.period = std::string(quarter);
        if (!t.results->valid(sel)) {
            continue;
        }
        const auto* mine = find_question(t.results->view(sel), q.id);
        if (mine == nullptr) {
            continue;
        }
        View row;
        row.set("site", site ? *site : w.word("results_all_sites"));
        for (const auto& a : mine->answers) {
            View cell;
            cell.set("text", count_text(w, a.count, t.k));
            row.add("cells", std::move(cell));
        }
        row.set("total", count_text(w, mine->total, t.k));
        table.add("rows", std::move(row));
    }
    return table;
}

} // namespace

api::Response reports_list(Context& c) {
    View v;
    const auto quarters = closed_quarters(counted_results(c));
    for (auto it = quarters.rbegin(); it != quarters.rend(); ++it) {
        View item;
        item.set("link", join("/reports/", *it));
        item.set("label", period_words(c.renderer, *it));
        v.add("quarters", std::move(item));
    }
    return c.page(200, "reports", "title_reports", v);
}

api::Response quarter_report(Context& c) {
    const std::string quarter = c.path_param;
    const auto tables = counted_results(c);
    if (!is_quarter(quarter) || !closed_quarters(tables).contains(quarter)) {
        return c.message(404, "title_not_found", "reports_no_quarter");
    }
    const Renderer& w = c.renderer;
    const std::int64_t k = c.suppression_k;
    const std::string period = period_words(w, quarter);

    View v;
    v.set("heading", words_with(w, "reports_heading", {{"{period}", period}}));
    v.set("intro", words_with(w, "reports_intro", {{"{period}", period}}));
    v.set("about_hidden",
          words_with(w, "results_about_hidden",
                     {{"{k}", std::to_string(k)}, {"{k_minus}", std::to_string(k - 1)}}));

    std::size_t index = 0;
    std::size_t headlines = 0;
    bool polls = false;
    for (const auto& t : tables) {
        if (t.status == ResultsTable::Status::unknown_form) {
            continue;
        }
        results::Selection all;
        all.period = quarter;
        if (!t.results->valid(all)) {
            continue; // no answers to this form in the quarter
        }
        const auto questions = t.results->view(all);
        std::string results_link = join("/results/", t.slug, "?period=");
        results_link += quarter;

        // Answers received.
        {
            const results::Shown received = received_in(questions);
            View form;
            form.set("title", t.form_title);
            form.set("link", results_link);
            form.set("sentence", received.hidden
                                     ? words_with(w, "reports_received_hidden",
                                                  {{"{form}", t.form_title},
                                                   {"{k}", std::to_string(k)},
                                                   {"{period}", period}})
                                     : words_with(w, "reports_received_sentence",
                                                  {{"{form}", t.form_title},
                                                   {"{n}", std::to_string(received.value)},
                                                   {"{period}", period}}));
            form.set("caption", words_with(w, "reports_received_caption",
                                           {{"{form}", t.form_title}, {"{period}", period}}));
            form.set("id", join("r", std::to_string(index)));
            std::vector<std::optional<std::string>> sites{std::nullopt};
            for (const auto& s : t.results->sites()) {
                sites.emplace_back(s);
            }
            for (const auto& site : sites) {
                results::Selection sel = all;
                sel.site = site;
                if (!t.results->valid(sel)) {
                    continue;
                }
                View row;
                row.set("site", site ? *site : w.word("results_all_sites"));
                row.set("count", count_text(w, received_in(t.results->view(sel)), k));
                form.add("rows", std::move(row));
            }
            v.add("received", std::move(form));
        }

        // Headline measures.
        if (t.kind == FormKind::feedback) {
            for (const auto id : headline_question_ids) {
                const auto* q = find_question(questions, id);
                if (q == nullptr) {
                    continue;
                }
                View h = question_view(w, t, *q, all, "h", headlines++, false);
                h.child("by_site", by_site_table(w, t, *q, quarter));
                h.set("by_site_caption",
                      words_with(w, "reports_by_site_caption",
                                 {{"{question}", q->text}, {"{period}", period}}));
                h.set("form_title", t.form_title);
                h.set("link", results_link);
                v.add("headlines", std::move(h));
            }
        }

        // Polls.
        if (t.kind == FormKind::poll) {
            View poll;
            poll.set("title", t.form_title);
            poll.set("link", results_link);
            std::size_t i = 0;
            for (const auto& q : questions) {
                poll.add(
                    "questions",
                    question_view(w, t, q, all, join("p", std::to_string(index), "-"), i++, false));
            }
            v.add("polls", std::move(poll));
            polls = true;
        }
        ++index;
    }
    v.flag("no_headlines", headlines == 0);
    v.flag("no_polls", !polls);

    // Sign-ups: counted as they arrived and were handled, never opened.
    const auto months = results::months_of(quarter);
    const SignupFigures signups = signups_in(c, months);
    const std::int64_t received = signups.received;
    const results::Shown shown_received = alone(received, k);
    v.set("signups_received", count_text(w, shown_received, k));
    std::string signups_sentence;
    if (shown_received.hidden) {
        signups_sentence = words_with(w, "reports_signups_hidden",
                                      {{"{k}", std::to_string(k)}, {"{period}", period}});
    } else if (received == 0) {
        signups_sentence = words_with(w, "reports_signups_none", {{"{period}", period}});
    } else {
        signups_sentence = words_with(w, "reports_signups_sentence",
                                      {{"{n}", std::to_string(received)}, {"{period}", period}});
    }
    v.set("signups_sentence", signups_sentence);
    v.set("signups_handled", count_text(w, alone(signups.handled, k), k));

    auto decisions = decisions_in_quarter(c, months);
    v.flag("no_decisions", decisions.empty());
    for (auto& d : decisions) {
        v.add("decisions", std::move(d));
    }
    return c.page(200, "quarter_report", "title_quarter_report", v);
}

} // namespace engage::web
