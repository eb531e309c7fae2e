// Forms and polls in the browser (issue 9) on the real program: staff edit a
// draft, publish it, and the kiosk API's content changes at once (new ETag,
// new text, translations kept); a published version never changes after
// further edits; demographic questions keep "prefer not to say"; board
// members draft polls but cannot publish; CSRF on every new form post.
// Each case starts its own `serve --sample --test-mode` with the clock fixed.

#include "engage/about_you.hpp"
#include "engage/protocol.hpp"
#include "support/admin_cli.hpp"
#include "support/kiosk_api.hpp"
#include "support/server_process.hpp"
#include "support/temp_dir.hpp"
#include "web/form_draft.hpp"
#include "web_client.hpp"

#include <boost/json.hpp>
#include <catch2/catch.hpp>
#include <regex>
#include <string>

using namespace engage;
using namespace engage::test;

namespace {

// 2027-01-15 08:00:15 UTC, inside the sample poll's dates.
constexpr std::int64_t t0 = 1'800'000'015;
constexpr std::string_view poll = "ebe-poll-winter";

struct FormsServer {
    TempDir data{"engage-forms"};
    WebUser staff, board, admin;
    std::optional<ServerProcess> server;
    Kiosk kiosk;

    FormsServer() {
        set_test_clock(data.path(), t0);
        staff = add_web_user(data.path(), "sam", "staff");
        board = add_web_user(data.path(), "bea", "board");
        admin = add_web_user(data.path(), "alice", "admin");
        server.emplace(data.path(), web_server_options(true));
        kiosk = enrol_kiosk(port(), data.path(), "day-centre");
    }
    std::uint16_t port() const { return server->port(); }
    WebClient signed_in(const WebUser& u) const { return signed_in_client(port(), u, t0); }
    std::string content_etag() const {
        HttpConnection c(port());
        const auto r = c.get(std::string(protocol::paths::content), {bearer(kiosk.token)});
        REQUIRE(r);
        REQUIRE(r->status == 200);
        return r->header("ETag").value_or("");
    }
};

std::string unescape(std::string s) {
    static const std::pair<std::string_view, std::string_view> entities[] = {
        {"&lt;", "<"},   {"&gt;", ">"},   {"&quot;", "\""}, {"&#39;", "'"},
        {"&apos;", "'"}, {"&#x27;", "'"}, {"&#x2F;", "/"},  {"&amp;", "&"}};
    for (const auto& [from, to] : entities) {
        for (auto at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) {
            s.replace(at, from.size(), to);
        }
    }
    return s;
}

// What a browser would post from the editor form of `html`: every named
// input (checkboxes only when checked), textarea and selected option, in
// page order; the button pressed is added by the caller.
std::vector<std::pair<std::string, std::string>> editor_fields(const std::string& html,
                                                               std::string_view slug) {
    const std::string open = "action=\"/forms/" + std::string(slug) + "\" class=\"editor\"";
    const auto start = html.find(open);
    REQUIRE(start != std::string::npos);
    const auto end = html.find("</form>", start);
    const std::string form = html.substr(start, end - start);
    std::vector<std::pair<std::string, std::string>> fields;
    const std::regex element(R"re(<(input|textarea|select)([^>]*)>)re");
    const std::regex name_attr(R"re(name="([^"]*)")re");
    const std::regex value_attr(R"re(value="([^"]*)")re");
    for (auto it = std::sregex_iterator(form.begin(), form.end(), element);
         it != std::sregex_iterator(); ++it) {
        const std::string tag = (*it)[1];
        const std::string attrs = (*it)[2];
        std::smatch m;
        if (!std::regex_search(attrs, m, name_attr)) {
            continue;
        }
        const std::string name = unescape(m[1]);
        const auto after = static_cast<std::size_t>(it->position(0) + it->length(0));
        if (tag == "input") {
            if (attrs.find("type=\"checkbox\"") != std::string::npos) {
                if (attrs.find(" checked") != std::string::npos) {
                    fields.emplace_back(name, "on");
                }
                continue;
            }
            std::smatch v;
            fields.emplace_back(name, std::regex_search(attrs, v, value_attr) ? unescape(v[1])
                                                                              : std::string());
        } else if (tag == "textarea") {
            const auto close = form.find("</textarea>", after);
            fields.emplace_back(name, unescape(form.substr(after, close - after)));
        } else {
            const auto close = form.find("</select>", after);
            const std::string options = form.substr(after, close - after);
            const std::regex selected(R"re(<option value="([^"]*)" selected>)re");
            std::smatch s;
            fields.emplace_back(name, std::regex_search(options, s, selected) ? unescape(s[1])
                                                                              : std::string());
        }
    }
    return fields;
}

void set_field(std::vector<std::pair<std::string, std::string>>& fields, const std::string& name,
               const std::string& value) {
    for (auto& [n, v] : fields) {
        if (n == name) {
            v = value;
            return;
        }
    }
    fields.emplace_back(name, value);
}

const FormVersion* find_form(const ContentBundle& b, std::string_view slug) {
    for (const auto& f : b.forms) {
        if (f.slug == slug) {
            return &f;
        }
    }
    return nullptr;
}

} // namespace

TEST_CASE("a question edited and published in the browser reaches the kiosk's bundle at once",
          "[web][forms]") {
    FormsServer s;
    auto staff = s.signed_in(s.staff);
    const std::string etag_before = s.content_etag();
    const auto before = fetch_content(s.port(), s.kiosk.token);
    const FormVersion* v1 = find_form(before, poll);
    REQUIRE(v1 != nullptr);
    REQUIRE(v1->version == 1);
    const std::string polish = v1->questions.at(1).text.get("pl");
    REQUIRE_FALSE(polish.empty());

    const auto list = staff.get("/forms");
    REQUIRE(list.status == 200);
    CHECK(list.body.find("/forms/ebe-poll-winter") != std::string::npos);

    auto page = staff.get("/forms/ebe-poll-winter");
    REQUIRE(page.status == 200);
    // Nothing posted yet: no field is marked invalid (an empty error text
    // once opened every field's error section).
    CHECK(page.body.find("aria-invalid") == std::string::npos);
    auto fields = editor_fields(page.body, poll);
    const std::string new_text = "Should the day centre open at 8 on Saturdays?";
    set_field(fields, "q0-text", new_text);
    fields.emplace_back("action", "save");
    const auto saved = staff.post("/forms/ebe-poll-winter", fields);
    INFO(saved.body);
    REQUIRE(saved.status == 303);
    CHECK(saved.header("Location") == "/forms/ebe-poll-winter?done=saved");

    SECTION("a Polish translation saved in the browser is in the bundle after publishing") {
        const auto tr = staff.get("/forms/ebe-poll-winter/translations?lang=pl");
        REQUIRE(tr.status == 200);
        // The edited question's old Polish is still there; coverage is shown.
        CHECK(tr.body.find("(pl)") != std::string::npos);
        CHECK(tr.body.find("%)") != std::string::npos);
        const std::string csrf = staff.session_csrf();
        const std::string pl = "Czy centrum powinno otwierać się o 8 w soboty?";
        REQUIRE(staff
                    .post("/forms/ebe-poll-winter/translations", {{"csrf", csrf},
                                                                  {"lang", "pl"},
                                                                  {"q0-text", pl},
                                                                  {"title", v1->title.get("pl")}})
                    .status == 303);
        REQUIRE(staff.post("/forms/ebe-poll-winter/publish", {{"csrf", csrf}}).status == 303);
        const auto after = fetch_content(s.port(), s.kiosk.token);
        const FormVersion* v2 = find_form(after, poll);
        REQUIRE(v2 != nullptr);
        CHECK(v2->questions.at(0).text.get("en") == new_text);
        CHECK(v2->questions.at(0).text.get("pl") == pl);
        // Strings not posted lost their Polish: the page posts every string.
        CHECK_FALSE(v2->questions.at(1).text.has("pl"));
    }
    SECTION("saving a draft changes nothing kiosks see") {
        CHECK(s.content_etag() == etag_before);
        CHECK(fetch_content(s.port(), s.kiosk.token) == before);
    }
    SECTION("publishing changes the ETag and the bundle carries the new version") {
        const auto published =
            staff.post("/forms/ebe-poll-winter/publish", {{"csrf", staff.session_csrf()}});
        INFO(published.body);
        REQUIRE(published.status == 303);
        CHECK(s.content_etag() != etag_before);
        const auto after = fetch_content(s.port(), s.kiosk.token);
        const FormVersion* v2 = find_form(after, poll);
        REQUIRE(v2 != nullptr);
        CHECK(v2->version == 2);
        CHECK(v2->status == FormStatus::published);
        CHECK(v2->questions.at(0).text.get("en") == new_text);
        // The other question's translations came along unchanged.
        CHECK(v2->questions.at(1).text.get("pl") == polish);

        SECTION("the published version stays as it was after further edits") {
            auto again = editor_fields(staff.get("/forms/ebe-poll-winter").body, poll);
            set_field(again, "q0-text", "Something else entirely?");
            again.emplace_back("action", "save");
            REQUIRE(staff.post("/forms/ebe-poll-winter", again).status == 303);
            const auto later = fetch_content(s.port(), s.kiosk.token);
            const FormVersion* still = find_form(later, poll);
            REQUIRE(still != nullptr);
            CHECK(*still == *v2);
            // The edit went to version 3, a draft.
            CHECK(staff.get("/forms/ebe-poll-winter").body.find("Something else entirely?") !=
                  std::string::npos);
        }
    }
}

TEST_CASE("a demographic question without 'prefer not to say' is refused with a clear error",
          "[web][forms]") {
    FormsServer s;
    auto staff = s.signed_in(s.staff);
    auto fields = editor_fields(staff.get("/forms/ebe-poll-winter").body, poll);
    set_field(fields, "q0-demographic", "on");
    fields.emplace_back("action", "save");
    const auto r = staff.post("/forms/ebe-poll-winter", fields);
    CHECK(r.status == 400);
    CHECK(r.body.find("must offer") != std::string::npos);
    CHECK(r.body.find("aria-describedby=\"q0-demographic-error\"") != std::string::npos);
    // Nothing was stored: no draft to publish.
    const auto publish =
        staff.post("/forms/ebe-poll-winter/publish", {{"csrf", staff.session_csrf()}});
    CHECK(publish.status == 409);

    SECTION("with the option added, the same question saves") {
        fields.pop_back();
        fields.emplace_back("action", "add-prefer-not:0");
        const auto added = staff.post("/forms/ebe-poll-winter", fields);
        REQUIRE(added.status == 200);
        auto with = editor_fields(added.body, poll);
        with.emplace_back("action", "save");
        CHECK(staff.post("/forms/ebe-poll-winter", with).status == 303);
    }
}

TEST_CASE("board members draft polls but only staff publish them", "[web][forms][roles]") {
    FormsServer s;
    auto board = s.signed_in(s.board);
    const std::string csrf = board.session_csrf();
    const auto made = board.post("/forms/new", {{"csrf", csrf},
                                                {"kind", "feedback"},
                                                {"title", "Should we run a cooking class?"},
                                                {"slug", "cooking-class"}});
    INFO(made.body);
    REQUIRE(made.status == 303);
    CHECK(made.header("Location") == "/forms/cooking-class");
    auto page = board.get("/forms/cooking-class");
    REQUIRE(page.status == 200);
    CHECK(page.body.find("/forms/cooking-class/publish") == std::string::npos);
    // A question in plain words, added and saved.
    auto fields = editor_fields(page.body, "cooking-class");
    fields.emplace_back("action", "add-question");
    auto added = board.post("/forms/cooking-class", fields);
    REQUIRE(added.status == 200);
    fields = editor_fields(added.body, "cooking-class");
    set_field(fields, "q0-text", "Would you come on Tuesdays?");
    set_field(fields, "q0-o0-text", "Yes");
    set_field(fields, "q0-o1-text", "No");
    fields.emplace_back("action", "save");
    REQUIRE(board.post("/forms/cooking-class", fields).status == 303);

    CHECK(board.post("/forms/cooking-class/publish", {{"csrf", csrf}}).status == 403);
    CHECK(board.post("/forms/cooking-class/close", {{"csrf", csrf}}).status == 403);
    // The board sees polls only, never the feedback form.
    CHECK(board.get("/forms/day-centre-feedback").status == 403);

    auto staff = s.signed_in(s.staff);
    const auto published =
        staff.post("/forms/cooking-class/publish", {{"csrf", staff.session_csrf()}});
    CHECK(published.status == 303);
    const auto bundle = fetch_content(s.port(), s.kiosk.token);
    const FormVersion* f = find_form(bundle, "cooking-class");
    REQUIRE(f != nullptr);
    CHECK(f->kind == FormKind::poll); // a board draft is always a poll
    CHECK(f->questions.at(0).text.get("en") == "Would you come on Tuesdays?");
}

TEST_CASE("form pages check roles and every form post its CSRF token", "[web][forms][roles]") {
    FormsServer s;
    SECTION("signed out: pages go to sign-in, posts are refused") {
        WebClient anon(s.port());
        CHECK(anon.get("/forms").status == 303);
        CHECK(anon.get("/forms/ebe-poll-winter").status == 303);
        CHECK(anon.get("/forms/ebe-poll-winter/preview").status == 303);
        CHECK(anon.post("/forms/ebe-poll-winter/publish", {}).status == 403);
    }
    SECTION("an admin without the staff or board role cannot open them") {
        auto admin = s.signed_in(s.admin);
        CHECK(admin.get("/forms").status == 403);
        CHECK(admin.get("/forms/ebe-poll-winter").status == 403);
    }
    SECTION("a wrong or missing CSRF token changes nothing") {
        auto staff = s.signed_in(s.staff);
        const std::string etag = s.content_etag();
        auto fields = editor_fields(staff.get("/forms/ebe-poll-winter").body, poll);
        set_field(fields, "csrf", "wrong");
        fields.emplace_back("action", "save");
        CHECK(staff.post("/forms/ebe-poll-winter", fields).status == 403);
        for (const char* path :
             {"/forms/ebe-poll-winter/publish", "/forms/ebe-poll-winter/close", "/forms/new"}) {
            INFO(path);
            CHECK(staff.post(path, {{"csrf", "wrong"}}).status == 403);
            CHECK(staff.post(path, {}).status == 403);
        }
        CHECK(s.content_etag() == etag);
    }
    SECTION("staff may close a form; kiosks then stop being offered it as published") {
        auto staff = s.signed_in(s.staff);
        const std::string etag = s.content_etag();
        CHECK(staff.post("/forms/ebe-poll-winter/close", {{"csrf", staff.session_csrf()}}).status ==
              303);
        CHECK(s.content_etag() != etag);
        CHECK(find_form(fetch_content(s.port(), s.kiosk.token), poll) == nullptr);
        CHECK(staff.get("/audit").status == 403); // staff are not admins
    }
    SECTION("the preview says it is an approximation") {
        auto staff = s.signed_in(s.staff);
        const auto r = staff.get("/forms/ebe-poll-winter/preview");
        CHECK(r.status == 200);
        CHECK(r.body.find("approximation") != std::string::npos);
    }
}

TEST_CASE("the editor's buttons add, move and delete questions and options", "[web][forms]") {
    FormVersion f;
    f.slug = "p";
    f.kind = FormKind::poll;
    f.title.by_language["en"] = "T";
    web::apply_action("add-question", f);
    web::apply_action("add-question", f);
    REQUIRE(f.questions.size() == 2);
    CHECK(f.questions[0].id != f.questions[1].id);
    const std::string first = f.questions[0].id;
    web::apply_action("down:0", f);
    CHECK(f.questions[1].id == first);
    web::apply_action("up:1", f);
    CHECK(f.questions[0].id == first);
    web::apply_action("up:0", f); // already first: nothing moves
    CHECK(f.questions[0].id == first);
    web::apply_action("add-option:0", f);
    CHECK(f.questions[0].options.size() == 3);
    web::apply_action("delete-option:0:0", f);
    CHECK(f.questions[0].options.size() == 2);
    web::apply_action("delete:5", f); // out of range: ignored
    web::apply_action("delete:0", f);
    CHECK(f.questions.size() == 1);
    // Empty new questions are not yet valid: check_draft names the fields.
    const auto errors = web::check_draft(f);
    CHECK(errors.contains("q0-text"));
    CHECK(errors.contains("q0-o0-text"));
}

TEST_CASE("publishing a version that opens later closes the replaced one on that day, not today",
          "[web][forms]") {
    FormsServer s;
    auto staff = s.signed_in(s.staff);
    // The poll: the editor helper's std::regex recurses per character and
    // overflows the stack on the longer feedback form's page.
    const std::string slug(poll);
    auto fields = editor_fields(staff.get("/forms/" + slug).body, slug);
    // The editor says every question can be skipped (DESIGN §4), not a flag.
    CHECK(staff.get("/forms/" + slug).body.find("People can always skip any question") !=
          std::string::npos);
    std::string expected_close;
    SECTION("the new version opens later: the old one closes on that day") {
        set_field(fields, "opens", "2027-02-01");
        expected_close = "2027-02-01";
    }
    SECTION("the new version has no open date: the old one closes today") {
        set_field(fields, "opens", "");
        set_field(fields, "title", "Winter poll (new)");
        expected_close = "2027-01-15";
    }
    fields.emplace_back("action", "save");
    const auto saved = staff.post("/forms/" + slug, fields);
    INFO(saved.body);
    REQUIRE(saved.status == 303);
    REQUIRE(staff.post("/forms/" + slug + "/publish", {{"csrf", staff.session_csrf()}}).status ==
            303);
    // `content export` reads the database beside the running server.
    const auto r = run_admin({"content", "export", "--data", s.data.path().string()});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    std::map<std::int64_t, boost::json::object> versions;
    const boost::json::value doc = boost::json::parse(r.out); // outlives the loop
    for (const auto& f : doc.at("forms").as_array()) {
        if (f.at("slug").as_string() == slug) {
            versions[f.at("version").as_int64()] = f.as_object();
        }
    }
    REQUIRE(versions.size() == 2);
    CHECK(versions.at(1).at("status").as_string() == "closed");
    CHECK(versions.at(1).at("closes").as_string() == expected_close);
    CHECK(versions.at(2).at("status").as_string() == "published");
}

TEST_CASE("staff add the 'About you' questions to a feedback form and publish them in every "
          "language, marked needs review",
          "[web][forms][equality]") {
    FormsServer s;
    auto staff = s.signed_in(s.staff);
    // The sample day-centre form has the set already (its button is gone);
    // the food form has none.
    CHECK(staff.get("/forms/day-centre-feedback").body.find("value=\"add-about-you\"") ==
          std::string::npos);
    const std::string slug = "day-centre-food";
    auto page = staff.get("/forms/" + slug);
    REQUIRE(page.status == 200);
    CHECK(page.body.find("value=\"add-about-you\"") != std::string::npos);
    auto fields = editor_fields(page.body, slug);
    fields.emplace_back("action", "add-about-you");
    const auto added = staff.post("/forms/" + slug, fields);
    INFO(added.body);
    REQUIRE(added.status == 200);
    CHECK(added.body.find("How old are you?") != std::string::npos);
    // All six are there: the button is gone until one is deleted.
    CHECK(added.body.find("value=\"add-about-you\"") == std::string::npos);
    // The editor posts English only; the translations come with the save.
    fields = editor_fields(added.body, slug);
    fields.emplace_back("action", "save");
    REQUIRE(staff.post("/forms/" + slug, fields).status == 303);
    REQUIRE(staff.post("/forms/" + slug + "/publish", {{"csrf", staff.session_csrf()}}).status ==
            303);
    // The food form is offered at the demo centre only, not to the test
    // kiosk's site: read what was published from `content export`, which
    // reads the database beside the running server.
    const auto r = run_admin({"content", "export", "--data", s.data.path().string()});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const boost::json::value doc = boost::json::parse(r.out);
    FormVersion published;
    for (const auto& jv : doc.at("forms").as_array()) {
        if (jv.at("slug").as_string() == slug && jv.at("status").as_string() == "published") {
            std::string error;
            REQUIRE(parse_form_version(jv, published, error));
        }
    }
    const FormVersion* f = &published;
    REQUIRE(f->slug == slug);
    const Question* ethnicity = f->find_question(about_you::ethnicity);
    REQUIRE(ethnicity != nullptr);
    CHECK(ethnicity->demographic);
    CHECK(ethnicity->options.size() == 20); // the ONS 2021 19, and "prefer not to say"
    CHECK(ethnicity->find_option(prefer_not_to_say) != nullptr);
    CHECK(f->find_question(about_you::neurodivergence) != nullptr);
    // Every question and option of the set in all fourteen languages, as
    // core has them.
    std::size_t strings = 0;
    for (const auto& standard : about_you::questions()) {
        const Question* q = f->find_question(standard.id);
        REQUIRE(q != nullptr);
        INFO(q->id);
        CHECK(q->text == standard.text);
        CHECK(q->text.by_language.size() == about_you::languages.size());
        REQUIRE(q->options.size() == standard.options.size());
        for (std::size_t i = 0; i < q->options.size(); ++i) {
            CHECK(q->options[i].text == standard.options[i].text);
            CHECK(q->options[i].text.by_language.size() == about_you::languages.size());
        }
        strings += 1 + q->options.size();
    }
    CHECK(f->find_question(about_you::age)->hint.get("ar") ==
          about_you::questions().front().hint.get("ar"));
    // Each translated string is marked "needs review" for its form version,
    // as a machine-drafted import is: 13 languages of each question and
    // option.
    std::size_t needs_review = 0;
    for (const auto& m : doc.at("translation_marks").as_array()) {
        const auto& o = m.as_object();
        if (o.at("form").as_string() == slug &&
            o.at("string").as_string().starts_with("about-you-")) {
            CHECK(o.at("state").as_string() == "needs_review");
            CHECK(o.at("language").as_string() != "en");
            ++needs_review;
        }
    }
    CHECK(needs_review == strings * (about_you::languages.size() - 1));
}

TEST_CASE("the 'About you' button adds each question once, to feedback forms only",
          "[web][forms][equality]") {
    FormVersion f;
    f.slug = "f";
    f.kind = FormKind::feedback;
    f.title.by_language["en"] = "T";
    web::apply_action("add-about-you", f);
    REQUIRE(f.questions.size() == 6);
    for (const auto& q : f.questions) {
        CHECK(q.demographic);
        CHECK(q.find_option(prefer_not_to_say) != nullptr);
        CHECK(about_you::is_about_you(q.id));
    }
    CHECK(web::check_draft(f).empty()); // ready to save as they are
    web::apply_action("delete:1", f);
    web::apply_action("add-about-you", f);
    CHECK(f.questions.size() == 6); // only the deleted one came back
    f.kind = FormKind::poll;
    f.questions.clear();
    web::apply_action("add-about-you", f);
    CHECK(f.questions.empty());
}
