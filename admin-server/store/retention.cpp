#include "store/retention.hpp"

#include <cassert>
#include <cstdio>

namespace engage::store::retention {

std::string first_kept_month(const Date& today, int months) {
    assert(months >= min_months && months <= max_months);
    // Months since year 0, so that stepping back across a year is plain
    // arithmetic.
    const int index = today.year * 12 + (today.month - 1) - (months - 1);
    char text[32]; // room for any int, so the format cannot truncate
    std::snprintf(text, sizeof text, "%04d-%02d", index / 12, index % 12 + 1);
    return text;
}

} // namespace engage::store::retention
