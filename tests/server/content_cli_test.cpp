// engage-admin content export / import on the real program (issue 9):
// lossless round trip, versions added and never changed, strict reading
// that leaves the data folder untouched on any error, and an export that
// never carries answers.
#include "server_fixture.hpp"

#include <boost/json.hpp>
#include <catch2/catch.hpp>
#include <fstream>

using namespace engage;
using namespace engage::test;
namespace fs = std::filesystem;

namespace {

// A small document of our own (not the sample content), so each test says
// exactly what it imports.
boost::json::object poll_form(std::string_view question_text) {
    return boost::json::object{
        {"slug", "bus-poll"},
        {"kind", "poll"},
        {"version", 1},
        {"status", "published"},
        {"title", boost::json::object{{"en", "Buses"}}},
        {"questions",
         boost::json::array{boost::json::object{
             {"id", "q1"},
             {"type", "yesno"},
             {"text", boost::json::object{{"en", question_text}, {"pl", "Autobus?"}}}}}}};
}

boost::json::object document(std::string_view question_text) {
    return boost::json::object{
        {"engage_content", 2},
        {"forms", boost::json::array{poll_form(question_text)}},
        // Without "sites" (a file from before it): every site.
        {"help",
         boost::json::array{boost::json::object{{"id", "samaritans"},
                                                {"name", boost::json::object{{"en", "Samaritans"}}},
                                                {"phone", "116 123"}}}},
        {"you_said_we_did",
         boost::json::array{
             boost::json::object{{"id", "showers"},
                                 {"you_said", boost::json::object{{"en", "More showers"}}},
                                 {"we_did", boost::json::object{{"en", "Two more"}}},
                                 {"sites", boost::json::array{"day-centre", "library"}}}}},
        {"settings", boost::json::object{{"inactivity_seconds", 60},
                                         {"countdown_seconds", 20},
                                         {"languages", boost::json::array{"en", "pl"}}}},
        {"sites", boost::json::array{boost::json::object{
                      {"slug", "hub"},
                      {"name", "Hub North"},
                      {"address", "1 High Street"},
                      {"hours", boost::json::object{{"mon", boost::json::array{"09:00-12:30",
                                                                               "13:30-17:00"}},
                                                    {"tue", boost::json::array{"20:00-24:00"}},
                                                    {"wed", boost::json::array{"00:00-08:00"}},
                                                    {"thu", boost::json::array{}},
                                                    {"fri", boost::json::array{}},
                                                    {"sat", boost::json::array{}},
                                                    {"sun", boost::json::array{}}}},
                      {"languages", boost::json::array{"en", "so"}}}}}};
}

fs::path write_file(const TempDir& dir, std::string_view name, std::string_view text) {
    const auto path = dir / name;
    std::ofstream(path, std::ios::binary) << text;
    return path;
}

CommandResult export_content(const fs::path& data) {
    return run_admin({"content", "export", "--data", data.string()});
}

CommandResult import_content(const fs::path& data, const fs::path& file,
                             const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args{"content", "import", "--data", data.string(), file.string()};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_admin(args);
}

// The exported document, parsed; fails the test unless export succeeds.
boost::json::object exported(const fs::path& data) {
    const auto r = export_content(data);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return boost::json::parse(r.out).as_object();
}

// (version, status) of every stored version of `slug`, in order.
std::vector<std::pair<std::int64_t, std::string>> versions_of(const boost::json::object& doc,
                                                              std::string_view slug) {
    std::vector<std::pair<std::int64_t, std::string>> out;
    for (const auto& f : doc.at("forms").as_array()) {
        if (f.at("slug").as_string() == slug) {
            out.emplace_back(f.at("version").as_int64(), std::string(f.at("status").as_string()));
        }
    }
    return out;
}

} // namespace

TEST_CASE("content export then import into an empty data folder loses nothing",
          "[admin][content]") {
    TempDir first("engage-data");
    TempDir second("engage-data");
    TempDir files;
    const auto in = write_file(files, "in.json", boost::json::serialize(document("Bus on time?")));
    REQUIRE(import_content(first.path(), in).exit_code == 0);
    // A second version, so "every version" is tested, not just the latest.
    REQUIRE(import_content(first.path(), write_file(files, "v2.json",
                                                    boost::json::serialize(document("Bus late?"))))
                .exit_code == 0);

    const auto one = export_content(first.path());
    REQUIRE(one.exit_code == 0);
    const auto dump = write_file(files, "export.json", one.out);
    const auto imported = import_content(second.path(), dump);
    INFO(imported.err);
    REQUIRE(imported.exit_code == 0);
    const auto two = export_content(second.path());
    REQUIRE(two.exit_code == 0);

    CHECK(two.out == one.out);
    const auto doc = boost::json::parse(two.out).as_object();
    CHECK(doc.at("engage_content").as_int64() == 2);
    REQUIRE(doc.at("sites").as_array().size() == 1);
    CHECK(doc.at("sites").at(0).at("hours").at("tue").at(0) == "20:00-24:00");
    CHECK(doc.at("sites").at(0).at("languages") == boost::json::array{"en", "so"});
    CHECK(versions_of(doc, "bus-poll") ==
          std::vector<std::pair<std::int64_t, std::string>>{{1, "published"}, {2, "draft"}});
    CHECK(doc.at("help").as_array().size() == 1);
    CHECK(doc.at("help").at(0).at("sites") == boost::json::array{});
    CHECK(doc.at("you_said_we_did").as_array().size() == 1);
    CHECK(doc.at("you_said_we_did").at(0).at("sites") ==
          (boost::json::array{"day-centre", "library"}));
    CHECK(doc.at("settings").at("inactivity_seconds").as_int64() == 60);
}

TEST_CASE("content import adds versions and never changes a stored one", "[admin][content]") {
    TempDir data("engage-data");
    TempDir files;
    const auto original = write_file(files, "a.json", boost::json::serialize(document("On time?")));
    const auto added = import_content(data.path(), original);
    REQUIRE(added.exit_code == 0);
    CHECK(added.out.find("form \"bus-poll\": added (version 1)") != std::string::npos);
    const auto v1 = exported(data.path()).at("forms").as_array().at(0);

    SECTION("the same content again is unchanged and writes nothing") {
        const auto again = import_content(data.path(), original);
        REQUIRE(again.exit_code == 0);
        CHECK(again.out.find("form \"bus-poll\": unchanged") != std::string::npos);
        CHECK(again.out.find("help entry \"samaritans\": unchanged") != std::string::npos);
        CHECK(versions_of(exported(data.path()), "bus-poll").size() == 1);
    }
    SECTION("a changed form becomes a new draft beside the published version") {
        const auto changed = import_content(
            data.path(), write_file(files, "b.json", boost::json::serialize(document("Late?"))));
        REQUIRE(changed.exit_code == 0);
        CHECK(changed.out.find("form \"bus-poll\": new draft (version 2)") != std::string::npos);
        const auto doc = exported(data.path());
        CHECK(versions_of(doc, "bus-poll") ==
              std::vector<std::pair<std::int64_t, std::string>>{{1, "published"}, {2, "draft"}});
        CHECK(doc.at("forms").as_array().at(0) == v1);
    }
    SECTION("--publish makes a new published version and closes the old one, unedited") {
        const auto day_before = to_string(today_utc());
        const auto published = import_content(
            data.path(), write_file(files, "b.json", boost::json::serialize(document("Late?"))),
            {"--publish"});
        REQUIRE(published.exit_code == 0);
        CHECK(published.out.find("form \"bus-poll\": published version 2 (closed version 1)") !=
              std::string::npos);
        const auto doc = exported(data.path());
        CHECK(versions_of(doc, "bus-poll") ==
              std::vector<std::pair<std::int64_t, std::string>>{{1, "closed"}, {2, "published"}});
        // Version 1 is closed today (so answers given before a kiosk heard of
        // version 2 still count) and otherwise as it was.
        auto old_version = doc.at("forms").as_array().at(0).as_object();
        const auto day_after = to_string(today_utc()); // the import may cross midnight
        const std::string closes(old_version.at("closes").as_string());
        CHECK((closes == day_before || closes == day_after));
        old_version["closes"] = nullptr;
        old_version["status"] = "published";
        CHECK(old_version == v1.as_object());
        CHECK(doc.at("forms").as_array().at(1).at("questions").at(0).at("text").at("en") ==
              "Late?");
    }
}

TEST_CASE("content import refuses a bad file, says where, and changes nothing",
          "[admin][content]") {
    TempDir data("engage-data");
    TempDir files;
    REQUIRE(import_content(data.path(), write_file(files, "ok.json",
                                                   boost::json::serialize(document("On time?"))))
                .exit_code == 0);
    const auto before = export_content(data.path()).out;
    auto doc = document("A changed question");
    std::string expected;

    SECTION("not JSON") {
        const auto r = import_content(data.path(), write_file(files, "bad.json", "{\"engage_"));
        CHECK(r.exit_code == 1);
        CHECK(r.err.find("not valid JSON") != std::string::npos);
        CHECK(r.err.find("nothing was imported") != std::string::npos);
    }
    SECTION("an unknown field") {
        doc["forms"].as_array()[0].as_object()["questions"].as_array()[0].as_object()["txet"] =
            "typo";
        expected = "forms[0] (\"bus-poll\" version 1) question q1: unknown field \"txet\"";
    }
    SECTION("an unknown section") {
        doc["answers"] = boost::json::array{};
        expected = "the document: unknown field \"answers\"";
    }
    SECTION("a question a kiosk would refuse") {
        doc["forms"].as_array()[0].as_object()["questions"].as_array()[0].as_object()["type"] =
            "slider";
        expected = "forms[0] (\"bus-poll\" version 1): form bus-poll:";
    }
    SECTION("a site with an overnight range") {
        doc["sites"].as_array()[0].as_object()["hours"].as_object()["thu"] =
            boost::json::array{"22:00-06:00"};
        expected = "sites[0] (\"hub\"): opening hours \"thu\": closes at 06:00";
    }
    SECTION("a newer format") {
        doc["engage_content"] = 3;
        expected = "newer than this engage-admin reads";
    }
    SECTION("a form whose kind differs from the stored one") {
        doc["forms"].as_array()[0].as_object()["kind"] = "feedback";
        expected = "form \"bus-poll\": \"kind\" is feedback in the file but poll";
    }
    if (!expected.empty()) {
        // The help entry changes too: it must not be written either.
        doc["help"].as_array()[0].as_object()["phone"] = "999";
        const auto r =
            import_content(data.path(), write_file(files, "bad.json", boost::json::serialize(doc)));
        INFO(r.err);
        CHECK(r.exit_code == 1);
        CHECK(r.err.find(expected) != std::string::npos);
        CHECK(r.err.find("nothing was imported") != std::string::npos);
    }
    CHECK(export_content(data.path()).out == before);
}

TEST_CASE("content export never holds answers, and import waits for the server to stop",
          "[admin][content][privacy]") {
    TestServer s;
    const auto& form = form_of_kind(s.content, FormKind::feedback);
    auto item = anonymous_item(form, today());
    const std::string canary = "canary-answer-7f3a";
    auto& answers = item["answers"].as_object();
    for (const auto& q : form.questions) {
        if (q.type == QuestionType::text) {
            answers[q.id] = canary;
        }
    }
    REQUIRE(answers.size() > 0);
    const auto reply = post_batch(s.port(), s.kiosk.token, boost::json::array{item});
    REQUIRE(reply.status == 200);
    REQUIRE(results_of(reply).at(0).status == "accepted");

    TempDir files;
    const auto file = write_file(files, "in.json", boost::json::serialize(document("On time?")));
    const auto refused = import_content(s.data.path(), file);
    CHECK(refused.exit_code == 1);
    CHECK(refused.err.find("stop it first") != std::string::npos);

    // Export works while the server runs (it only reads).
    const auto out = export_content(s.data.path());
    REQUIRE(out.exit_code == 0);
    CHECK(out.out.find(canary) == std::string::npos);
    CHECK(out.out.find(s.kiosk.token) == std::string::npos);
    CHECK(out.out.find(form.slug) != std::string::npos);
    const auto doc = boost::json::parse(out.out).as_object();
    for (const auto& [key, value] : doc) {
        CHECK((key == "engage_content" || key == "forms" || key == "help" ||
               key == "you_said_we_did" || key == "settings" || key == "translation_marks" ||
               key == "sites"));
    }
}

TEST_CASE("translation review marks survive export and import, and --needs-review marks a "
          "machine-drafted file",
          "[admin][content][translations]") {
    TempDir first("engage-data");
    TempDir second("engage-data");
    TempDir files;
    auto doc = document("Bus on time?");
    doc["translation_marks"] = boost::json::array{boost::json::object{{"form", "bus-poll"},
                                                                      {"version", 1},
                                                                      {"string", "q1.text"},
                                                                      {"language", "pl"},
                                                                      {"state", "reviewed"},
                                                                      {"by", "sam"},
                                                                      {"at", 1800000000}}};

    SECTION("round trip: the same marks come back") {
        const auto in = write_file(files, "in.json", boost::json::serialize(doc));
        const auto r = import_content(first.path(), in);
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
        const auto one = export_content(first.path());
        REQUIRE(one.exit_code == 0);
        const auto marks = boost::json::parse(one.out).at("translation_marks");
        REQUIRE(marks.as_array().size() == 1);
        CHECK(marks.at(0).at("state").as_string() == "reviewed");
        CHECK(marks.at(0).at("by").as_string() == "sam");
        REQUIRE(
            import_content(second.path(), write_file(files, "export.json", one.out)).exit_code ==
            0);
        CHECK(export_content(second.path()).out == one.out);
    }
    SECTION("--needs-review marks every translation the file leaves unmarked") {
        doc["translation_marks"] = boost::json::array{};
        const auto in = write_file(files, "in.json", boost::json::serialize(doc));
        const auto r = import_content(first.path(), in, {"--needs-review"});
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
        const auto marks = exported(first.path()).at("translation_marks").as_array();
        REQUIRE(marks.size() == 1); // the one Polish string, "Autobus?"
        CHECK(marks.at(0).at("string").as_string() == "q1.text");
        CHECK(marks.at(0).at("state").as_string() == "needs_review");
        CHECK(marks.at(0).at("by").as_string() == "import");
    }
    SECTION("a mark with an unknown state is refused and nothing is imported") {
        doc["translation_marks"].as_array()[0].as_object()["state"] = "approved";
        const auto in = write_file(files, "in.json", boost::json::serialize(doc));
        const auto r = import_content(first.path(), in);
        CHECK(r.exit_code != 0);
        CHECK(r.err.find("translation_marks[0]") != std::string::npos);
    }
}
