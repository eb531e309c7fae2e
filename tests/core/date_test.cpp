#include "engage/date.hpp"

#include <catch2/catch.hpp>
#include <string>

using engage::Date;
using engage::DateError;

TEST_CASE("parses a plain YYYY-MM-DD date", "[date]") {
    Date d;
    REQUIRE(engage::parse_date("2026-11-23", d) == DateError::ok);
    CHECK(d == Date{2026, 11, 23});
    CHECK(engage::to_string(d) == "2026-11-23");
}

TEST_CASE("refuses dates by the precise reason", "[date]") {
    auto [text, expected] = GENERATE(table<std::string, DateError>({
        {"2026-11-23T10:15:00Z", DateError::has_time_of_day},
        {"2026-11-23T10:15", DateError::has_time_of_day},
        {"2026-11-23 10:15", DateError::has_time_of_day},
        {"2026-11-23Z", DateError::has_time_of_day},
        {"2026-11-23+01", DateError::has_time_of_day},
        {"10:15", DateError::has_time_of_day},
        {"2026-11-23T10", DateError::has_time_of_day},
        {"2026-11-23t1015", DateError::has_time_of_day},
        {"", DateError::malformed},
        {"tomorrow", DateError::malformed},
        {"Tuesday 23", DateError::malformed},
        {"2026-1-23", DateError::malformed},
        {"2026/11/23", DateError::malformed},
        {"26-11-23", DateError::malformed},
        {"2026-11-23 ", DateError::malformed},
        {"2026-11-2x", DateError::malformed},
        {"-026-11-23", DateError::malformed},
        {"2026-13-01", DateError::out_of_range},
        {"2026-00-10", DateError::out_of_range},
        {"2026-11-00", DateError::out_of_range},
        {"2026-11-31", DateError::out_of_range},
        {"2026-02-29", DateError::out_of_range},
        {"1900-02-29", DateError::out_of_range},
        {"0000-01-01", DateError::out_of_range},
    }));
    INFO("input: \"" << text << "\"");
    Date d{1999, 9, 9};
    CHECK(engage::parse_date(text, d) == expected);
    CHECK(d == Date{1999, 9, 9}); // untouched on failure
    CHECK_FALSE(engage::parse_date(text).has_value());
}

TEST_CASE("accepts leap days only in leap years", "[date]") {
    CHECK(engage::parse_date("2024-02-29").has_value());
    CHECK(engage::parse_date("2000-02-29").has_value());
    CHECK_FALSE(engage::parse_date("2100-02-29").has_value());
    CHECK(engage::parse_date("2026-12-31").has_value());
    CHECK(engage::parse_date("2026-04-30").has_value());
    CHECK_FALSE(engage::parse_date("2026-04-31").has_value());
}

TEST_CASE("counts days since the epoch both ways", "[date]") {
    CHECK(engage::days_since_epoch(Date{1970, 1, 1}) == 0);
    CHECK(engage::days_since_epoch(Date{1970, 1, 2}) == 1);
    CHECK(engage::days_since_epoch(Date{1969, 12, 31}) == -1);
    CHECK(engage::days_since_epoch(Date{2000, 3, 1}) == 11017);
    for (long day : {-1000L, 0L, 59L, 60L, 11016L, 20415L, 2932896L}) {
        INFO("day " << day);
        CHECK(engage::days_since_epoch(engage::from_days_since_epoch(day)) == day);
    }
    CHECK(engage::from_days_since_epoch(20415) == Date{2025, 11, 23});
}

TEST_CASE("today is a valid date that formats and parses back", "[date]") {
    const Date utc = engage::today_utc();
    const Date local = engage::today_local();
    CHECK(engage::parse_date(engage::to_string(utc)) == utc);
    CHECK(std::abs(engage::days_since_epoch(utc) - engage::days_since_epoch(local)) <= 1);
}

TEST_CASE("orders dates chronologically", "[date]") {
    CHECK(Date{2026, 1, 31} < Date{2026, 2, 1});
    CHECK(Date{2025, 12, 31} < Date{2026, 1, 1});
    CHECK(engage::to_string(Date{987, 3, 4}) == "0987-03-04");
}
