#pragma once
// Calendar dates. Anonymous submissions carry a date and never a time of day
// (DESIGN §6 rule 1), so this type has no time fields at all.

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace engage {

struct Date {
    int year = 1970;
    int month = 1; // 1..12
    int day = 1;   // 1..31, valid for the month
    auto operator<=>(const Date&) const = default;
};

enum class DateError { ok, malformed, has_time_of_day, out_of_range };

// Parses exactly "YYYY-MM-DD". Anything carrying a time ("T", ":", a zone)
// is has_time_of_day, so the server can say precisely why it refused it.
DateError parse_date(std::string_view text, Date& out);
std::optional<Date> parse_date(std::string_view text);

// "YYYY-MM-DD".
std::string to_string(const Date& d);

// Today's date in local time (the kiosk's site), via the system clock.
Date today_local();
// Today's date in UTC.
Date today_utc();

// Days since 1970-01-01 (proleptic Gregorian); for "at most N days ahead".
long days_since_epoch(const Date& d);
Date from_days_since_epoch(long days);

} // namespace engage
