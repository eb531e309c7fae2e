#pragma once
// Which comments the Board may read (issue 10, "Free text and moderation";
// docs/privacy.md, "The Board's views"). Approved comments are shown per
// cell of one fixed grain, a site and a month, whatever view is open: a
// cell shows its comments only when at least k people answered that
// free-text question there that month (all form versions together, from
// the counts kept at ingest). The decision never depends on the view, so
// combining views (a site against all sites, months against their quarter,
// one version against all) shows no comment one of them withholds, and
// nothing about a cell below k: not its comments, not how many there are,
// not how many were rejected.
//
// Pure: no I/O.

#include "engage/results.hpp"

#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace engage::results {

// A (site, month "YYYY-MM") cell.
using CommentCell = std::pair<std::string, std::string>;

// The cells of `question` whose comments may be shown: those where the
// people who answered it (answer "" rows of `rows`, summed over versions)
// number at least `k` (never below limits::min_suppression_k).
std::set<CommentCell> comment_cells(const std::vector<CountRow>& rows, std::string_view question,
                                    std::int64_t k);

} // namespace engage::results
