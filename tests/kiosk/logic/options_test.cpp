// Options, the config file beneath them, the staff PIN and the data dir files.

#include "engage/limits.hpp"
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
                                       "--min-batch=1",    "--ca-file",
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
    CHECK(o.min_batch == 1);
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
    // The largest accepted delay (limits.hpp) is past nothing an int could
    // hold in milliseconds; the options keep it in 64 bits, so it stays a
    // long delay instead of wrapping to a negative one, which uploads at once.
    const auto largest = engage::limits::max_upload_delay_seconds;
    const auto parsed =
        parse_options({"--data", dir.path().string(), "--upload-delay", std::to_string(largest)});
    INFO(parsed.error);
    REQUIRE(parsed.options);
    CHECK(parsed.options->upload_delay_seconds == largest);
    CHECK(parsed.options->upload_delay_seconds > 0);
    const auto over = parse_options(
        {"--data", dir.path().string(), "--upload-delay", std::to_string(largest + 1)});
    CHECK_FALSE(over.options);
    const auto huge = parse_options(
        {"--data", dir.path().string(), "--upload-delay", std::to_string(100LL * 366 * 24 * 3600)});
    CHECK_FALSE(huge.options);
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
        Row{{"--data", "/tmp/x", "--min-batch", "0", "--test-mode"}, "min batch"},
        Row{{"--data", "/tmp/x", "--upload-delay", "31536001", "--test-mode"}, "upload delay"},
        Row{{"--data", "/tmp/x", "--upload-delay", "99999999999"}, "upload delay"},
        Row{{"--data", "/tmp/x", "--min-batch", "501"}, "min batch"},
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
                                           "http://127.0.0.1:9", "--upload-delay", "700"});
        REQUIRE(parsed.options);
        CHECK(parsed.options->server_url == "http://127.0.0.1:9");
        CHECK(parsed.options->upload_delay_seconds == 700);
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

TEST_CASE("upload settings below the privacy floors are refused unless --test-mode is given",
          "[config][privacy][limits]") {
    using namespace engage::limits;
    engage::test::TempDir dir("engage-options");
    const auto data = dir.path().string();
    const auto below_delay = std::to_string(min_upload_delay_seconds - 1);
    const auto below_batch = std::to_string(min_upload_batch - 1);

    SECTION("on the command line") {
        for (const auto& args :
             std::vector<std::vector<std::string>>{{"--data", data, "--upload-delay", below_delay},
                                                   {"--data", data, "--upload-delay", "0"},
                                                   {"--data", data, "--min-batch", below_batch},
                                                   {"--data", data, "--min-batch=1"}}) {
            CAPTURE(args);
            const auto parsed = parse_options(args);
            CHECK_FALSE(parsed.options);
            CHECK(parsed.error.find("privacy floor") != std::string::npos);
        }
    }
    SECTION("in kiosk.conf, naming the file and line") {
        write(dir / "kiosk.conf", "format = 1\nmin_batch = 1\n");
        const auto batch = parse_options({"--data", data});
        CHECK_FALSE(batch.options);
        CHECK(batch.error.find("kiosk.conf:2") != std::string::npos);
        CHECK(batch.error.find("privacy floor") != std::string::npos);
        write(dir / "kiosk.conf", "format = 1\nupload_delay = 0\n");
        const auto delay = parse_options({"--data", data});
        CHECK_FALSE(delay.options);
        CHECK(delay.error.find("privacy floor") != std::string::npos);
    }
    SECTION("exactly at the floors is accepted") {
        const auto parsed = parse_options({"--data", data, "--upload-delay",
                                           std::to_string(min_upload_delay_seconds), "--min-batch",
                                           std::to_string(min_upload_batch)});
        INFO(parsed.error);
        REQUIRE(parsed.options);
        CHECK(parsed.options->upload_delay_seconds == min_upload_delay_seconds);
        CHECK(parsed.options->min_batch == min_upload_batch);
        CHECK_FALSE(parsed.options->test_mode);
    }
    SECTION("--test-mode lifts them, before or after the values, for the file too") {
        write(dir / "kiosk.conf", "format = 1\nmin_batch = 1\n");
        for (const auto& args : std::vector<std::vector<std::string>>{
                 {"--test-mode", "--data", data, "--upload-delay", "0"},
                 {"--data", data, "--upload-delay", "0", "--test-mode"}}) {
            CAPTURE(args);
            const auto parsed = parse_options(args);
            INFO(parsed.error);
            REQUIRE(parsed.options);
            CHECK(parsed.options->upload_delay_seconds == 0);
            CHECK(parsed.options->min_batch == 1);
        }
    }
    SECTION("a config file cannot turn test mode on") {
        write(dir / "kiosk.conf", "format = 1\ntest_mode = true\nmin_batch = 1\n");
        const auto parsed = parse_options({"--data", data});
        CHECK_FALSE(parsed.options);
        CHECK(parsed.error.find("--test-mode") != std::string::npos);
    }
    SECTION("an upload delay near int's limit is refused, not wrapped round to zero") {
        const auto parsed = parse_options({"--data", data, "--upload-delay", "2147483648"});
        CHECK_FALSE(parsed.options);
        CHECK(parsed.error.find("upload delay") != std::string::npos);
        const auto at_max = parse_options(
            {"--data", data, "--upload-delay", std::to_string(max_upload_delay_seconds)});
        REQUIRE(at_max.options);
        CHECK(at_max.options->upload_delay_seconds == max_upload_delay_seconds);
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
        std::istringstream again("123456\n");
        REQUIRE(run_set_staff_pin(o, again, err) == 0);
        const auto conf2 = engage::test::read_file(o.data_dir / "kiosk.conf");
        CHECK(conf2.find("staff_pin_hash") == conf2.rfind("staff_pin_hash"));
    }
    SECTION("not a PIN") {
        std::istringstream in("12ab\n");
        CHECK(run_set_staff_pin(o, in, err) == 2);
        CHECK_FALSE(std::filesystem::exists(o.data_dir / "kiosk.conf"));
    }
    SECTION("fewer than six digits are refused") {
        std::istringstream in("24681\n");
        CHECK(run_set_staff_pin(o, in, err) == 2);
        CHECK(err.str().find("6 to 12 digits") != std::string::npos);
        CHECK_FALSE(std::filesystem::exists(o.data_dir / "kiosk.conf"));
    }
}

TEST_CASE("the token is stored readable only by the kiosk's user", "[config][privacy]") {
    engage::test::TempDir dir("engage-options");
    std::string error;
    REQUIRE(ensure_data_dir(dir / "data", error));
    Enrolment e{"k-12345678", "test-site", "http://127.0.0.1:1", "secret-token", {}, {}, {}};
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

TEST_CASE("runtime folders come from the option, else from the assets lookup", "[config]") {
    engage::test::TempDir dir("engage-options");
    std::string error;
    CHECK(resource_dir(dir.path(), "i18n", error) == dir.path()); // configured wins
    CHECK(resource_dir(dir / "missing", "i18n", error).empty());
    CHECK(error.find("missing") != std::string::npos);
    // The build tree's share/engage links to the source tree's i18n/.
    const auto found = resource_dir({}, "i18n", error);
    REQUIRE_FALSE(found.empty());
    CHECK(std::filesystem::exists(found / "en.json"));
    CHECK(resource_dir({}, "no-such-folder", error).empty());
    CHECK(error.find("no-such-folder") != std::string::npos);
}

TEST_CASE("switch scanning settings come from kiosk.conf within their limits", "[config][switch]") {
    engage::test::TempDir dir("engage-options");
    SECTION("defaults: off, 1.5 s, 3 rounds") {
        const auto parsed = parse_options({"--data", dir.path().string()});
        REQUIRE(parsed.options);
        CHECK(parsed.options->scan_mode == ScanMode::off);
        CHECK(parsed.options->scan_interval_ms == 1500);
        CHECK(parsed.options->scan_cycles == 3);
    }
    SECTION("each key is read") {
        write(dir / "kiosk.conf",
              "format = 1\nscan_mode = two-switch\nscan_interval = 0.75\nscan_cycles = 10\n");
        const auto parsed = parse_options({"--data", dir.path().string()});
        INFO(parsed.error);
        REQUIRE(parsed.options);
        CHECK(parsed.options->scan_mode == ScanMode::two_switch);
        CHECK(parsed.options->scan_interval_ms == 750);
        CHECK(parsed.options->scan_cycles == 10);
    }
    SECTION("the limits themselves are accepted") {
        write(dir / "kiosk.conf", "format = 1\nscan_interval = 0.5\n");
        REQUIRE(parse_options({"--data", dir.path().string()}).options);
        write(dir / "kiosk.conf", "format = 1\nscan_interval = 5\nscan_cycles = 1\n");
        REQUIRE(parse_options({"--data", dir.path().string()}).options);
    }
    SECTION("out of range or not a value: refused, naming the limits and the line") {
        auto [line, words] = GENERATE(table<std::string, std::string>({
            {"scan_interval = 0.4", "from 0.5 to 5"},
            {"scan_interval = 5.5", "from 0.5 to 5"},
            {"scan_interval = fast", "from 0.5 to 5"},
            {"scan_interval = -1", "from 0.5 to 5"},
            {"scan_cycles = 0", "from 1 to 10"},
            {"scan_cycles = 11", "from 1 to 10"},
            {"scan_mode = on", "off, one-switch or two-switch"},
        }));
        CAPTURE(line);
        write(dir / "kiosk.conf", "format = 1\n" + line + "\n");
        const auto parsed = parse_options({"--data", dir.path().string()});
        CHECK_FALSE(parsed.options);
        CHECK_THAT(parsed.error, Catch::Contains(words));
        CHECK_THAT(parsed.error, Catch::Contains("kiosk.conf:2"));
    }
}

TEST_CASE("kiosk.conf's easy_words sets whether visits start with Easy words on",
          "[config][easy_words]") {
    engage::test::TempDir dir("engage-options");
    SECTION("off unless configured") {
        const auto parsed = parse_options({"--data", dir.path().string()});
        REQUIRE(parsed.options);
        CHECK_FALSE(parsed.options->default_easy_words);
    }
    SECTION("on when the file says so") {
        write(dir / "kiosk.conf", "format = 1\neasy_words = true\n");
        const auto parsed = parse_options({"--data", dir.path().string()});
        INFO(parsed.error);
        REQUIRE(parsed.options);
        CHECK(parsed.options->default_easy_words);
    }
    SECTION("a value that is not true or false is refused with a reason") {
        write(dir / "kiosk.conf", "format = 1\neasy_words = maybe\n");
        const auto parsed = parse_options({"--data", dir.path().string()});
        CHECK_FALSE(parsed.options);
        CHECK(parsed.error.find("easy_words") != std::string::npos);
    }
}
