#include "engage/date.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>

namespace engage {

namespace {

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

int digits(std::string_view s, std::size_t from, std::size_t count) {
    int v = 0;
    for (std::size_t i = from; i < from + count; ++i) {
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

bool carries_time(std::string_view text) {
    // A time of day is refused by name (DESIGN §6 rule 1), so look for any of
    // its marks before calling the text merely malformed.
    if (text.find(':') != std::string_view::npos) {
        return true;
    }
    if (text.size() > 10) {
        const std::string_view tail = text.substr(10);
        const bool t_time = tail[0] == 'T' || tail[0] == 't';
        const bool spaced_time = tail.size() > 1 && tail[0] == ' ' && is_digit(tail[1]);
        return t_time || spaced_time || tail.find_first_of("Zz+") != std::string_view::npos;
    }
    return false;
}

Date from_ymd(const std::chrono::year_month_day& ymd) {
    return Date{static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
                static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

} // namespace

DateError parse_date(std::string_view text, Date& out) {
    if (carries_time(text)) {
        return DateError::has_time_of_day;
    }
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
        return DateError::malformed;
    }
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
        if (!is_digit(text[i])) {
            return DateError::malformed;
        }
    }
    const int year = digits(text, 0, 4);
    const int month = digits(text, 5, 2);
    const int day = digits(text, 8, 2);
    const std::chrono::year_month_day ymd{std::chrono::year{year},
                                          std::chrono::month{static_cast<unsigned>(month)},
                                          std::chrono::day{static_cast<unsigned>(day)}};
    if (year < 1 || !ymd.ok()) {
        return DateError::out_of_range;
    }
    out = Date{year, month, day};
    return DateError::ok;
}

std::optional<Date> parse_date(std::string_view text) {
    Date d;
    if (parse_date(text, d) != DateError::ok) {
        return std::nullopt;
    }
    return d;
}

std::string to_string(const Date& d) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
    return buf;
}

Date today_local() {
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    localtime_r(&now, &tm);
    return Date{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

Date today_utc() {
    const auto now = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
    return from_ymd(std::chrono::year_month_day{now});
}

long days_since_epoch(const Date& d) {
    const std::chrono::sys_days days{std::chrono::year{d.year} /
                                     std::chrono::month{static_cast<unsigned>(d.month)} /
                                     std::chrono::day{static_cast<unsigned>(d.day)}};
    return static_cast<long>(days.time_since_epoch().count());
}

Date from_days_since_epoch(long days) {
    const std::chrono::sys_days sd{std::chrono::days{days}};
    return from_ymd(std::chrono::year_month_day{sd});
}

} // namespace engage
