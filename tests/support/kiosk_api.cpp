#include "support/kiosk_api.hpp"

#include "engage/ids.hpp"
#include "engage/protocol.hpp"
#include "support/admin_cli.hpp"
#include "support/http_client.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <stdexcept>

namespace engage::test {

boost::json::value parse_json(std::string_view text) {
    boost::system::error_code ec;
    auto v = boost::json::parse(text, ec);
    if (ec) {
        throw std::runtime_error("not JSON (" + ec.message() +
                                 "): " + std::string(text.substr(0, 500)));
    }
    return v;
}

Kiosk enrol_kiosk(std::uint16_t port, const std::filesystem::path& data_dir,
                  std::string_view site) {
    const auto code = make_enrol_code(data_dir, site);
    HttpConnection c(port);
    const auto r =
        c.post(protocol::paths::enrol, protocol::to_json_text(protocol::EnrolRequest{code}));
    if (!r) {
        throw std::runtime_error("enrol: " + c.error());
    }
    if (r->status != 200) {
        throw std::runtime_error("enrol: HTTP " + std::to_string(r->status) + " " + r->body);
    }
    protocol::EnrolResponse reply;
    std::string error;
    if (!protocol::read_text(r->body, reply, error)) {
        throw std::runtime_error("enrol: unexpected reply (" + error + ") " + r->body);
    }
    return Kiosk{std::move(reply.kiosk), std::move(reply.site), std::move(reply.token),
                 std::move(reply.coordinator_signing_key)};
}

ContentBundle fetch_content(std::uint16_t port, std::string_view token) {
    HttpConnection c(port);
    const auto r = c.get(protocol::paths::content, {bearer(token)});
    if (!r) {
        throw std::runtime_error("content: " + c.error());
    }
    if (r->status != 200) {
        throw std::runtime_error("content: HTTP " + std::to_string(r->status) + " " + r->body);
    }
    ContentBundle bundle;
    std::string error;
    if (!parse_content_bundle(parse_json(r->body), bundle, error)) {
        throw std::runtime_error("content: bundle does not parse: " + error);
    }
    return bundle;
}

const FormVersion& form_of_kind(const ContentBundle& bundle, FormKind kind) {
    for (const auto& f : bundle.forms) {
        if (f.kind == kind && f.status == FormStatus::published) {
            return f;
        }
    }
    throw std::runtime_error("content has no published " + std::string(to_string(kind)) + " form");
}

const FormVersion& form_named(const ContentBundle& bundle, std::string_view slug) {
    for (const auto& f : bundle.forms) {
        if (f.slug == slug) {
            return f;
        }
    }
    throw std::runtime_error("no form " + std::string(slug));
}

boost::json::object valid_answers(const FormVersion& form) {
    boost::json::object answers;
    for (const auto& q : form.questions) {
        switch (q.type) {
        case QuestionType::choice:
            answers[q.id] = q.options.at(0).id;
            break;
        case QuestionType::multi: {
            boost::json::array picked;
            for (std::size_t i = 0; i < q.options.size() && i < 2; ++i) {
                picked.emplace_back(q.options[i].id);
            }
            answers[q.id] = std::move(picked);
            break;
        }
        case QuestionType::scale:
            answers[q.id] = 3;
            break;
        case QuestionType::yesno:
            answers[q.id] = true;
            break;
        case QuestionType::text:
            answers[q.id] = "The staff were kind and the soup was good.";
            break;
        }
    }
    return answers;
}

namespace {

boost::json::object item_head(const FormVersion& form, const Date& date) {
    return boost::json::object{{"id", random_uuid_v4()},
                               {"form", form.slug},
                               {"version", form.version},
                               {"date", to_string(date)}};
}

} // namespace

boost::json::object anonymous_item(const FormVersion& form, const Date& date) {
    return answered_item(form, date, valid_answers(form));
}

boost::json::object answered_item(const FormVersion& form, const Date& date,
                                  boost::json::object answers) {
    auto item = item_head(form, date);
    item["language"] = "en";
    item["answers"] = std::move(answers);
    return item;
}

boost::json::object sealed_item(const FormVersion& form, const Date& date,
                                std::string_view sealed_b64) {
    auto item = item_head(form, date);
    item["sealed"] = sealed_b64;
    return item;
}

std::string batch_body(const boost::json::array& items) {
    return protocol::to_json_text(
        protocol::SubmissionBatch{std::vector<boost::json::value>(items.begin(), items.end())});
}

} // namespace engage::test
