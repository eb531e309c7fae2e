#pragma once
// Small-number suppression (DESIGN §6 rule 3). A count from 1 to k-1 is
// shown as "fewer than k". So that a hidden cell cannot be recovered by
// subtracting the shown cells from a shown total, suppression is
// complementary: whenever a group has a hidden cell, further cells (smallest
// first) are hidden until at least two are hidden and the hidden cells
// together hold at least k; if that is impossible the total is hidden too.
// Zero is shown as 0: "nobody" points at no one.

#include <cstdint>
#include <string>
#include <vector>

namespace engage {

struct SuppressionPolicy {
    std::int64_t k = 5; // never below limits::min_suppression_k
    // Returns a policy with k raised to the minimum if asked lower.
    static SuppressionPolicy with_k(std::int64_t requested);
};

struct ShownCount {
    std::int64_t value = 0; // meaningful only when !hidden
    bool hidden = false;
    // Hidden only to protect a small cell elsewhere (it may be large), so it
    // must not be called "fewer than k": describe() says "hidden".
    bool complementary = false;
    bool operator==(const ShownCount&) const = default;
};

struct SuppressedGroup {
    std::vector<ShownCount> cells; // same order as the input counts
    ShownCount total;
};

// Applies the rule to one group of cells that add up to a total (e.g. the
// answers to one choice question). For multi questions, where cells do not
// add up, pass `cells_sum_to_total = false`: the total is the number of
// respondents, and it is hidden when below k. Without `total`, it is the sum
// of the cells (or, when they do not sum, the largest cell: pass the real
// number of respondents instead). With a `total` above the cells' sum, the
// difference (e.g. people who skipped) is treated as one more cell.
SuppressedGroup suppress(const std::vector<std::int64_t>& counts, const SuppressionPolicy& policy,
                         bool cells_sum_to_total = true);
SuppressedGroup suppress(const std::vector<std::int64_t>& counts, std::int64_t total,
                         const SuppressionPolicy& policy, bool cells_sum_to_total);

// "12", "fewer than 5" (a small count) or "hidden" (a complementary one).
std::string describe(const ShownCount& c, const SuppressionPolicy& policy);

} // namespace engage
