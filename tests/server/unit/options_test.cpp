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
