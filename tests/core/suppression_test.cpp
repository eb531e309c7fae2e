#include "engage/suppression.hpp"

#include <catch2/catch.hpp>
#include <numeric>
#include <vector>

using namespace engage;

namespace {

std::vector<bool> hidden_flags(const SuppressedGroup& g) {
    std::vector<bool> out;
    for (const auto& c : g.cells) {
        out.push_back(c.hidden);
    }
    return out;
}

// Whatever is shown, no hidden cell may be worked out exactly: when the total
// is shown, the hidden cells are at least two and hold at least k together.
void check_no_recovery(const std::vector<std::int64_t>& counts, const SuppressedGroup& g,
                       std::int64_t k) {
    REQUIRE(g.cells.size() == counts.size());
    std::int64_t hidden_sum = 0;
    int hidden_count = 0;
    for (std::size_t i = 0; i < counts.size(); ++i) {
        INFO("cell " << i << " = " << counts[i]);
        if (counts[i] >= 1 && counts[i] < k) {
            CHECK(g.cells[i].hidden);
        }
        if (g.cells[i].hidden) {
            hidden_sum += counts[i];
            ++hidden_count;
        } else {
            CHECK(g.cells[i].value == counts[i]);
        }
    }
    if (hidden_count > 0 && !g.total.hidden) {
        CHECK(hidden_count >= 2);
        CHECK(hidden_sum >= k);
    }
}

} // namespace

TEST_CASE("shows a group with no small cells unchanged", "[suppression]") {
    const auto g = suppress({12, 5, 40}, SuppressionPolicy{});
    CHECK(hidden_flags(g) == std::vector<bool>{false, false, false});
    CHECK(g.cells[1].value == 5);
    CHECK(g.total == ShownCount{57, false});
}

TEST_CASE("hides a complementary cell against the subtraction attack", "[suppression]") {
    // Showing 40, 57 and the total 100 would reveal the 3.
    const std::vector<std::int64_t> counts{3, 40, 57};
    const auto g = suppress(counts, SuppressionPolicy{});
    CHECK(hidden_flags(g) == std::vector<bool>{true, true, false});
    CHECK(g.cells[2] == ShownCount{57, false});
    CHECK(g.total == ShownCount{100, false});
    check_no_recovery(counts, g, 5);
    // The 40 is not "fewer than 5": it is hidden to protect the 3.
    CHECK(describe(g.cells[0], SuppressionPolicy{}) == "fewer than 5");
    CHECK(g.cells[1].complementary);
    CHECK(describe(g.cells[1], SuppressionPolicy{}) == "hidden");
    CHECK(describe(g.total, SuppressionPolicy{}) == "100");
}

TEST_CASE("keeps hiding the smallest cells until the hidden ones hold k", "[suppression]") {
    SECTION("two small cells summing below k take a third") {
        const std::vector<std::int64_t> counts{1, 2, 30, 9, 50};
        const auto g = suppress(counts, SuppressionPolicy{});
        CHECK(hidden_flags(g) == std::vector<bool>{true, true, false, true, false});
        CHECK_FALSE(g.total.hidden);
        check_no_recovery(counts, g, 5);
    }
    SECTION("two small cells summing to k are enough") {
        const std::vector<std::int64_t> counts{4, 1, 30};
        const auto g = suppress(counts, SuppressionPolicy{});
        CHECK(hidden_flags(g) == std::vector<bool>{true, true, false});
        CHECK(g.total == ShownCount{35, false});
    }
}

TEST_CASE("hides everything, total too, when protection is impossible", "[suppression]") {
    SECTION("one small cell alone") {
        const auto g = suppress({3}, SuppressionPolicy{});
        CHECK(g.cells[0].hidden);
        CHECK(g.total.hidden);
    }
    SECTION("all cells small and the total small") {
        const auto g = suppress({2, 1, 1}, SuppressionPolicy{});
        CHECK(hidden_flags(g) == std::vector<bool>{true, true, true});
        CHECK(g.total.hidden);
    }
    SECTION("a large total is hidden as a complement, not as small") {
        const auto g = suppress({3, 0}, 3, SuppressionPolicy{}, true);
        CHECK(g.total.hidden);
        CHECK_FALSE(g.total.complementary); // 3 itself is small
        const auto big = suppress({3}, 90, SuppressionPolicy{}, true);
        // the 87 not in any cell is the complement; the total can stay
        CHECK(big.cells[0].hidden);
        CHECK_FALSE(big.total.hidden);
    }
    SECTION("a small cell beside zeros only") {
        const auto g = suppress({0, 4, 0}, SuppressionPolicy{});
        CHECK(hidden_flags(g) == std::vector<bool>{false, true, false});
        CHECK(g.cells[0] == ShownCount{0, false});
        CHECK(g.total.hidden);
    }
}

TEST_CASE("shows zero as 0 and never hides it", "[suppression]") {
    const auto g = suppress({0, 0, 20}, SuppressionPolicy{});
    CHECK(g.cells[0] == ShownCount{0, false});
    CHECK(g.cells[1] == ShownCount{0, false});
    CHECK(g.total == ShownCount{20, false});
    const auto empty = suppress({0, 0}, SuppressionPolicy{});
    CHECK(empty.total == ShownCount{0, false});
    CHECK(describe(empty.total, SuppressionPolicy{}) == "0");
}

TEST_CASE("k can be raised but never lowered below 5", "[suppression]") {
    CHECK(SuppressionPolicy::with_k(2).k == 5);
    CHECK(SuppressionPolicy::with_k(-1).k == 5);
    CHECK(SuppressionPolicy::with_k(10).k == 10);
    SECTION("a policy built with k below 5 still acts as 5") {
        const auto g = suppress({3, 40, 57}, SuppressionPolicy{2});
        CHECK(g.cells[0].hidden);
        CHECK(describe(g.cells[0], SuppressionPolicy{2}) == "fewer than 5");
    }
    SECTION("k = 10 hides 9 and protects it") {
        const std::vector<std::int64_t> counts{9, 12, 40};
        const auto g = suppress(counts, SuppressionPolicy::with_k(10));
        CHECK(hidden_flags(g) == std::vector<bool>{true, true, false});
        check_no_recovery(counts, g, 10);
        CHECK(describe(g.cells[0], SuppressionPolicy::with_k(10)) == "fewer than 10");
    }
}

TEST_CASE("multi groups hide small cells and a small total, with no complement", "[suppression]") {
    // 30 people answered; cells count choices and do not add up.
    const auto g = suppress({3, 20, 25}, 30, SuppressionPolicy{}, false);
    CHECK(hidden_flags(g) == std::vector<bool>{true, false, false});
    CHECK(g.total == ShownCount{30, false});
    const auto few = suppress({3, 4}, 4, SuppressionPolicy{}, false);
    CHECK(hidden_flags(few) == std::vector<bool>{true, true});
    CHECK(few.total.hidden);
}

TEST_CASE("a total above the cells counts the rest as a cell", "[suppression]") {
    // 100 respondents, 97 answered: the 3 who skipped are recoverable from
    // the total, so a complement is hidden.
    const auto g = suppress({40, 57}, 100, SuppressionPolicy{}, true);
    CHECK(hidden_flags(g) == std::vector<bool>{true, false});
    CHECK(g.total == ShownCount{100, false});
}

TEST_CASE("no hidden cell is ever recoverable across many groups", "[suppression]") {
    auto counts = GENERATE(values<std::vector<std::int64_t>>({
        {1, 1, 1, 1, 1, 100},
        {4, 4, 100, 100},
        {1, 0, 0, 0, 6},
        {2, 3},
        {5, 5, 5},
        {4, 5, 6, 7},
        {1, 2, 3, 4, 5, 6, 7, 8, 9, 10},
        {0, 0, 0, 1, 999},
    }));
    const auto g = suppress(counts, SuppressionPolicy{});
    CAPTURE(counts);
    check_no_recovery(counts, g, 5);
    CHECK(g.total.value ==
          (g.total.hidden ? 0 : std::accumulate(counts.begin(), counts.end(), std::int64_t{0})));
}

TEST_CASE("describes counts in words", "[suppression]") {
    CHECK(describe(ShownCount{12, false}, SuppressionPolicy{}) == "12");
    CHECK(describe(ShownCount{0, true}, SuppressionPolicy{}) == "fewer than 5");
}
