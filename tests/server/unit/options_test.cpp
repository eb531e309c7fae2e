// Command-line option parsing.
#include "cli/options.hpp"

#include <catch2/catch.hpp>

using namespace engage::cli;

TEST_CASE("options parse values, flags and --name=value", "[server-unit][cli]") {
    const OptionSpec spec{{"data", "listen"}, {"sample"}};
    std::string error;
    const auto o =
        parse_options({"--data", "/tmp/x", "--sample", "--listen=127.0.0.1:0"}, spec, error);
    REQUIRE(o);
    CHECK(o->get("data") == "/tmp/x");
    CHECK(o->get("listen") == "127.0.0.1:0");
    CHECK(o->flags.contains("sample"));
    CHECK_FALSE(o->has("insecure"));
}

TEST_CASE("options refuse unknown names, missing values and stray words", "[server-unit][cli]") {
    const OptionSpec spec{{"data"}, {"json"}};
    const auto args =
        GENERATE(as<std::vector<std::string_view>>{}, std::vector<std::string_view>{"--nope"},
                 std::vector<std::string_view>{"--data"}, std::vector<std::string_view>{"stray"},
                 std::vector<std::string_view>{"--json=yes"});
    std::string error;
    CHECK_FALSE(parse_options(args, spec, error));
    CHECK_FALSE(error.empty());
}

TEST_CASE("integers are whole and within bounds", "[server-unit][cli]") {
    CHECK(parse_integer("10", 1, 20) == 10);
    CHECK_FALSE(parse_integer("0", 1, 20));
    CHECK_FALSE(parse_integer("21", 1, 20));
    CHECK_FALSE(parse_integer("1x", 1, 20));
    CHECK_FALSE(parse_integer("", 1, 20));
}

TEST_CASE("the config file fills in what the command line did not give", "[server-unit][cli]") {
    const OptionSpec spec{{"data", "listen", "threads"}, {"sample", "insecure"}};
    std::string error;
    auto o = parse_options({"--data", "/d", "--listen", "127.0.0.1:9"}, spec, error);
    REQUIRE(o);

    SECTION("options win; settings and flags are added") {
        REQUIRE(merge_config("# comment\nformat = 1\n\nlisten = 0.0.0.0:80\nthreads = 4\n"
                             "insecure = true\nsample = false\n",
                             spec, *o, error));
        CHECK(o->get("listen") == "127.0.0.1:9");
        CHECK(o->get("threads") == "4");
        CHECK(o->flags.contains("insecure"));
        CHECK_FALSE(o->flags.contains("sample"));
    }
    SECTION("mistakes are refused with their line") {
        const auto [text, expected] = GENERATE(table<const char*, const char*>({
            {"threads 4\n", "line 1: expected 'name = value'"},
            {"\nbogus = 1\n", "line 2: unknown setting 'bogus'"},
            {"data = /elsewhere\n", "line 1: unknown setting 'data'"},
            {"insecure = yes\n", "line 1: insecure must be true or false"},
            {"format = 2\n", "line 1: format 2 is newer than this program reads (1)"},
        }));
        INFO(text);
        CHECK_FALSE(merge_config(text, spec, *o, error));
        CHECK(error == expected);
    }
}
