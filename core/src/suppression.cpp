#include "engage/suppression.hpp"

#include "engage/limits.hpp"

#include <algorithm>
#include <numeric>

namespace engage {

SuppressionPolicy SuppressionPolicy::with_k(std::int64_t requested) {
    return SuppressionPolicy{std::max(requested, limits::min_suppression_k)};
}

namespace {

std::int64_t effective_k(const SuppressionPolicy& policy) {
    return std::max(policy.k, limits::min_suppression_k);
}

bool small(std::int64_t v, std::int64_t k) {
    return v >= 1 && v < k;
}

// Complementary suppression over cells that add up to a known total.
void suppress_summing(const std::vector<std::int64_t>& values, std::vector<bool>& hidden,
                      std::vector<bool>& complementary, std::int64_t k, bool& total_hidden) {
    std::size_t hidden_count = 0;
    std::int64_t hidden_sum = 0;
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (small(values[i], k)) {
            hidden[i] = true;
            ++hidden_count;
            hidden_sum += values[i];
        }
    }
    if (hidden_count == 0) {
        return;
    }
    // Hide further shown cells, smallest first, until the hidden ones cannot
    // be told apart by subtraction: at least two, together at least k.
    // Zero cells are never used: hiding a 0 protects nothing.
    while (hidden_count < 2 || hidden_sum < k) {
        std::size_t best = values.size();
        for (std::size_t i = 0; i < values.size(); ++i) {
            if (!hidden[i] && values[i] > 0 &&
                (best == values.size() || values[i] < values[best])) {
                best = i;
            }
        }
        if (best == values.size()) {
            total_hidden = true; // impossible within the group: the total goes too
            return;
        }
        hidden[best] = true;
        complementary[best] = true;
        ++hidden_count;
        hidden_sum += values[best];
    }
}

} // namespace

SuppressedGroup suppress(const std::vector<std::int64_t>& counts, const SuppressionPolicy& policy,
                         bool cells_sum_to_total) {
    std::int64_t total = 0;
    if (cells_sum_to_total) {
        for (auto c : counts) {
            total += std::max<std::int64_t>(c, 0);
        }
    } else {
        for (auto c : counts) {
            total = std::max(total, c);
        }
    }
    return suppress(counts, total, policy, cells_sum_to_total);
}

SuppressedGroup suppress(const std::vector<std::int64_t>& counts, std::int64_t total,
                         const SuppressionPolicy& policy, bool cells_sum_to_total) {
    const std::int64_t k = effective_k(policy);
    std::vector<std::int64_t> values;
    values.reserve(counts.size() + 1);
    for (auto c : counts) {
        values.push_back(std::max<std::int64_t>(c, 0));
    }
    total = std::max<std::int64_t>(total, 0);
    std::vector<bool> hidden(values.size(), false);
    std::vector<bool> complementary(values.size(), false);
    bool total_hidden = small(total, k);

    if (cells_sum_to_total) {
        const std::int64_t sum = std::accumulate(values.begin(), values.end(), std::int64_t{0});
        total = std::max(total, sum);
        // What the cells do not account for (e.g. people who skipped) is one
        // more cell a reader can work out, so it takes part in the rule; it
        // is never shown here, so it counts as hidden once chosen.
        const std::int64_t rest = total - sum;
        if (rest > 0) {
            values.push_back(rest);
            hidden.push_back(false);
            complementary.push_back(false);
        }
        suppress_summing(values, hidden, complementary, k, total_hidden);
        values.resize(counts.size());
        hidden.resize(counts.size());
        complementary.resize(counts.size());
    } else {
        for (std::size_t i = 0; i < values.size(); ++i) {
            hidden[i] = small(values[i], k);
        }
    }

    SuppressedGroup out;
    out.cells.reserve(counts.size());
    for (std::size_t i = 0; i < counts.size(); ++i) {
        if (hidden[i]) {
            out.cells.push_back(ShownCount{0, true, complementary[i]});
        } else {
            out.cells.push_back(ShownCount{values[i], false, false});
        }
    }
    if (total_hidden) {
        out.total = ShownCount{0, true, !small(total, k)};
    } else {
        out.total = ShownCount{total, false, false};
    }
    return out;
}

std::string describe(const ShownCount& c, const SuppressionPolicy& policy) {
    if (c.hidden && c.complementary) {
        return "hidden";
    }
    if (c.hidden) {
        return "fewer than " + std::to_string(effective_k(policy));
    }
    return std::to_string(c.value);
}

} // namespace engage
