#include "engage/results.hpp"

#include "engage/about_you.hpp"
#include "engage/linked_suppression.hpp"
#include "engage/suppression.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <set>

namespace engage::results {
namespace {

// "YYYY-MM" as a count of months, or -1 when malformed.
int month_number(std::string_view m) {
    if (m.size() != 7 || m[4] != '-') {
        return -1;
    }
    int y = 0;
    int mo = 0;
    if (std::from_chars(m.data(), m.data() + 4, y).ec != std::errc{} ||
        std::from_chars(m.data() + 5, m.data() + 7, mo).ec != std::errc{} || mo < 1 || mo > 12) {
        return -1;
    }
    return y * 12 + (mo - 1);
}

std::string month_text(int n) {
    const int y = n / 12;
    const int mo = n % 12 + 1;
    std::string out = std::to_string(y) + "-";
    if (mo < 10) {
        out += '0';
    }
    out += std::to_string(mo);
    return out;
}

bool single_answer(QuestionType t) {
    return t == QuestionType::choice || t == QuestionType::yesno || t == QuestionType::scale;
}

// One counted question across the versions that ask it.
struct QuestionFamily {
    std::string id;
    QuestionType type = QuestionType::choice;
    std::string text;
    std::vector<int> versions; // version numbers, ascending
    std::vector<std::string> answer_ids;
    std::vector<std::string> labels;
    // What each view shows: per answer (the last is the total), per view
    // (FormResults::Impl::index). Views of versions that do not ask the
    // question are never read.
    std::vector<std::vector<Shown>> shown;
    // Per view: the people who sent the form (in a version that asks the
    // question) but skipped it.
    std::vector<Shown> skipped;
    // The exact numbers behind `shown` (the linked engines only), for the
    // per-table breakdowns that exist only for the attacker test.
    std::vector<std::vector<std::int64_t>> exact;
};

// Coordinates of a dimension: each value alone, then the groups.
linked::Dimension singles_and_all(std::size_t n) {
    linked::Dimension d;
    d.size = n;
    std::vector<std::size_t> all;
    for (std::size_t i = 0; i < n; ++i) {
        d.coords.push_back({i});
        all.push_back(i);
    }
    d.coords.push_back(std::move(all));
    return d;
}

} // namespace

std::string quarter_of(std::string_view month) {
    const int n = month_number(month);
    if (n < 0) {
        return "";
    }
    return std::to_string(n / 12) + "-Q" + std::to_string(n % 12 / 3 + 1);
}

std::vector<std::string> months_of(std::string_view quarter) {
    int y = 0;
    if (quarter.size() != 7 || quarter.substr(4, 2) != "-Q" ||
        std::from_chars(quarter.data(), quarter.data() + 4, y).ec != std::errc{} ||
        quarter[6] < '1' || quarter[6] > '4') {
        return {};
    }
    const int first = y * 12 + (quarter[6] - '1') * 3;
    return {month_text(first), month_text(first + 1), month_text(first + 2)};
}

struct FormResults::Impl {
    std::int64_t k = limits_k();
    std::vector<std::string> months;
    std::vector<std::string> quarters;
    std::vector<std::string> sites;
    std::vector<int> versions;
    std::vector<QuestionFamily> questions;
    std::vector<Shown> received; // answers received, per view
    bool has_items = false;
    Mechanism engine = Mechanism::linked;

    static std::int64_t limits_k() { return SuppressionPolicy{}.k; }

    std::size_t periods() const { return months.size() + quarters.size(); }
    std::size_t views() const { return (versions.size() + 1) * (sites.size() + 1) * periods(); }
    // A view's place in the `shown` tables: version (versions.size() for
    // all), site (sites.size() for all), period (months, then quarters).
    std::size_t index(std::size_t vc, std::size_t sc, std::size_t pc) const {
        return (vc * (sites.size() + 1) + sc) * periods() + pc;
    }

    std::size_t month_coord(std::string_view period) const {
        for (std::size_t i = 0; i < months.size(); ++i) {
            if (months[i] == period) {
                return i;
            }
        }
        for (std::size_t i = 0; i < quarters.size(); ++i) {
            if (quarters[i] == period) {
                return months.size() + i;
            }
        }
        return std::string::npos;
    }

    std::string period_of(std::size_t coord) const {
        return coord < months.size() ? months[coord] : quarters[coord - months.size()];
    }

    std::size_t version_coord(int version) const {
        return static_cast<std::size_t>(std::find(versions.begin(), versions.end(), version) -
                                        versions.begin());
    }

    // The view of `q` for a selection, or nullopt when `q` is not asked in
    // the selected version.
    std::optional<std::size_t> view_index(const QuestionFamily* q, const Selection& s) const {
        std::size_t vc = versions.size();
        if (s.version) {
            if (q != nullptr && std::find(q->versions.begin(), q->versions.end(), *s.version) ==
                                    q->versions.end()) {
                return std::nullopt;
            }
            vc = version_coord(*s.version);
        }
        std::size_t sc = sites.size();
        if (s.site) {
            sc = static_cast<std::size_t>(std::find(sites.begin(), sites.end(), *s.site) -
                                          sites.begin());
        }
        return index(vc, sc, month_coord(s.period));
    }

    linked::Dimension month_dimension() const {
        linked::Dimension d;
        d.size = months.size();
        for (std::size_t i = 0; i < months.size(); ++i) {
            d.coords.push_back({i});
        }
        for (const auto& quarter : quarters) {
            std::vector<std::size_t> three;
            for (const auto& m : months_of(quarter)) {
                three.push_back(static_cast<std::size_t>(
                    std::find(months.begin(), months.end(), m) - months.begin()));
            }
            d.coords.push_back(std::move(three));
        }
        return d;
    }

    // The leaf (version, site, month) of a row among `vs`, or nullopt.
    std::optional<std::size_t> leaf_of(const CountRow& r, const std::vector<int>& vs) const {
        const auto vi = std::find(vs.begin(), vs.end(), r.version);
        const auto si = std::find(sites.begin(), sites.end(), r.site);
        const auto mi = std::find(months.begin(), months.end(), r.month);
        if (vi == vs.end() || si == sites.end() || mi == months.end()) {
            return std::nullopt;
        }
        return (static_cast<std::size_t>(vi - vs.begin()) * sites.size() +
                static_cast<std::size_t>(si - sites.begin())) *
                   months.size() +
               static_cast<std::size_t>(mi - months.begin());
    }

    static Shown shown_of(const linked::Outcome& o, std::size_t cube, std::size_t i) {
        return o.hidden[cube][i] ? Shown{0, true} : Shown{o.values[cube][i], false};
    }

    // Answers received on their own (the older engines only).
    void count_items_alone(const std::vector<CountRow>& rows) {
        linked::Family fam;
        fam.shared = {singles_and_all(versions.size()), singles_and_all(sites.size()),
                      month_dimension()};
        fam.grow_order = {1, 2, 0};
        fam.answers_partition = false;
        fam.protect_unanimity = false;
        linked::Dimension one;
        one.size = 1;
        one.coords = {{0}};
        fam.answers = {one};
        fam.leaves = {std::vector<std::int64_t>(versions.size() * sites.size() * months.size(), 0)};
        for (const auto& r : rows) {
            if (r.question.empty()) {
                if (const auto leaf = leaf_of(r, versions)) {
                    fam.leaves[0][*leaf] += r.count;
                }
            }
        }
        const auto out = linked::suppress_linked(fam, k);
        received.assign(views(), Shown{0, true});
        for (std::size_t i = 0; i < linked::aggregate_count(fam, 0); ++i) {
            const auto c = linked::aggregate_coords(fam, 0, i);
            received[index(c[0], c[1], c[2])] = shown_of(out, 0, i);
        }
    }

    // The older engine: each question's views on their own.
    void count_per_question(QuestionFamily& q, const std::vector<CountRow>& rows,
                            Mechanism mechanism) const {
        linked::Family fam;
        fam.shared = {singles_and_all(q.versions.size()), singles_and_all(sites.size()),
                      month_dimension()};
        // Sites first: a site's totals are given up before the all-sites
        // ones; then months (within their quarter), versions last.
        fam.grow_order = {1, 2, 0};
        const bool single = single_answer(q.type);
        fam.answers_partition = single;
        fam.protect_unanimity = single;
        const std::size_t na = q.answer_ids.size();
        const std::size_t cells = q.versions.size() * sites.size() * months.size();
        if (single) {
            fam.answers.push_back(singles_and_all(na));
            fam.leaves.push_back(std::vector<std::int64_t>(cells * na, 0));
        } else {
            // Cube 0: people who answered; cube 1 + i: people who chose option i.
            linked::Dimension one;
            one.size = 1;
            one.coords = {{0}};
            for (std::size_t c = 0; c <= na; ++c) {
                fam.answers.push_back(one);
                fam.leaves.push_back(std::vector<std::int64_t>(cells, 0));
            }
        }
        for (const auto& r : rows) {
            if (r.question != q.id) {
                continue;
            }
            const auto leaf = leaf_of(r, q.versions);
            if (!leaf) {
                continue;
            }
            const auto ai = std::find(q.answer_ids.begin(), q.answer_ids.end(), r.answer);
            const auto a = static_cast<std::size_t>(ai - q.answer_ids.begin());
            if (single) {
                // The total is the sum of the answers, so it always adds up.
                if (ai != q.answer_ids.end()) {
                    fam.leaves[0][*leaf * na + a] += r.count;
                }
            } else if (r.answer.empty()) {
                fam.leaves[0][*leaf] += r.count;
            } else if (ai != q.answer_ids.end()) {
                fam.leaves[a + 1][*leaf] += r.count;
            }
        }
        auto outcome = linked::suppress_linked(fam, k);
        if (mechanism == Mechanism::per_table) {
            for (auto& h : outcome.hidden) {
                std::fill(h.begin(), h.end(), false);
            }
            suppress_per_table(q, fam, outcome);
        }
        q.shown.assign(na + 1, std::vector<Shown>(views(), Shown{0, true}));
        for (std::size_t cube = 0; cube < fam.answers.size(); ++cube) {
            for (std::size_t i = 0; i < linked::aggregate_count(fam, cube); ++i) {
                const auto c = linked::aggregate_coords(fam, cube, i);
                const std::size_t vc =
                    c[0] < q.versions.size() ? version_coord(q.versions[c[0]]) : versions.size();
                const std::size_t a = single ? c[3] : (cube == 0 ? na : cube - 1);
                q.shown[a][index(vc, c[1], c[2])] = shown_of(outcome, cube, i);
            }
        }
    }

    void suppress_per_table(const QuestionFamily& q, const linked::Family& f,
                            linked::Outcome& outcome) const {
        const SuppressionPolicy policy = SuppressionPolicy::with_k(k);
        const bool single = f.answers_partition;
        const std::size_t nv = f.shared[0].coords.size();
        const std::size_t ns = f.shared[1].coords.size();
        const std::size_t nm = f.shared[2].coords.size();
        const std::size_t na = q.answer_ids.size();
        for (std::size_t v = 0; v < nv; ++v) {
            for (std::size_t s = 0; s < ns; ++s) {
                for (std::size_t m = 0; m < nm; ++m) {
                    std::vector<std::int64_t> cells;
                    for (std::size_t a = 0; a < na; ++a) {
                        const auto i = single ? linked::aggregate_index(f, 0, {v, s, m, a})
                                              : linked::aggregate_index(f, a + 1, {v, s, m, 0});
                        cells.push_back(outcome.values[single ? 0 : a + 1][i]);
                    }
                    const auto ti = single ? linked::aggregate_index(f, 0, {v, s, m, na})
                                           : linked::aggregate_index(f, 0, {v, s, m, 0});
                    const auto g = suppress(cells, outcome.values[0][ti], policy, single);
                    for (std::size_t a = 0; a < na; ++a) {
                        const std::size_t cube = single ? 0 : a + 1;
                        const auto i = single ? linked::aggregate_index(f, 0, {v, s, m, a})
                                              : linked::aggregate_index(f, cube, {v, s, m, 0});
                        outcome.hidden[cube][i] = g.cells[a].hidden;
                    }
                    outcome.hidden[0][ti] = g.total.hidden;
                }
            }
        }
    }

    // The engine the Board sees: every question of the form and its answers
    // received in one family of linked cubes over (version, site, month),
    // so that a block moves whole people (docs/privacy.md, "The Board's
    // views"): one cube for answers received, then per question one for the
    // people who answered it and one per answer.
    void count_jointly(const std::vector<CountRow>& rows) {
        linked::Family fam;
        fam.shared = {singles_and_all(versions.size()), singles_and_all(sites.size()),
                      month_dimension()};
        // Sites first: a site's figures are given up before the all-sites
        // ones; then months (within their quarter). Never across versions:
        // a person answered one version, and moving them to another would
        // give them answers to questions it does not ask.
        fam.grow_order = {1, 2};
        fam.fixed_dim = 0;
        fam.answers_partition = false;
        fam.protect_unanimity = false;
        linked::Dimension one;
        one.size = 1;
        one.coords = {{0}};
        const std::size_t cells = versions.size() * sites.size() * months.size();
        std::vector<bool> asked;
        auto add_cube = [&] {
            fam.answers.push_back(one);
            fam.leaves.push_back(std::vector<std::int64_t>(cells, 0));
            fam.fixed_values.push_back(asked);
            return fam.answers.size() - 1;
        };
        add_cube();                                    // cube 0: answers received, in every version
        std::map<std::string, std::size_t> first_cube; // question -> its total cube
        for (const auto& q : questions) {
            asked.assign(versions.size(), false);
            for (const int v : q.versions) {
                asked[version_coord(v)] = true;
            }
            const std::size_t total = add_cube();
            first_cube[q.id] = total;
            linked::Family::Group g;
            g.total = total;
            for (std::size_t a = 0; a < q.answer_ids.size(); ++a) {
                g.answers.push_back(add_cube());
            }
            // The people who sent the form but skipped the question: the
            // answers received less its total, which anyone can subtract
            // where both are shown, so a small one is protected like any
            // other count (a block holds whole people, skippers included).
            add_cube();
            if (single_answer(q.type)) {
                fam.unanimity_groups.push_back(std::move(g));
            }
        }
        for (const auto& r : rows) {
            if (r.question.empty()) {
                if (const auto leaf = leaf_of(r, versions)) {
                    fam.leaves[0][*leaf] += r.count;
                }
                continue;
            }
            const auto it = first_cube.find(r.question);
            if (it == first_cube.end()) {
                continue;
            }
            const auto& q =
                *std::find_if(questions.begin(), questions.end(),
                              [&](const QuestionFamily& x) { return x.id == r.question; });
            if (std::find(q.versions.begin(), q.versions.end(), r.version) == q.versions.end()) {
                continue;
            }
            const auto leaf = leaf_of(r, versions);
            if (!leaf) {
                continue;
            }
            const auto ai = std::find(q.answer_ids.begin(), q.answer_ids.end(), r.answer);
            const auto a = static_cast<std::size_t>(ai - q.answer_ids.begin());
            if (ai != q.answer_ids.end()) {
                fam.leaves[it->second + 1 + a][*leaf] += r.count;
                if (single_answer(q.type)) {
                    // The total is the sum of the answers, so it always adds up.
                    fam.leaves[it->second][*leaf] += r.count;
                }
            } else if (r.answer.empty() && !single_answer(q.type)) {
                fam.leaves[it->second][*leaf] += r.count;
            }
        }
        for (const auto& q : questions) {
            const std::size_t total = first_cube[q.id];
            const std::size_t skip = total + 1 + q.answer_ids.size();
            for (std::size_t leaf = 0; leaf < cells; ++leaf) {
                const std::size_t v = leaf / (sites.size() * months.size());
                if (fam.fixed_values[skip][v]) {
                    fam.leaves[skip][leaf] =
                        std::max<std::int64_t>(0, fam.leaves[0][leaf] - fam.leaves[total][leaf]);
                }
            }
        }
        const auto out = linked::suppress_linked(fam, k);
        const std::size_t n = linked::aggregate_count(fam, 0); // the same for every cube
        received.assign(views(), Shown{0, true});
        for (auto& q : questions) {
            q.shown.assign(q.answer_ids.size() + 1, std::vector<Shown>(views(), Shown{0, true}));
            q.skipped.assign(views(), Shown{0, true});
            q.exact.assign(q.answer_ids.size() + 1, std::vector<std::int64_t>(views(), 0));
        }
        for (std::size_t i = 0; i < n; ++i) {
            const auto c = linked::aggregate_coords(fam, 0, i);
            const auto at = index(c[0], c[1], c[2]);
            received[at] = shown_of(out, 0, i);
            for (auto& q : questions) {
                const std::size_t total = first_cube[q.id];
                const std::size_t na = q.answer_ids.size();
                for (std::size_t a = 0; a < na; ++a) {
                    q.shown[a][at] = shown_of(out, total + 1 + a, i);
                }
                q.shown[na][at] = shown_of(out, total, i);
                q.skipped[at] = shown_of(out, total + 1 + na, i);
                for (std::size_t a = 0; a < na; ++a) {
                    q.exact[a][at] = out.values[total + 1 + a][i];
                }
                q.exact[na][at] = out.values[total][i];
            }
        }
    }
};

FormResults::FormResults(std::vector<FormVersion> forms, const std::vector<CountRow>& rows,
                         const Date& today, std::int64_t k, Mechanism mechanism)
    : impl_(std::make_unique<Impl>()) {
    auto& im = *impl_;
    im.k = SuppressionPolicy::with_k(k).k;
    im.engine = mechanism;
    const int current = today.year * 12 + (today.month - 1);

    // Closed months: from the start of the quarter of the first closed
    // month with answers to the month before this one, with no gaps, so
    // that quarters and the "over time" view see every month.
    int first = -1;
    std::set<int> version_numbers;
    std::set<std::string> site_names;
    for (const auto& r : rows) {
        const int n = month_number(r.month);
        if (n < 0 || n >= current) {
            continue;
        }
        first = first < 0 ? n : std::min(first, n);
        site_names.insert(r.site);
        version_numbers.insert(r.version);
        im.has_items = im.has_items || r.question.empty();
    }
    if (first >= 0) {
        for (int n = first - first % 3; n < current; ++n) {
            im.months.push_back(month_text(n));
        }
        for (int n = first - first % 3; n + 2 < current; n += 3) {
            im.quarters.push_back(quarter_of(month_text(n)));
        }
    }
    im.sites.assign(site_names.begin(), site_names.end());
    for (const auto& f : forms) {
        if (f.status != FormStatus::draft) {
            version_numbers.insert(f.version);
        }
    }
    im.versions.assign(version_numbers.begin(), version_numbers.end());
    std::sort(forms.begin(), forms.end(),
              [](const FormVersion& a, const FormVersion& b) { return a.version > b.version; });

    // Questions: the latest version's first, then those only older ones ask.
    std::vector<std::string> order;
    for (const auto& f : forms) {
        if (!version_numbers.contains(f.version)) {
            continue;
        }
        for (const auto& q : f.questions) {
            if (single_answer(q.type) || q.type == QuestionType::multi) {
                if (std::find(order.begin(), order.end(), q.id) == order.end()) {
                    order.push_back(q.id);
                }
            }
        }
    }
    for (const auto& id : order) {
        QuestionFamily q;
        q.id = id;
        bool typed = false;
        for (const auto& f : forms) {
            if (!version_numbers.contains(f.version)) {
                continue;
            }
            const Question* def = f.find_question(id);
            if (def == nullptr || (typed && def->type != q.type)) {
                continue;
            }
            if (!typed) {
                q.type = def->type;
                q.text = def->text.get(fallback_language);
                typed = true;
            }
            q.versions.push_back(f.version);
            for (const auto& o : def->options) {
                if (std::find(q.answer_ids.begin(), q.answer_ids.end(), o.id) ==
                    q.answer_ids.end()) {
                    q.answer_ids.push_back(o.id);
                    q.labels.push_back(o.text.get(fallback_language));
                }
            }
        }
        std::sort(q.versions.begin(), q.versions.end());
        if (q.type == QuestionType::yesno) {
            q.answer_ids = {"yes", "no"};
            q.labels = {"Yes", "No"};
        } else if (q.type == QuestionType::scale) {
            for (int v = scale_min; v <= scale_max; ++v) {
                q.answer_ids.push_back(std::to_string(v));
                q.labels.push_back(std::to_string(v));
            }
        }
        im.questions.push_back(std::move(q));
    }
    if (mechanism == Mechanism::linked || mechanism == Mechanism::equality_per_table) {
        im.count_jointly(rows);
    } else {
        im.count_items_alone(rows);
        for (auto& q : im.questions) {
            im.count_per_question(q, rows, mechanism);
            // The older engines never protected skip counts: the attacker
            // test works them out from received() and the totals.
            q.skipped.assign(im.views(), Shown{0, true});
        }
    }
}

FormResults::~FormResults() = default;
FormResults::FormResults(FormResults&&) noexcept = default;
FormResults& FormResults::operator=(FormResults&&) noexcept = default;

std::int64_t FormResults::k() const {
    return impl_->k;
}
const std::vector<std::string>& FormResults::months() const {
    return impl_->months;
}
const std::vector<std::string>& FormResults::quarters() const {
    return impl_->quarters;
}
const std::vector<std::string>& FormResults::sites() const {
    return impl_->sites;
}
const std::vector<int>& FormResults::versions() const {
    return impl_->versions;
}

bool FormResults::valid(const Selection& s) const {
    const auto& im = *impl_;
    if (s.version &&
        std::find(im.versions.begin(), im.versions.end(), *s.version) == im.versions.end()) {
        return false;
    }
    if (s.site && std::find(im.sites.begin(), im.sites.end(), *s.site) == im.sites.end()) {
        return false;
    }
    return im.month_coord(s.period) != std::string::npos;
}

std::vector<QuestionView> FormResults::view(const Selection& s) const {
    std::vector<QuestionView> out;
    if (!valid(s)) {
        return out;
    }
    const auto& im = *impl_;
    for (const auto& q : im.questions) {
        const auto at = im.view_index(&q, s);
        if (!at) {
            continue;
        }
        QuestionView v;
        v.id = q.id;
        v.type = q.type;
        v.text = q.text;
        for (std::size_t a = 0; a < q.answer_ids.size(); ++a) {
            v.answers.push_back({q.answer_ids[a], q.labels[a], q.shown[a][*at]});
        }
        v.total = q.shown[q.answer_ids.size()][*at];
        v.skipped = q.skipped[*at];
        out.push_back(std::move(v));
    }
    return out;
}

Shown FormResults::received(const Selection& s) const {
    const auto& im = *impl_;
    if (!valid(s) || !im.has_items) {
        return Shown{0, true};
    }
    return im.received[*im.view_index(nullptr, s)];
}

std::vector<PublishedCell> FormResults::every_cell() const {
    std::vector<PublishedCell> out;
    const auto& im = *impl_;
    auto each_view = [&](const std::vector<int>& vs, auto&& emit) {
        std::vector<std::optional<int>> version_choices(vs.begin(), vs.end());
        version_choices.push_back(std::nullopt);
        for (const auto& v : version_choices) {
            for (std::size_t sc = 0; sc <= im.sites.size(); ++sc) {
                for (std::size_t pc = 0; pc < im.periods(); ++pc) {
                    const std::size_t vc = v ? im.version_coord(*v) : im.versions.size();
                    PublishedCell cell;
                    cell.version = v;
                    if (sc < im.sites.size()) {
                        cell.site = im.sites[sc];
                    }
                    cell.period = im.period_of(pc);
                    emit(std::move(cell), im.index(vc, sc, pc));
                }
            }
        }
    };
    if (im.has_items) {
        each_view(im.versions, [&](PublishedCell cell, std::size_t at) {
            cell.shown = im.received[at];
            out.push_back(std::move(cell));
        });
    }
    for (const auto& q : im.questions) {
        each_view(q.versions, [&](PublishedCell cell, std::size_t at) {
            cell.question = q.id;
            for (std::size_t a = 0; a <= q.answer_ids.size(); ++a) {
                PublishedCell c = cell;
                c.answer = a < q.answer_ids.size() ? q.answer_ids[a] : "";
                c.shown = q.shown[a][at];
                out.push_back(std::move(c));
            }
            PublishedCell skip = cell;
            skip.skipped = true;
            skip.shown = q.skipped[at];
            out.push_back(std::move(skip));
        });
    }
    return out;
}

namespace {

// The scopes a breakdown of selection `s` must pass at: every site when it
// names one (a site's breakdown is shown only if every site's is, so no
// site's can be worked out from all sites' less the others), else all sites.
std::vector<std::optional<std::string>> scopes_of(const Selection& s,
                                                  const std::vector<std::string>& sites) {
    std::vector<std::optional<std::string>> out;
    if (s.site) {
        out.assign(sites.begin(), sites.end());
    } else {
        out.push_back(std::nullopt);
    }
    return out;
}

bool passes(std::int64_t n, std::int64_t k) {
    return n == 0 || n >= k;
}

} // namespace

std::vector<Breakdown> FormResults::breakdowns(const std::vector<GroupCountRow>& groups,
                                               const Selection& s) const {
    std::vector<Breakdown> out;
    const auto& im = *impl_;
    if (!valid(s) || s.version || s.period.find("-Q") == std::string::npos) {
        return out;
    }
    const auto months = months_of(s.period);
    std::vector<const QuestionFamily*> group_questions;
    for (const auto& q : im.questions) {
        if (about_you::is_about_you(q.id) && single_answer(q.type)) {
            group_questions.push_back(&q);
        }
    }
    const auto scopes = scopes_of(s, im.sites);
    // Every number of a view shown, or nullopt; the exact values then.
    auto all_shown = [&](const QuestionFamily& q, std::size_t at) {
        std::optional<std::vector<std::int64_t>> values(std::in_place);
        for (const auto& a : q.shown) {
            if (a[at].hidden) {
                return std::optional<std::vector<std::int64_t>>{};
            }
            values->push_back(a[at].value);
        }
        return values;
    };
    for (const auto& q : im.questions) {
        if (about_you::is_about_you(q.id)) {
            continue;
        }
        const bool single = single_answer(q.type);
        const std::size_t na = q.answer_ids.size();
        for (const auto* g : group_questions) {
            // The groups, in the "About you" question's order.
            std::vector<std::string> ids;
            std::vector<std::string> labels;
            for (std::size_t o = 0; o < g->answer_ids.size(); ++o) {
                const auto id = about_you::group_of(g->id, g->answer_ids[o]);
                if (std::find(ids.begin(), ids.end(), id) == ids.end()) {
                    ids.push_back(id);
                    const auto name = about_you::ethnic_group_name(id);
                    labels.push_back(name.empty() ? g->labels[o] : std::string(name));
                }
            }
            Breakdown b;
            b.question = q.id;
            b.group_question = g->id;
            b.group_text = g->text;
            bool ok = true;
            std::vector<GroupRow> chosen;
            const bool per_table = im.engine == Mechanism::equality_per_table;
            for (const auto& scope : scopes) {
                if (per_table && scope != s.site) {
                    continue; // each table on its own
                }
                const Selection sel{std::nullopt, scope, s.period};
                const auto at = *im.view_index(&q, sel);
                auto main = all_shown(q, at);
                const auto group_view = all_shown(*g, *im.view_index(g, sel));
                if (per_table) {
                    main = std::vector<std::int64_t>();
                    for (const auto& a : q.exact) {
                        main->push_back(a[at]);
                    }
                } else if (!main || !group_view) {
                    ok = false;
                    break;
                }
                std::vector<GroupRow> rows(ids.size());
                for (std::size_t i = 0; i < ids.size(); ++i) {
                    rows[i].id = ids[i];
                    rows[i].label = labels[i];
                    rows[i].counts.assign(na, 0);
                }
                for (const auto& r : groups) {
                    if (r.group_question != g->id || r.question != q.id ||
                        (scope && r.site != *scope) ||
                        std::find(months.begin(), months.end(), r.month) == months.end() ||
                        std::find(q.versions.begin(), q.versions.end(), r.version) ==
                            q.versions.end()) {
                        continue;
                    }
                    const auto gi = std::find(ids.begin(), ids.end(), r.group_answer);
                    if (gi == ids.end()) {
                        continue;
                    }
                    auto& row = rows[static_cast<std::size_t>(gi - ids.begin())];
                    const auto ai = std::find(q.answer_ids.begin(), q.answer_ids.end(), r.answer);
                    if (ai != q.answer_ids.end()) {
                        row.counts[static_cast<std::size_t>(ai - q.answer_ids.begin())] += r.count;
                        if (single) {
                            row.total += r.count;
                        }
                    } else if (r.answer.empty() && !single) {
                        row.total += r.count;
                    }
                }
                // The people who did not answer the "About you" question:
                // the view's numbers less every group's.
                GroupRow rest;
                rest.counts.assign(na, 0);
                for (std::size_t a = 0; a <= na; ++a) {
                    std::int64_t sum = 0;
                    for (const auto& row : rows) {
                        sum += a < na ? row.counts[a] : row.total;
                    }
                    (a < na ? rest.counts[a] : rest.total) = (*main)[a] - sum;
                }
                rows.push_back(std::move(rest));
                if (per_table) {
                    const auto policy = SuppressionPolicy::with_k(im.k);
                    for (auto& row : rows) {
                        const auto g2 = suppress(row.counts, row.total, policy, single);
                        for (const auto& cell : g2.cells) {
                            row.shown_counts.push_back(
                                Shown{cell.hidden ? 0 : cell.value, cell.hidden});
                        }
                        row.shown_total = Shown{g2.total.hidden ? 0 : row.total, g2.total.hidden};
                    }
                    chosen = std::move(rows);
                    break;
                }
                for (const auto& row : rows) {
                    ok = ok && row.total >= 0 && passes(row.total, im.k);
                    for (const auto n : row.counts) {
                        ok = ok && n >= 0 && passes(n, im.k);
                    }
                }
                if (!ok) {
                    break;
                }
                if (scope == s.site) {
                    chosen = std::move(rows);
                }
            }
            if (ok) {
                b.shown = true;
                b.rows = std::move(chosen);
                for (auto& row : b.rows) {
                    if (row.shown_counts.empty()) {
                        for (const auto n : row.counts) {
                            row.shown_counts.push_back(Shown{n, false});
                        }
                        row.shown_total = Shown{row.total, false};
                    }
                }
            }
            out.push_back(std::move(b));
        }
    }
    return out;
}

LanguageView FormResults::languages(const std::vector<LanguageCountRow>& rows,
                                    const Selection& s) const {
    LanguageView out;
    const auto& im = *impl_;
    if (!valid(s) || s.version || s.period.find("-Q") == std::string::npos || !im.has_items) {
        return out;
    }
    const auto months = months_of(s.period);
    std::set<std::string> codes;
    for (const auto& r : rows) {
        codes.insert(r.language);
    }
    for (const auto& scope : scopes_of(s, im.sites)) {
        const Selection sel{std::nullopt, scope, s.period};
        const Shown received = im.received[*im.view_index(nullptr, sel)];
        if (received.hidden) {
            return out;
        }
        std::map<std::string, std::int64_t> counts;
        std::int64_t sum = 0;
        for (const auto& r : rows) {
            if ((!scope || r.site == *scope) &&
                std::find(months.begin(), months.end(), r.month) != months.end()) {
                counts[r.language] += r.count;
                sum += r.count;
            }
        }
        // Items stored before languages were counted have none: they must
        // pass as a group of their own too.
        if (!passes(received.value - sum, im.k) || received.value < sum) {
            return out;
        }
        for (const auto& [code, n] : counts) {
            if (!passes(n, im.k)) {
                return out;
            }
        }
        if (scope == s.site) {
            for (const auto& code : codes) {
                out.counts.emplace_back(code, counts[code]);
            }
        }
    }
    out.shown = true;
    return out;
}

} // namespace engage::results
