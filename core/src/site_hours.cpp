#include "engage/site_hours.hpp"

#include <boost/json/value.hpp>
#include <boost/json/value_from.hpp>

namespace engage {
namespace {

constexpr std::array<std::string_view, days_per_week> weekday_keys{"mon", "tue", "wed", "thu",
                                                                   "fri", "sat", "sun"};

bool valid_weekday(int weekday) {
    return weekday >= 0 && weekday < days_per_week;
}

// "HH:MM-HH:MM" as one range.
std::optional<OpeningRange> parse_range(std::string_view text) {
    const auto dash = text.find('-');
    if (dash == std::string_view::npos) {
        return std::nullopt;
    }
    const auto open = parse_clock_time(text.substr(0, dash), false);
    const auto close = parse_clock_time(text.substr(dash + 1), true);
    if (!open || !close) {
        return std::nullopt;
    }
    return OpeningRange{*open, *close};
}

} // namespace

std::string_view weekday_key(int weekday) {
    return valid_weekday(weekday) ? weekday_keys[static_cast<std::size_t>(weekday)]
                                  : std::string_view{};
}

SiteHours SiteHours::always_open() {
    SiteHours h;
    for (auto& d : h.days_) {
        d = {OpeningRange{0, minutes_per_day}};
    }
    return h;
}

const std::vector<OpeningRange>& SiteHours::day(int weekday) const {
    static const std::vector<OpeningRange> none; // read-only empty day for a bad index
    return valid_weekday(weekday) ? days_[static_cast<std::size_t>(weekday)] : none;
}

bool SiteHours::set_day(int weekday, std::vector<OpeningRange> ranges, std::string& error) {
    if (!valid_weekday(weekday)) {
        error = "the weekday must be 0 (Monday) to 6 (Sunday)";
        return false;
    }
    if (!check_day(ranges, error)) {
        return false;
    }
    days_[static_cast<std::size_t>(weekday)] = std::move(ranges);
    return true;
}

bool SiteHours::is_open(int weekday, int minutes) const {
    for (const auto& r : day(weekday)) {
        if (minutes >= r.open && minutes < r.close) {
            return true;
        }
    }
    return false;
}

bool SiteHours::open_all_week() const {
    for (const auto& d : days_) {
        if (d.size() != 1 || d.front().open != 0 || d.front().close != minutes_per_day) {
            return false;
        }
    }
    return true;
}

std::optional<NextOpening> SiteHours::next_opening(int weekday, int minutes) const {
    if (!valid_weekday(weekday)) {
        return std::nullopt;
    }
    // Walk forward a week and a day, so "later today" and "the same weekday
    // next week" are both reached. A range that starts exactly where the one
    // before it closed (24:00 then 00:00) continues an open stretch: it is
    // not an opening.
    int previous_close = -1;
    for (int ahead = 0; ahead <= days_per_week; ++ahead) {
        const int wd = (weekday + ahead) % days_per_week;
        for (const auto& r : day(wd)) {
            const int start = ahead * minutes_per_day + r.open;
            const bool continues = start == previous_close;
            previous_close = ahead * minutes_per_day + r.close;
            if (start > minutes && !continues) {
                return NextOpening{wd, r.open, ahead};
            }
        }
    }
    return std::nullopt;
}

bool check_day(const std::vector<OpeningRange>& ranges, std::string& error) {
    if (ranges.size() > max_ranges_per_day) {
        error = "at most " + std::to_string(max_ranges_per_day) + " opening times a day";
        return false;
    }
    int previous_close = 0;
    for (const auto& r : ranges) {
        if (r.open < 0 || r.open >= minutes_per_day || r.close > minutes_per_day) {
            error = "times must be from 00:00 to 24:00";
            return false;
        }
        if (r.close <= r.open) {
            error = "closes at " + format_clock_time(r.close) + ", not after it opens at " +
                    format_clock_time(r.open) + " (for a night past midnight, end at 24:00 and " +
                    "start again at 00:00 the next day)";
            return false;
        }
        if (r.open < previous_close) {
            error = "opening at " + format_clock_time(r.open) +
                    " overlaps the time before it, or comes before it";
            return false;
        }
        previous_close = r.close;
    }
    return true;
}

std::optional<int> parse_clock_time(std::string_view text, bool allow_end_of_day) {
    if (text.size() != 5 || text[2] != ':') {
        return std::nullopt;
    }
    for (const std::size_t i : {0U, 1U, 3U, 4U}) {
        if (text[i] < '0' || text[i] > '9') {
            return std::nullopt;
        }
    }
    const int hours = (text[0] - '0') * 10 + (text[1] - '0');
    const int mins = (text[3] - '0') * 10 + (text[4] - '0');
    if (mins > 59) {
        return std::nullopt;
    }
    if (hours == 24 && mins == 0 && allow_end_of_day) {
        return minutes_per_day;
    }
    if (hours > 23) {
        return std::nullopt;
    }
    return hours * 60 + mins;
}

std::string format_clock_time(int minutes) {
    if (minutes < 0 || minutes > minutes_per_day) {
        return "??:??";
    }
    const int h = minutes / 60;
    const int m = minutes % 60;
    std::string out(5, '0');
    out[0] = static_cast<char>('0' + h / 10);
    out[1] = static_cast<char>('0' + h % 10);
    out[2] = ':';
    out[3] = static_cast<char>('0' + m / 10);
    out[4] = static_cast<char>('0' + m % 10);
    return out;
}

bool parse_site_hours(const boost::json::value& jv, SiteHours& out, std::string& error) {
    const auto* obj = jv.if_object();
    if (obj == nullptr) {
        error = "opening hours must be an object with a key per weekday";
        return false;
    }
    if (obj->size() != days_per_week) {
        error = "opening hours must have exactly the keys mon, tue, wed, thu, fri, sat, sun";
        return false;
    }
    SiteHours h;
    for (int wd = 0; wd < days_per_week; ++wd) {
        const auto key = weekday_key(wd);
        const auto* v = obj->if_contains(key);
        const auto* arr = v ? v->if_array() : nullptr;
        if (arr == nullptr) {
            error =
                "opening hours \"" + std::string(key) + "\" must be an array of \"HH:MM-HH:MM\"";
            return false;
        }
        std::vector<OpeningRange> ranges;
        for (const auto& item : *arr) {
            const auto* s = item.if_string();
            const auto r = s ? parse_range(*s) : std::nullopt;
            if (!r) {
                error = "opening hours \"" + std::string(key) +
                        "\": each range must be \"HH:MM-HH:MM\"";
                return false;
            }
            ranges.push_back(*r);
        }
        std::string why;
        if (!h.set_day(wd, std::move(ranges), why)) {
            error = "opening hours \"" + std::string(key) + "\": " + why;
            return false;
        }
    }
    out = std::move(h);
    return true;
}

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const SiteHours& h) {
    boost::json::object obj;
    for (int wd = 0; wd < days_per_week; ++wd) {
        boost::json::array ranges;
        for (const auto& r : h.day(wd)) {
            ranges.emplace_back(
                boost::json::string(format_clock_time(r.open) + "-" + format_clock_time(r.close)));
        }
        obj[weekday_key(wd)] = std::move(ranges);
    }
    jv = std::move(obj);
}

} // namespace engage
