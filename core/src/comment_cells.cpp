#include "engage/comment_cells.hpp"

#include "engage/suppression.hpp"

#include <map>

namespace engage::results {

std::set<CommentCell> comment_cells(const std::vector<CountRow>& rows, std::string_view question,
                                    std::int64_t k) {
    const std::int64_t threshold = SuppressionPolicy::with_k(k).k;
    std::map<CommentCell, std::int64_t> answered;
    for (const auto& r : rows) {
        if (r.question == question && r.answer.empty() && r.count > 0) {
            answered[{r.site, r.month}] += r.count;
        }
    }
    std::set<CommentCell> out;
    for (const auto& [cell, n] : answered) {
        if (n >= threshold) {
            out.insert(cell);
        }
    }
    return out;
}

} // namespace engage::results
