// Options, the config file beneath them, the staff PIN and the data dir files.

#include "engage/sealing.hpp"
#include "kiosk/config/data_dir.hpp"
#include "kiosk/config/options.hpp"
#include "support/admin_cli.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>
#include <sys/stat.h>

using namespace engage::kiosk;

namespace {

void write(const std::filesystem::path& file, std::string_view text) {
    std::ofstream out(file);
    out << text;
}

unsigned mode_of(const std::filesystem::path& p) {
    struct stat st {};
    REQUIRE(::stat(p.c_str(), &st) == 0);
    return st.st_mode & 0777U;
}

} // namespace

TEST_CASE("every documented option is parsed", "[config]") {
    engage::test::TempDir dir("engage-options");
    const auto parsed = parse_options({"--data",           dir.path().string(),
                                       "--server",         "https://engage.example.org",
                                       "--enrol",          "ABCD-EFGH",
                                       "--fullscreen",     "--headless",
                                       "--script",         "visit.txt",
                                       "--screenshot-dir", "shots",
                                       "--upload-delay",   "0",
                                       "--min-batch=3",    "--ca-file",
                                       "ca.pem",           "--insecure",
                                       "--max-wait-days",  "2",
                                       "--test-mode"});
    INFO(parsed.error);
    REQUIRE(parsed.options);
    const auto& o = *parsed.options;
    CHECK(o.data_dir == dir.path());
    CHECK(o.server_url == "https://engage.example.org");
    CHECK(o.enrol_code == "ABCD-EFGH");
    CHECK(o.fullscreen);
    CHECK(o.headless);
    CHECK(o.script_file == "visit.txt");
    CHECK(o.screenshot_dir == "shots");
    CHECK(o.upload_delay_seconds == 0);
    CHECK(o.min_batch == 3);
    CHECK(o.ca_file == "ca.pem");
    CHECK(o.insecure);
    CHECK(o.max_wait_days == 2);
    CHECK(o.test_mode);
}

TEST_CASE("defaults delay uploads by 30 minutes and several items", "[config][privacy]") {
    engage::test::TempDir dir("engage-options");
    const auto parsed = parse_options({"--data", dir.path().string()});
    REQUIRE(parsed.options);
    CHECK(parsed.options->upload_delay_seconds == 1800);
    CHECK(parsed.options->min_batch >= 2);
    CHECK(parsed.options->max_wait_days == 7);
    CHECK_FALSE(parsed.options->test_mode);
}

TEST_CASE("an upload delay near the limit stays a long delay, never 'at once'",
          "[config][privacy]") {
    engage::test::TempDir dir("engage-options");
    // 100 years, the largest accepted: beyond an int's range, so it once
    // wrapped to a negative delay, which uploads at once.
    const std::string hundred_years = std::to_string(100LL * 365 * 24 * 3600);
    const auto parsed =
        parse_options({"--data", dir.path().string(), "--upload-delay", hundred_years});
    INFO(parsed.error);
    REQUIRE(parsed.options);
    CHECK(parsed.options->upload_delay_seconds == 100LL * 365 * 24 * 3600);
    CHECK(parsed.options->upload_delay_seconds > 0);
    const auto over = parse_options(
        {"--data", dir.path().string(), "--upload-delay", std::to_string(100LL * 366 * 24 * 3600)});
    CHECK_FALSE(over.options);
}

TEST_CASE("test mode comes only from the command line, never from kiosk.conf",
          "[config][privacy]") {
    engage::test::TempDir dir("engage-options");
    SECTION("kiosk.conf test_mode = true is refused, naming the switch") {
        write(dir / "kiosk.conf", "format = 1\ntest_mode = true\n");
        const auto parsed = parse_options({"--data", dir.path().string()});
        CHECK_FALSE(parsed.options);
        CHECK(parsed.error.find("test_mode") != std::string::npos);
        CHECK(parsed.error.find("--test-mode") != std::string::npos);
    }
    SECTION("even false is refused: the key has no business in a config file") {
        write(dir / "kiosk.conf", "format = 1\ntest_mode = false\n");
        CHECK_FALSE(parse_options({"--data", dir.path().string()}).options);
    }
    SECTION("the command line sets it, and takes no value") {
        const auto parsed = parse_options({"--data", dir.path().string(), "--test-mode"});
        REQUIRE(parsed.options);
        CHECK(parsed.options->test_mode);
        CHECK_FALSE(parse_options({"--data", dir.path().string(), "--test-mode=1"}).options);
    }
}

TEST_CASE("bad command lines are refused with a reason", "[config]") {
    using Row = std::tuple<std::vector<std::string>, std::string>;
    auto [args, why] = GENERATE(table<std::vector<std::string>, std::string>({
        Row{std::vector<std::string>{}, "--data"},
        Row{{"--data"}, "needs a value"},
        Row{{"--data", "/tmp/x", "--upload-delay", "soon"}, "upload delay"},
        Row{{"--data", "/tmp/x", "--upload-delay", "-5"}, "upload delay"},
        Row{{"--data", "/tmp/x", "--min-batch", "0"}, "min batch"},
        Row{{"--data", "/tmp/x", "--max-wait-days", "0"}, "max wait days"},
        Row{{"--data", "/tmp/x", "--max-wait-days", "366"}, "max wait days"},
        Row{{"--data", "/tmp/x", "--frobnicate"}, "unknown option"},
    }));
    CAPTURE(args);
    const auto parsed = parse_options(args);
    CHECK_FALSE(parsed.options);
    CHECK(parsed.error.find(why) != std::string::npos);
}

TEST_CASE("the config file fills in what the command line did not say", "[config]") {
    engage::test::TempDir dir("engage-options");
    write(dir / "kiosk.conf", "# a comment\nformat = 1\nserver = https://from-file.example\n"
                              "upload_delay = 600\nmin_batch = 9\nfullscreen = true\n"
                              "language = pl\n");
    SECTION("file values apply") {
        const auto parsed = parse_options({"--data", dir.path().string()});
        INFO(parsed.error);
        REQUIRE(parsed.options);
        CHECK(parsed.options->server_url == "https://from-file.example");
        CHECK(parsed.options->upload_delay_seconds == 600);
        CHECK(parsed.options->min_batch == 9);
        CHECK(parsed.options->fullscreen);
        CHECK(parsed.options->default_language == "pl");
    }
    SECTION("options win") {
        const auto parsed = parse_options({"--data", dir.path().string(), "--server",
                                           "http://127.0.0.1:9", "--upload-delay", "5"});
        REQUIRE(parsed.options);
        CHECK(parsed.options->server_url == "http://127.0.0.1:9");
        CHECK(parsed.options->upload_delay_seconds == 5);
        CHECK(parsed.options->min_batch == 9);
    }
    SECTION("a newer format or an unknown key is refused") {
        write(dir / "kiosk.conf", "format = 7\n");
        CHECK(parse_options({"--data", dir.path().string()}).error.find("newer") !=
              std::string::npos);
        write(dir / "kiosk.conf", "format = 1\ncolour = blue\n");
        CHECK(parse_options({"--data", dir.path().string()}).error.find("colour") !=
              std::string::npos);
    }
}

TEST_CASE("setting the staff PIN keeps only an argon2id hash of it", "[config][privacy]") {
    engage::test::TempDir dir("engage-options");
    Options o;
    o.data_dir = dir / "data";
    std::ostringstream err;
    SECTION("a good PIN") {
        std::istringstream in("739146\n");
        REQUIRE(run_set_staff_pin(o, in, err) == 0);
        const auto conf = engage::test::read_file(o.data_dir / "kiosk.conf");
        CHECK(conf.find("739146") == std::string::npos);
        CHECK(mode_of(o.data_dir / "kiosk.conf") == 0600);
        CHECK(mode_of(o.data_dir) == 0700);
        const auto parsed = parse_options({"--data", o.data_dir.string()});
        REQUIRE(parsed.options);
        CHECK(engage::verify_password(parsed.options->staff_pin_hash, "739146"));
        CHECK_FALSE(engage::verify_password(parsed.options->staff_pin_hash, "739147"));
        // Setting it again replaces the old hash rather than adding a line.
        std::istringstream again("1234\n");
        REQUIRE(run_set_staff_pin(o, again, err) == 0);
        const auto conf2 = engage::test::read_file(o.data_dir / "kiosk.conf");
        CHECK(conf2.find("staff_pin_hash") == conf2.rfind("staff_pin_hash"));
    }
    SECTION("not a PIN") {
        std::istringstream in("12ab\n");
        CHECK(run_set_staff_pin(o, in, err) == 2);
        CHECK_FALSE(std::filesystem::exists(o.data_dir / "kiosk.conf"));
    }
}

TEST_CASE("the token is stored readable only by the kiosk's user", "[config][privacy]") {
    engage::test::TempDir dir("engage-options");
    std::string error;
    REQUIRE(ensure_data_dir(dir / "data", error));
    Enrolment e{"k-12345678", "test-site", "http://127.0.0.1:1", "secret-token"};
    REQUIRE(save_enrolment(dir / "data", e, error));
    CHECK(mode_of(dir / "data" / "token") == 0600);
    const auto loaded = load_enrolment(dir / "data");
    REQUIRE(loaded);
    CHECK(loaded->token == "secret-token");
    CHECK(loaded->kiosk_id == "k-12345678");
    CHECK(loaded->site == "test-site");
    CHECK(engage::test::read_file(dir / "data" / "enrolment.json").find("secret-token") ==
          std::string::npos);
}

TEST_CASE("runtime folders are found beside the build, then in the source tree", "[config]") {
    engage::test::TempDir dir("engage-options");
    CHECK(resource_dir(dir.path(), "i18n", {}) == dir.path()); // configured wins
    CHECK(resource_dir(dir / "missing", "i18n", {}).empty());
    const auto found =
        resource_dir({}, "admin-server", std::filesystem::path(ENGAGE_BIN_DIR) / "x");
    CHECK_FALSE(found.empty());
}
