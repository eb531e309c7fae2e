#include "engage/content.hpp"
#include "engage/site_hours.hpp"
#include "engage/strict_json.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <boost/json/value_from.hpp>
#include <catch2/catch.hpp>
#include <string>

using namespace engage;

namespace {

boost::json::value json(const std::string& text) {
    boost::json::value jv;
    std::string error;
    INFO(text);
    REQUIRE(parse_json_strict(text, jv, error));
    return jv;
}

constexpr int monday = 0;
constexpr int tuesday = 1;
constexpr int saturday = 5;
constexpr int sunday = 6;

int at(int h, int m) {
    return h * 60 + m;
}

// Monday to Friday 09:00-12:30 and 13:30-17:00; weekends closed.
SiteHours day_centre() {
    SiteHours h;
    std::string error;
    for (int wd = 0; wd < 5; ++wd) {
        REQUIRE(h.set_day(wd, {{at(9, 0), at(12, 30)}, {at(13, 30), at(17, 0)}}, error));
    }
    return h;
}

} // namespace

TEST_CASE("clock times are read as HH:MM and nothing looser", "[core][sites]") {
    CHECK(parse_clock_time("00:00", false) == 0);
    CHECK(parse_clock_time("09:05", false) == at(9, 5));
    CHECK(parse_clock_time("23:59", false) == at(23, 59));
    CHECK(parse_clock_time("24:00", true) == minutes_per_day);
    const auto bad = GENERATE(as<std::string>{}, "24:00", "9:00", "09:0", "0900", "09:60", "25:00",
                              "ab:cd", "", "09:00 ", "-1:00", "24:01");
    CAPTURE(bad);
    CHECK_FALSE(parse_clock_time(bad, bad == "24:00" ? false : true).has_value());
    CHECK(format_clock_time(at(7, 3)) == "07:03");
    CHECK(format_clock_time(minutes_per_day) == "24:00");
}

TEST_CASE("a day's opening times are checked", "[core][sites]") {
    std::string error;
    SECTION("a closed day and one or two ranges in order are accepted") {
        CHECK(check_day({}, error));
        CHECK(check_day({{at(9, 0), at(17, 0)}}, error));
        CHECK(check_day({{at(9, 0), at(12, 0)}, {at(12, 0), at(17, 0)}}, error));
        CHECK(check_day({{0, minutes_per_day}}, error));
    }
    SECTION("an overnight range is refused with the way to write it") {
        CHECK_FALSE(check_day({{at(20, 0), at(8, 0)}}, error));
        CHECK_THAT(error, Catch::Contains("24:00"));
    }
    SECTION("a range that closes when it opens is refused") {
        CHECK_FALSE(check_day({{at(9, 0), at(9, 0)}}, error));
    }
    SECTION("overlapping ranges are refused") {
        CHECK_FALSE(check_day({{at(9, 0), at(13, 0)}, {at(12, 0), at(17, 0)}}, error));
        CHECK_THAT(error, Catch::Contains("overlaps"));
    }
    SECTION("ranges out of order are refused") {
        CHECK_FALSE(check_day({{at(14, 0), at(17, 0)}, {at(9, 0), at(12, 0)}}, error));
    }
    SECTION("more than two ranges are refused") {
        CHECK_FALSE(check_day(
            {{at(8, 0), at(9, 0)}, {at(10, 0), at(11, 0)}, {at(12, 0), at(13, 0)}}, error));
    }
    SECTION("set_day leaves the day as it was when refused") {
        SiteHours h = day_centre();
        CHECK_FALSE(h.set_day(monday, {{at(20, 0), at(8, 0)}}, error));
        CHECK(h.day(monday).size() == 2);
    }
}

TEST_CASE("is_open says whether the site is open at a minute of a weekday", "[core][sites]") {
    const SiteHours h = day_centre();
    CHECK_FALSE(h.is_open(monday, at(8, 59)));
    CHECK(h.is_open(monday, at(9, 0)));
    CHECK(h.is_open(monday, at(12, 29)));
    CHECK_FALSE(h.is_open(monday, at(12, 30))); // closes at the close minute
    CHECK(h.is_open(tuesday, at(16, 59)));
    CHECK_FALSE(h.is_open(saturday, at(12, 0)));
    CHECK_FALSE(SiteHours{}.is_open(monday, at(12, 0)));
    CHECK(SiteHours::always_open().is_open(sunday, at(23, 59)));
    CHECK(SiteHours::always_open().open_all_week());
    CHECK_FALSE(h.open_all_week());
}

TEST_CASE("next_opening names when a closed site opens next", "[core][sites]") {
    const SiteHours h = day_centre();
    SECTION("before opening: later today") {
        CHECK(h.next_opening(monday, at(7, 0)) == NextOpening{monday, at(9, 0), 0});
    }
    SECTION("over lunch: the afternoon") {
        CHECK(h.next_opening(monday, at(12, 45)) == NextOpening{monday, at(13, 30), 0});
    }
    SECTION("Friday evening: Monday morning") {
        CHECK(h.next_opening(4, at(18, 0)) == NextOpening{monday, at(9, 0), 3});
    }
    SECTION("a site open one day a week: the same day next week") {
        SiteHours once;
        std::string error;
        REQUIRE(once.set_day(tuesday, {{at(10, 0), at(12, 0)}}, error));
        CHECK(once.next_opening(tuesday, at(13, 0)) == NextOpening{tuesday, at(10, 0), 7});
    }
    SECTION("a night split at midnight opens once, in the evening") {
        SiteHours night;
        std::string error;
        for (int wd = 0; wd < days_per_week; ++wd) {
            REQUIRE(night.set_day(wd, {{0, at(8, 0)}, {at(20, 0), minutes_per_day}}, error));
        }
        CHECK(night.is_open(tuesday, at(2, 0)));
        CHECK(night.next_opening(tuesday, at(9, 0)) == NextOpening{tuesday, at(20, 0), 0});
        // At 23:00 it is open; the 00:00 range continues the night, so the
        // next opening is tomorrow evening.
        CHECK(night.next_opening(tuesday, at(23, 0)) == NextOpening{2, at(20, 0), 1});
    }
    SECTION("never: closed all week, or open all week") {
        CHECK_FALSE(SiteHours{}.next_opening(monday, 0).has_value());
        CHECK_FALSE(SiteHours::always_open().next_opening(monday, 0).has_value());
    }
}

TEST_CASE("opening hours round-trip through JSON and bad JSON is refused", "[core][sites]") {
    const SiteHours h = day_centre();
    const auto jv = boost::json::value_from(h);
    CHECK(boost::json::serialize(jv.at("mon")) == R"(["09:00-12:30","13:30-17:00"])");
    CHECK(jv.at("sun").as_array().empty());
    SiteHours back;
    std::string error;
    REQUIRE(parse_site_hours(jv, back, error));
    CHECK(back == h);

    const auto bad = GENERATE(
        as<std::string>{},
        R"({"mon":[]})", // days missing
        R"({"mon":["20:00-08:00"],"tue":[],"wed":[],"thu":[],"fri":[],"sat":[],"sun":[]})",
        R"({"mon":["09:00-13:00","12:00-14:00"],"tue":[],"wed":[],"thu":[],"fri":[],"sat":[],"sun":[]})",
        R"({"mon":["9-5"],"tue":[],"wed":[],"thu":[],"fri":[],"sat":[],"sun":[]})",
        R"({"mon":"09:00-17:00","tue":[],"wed":[],"thu":[],"fri":[],"sat":[],"sun":[]})",
        R"(["09:00-17:00"])");
    CAPTURE(bad);
    SiteHours out = h;
    CHECK_FALSE(parse_site_hours(json(bad), out, error));
    CHECK(out == h); // untouched
    CHECK_FALSE(error.empty());
}

TEST_CASE("a bundle carries site_info only when it has one", "[core][sites][content]") {
    ContentBundle c;
    c.version = "v1";
    c.site = "hub-north";
    std::string error;
    SECTION("without it the bundle is as before and reads back with none") {
        const auto jv = boost::json::value_from(c);
        CHECK_FALSE(jv.as_object().contains("site_info"));
        ContentBundle back;
        REQUIRE(parse_content_bundle(jv, back, error));
        CHECK_FALSE(back.site_info.has_value());
    }
    SECTION("with it the name and hours round-trip") {
        c.site_info = SiteInfo{"Hub North", day_centre()};
        ContentBundle back;
        REQUIRE(parse_content_bundle(boost::json::value_from(c), back, error));
        CHECK(back == c);
    }
    SECTION("a site_info with bad hours is refused, naming the day") {
        auto jv = boost::json::value_from(c);
        jv.as_object()["site_info"] = json(
            R"({"name":"Hub","hours":{"mon":["17:00-09:00"],"tue":[],"wed":[],"thu":[],"fri":[],"sat":[],"sun":[]}})");
        ContentBundle back;
        CHECK_FALSE(parse_content_bundle(jv, back, error));
        CHECK_THAT(error, Catch::Contains("mon"));
    }
}
