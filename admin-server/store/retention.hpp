#pragma once
// How long the server keeps anonymous answers item by item (issue 8). Every
// item is counted at ingest (item_counts, answer_counts, language_counts:
// migrations 3 and 5), so once its month is older than the retention period
// the per-item row can go and the results stay. The sweep that deletes them
// is store/retention_sweeper.hpp; `serve --retention-months` sets the period.

#include "engage/date.hpp"

#include <string>

namespace engage::store::retention {

// 24 months: two full years of answers for staff to re-read and re-count
// (a year against the one before), and no longer.
inline constexpr int default_months = 24;
// 1 month: 0 would delete each answer as it arrives, before staff could read
// its free text or check a count against it.
inline constexpr int min_months = 1;
// 120 months: ten years is longer than any plausible policy; more is a typo.
inline constexpr int max_months = 120;

static_assert(min_months <= default_months && default_months <= max_months,
              "the default retention must be allowed");

// The oldest month ("YYYY-MM") whose items are kept on `today` with a period
// of `months` (min_months..max_months): today's month and the months-1 before
// it. Items of earlier months are deleted, so no item is kept longer than
// `months` months after the month it was given in (answers from November
// 2024 go on 1 November 2026 with 24 months).
std::string first_kept_month(const Date& today, int months);

} // namespace engage::store::retention
