// Wire compatibility (issue 7): kiosks stay offline for weeks and are updated
// after the server, so every later server must answer what today's kiosks
// send. tests/fixtures/wire-v1/ holds requests recorded byte for byte from the
// 0.1.0 kiosk (its README says how); this replays them on one keep-alive
// connection, in the order the kiosk sent them, against the real server.
// Never edit a recorded request to make this pass: a failure here means old
// kiosks in the field would fail too.

#include "engage/protocol.hpp"
#include "server_fixture.hpp"

#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <sstream>

using namespace engage;
using namespace engage::test;

namespace {

std::string recorded(std::string_view name) {
    const auto file =
        std::filesystem::path(ENGAGE_SOURCE_DIR) / "tests" / "fixtures" / "wire-v1" / name;
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        throw std::runtime_error("missing fixture " + file.string());
    }
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// The recorded request with this run's values in place of the recording's
// ({{token}}, {{code}}, {{host}}, {{etag}}), and Content-Length set to the
// body's length once filled in (a placeholder is not as long as its value).
std::string replayable(std::string text, const std::map<std::string, std::string>& values) {
    const auto head_end = text.find("\r\n\r\n");
    REQUIRE(head_end != std::string::npos);
    std::string head = text.substr(0, head_end + 2);
    std::string body = text.substr(head_end + 4);
    auto fill = [&values](std::string& s) {
        for (const auto& [key, value] : values) {
            const std::string mark = "{{" + key + "}}";
            for (auto p = s.find(mark); p != std::string::npos;
                 p = s.find(mark, p + value.size())) {
                s.replace(p, mark.size(), value);
            }
        }
        INFO(s);
        REQUIRE(s.find("{{") == std::string::npos); // every placeholder has a value
    };
    fill(head);
    fill(body);
    const std::string length_key = "Content-Length: ";
    if (const auto at = head.find(length_key); at != std::string::npos) {
        const auto eol = head.find("\r\n", at);
        head.replace(at + length_key.size(), eol - at - length_key.size(),
                     std::to_string(body.size()));
    } else {
        REQUIRE(body.empty()); // the kiosk sends every body with its length
    }
    return head + "\r\n" + body;
}

// The ids of a recorded batch, in order.
std::vector<std::string> ids_in(const std::string& request) {
    const auto v = parse_json(request.substr(request.find("\r\n\r\n") + 4));
    std::vector<std::string> ids;
    for (const auto& item : v.at("submissions").as_array()) {
        ids.emplace_back(item.at("id").as_string());
    }
    return ids;
}

const boost::json::object& kiosk_row(const boost::json::object& status) {
    const auto& kiosks = status.at("kiosks").as_array();
    REQUIRE(kiosks.size() == 1);
    return kiosks[0].as_object();
}

} // namespace

TEST_CASE("a new server answers every request the 0.1.0 kiosk sends (wire-v1 corpus)",
          "[server][wire]") {
    TempDir data("engage-wire");
    ServerProcess server(data.path());
    const std::string code = make_enrol_code(data.path(), "day-centre-north");
    std::map<std::string, std::string> values{
        {"code", code}, {"host", "127.0.0.1:" + std::to_string(server.port())}};
    HttpConnection c(server.port());
    auto replay = [&](std::string_view name) {
        INFO("replaying " << name);
        REQUIRE(c.send_raw(replayable(recorded(name), values)));
        return must(c.read_response(), c);
    };
    std::string error;

    // Enrolment, then content without an ETag: the kiosk's first contact.
    const auto enrolled = replay("01-enrol.http");
    INFO(enrolled.body);
    REQUIRE(enrolled.status == 200);
    protocol::EnrolResponse enrolment;
    REQUIRE(protocol::read_text(enrolled.body, enrolment, error));
    CHECK(enrolment.site == "day-centre-north");
    values["token"] = enrolment.token;

    const auto content = replay("02-content.http");
    REQUIRE(content.status == 200);
    ContentBundle bundle;
    boost::json::value bundle_json;
    REQUIRE(parse_json_strict(content.body, bundle_json, error));
    REQUIRE(parse_content_bundle(bundle_json, bundle, error));
    REQUIRE(content.header("ETag").has_value());
    values["etag"] = *content.header("ETag");

    for (const auto* name : {"03-heartbeat.http", "05-heartbeat.http", "07-heartbeat.http"}) {
        const auto beat = replay(name);
        INFO(name << ": " << beat.body);
        CHECK(beat.status == 200);
        protocol::HeartbeatResponse ok;
        CHECK(protocol::read_text(beat.body, ok, error));
        CHECK(ok.ok);
    }

    // The ETag it was given: 304 and no body.
    const auto unchanged = replay("04-content-if-none-match.http");
    CHECK(unchanged.status == 304);
    CHECK(unchanged.body.empty());

    // An anonymous item and a sealed sign-up in one batch: both stored, and
    // the same batch again (a lost reply, resent) stores nothing twice.
    const std::string batch = "06-submissions-anonymous-and-sealed.http";
    const auto sent_ids = ids_in(recorded(batch));
    REQUIRE(sent_ids.size() == 2);
    for (const auto expected : {protocol::ItemStatus::accepted, protocol::ItemStatus::duplicate}) {
        const auto reply = replay(batch);
        INFO(reply.body);
        REQUIRE(reply.status == 200);
        protocol::BatchResults results;
        REQUIRE(protocol::read_text(reply.body, results, error));
        REQUIRE(results.results.size() == sent_ids.size());
        for (std::size_t i = 0; i < sent_ids.size(); ++i) {
            CHECK(results.results[i].id == sent_ids[i]);
            CHECK(results.results[i].status == expected);
        }
    }
    // Exact counts from the file: status never prints 1 to 4 (DESIGN §6 rule 3).
    const auto stored = stored_counts(data.path());
    CHECK(stored.total == 2);
    CHECK(stored.sealed == 1);
    const auto status = admin_status(data.path());
    INFO(boost::json::serialize(status));
    CHECK(kiosk_row(status).at("outbox") == boost::json::value("0"));

    // An old kiosk's exact outbox depth is stored only as its band.
    const auto waiting = replay("08-heartbeat-outbox-waiting.http");
    CHECK(waiting.status == 200);
    const auto after = admin_status(data.path());
    INFO(boost::json::serialize(after));
    CHECK(kiosk_row(after).at("outbox") == boost::json::value("5+"));
    CHECK_FALSE(kiosk_row(after).contains("outbox_depth"));
}
