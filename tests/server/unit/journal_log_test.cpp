// The server's journal fields (log/journal_log.hpp) and the totals the
// hourly counters line takes from /metrics' published copy.

#include "log/journal_log.hpp"
#include "metrics/metrics.hpp"
#include "support/admin_cli.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <unistd.h>
#include <vector>

using namespace engage;

TEST_CASE("an event's journal fields are MESSAGE, PRIORITY, identifier, event, then extras",
          "[server-unit][journal]") {
    const std::vector<journal::Field> extra{{"ENGAGE_ITEMS_ACCEPTED", "120"}};
    const auto fields = journal::journal_fields(journal::Priority::warning, "counters",
                                                "counters since start", extra);
    CHECK(fields == std::vector<std::string>{"MESSAGE=counters since start", "PRIORITY=4",
                                             "SYSLOG_IDENTIFIER=engage-admin",
                                             "ENGAGE_EVENT=counters", "ENGAGE_ITEMS_ACCEPTED=120"});

    SECTION("control bytes cannot forge a second line or field") {
        const std::vector<journal::Field> forged{{"ENGAGE_TLS_CERT", "a\nPRIORITY=0"}};
        const auto f = journal::journal_fields(journal::Priority::err, "e\r\n", "one\ntwo", forged);
        CHECK(f[0] == "MESSAGE=one?two");
        CHECK(f[1] == "PRIORITY=3");
        CHECK(f[3] == "ENGAGE_EVENT=e??");
        CHECK(f[4] == "ENGAGE_TLS_CERT=a?PRIORITY=0");
    }
    SECTION("a field whose name journald would refuse or trust is left out") {
        const std::vector<std::string> names{
            "", "lower", "_PID", "A-B", "ÄÖ", std::string(65, 'A'), "MESSAGE ID"};
        for (const auto& name : names) {
            INFO(name);
            CHECK_FALSE(journal::valid_field_name(name));
            const std::vector<journal::Field> bad{{name, "x"}};
            CHECK(journal::journal_fields(journal::Priority::info, "e", "m", bad).size() == 4);
        }
        CHECK(journal::valid_field_name(std::string(64, 'A')));
        CHECK(journal::valid_field_name("ENGAGE_2"));
    }
}

TEST_CASE("stderr counts as the journal only when JOURNAL_STREAM names its device and inode",
          "[server-unit][journal]") {
    CHECK(journal::journal_stream_matches("8:1234", 8, 1234));
    CHECK_FALSE(journal::journal_stream_matches("8:1235", 8, 1234));
    CHECK_FALSE(journal::journal_stream_matches("9:1234", 8, 1234));
    CHECK_FALSE(journal::journal_stream_matches(nullptr, 8, 1234));
    CHECK_FALSE(journal::journal_stream_matches("", 8, 1234));
    CHECK_FALSE(journal::journal_stream_matches("8:1234x", 8, 1234));
    CHECK_FALSE(journal::journal_stream_matches("8", 8, 1234));
}

TEST_CASE("the counters line's totals are the published ones, rounded as /metrics rounds them",
          "[server-unit][journal][metrics]") {
    metrics::Registry m("test");
    for (int i = 0; i < 7; ++i) {
        m.item_accepted();
    }
    for (int i = 0; i < 6; ++i) {
        m.item_rejected("unknown_version");
    }
    m.item_rejected("future_date");
    m.observe_request(metrics::EndpointClass::api, std::chrono::milliseconds(1));
    // Nothing shows before a publication: the log moves when a scrape does.
    CHECK(m.published_totals().accepted == 0);
    CHECK(m.published_totals().requests[0] == 0);
    m.publish();
    const auto t = m.published_totals();
    CHECK(t.accepted == 5);
    CHECK(t.duplicate == 0);
    using Reason = std::pair<std::string_view, std::uint64_t>;
    CHECK(t.rejected == std::vector<Reason>{{"unknown_version", 5}}); // 1 future_date shows as 0
    CHECK(t.requests[static_cast<std::size_t>(metrics::EndpointClass::api)] == 1);
}

TEST_CASE("an event sent to the journal reads back with its fields", "[server-unit][journal]") {
    // Needs a running journald (a systemd host); build containers have none.
    if (!std::filesystem::exists("/run/systemd/journal/socket")) {
        WARN("skipped: no journald here (/run/systemd/journal/socket is missing)");
        return;
    }
    const std::string marker = "test" + std::to_string(::getpid());
    const std::vector<journal::Field> extra{{"ENGAGE_TEST_MARKER", marker}};
    REQUIRE(journal::send_to_journal(
        journal::journal_fields(journal::Priority::notice, "test_event", "hello", extra)));
    // journald indexes what it received in order; a short bounded poll.
    std::string out;
    for (int attempt = 0; attempt < 50 && out.find("test_event") == std::string::npos; ++attempt) {
        const auto r = test::run_program(
            {"/usr/bin/journalctl", "--no-pager", "-o", "export", "ENGAGE_TEST_MARKER=" + marker});
        if (r.exit_code != 0) {
            WARN("skipped: journalctl cannot read the journal here: " << r.err);
            return;
        }
        out = r.out;
    }
    CHECK(out.find("ENGAGE_EVENT=test_event") != std::string::npos);
    CHECK(out.find("PRIORITY=5") != std::string::npos);
    CHECK(out.find("SYSLOG_IDENTIFIER=engage-admin") != std::string::npos);
    CHECK(out.find("MESSAGE=hello") != std::string::npos);
}
