#pragma once
// A site's opening hours for each day of the week (issue 9, "Sites and
// kiosks"): what the admin pages edit, what the content bundle carries and
// what the kiosk checks before it shows its "closed" screen.
//
// Times are the server's and the kiosk's local wall-clock time, minutes after
// midnight; there is no time zone field (a site, its kiosks and the server
// are assumed to share one zone). Weekdays are 0 = Monday .. 6 = Sunday.
//
// Each day has 0 to max_ranges_per_day ranges [open, close): closed at the
// close minute itself. A close time of 24:00 means "until midnight". A range
// never crosses midnight: a night shelter open 20:00-08:00 writes 20:00-24:00
// on one day and 00:00-08:00 on the next; is_open and next_opening treat the
// two as one stretch because they only look at minutes. Ranges on one day
// must not overlap or touch out of order (each opens after the previous one
// closed), so a day is always stored sorted.
//
// JSON: {"mon": ["09:00-12:30", "13:30-17:00"], "tue": [], ... "sun": []};
// every day must be present. An empty array is a closed day.

#include <array>
#include <boost/json/fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace engage {

inline constexpr int days_per_week = 7;
inline constexpr int minutes_per_day = 24 * 60;
// Two ranges cover a day with a lunch break, which is what day centres do;
// more would make the admin page a grid few people can read at 320 px.
inline constexpr std::size_t max_ranges_per_day = 2;

// "mon" .. "sun" for 0..6 (the JSON keys and the admin form's field names).
std::string_view weekday_key(int weekday);

struct OpeningRange {
    int open = 0;  // minutes after midnight, 0..1439
    int close = 0; // minutes after midnight, open+1..1440 (1440 = 24:00)
    bool operator==(const OpeningRange&) const = default;
};

// When a closed site opens next, as seen from a given moment.
struct NextOpening {
    int weekday = 0;    // 0 = Monday
    int minutes = 0;    // minutes after midnight
    int days_ahead = 0; // 0 = later today, 1 = tomorrow, up to 7 (same weekday next week)
    bool operator==(const NextOpening&) const = default;
};

class SiteHours {
public:
    // Closed every day (what a new, empty week looks like).
    SiteHours() = default;
    // 00:00-24:00 every day: sites found in old data before opening hours existed.
    static SiteHours always_open();

    // The ranges of `weekday` (0..6), sorted; empty when closed that day.
    const std::vector<OpeningRange>& day(int weekday) const;
    // Replaces a day's ranges after checking them (see check_day); false and
    // a one-line `error` (naming no day: the caller knows which) otherwise.
    bool set_day(int weekday, std::vector<OpeningRange> ranges, std::string& error);

    // True when open at `minutes` (0..1439) after midnight on `weekday`.
    bool is_open(int weekday, int minutes) const;
    // True when every minute of the week is open.
    bool open_all_week() const;
    // When the site next opens after the moment given (strictly later): the
    // start of the first range that follows a closed stretch. Nullopt when
    // there is none within a week (closed all week, or open all week).
    std::optional<NextOpening> next_opening(int weekday, int minutes) const;

    bool operator==(const SiteHours&) const = default;

private:
    std::array<std::vector<OpeningRange>, days_per_week> days_{};
};

// Checks one day's ranges: at most max_ranges_per_day, each 00:00 <= open <
// close <= 24:00 (an overnight range is refused: split it at midnight), and
// each range opens at or after the previous one closes (overlap refused).
// False and a one-line reason otherwise.
bool check_day(const std::vector<OpeningRange>& ranges, std::string& error);

// "HH:MM" (two digits each, 00:00..23:59, or 24:00 when `allow_end_of_day`)
// → minutes after midnight; nullopt for anything else.
std::optional<int> parse_clock_time(std::string_view text, bool allow_end_of_day);
// Minutes after midnight (0..1440) → "HH:MM".
std::string format_clock_time(int minutes);

bool parse_site_hours(const boost::json::value& jv, SiteHours& out, std::string& error);
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const SiteHours& h);

} // namespace engage
