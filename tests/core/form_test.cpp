#include "engage/form.hpp"
#include "engage/limits.hpp"
#include "engage/strict_json.hpp"
#include "sample_forms.hpp"

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

// A valid minimal form with `questions` spliced in.
std::string form_with(const std::string& questions, const std::string& extra = "") {
    return R"({"slug": "f", "kind": "poll", "version": 1, "status": "published",
               "title": {"en": "T"})" +
           extra + R"(, "questions": [)" + questions + "]}";
}

} // namespace

TEST_CASE("parses every part of a form version", "[form]") {
    const FormVersion f = test::form_from(test::feedback_form_json);
    CHECK(f.slug == "day-centre-feedback");
    CHECK(f.kind == FormKind::feedback);
    CHECK(f.version == 3);
    CHECK(f.status == FormStatus::published);
    CHECK(f.title.get("pl") == "Powiedz nam o dzisiaj");
    CHECK(f.opens == Date{2026, 11, 1});
    CHECK_FALSE(f.closes.has_value());
    REQUIRE(f.questions.size() == 6);
    const Question* q1 = f.find_question("q1");
    REQUIRE(q1 != nullptr);
    CHECK(q1->type == QuestionType::choice);
    CHECK(q1->icon == "food");
    REQUIRE(q1->find_option("bad") != nullptr);
    CHECK(q1->find_option("bad")->easy.get("en") == "Not good");
    CHECK(q1->find_option("nope") == nullptr);
    CHECK(f.find_question("q5")->max_length == 500);
    CHECK(f.find_question("age")->demographic);
    CHECK(f.find_question("q9") == nullptr);
}

TEST_CASE("a form version round-trips through JSON exactly", "[form][json]") {
    const FormVersion f = test::form_from(test::feedback_form_json);
    const boost::json::value jv = boost::json::value_from(f);
    FormVersion back;
    std::string error;
    REQUIRE(parse_form_version(jv, back, error));
    CHECK(back == f);
    // and once more through text
    const std::string text = boost::json::serialize(jv);
    FormVersion again;
    REQUIRE(parse_form_version(json(text), again, error));
    CHECK(again == f);
    CHECK(boost::json::serialize(boost::json::value_from(again)) == text);

    const FormVersion s = test::form_from(test::signup_form_json);
    FormVersion sback;
    REQUIRE(parse_form_version(boost::json::value_from(s), sback, error));
    CHECK(sback == s);
}

TEST_CASE("refuses invalid forms with a sentence for staff", "[form]") {
    auto [name, text] = GENERATE(table<std::string, std::string>({
        {"not an object", "[]"},
        {"missing slug", R"({"kind": "poll", "title": "T"})"},
        {"slug with capitals", R"({"slug": "Day", "kind": "poll", "title": "T"})"},
        {"slug with space", R"({"slug": "a b", "kind": "poll", "title": "T"})"},
        {"slug too long", R"({"slug": ")" + std::string(limits::max_id_bytes + 1, 'a') +
                              R"(", "kind": "poll", "title": "T"})"},
        {"unknown kind", R"({"slug": "f", "kind": "survey", "title": "T"})"},
        {"unknown status", R"({"slug": "f", "kind": "poll", "status": "live", "title": "T"})"},
        {"version zero", R"({"slug": "f", "kind": "poll", "version": 0, "title": "T"})"},
        {"version fractional", R"({"slug": "f", "kind": "poll", "version": 1.5, "title": "T"})"},
        {"missing title", R"({"slug": "f", "kind": "poll"})"},
        {"empty title", R"({"slug": "f", "kind": "poll", "title": {}})"},
        {"blank title", R"({"slug": "f", "kind": "poll", "title": {"en": ""}})"},
        {"title not text", R"({"slug": "f", "kind": "poll", "title": 5})"},
        {"bad opens", form_with("", R"(, "opens": "2026-11-01T09:00")")},
        {"closes before opens",
         form_with("", R"(, "opens": "2026-11-02", "closes": "2026-11-01")")},
        {"sites not array", form_with("", R"(, "sites": "hub")")},
        {"question not object", form_with("1")},
        {"question bad id", form_with(R"({"id": "Q1", "type": "yesno", "text": "x"})")},
        {"question unknown type", form_with(R"({"id": "q1", "type": "slider", "text": "x"})")},
        {"question no text", form_with(R"({"id": "q1", "type": "yesno"})")},
        {"duplicate question id",
         form_with(
             R"({"id": "q1", "type": "yesno", "text": "x"}, {"id": "q1", "type": "scale", "text": "y"})")},
        {"choice with one option",
         form_with(
             R"({"id": "q1", "type": "choice", "text": "x", "options": [{"id": "a", "text": "A"}]})")},
        {"multi with no options", form_with(R"({"id": "q1", "type": "multi", "text": "x"})")},
        {"options on a scale",
         form_with(
             R"({"id": "q1", "type": "scale", "text": "x", "options": [{"id": "a", "text": "A"}, {"id": "b", "text": "B"}]})")},
        {"duplicate option id",
         form_with(
             R"({"id": "q1", "type": "choice", "text": "x", "options": [{"id": "a", "text": "A"}, {"id": "a", "text": "B"}]})")},
        {"option bad id",
         form_with(
             R"({"id": "q1", "type": "choice", "text": "x", "options": [{"id": "a!", "text": "A"}, {"id": "b", "text": "B"}]})")},
        {"option no text",
         form_with(
             R"({"id": "q1", "type": "choice", "text": "x", "options": [{"id": "a"}, {"id": "b", "text": "B"}]})")},
        {"demographic without prefer-not-to-say",
         form_with(
             R"({"id": "q1", "type": "choice", "text": "x", "demographic": true, "options": [{"id": "a", "text": "A"}, {"id": "b", "text": "B"}]})")},
        {"demographic yesno",
         form_with(R"({"id": "q1", "type": "yesno", "text": "x", "demographic": true})")},
        {"demographic not bool",
         form_with(R"({"id": "q1", "type": "yesno", "text": "x", "demographic": "yes"})")},
        {"max_length over limit",
         form_with(R"({"id": "q1", "type": "text", "text": "x", "max_length": 2001})")},
        {"max_length zero",
         form_with(R"({"id": "q1", "type": "text", "text": "x", "max_length": 0})")},
        {"max_length on a choice",
         form_with(
             R"({"id": "q1", "type": "choice", "text": "x", "max_length": 10, "options": [{"id": "a", "text": "A"}, {"id": "b", "text": "B"}]})")},
    }));
    INFO(name << ": " << text);
    FormVersion f;
    f.slug = "untouched";
    std::string error;
    CHECK_FALSE(parse_form_version(json(text), f, error));
    CHECK_FALSE(error.empty());
    CHECK(f.slug == "untouched");
}

TEST_CASE("accepts the edges of the form rules", "[form]") {
    std::string error;
    FormVersion f;
    SECTION("text max_length at the limit") {
        REQUIRE(parse_form_version(
            json(form_with(R"({"id": "q1", "type": "text", "text": "x", "max_length": 2000})")), f,
            error));
        CHECK(f.questions[0].max_length == limits::max_text_answer_bytes);
    }
    SECTION("a bare string title is English") {
        REQUIRE(parse_form_version(json(form_with("")), f, error));
        CHECK(f.title.get("en") == "T");
    }
    SECTION("ids of 64 bytes with - and _") {
        const std::string id = std::string(62, 'a') + "-_";
        REQUIRE(parse_form_version(
            json(form_with(R"({"id": ")" + id + R"(", "type": "yesno", "text": "x"})")), f, error));
        CHECK(f.questions[0].id == id);
    }
    SECTION("opens equal to closes") {
        REQUIRE(parse_form_version(
            json(form_with("", R"(, "opens": "2026-11-02", "closes": "2026-11-02")")), f, error));
    }
    SECTION("defaults: draft, version 1, every site") {
        REQUIRE(parse_form_version(json(R"({"slug": "f", "kind": "feedback", "title": "T"})"), f,
                                   error));
        CHECK(f.status == FormStatus::draft);
        CHECK(f.version == 1);
        CHECK(f.sites.empty());
        CHECK(f.questions.empty());
    }
}

TEST_CASE("a form is open only when published, in its dates and at its sites", "[form]") {
    FormVersion f = test::form_from(test::feedback_form_json);
    f.closes = Date{2026, 11, 30};
    CHECK(f.open_at("anywhere", Date{2026, 11, 1}));
    CHECK(f.open_at("anywhere", Date{2026, 11, 30}));
    CHECK_FALSE(f.open_at("anywhere", Date{2026, 10, 31}));
    CHECK_FALSE(f.open_at("anywhere", Date{2026, 12, 1}));
    f.sites = {"hub-north"};
    CHECK(f.open_at("hub-north", Date{2026, 11, 5}));
    CHECK_FALSE(f.open_at("hub-south", Date{2026, 11, 5}));
    f.status = FormStatus::draft;
    CHECK_FALSE(f.open_at("hub-north", Date{2026, 11, 5}));
    SECTION("a closed form still takes answers dated before it closed") {
        f.status = FormStatus::closed;
        CHECK(f.open_at("hub-north", Date{2026, 11, 5}));
        CHECK_FALSE(f.open_at("hub-north", Date{2026, 12, 5}));
        f.closes.reset();
        CHECK_FALSE(f.open_at("hub-north", Date{2026, 11, 5}));
    }
}

TEST_CASE("enum names parse back", "[form]") {
    for (auto k : {FormKind::feedback, FormKind::poll, FormKind::signup}) {
        CHECK(parse_form_kind(to_string(k)) == k);
    }
    for (auto s : {FormStatus::draft, FormStatus::published, FormStatus::closed}) {
        CHECK(parse_form_status(to_string(s)) == s);
    }
    for (auto t : {QuestionType::choice, QuestionType::multi, QuestionType::scale,
                   QuestionType::yesno, QuestionType::text}) {
        CHECK(parse_question_type(to_string(t)) == t);
    }
    CHECK_FALSE(parse_form_kind("Feedback").has_value());
    CHECK_FALSE(parse_question_type("").has_value());
}

TEST_CASE("localised text falls back to English, then any language, then empty", "[form][i18n]") {
    LocalisedText t;
    CHECK(t.get("pl").empty());
    t.by_language["ar"] = "مرحبا";
    CHECK(t.get("pl") == "مرحبا");
    t.by_language["en"] = "Hello";
    CHECK(t.get("pl") == "Hello");
    t.by_language["pl"] = "Cześć";
    CHECK(t.get("pl") == "Cześć");
    CHECK(t.has("ar"));
    CHECK_FALSE(t.has("ur"));

    LocalisedText parsed;
    CHECK_FALSE(parse_localised(json(R"({"en": 5})"), parsed));
    CHECK_FALSE(parse_localised(json("[]"), parsed));
    CHECK_FALSE(parse_localised(json(R"({")" + std::string(65, 'x') + R"(": "a"})"), parsed));
    CHECK(parsed.empty());
    REQUIRE(parse_localised(boost::json::value_from(t), parsed));
    CHECK(parsed == t);
}
