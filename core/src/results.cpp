#include "engage/results.hpp"

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
    linked::Family family;
    linked::Outcome outcome;
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

    static std::int64_t limits_k() { return SuppressionPolicy{}.k; }

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

    // The aggregates for one view of `q`, or nullopt when `q` is not asked
    // in the selected version.
    std::optional<std::vector<std::size_t>> shared_coords(const QuestionFamily& q,
                                                          const Selection& s) const {
        std::size_t vc = q.versions.size();
        if (s.version) {
            const auto it = std::find(q.versions.begin(), q.versions.end(), *s.version);
            if (it == q.versions.end()) {
                return std::nullopt;
            }
            vc = static_cast<std::size_t>(it - q.versions.begin());
        }
        std::size_t sc = sites.size();
        if (s.site) {
            sc = static_cast<std::size_t>(std::find(sites.begin(), sites.end(), *s.site) -
                                          sites.begin());
        }
        return std::vector<std::size_t>{vc, sc, month_coord(s.period)};
    }

    Shown shown(const QuestionFamily& q, std::size_t cube, std::vector<std::size_t> coords) const {
        const auto i = linked::aggregate_index(q.family, cube, coords);
        if (q.outcome.hidden[cube][i]) {
            return Shown{0, true};
        }
        return Shown{q.outcome.values[cube][i], false};
    }

    void suppress_per_table(QuestionFamily& q) const {
        const auto& f = q.family;
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
                        cells.push_back(q.outcome.values[single ? 0 : a + 1][i]);
                    }
                    const auto ti = single ? linked::aggregate_index(f, 0, {v, s, m, na})
                                           : linked::aggregate_index(f, 0, {v, s, m, 0});
                    const auto g = suppress(cells, q.outcome.values[0][ti], policy, single);
                    for (std::size_t a = 0; a < na; ++a) {
                        const std::size_t cube = single ? 0 : a + 1;
                        const auto i = single ? linked::aggregate_index(f, 0, {v, s, m, a})
                                              : linked::aggregate_index(f, cube, {v, s, m, 0});
                        q.outcome.hidden[cube][i] = g.cells[a].hidden;
                    }
                    q.outcome.hidden[0][ti] = g.total.hidden;
                }
            }
        }
    }
};

FormResults::FormResults(std::vector<FormVersion> forms, const std::vector<CountRow>& rows,
                         const Date& today, std::int64_t k, Mechanism mechanism)
    : impl_(std::make_unique<Impl>()) {
    auto& im = *impl_;
    im.k = SuppressionPolicy::with_k(k).k;
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
        auto& fam = q.family;
        fam.shared.push_back(singles_and_all(q.versions.size()));
        fam.shared.push_back(singles_and_all(im.sites.size()));
        linked::Dimension months;
        months.size = im.months.size();
        for (std::size_t i = 0; i < im.months.size(); ++i) {
            months.coords.push_back({i});
        }
        for (const auto& quarter : im.quarters) {
            std::vector<std::size_t> three;
            for (const auto& m : months_of(quarter)) {
                three.push_back(static_cast<std::size_t>(
                    std::find(im.months.begin(), im.months.end(), m) - im.months.begin()));
            }
            months.coords.push_back(std::move(three));
        }
        fam.shared.push_back(std::move(months));
        // Sites first: a site's totals are given up before the all-sites
        // ones; then months (within their quarter), versions last.
        fam.grow_order = {1, 2, 0};
        const bool single = single_answer(q.type);
        fam.answers_partition = single;
        fam.protect_unanimity = single;
        const std::size_t cells = q.versions.size() * im.sites.size() * im.months.size();
        if (single) {
            fam.answers.push_back(singles_and_all(q.answer_ids.size()));
            fam.leaves.push_back(std::vector<std::int64_t>(cells * q.answer_ids.size(), 0));
        } else {
            // Cube 0: people who answered; cube 1 + i: people who chose option i.
            linked::Dimension one;
            one.size = 1;
            one.coords = {{0}};
            for (std::size_t c = 0; c <= q.answer_ids.size(); ++c) {
                fam.answers.push_back(one);
                fam.leaves.push_back(std::vector<std::int64_t>(cells, 0));
            }
        }
        for (const auto& r : rows) {
            if (r.question != id) {
                continue;
            }
            const auto vi = std::find(q.versions.begin(), q.versions.end(), r.version);
            const auto si = std::find(im.sites.begin(), im.sites.end(), r.site);
            const auto mi = std::find(im.months.begin(), im.months.end(), r.month);
            if (vi == q.versions.end() || si == im.sites.end() || mi == im.months.end()) {
                continue;
            }
            const std::size_t leaf =
                (static_cast<std::size_t>(vi - q.versions.begin()) * im.sites.size() +
                 static_cast<std::size_t>(si - im.sites.begin())) *
                    im.months.size() +
                static_cast<std::size_t>(mi - im.months.begin());
            const auto ai = std::find(q.answer_ids.begin(), q.answer_ids.end(), r.answer);
            const auto a = static_cast<std::size_t>(ai - q.answer_ids.begin());
            if (single) {
                // The total is the sum of the answers, so it always adds up.
                if (ai != q.answer_ids.end()) {
                    fam.leaves[0][leaf * q.answer_ids.size() + a] += r.count;
                }
            } else if (r.answer.empty()) {
                fam.leaves[0][leaf] += r.count;
            } else if (ai != q.answer_ids.end()) {
                fam.leaves[a + 1][leaf] += r.count;
            }
        }
        q.outcome = linked::suppress_linked(fam, im.k);
        if (mechanism == Mechanism::per_table) {
            for (auto& h : q.outcome.hidden) {
                std::fill(h.begin(), h.end(), false);
            }
            im.suppress_per_table(q);
        }
        im.questions.push_back(std::move(q));
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
        const auto shared = im.shared_coords(q, s);
        if (!shared) {
            continue;
        }
        QuestionView v;
        v.id = q.id;
        v.type = q.type;
        v.text = q.text;
        const bool single = q.family.answers_partition;
        for (std::size_t a = 0; a < q.answer_ids.size(); ++a) {
            auto coords = *shared;
            coords.push_back(single ? a : 0);
            v.answers.push_back(
                {q.answer_ids[a], q.labels[a], im.shown(q, single ? 0 : a + 1, coords)});
        }
        auto coords = *shared;
        coords.push_back(single ? q.answer_ids.size() : 0);
        v.total = im.shown(q, 0, coords);
        out.push_back(std::move(v));
    }
    return out;
}

std::vector<PublishedCell> FormResults::every_cell() const {
    std::vector<PublishedCell> out;
    const auto& im = *impl_;
    for (const auto& q : im.questions) {
        const auto& f = q.family;
        for (std::size_t cube = 0; cube < f.answers.size(); ++cube) {
            for (std::size_t i = 0; i < linked::aggregate_count(f, cube); ++i) {
                const auto c = linked::aggregate_coords(f, cube, i);
                PublishedCell cell;
                cell.question = q.id;
                if (f.answers_partition) {
                    cell.answer = c[3] < q.answer_ids.size() ? q.answer_ids[c[3]] : "";
                } else {
                    cell.answer = cube == 0 ? "" : q.answer_ids[cube - 1];
                }
                if (c[0] < q.versions.size()) {
                    cell.version = q.versions[c[0]];
                }
                if (c[1] < im.sites.size()) {
                    cell.site = im.sites[c[1]];
                }
                cell.period = im.period_of(c[2]);
                cell.shown = q.outcome.hidden[cube][i] ? Shown{0, true}
                                                       : Shown{q.outcome.values[cube][i], false};
                out.push_back(std::move(cell));
            }
        }
    }
    return out;
}

} // namespace engage::results
