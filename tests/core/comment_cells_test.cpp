// Which site-months may show comments to the Board (engage/comment_cells.hpp):
// only where k or more people answered the free-text question, counted over
// every version, and the same whatever view asks.

#include "engage/comment_cells.hpp"

#include <catch2/catch.hpp>

using namespace engage::results;

TEST_CASE("comments show only for a site-month where k or more answered the question",
          "[results][comments]") {
    const std::vector<CountRow> rows = {
        // east, November: 3 + 2 over two versions = 5: shown.
        {1, "east", "2026-11", "anything-else", "", 3},
        {2, "east", "2026-11", "anything-else", "", 2},
        // west, November: 4: a small number, withheld.
        {1, "west", "2026-11", "anything-else", "", 4},
        // east, December: many people, but for another question.
        {1, "east", "2026-12", "safe", "", 40},
        {1, "east", "2026-12", "safe", "yes", 40},
        // east, December, this question: 1.
        {1, "east", "2026-12", "anything-else", "", 1},
    };
    const auto cells = comment_cells(rows, "anything-else", 5);
    CHECK(cells == std::set<CommentCell>{{"east", "2026-11"}});

    SECTION("k cannot be asked below the minimum") {
        CHECK(comment_cells(rows, "anything-else", 1) == cells);
    }
    SECTION("a higher k withholds more") {
        CHECK(comment_cells(rows, "anything-else", 6).empty());
    }
    SECTION("a question nobody answered has no cells") {
        CHECK(comment_cells(rows, "nothing", 5).empty());
    }
}
