// `engage-admin status` as an operator runs it: every count it prints, in
// text and in --json, passes the small-number suppression (DESIGN §6 rule 3,
// "the operator's command line is no exception"), and no hidden count can be
// worked out from the ones shown. The exact numbers come from the database
// file itself (stored_counts), so each case knows what is being hidden.

#include "engage/sealing.hpp"
#include "server_fixture.hpp"

#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>
#include <string>

using namespace engage;
using namespace engage::test;

namespace {

void post_items(const TestServer& s, const FormVersion& form, int n) {
    boost::json::array items;
    for (int i = 0; i < n; ++i) {
        if (form.kind == FormKind::signup) {
            const auto sealed =
                seal(R"({"v": 1, "name": "someone"})", s.content.coordinator_public_key);
            REQUIRE(sealed);
            items.push_back(sealed_item(form, today(), *sealed));
        } else {
            items.push_back(anonymous_item(form, today()));
        }
    }
    const auto reply = post_batch(s.port(), s.kiosk.token, items);
    REQUIRE(reply.status == 200);
    for (const auto& r : results_of(reply)) {
        REQUIRE(r.status == "accepted");
    }
}

// {"count": n, "shown": "n"} or {"count": null, "shown": "..."}.
boost::json::value shown_count(std::int64_t n) {
    return boost::json::object{{"count", n}, {"shown", std::to_string(n)}};
}
boost::json::value hidden_count(std::string_view why) {
    return boost::json::object{{"count", nullptr}, {"shown", why}};
}

const boost::json::value& by_form(const boost::json::object& status, std::string_view slug) {
    return status.at("submissions").at("by_form").at(slug);
}

// What an operator could work out: the total minus every shown cell is the
// sum of the hidden cells, so exactly one hidden cell beside a shown total
// gives it away, and so does a hidden sum below k.
void check_nothing_recoverable(const boost::json::object& status) {
    const auto& total = status.at("submissions").at("total").as_object();
    if (total.at("count").is_null()) {
        return; // nothing to subtract from
    }
    std::int64_t hidden_sum = total.at("count").as_int64();
    int hidden_cells = 0;
    for (const auto& [slug, cell] : status.at("submissions").at("by_form").as_object()) {
        if (cell.at("count").is_null()) {
            ++hidden_cells;
        } else {
            hidden_sum -= cell.at("count").as_int64();
        }
    }
    if (hidden_cells > 0) {
        CHECK(hidden_cells >= 2);
        CHECK(hidden_sum >= status.at("suppression").at("k").as_int64());
    }
}

} // namespace

TEST_CASE("engage-admin status never prints a count from 1 to 4, and hides what subtraction "
          "would reveal",
          "[server][status][privacy]") {
    TestServer s;
    const auto& feedback = form_of_kind(s.content, FormKind::feedback);
    const auto& poll = form_of_kind(s.content, FormKind::poll);
    const auto& signup = form_of_kind(s.content, FormKind::signup);
    const auto dir = s.data.path().string();

    SECTION("a small cell is fewer than 5 and the cell that would give it away is hidden") {
        post_items(s, feedback, 7);
        post_items(s, poll, 3);
        const auto stored = stored_counts(s.data.path());
        REQUIRE(stored.of(feedback.slug) == 7);
        REQUIRE(stored.of(poll.slug) == 3);

        const auto status = admin_status(s.data.path());
        INFO(boost::json::serialize(status));
        CHECK(status.at("suppression").at("k") == boost::json::value(5));
        CHECK(status.at("submissions").at("total") == shown_count(10));
        CHECK(by_form(status, poll.slug) == hidden_count("fewer than 5"));
        CHECK(by_form(status, feedback.slug) == hidden_count("hidden"));
        CHECK(status.at("sealed_signups") == shown_count(0));
        check_nothing_recoverable(status);

        const auto text = run_admin({"status", "--data", dir});
        INFO(text.out << text.err);
        REQUIRE(text.exit_code == 0);
        CHECK(text.out.find("10 submissions (0 sealed sign-ups)") != std::string::npos);
        CHECK(text.out.find(poll.slug + ": fewer than 5") != std::string::npos);
        CHECK(text.out.find(feedback.slug + ": hidden") != std::string::npos);
        CHECK(text.out.find(": 7") == std::string::npos);
        CHECK(text.out.find(": 3") == std::string::npos);
    }
    SECTION("one answer alone: the total and its cell are both fewer than 5") {
        post_items(s, feedback, 1);
        const auto status = admin_status(s.data.path());
        INFO(boost::json::serialize(status));
        CHECK(status.at("submissions").at("total") == hidden_count("fewer than 5"));
        CHECK(by_form(status, feedback.slug) == hidden_count("fewer than 5"));

        const auto text = run_admin({"status", "--data", dir});
        INFO(text.out);
        CHECK(text.out.find("fewer than 5 submissions (0 sealed sign-ups)") != std::string::npos);
        CHECK(text.out.find("1 submissions") == std::string::npos);
    }
    SECTION("sealed sign-ups are a count like any other, and not left over by subtraction") {
        post_items(s, feedback, 6);
        post_items(s, signup, 2);
        REQUIRE(stored_counts(s.data.path()).sealed == 2);
        const auto status = admin_status(s.data.path());
        INFO(boost::json::serialize(status));
        CHECK(status.at("submissions").at("total") == shown_count(8));
        CHECK(status.at("sealed_signups") == hidden_count("fewer than 5"));
        CHECK(by_form(status, signup.slug) == hidden_count("fewer than 5"));
        CHECK(by_form(status, feedback.slug) == hidden_count("hidden"));
        check_nothing_recoverable(status);

        const auto text = run_admin({"status", "--data", dir});
        INFO(text.out);
        CHECK(text.out.find("8 submissions (fewer than 5 sealed sign-ups)") != std::string::npos);
    }
    SECTION("counts of 5 and more are shown exactly") {
        post_items(s, feedback, 5);
        post_items(s, poll, 6);
        post_items(s, signup, 5);
        const auto status = admin_status(s.data.path());
        INFO(boost::json::serialize(status));
        CHECK(status.at("submissions").at("total") == shown_count(16));
        CHECK(by_form(status, feedback.slug) == shown_count(5));
        CHECK(by_form(status, poll.slug) == shown_count(6));
        CHECK(by_form(status, signup.slug) == shown_count(5));
        CHECK(status.at("sealed_signups") == shown_count(5));
    }
    SECTION("a kiosk's outbox is its band, not a count: the exact depth is never stored") {
        HttpConnection c(s.port());
        const auto r = must(c.post("/api/v1/heartbeat",
                                   R"({"app_version": "0.1.0", "outbox_depth": 3, )"
                                   R"("content_version": "", "last_sync_error": ""})",
                                   s.auth()),
                            c);
        REQUIRE(r.status == 200);
        const auto status = admin_status(s.data.path());
        INFO(boost::json::serialize(status));
        const auto& kiosks = status.at("kiosks").as_array();
        REQUIRE(kiosks.size() == 1);
        // A 0.1.0 kiosk's exact 3 arrives as its band; no count to suppress.
        CHECK(kiosks[0].at("outbox") == boost::json::value("1-4"));
        CHECK_FALSE(kiosks[0].as_object().contains("outbox_depth"));
    }
}
