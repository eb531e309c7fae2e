#include "server_fixture.hpp"

#include "engage/protocol.hpp"

#include <stdexcept>

namespace engage::test {

TestServer::TestServer(ServerOptions options, std::string_view site)
    : server(data.path(), std::move(options)), kiosk(enrol_kiosk(server.port(), data.path(), site)),
      content(fetch_content(server.port(), kiosk.token)) {}

HttpResponse must(const std::optional<HttpResponse>& reply, const HttpConnection& c) {
    if (!reply) {
        throw std::runtime_error("no HTTP reply: " + c.error());
    }
    return *reply;
}

HttpResponse post_batch(std::uint16_t port, std::string_view token,
                        const boost::json::array& items) {
    HttpConnection c(port);
    return must(c.post(protocol::paths::submissions, batch_body(items), {bearer(token)}), c);
}

std::vector<ItemResult> results_of(const HttpResponse& reply) {
    // First as the kiosk reads it: a reply the kiosk would refuse fails here.
    protocol::BatchResults checked;
    std::string error;
    if (!protocol::read_text(reply.body, checked, error)) {
        throw std::runtime_error("the kiosk's reader refuses this reply (" + error +
                                 "): " + reply.body.substr(0, 500));
    }
    // Then field by field, to see exactly which keys the server sent.
    const auto v = parse_json(reply.body);
    const auto* o = v.if_object();
    const auto* results =
        o != nullptr && o->contains("results") ? o->at("results").if_array() : nullptr;
    if (results == nullptr) {
        throw std::runtime_error("reply has no results array: " + reply.body.substr(0, 500));
    }
    std::vector<ItemResult> out;
    for (const auto& r : *results) {
        const auto* ro = r.if_object();
        if (ro == nullptr) {
            throw std::runtime_error("a result is not an object: " + reply.body.substr(0, 500));
        }
        ItemResult item;
        auto text = [ro](std::string_view key, std::string& into) {
            if (const auto* f = ro->if_contains(key); f != nullptr && f->is_string()) {
                into = std::string(f->as_string());
                return true;
            }
            return false;
        };
        text("id", item.id);
        text("status", item.status);
        item.has_code = text("code", item.code);
        item.has_reason = text("reason", item.reason);
        out.push_back(std::move(item));
    }
    return out;
}

ErrorBody error_of(const HttpResponse& reply) {
    // Every error is JSON (DESIGN §5), whatever status it comes with.
    if (reply.header("Content-Type").value_or("").find("application/json") != 0) {
        throw std::runtime_error(
            "error reply " + std::to_string(reply.status) +
            " is not application/json: " + reply.header("Content-Type").value_or("(none)"));
    }
    ApiError e;
    std::string error;
    if (!protocol::read_text(reply.body, e, error)) {
        throw std::runtime_error("not an error body (" + error + "): " + reply.body.substr(0, 500));
    }
    return ErrorBody{std::move(e.code), std::move(e.message)};
}

namespace {

// A count as status --json prints it: {"count": n|null, "shown": "..."}.
// Absent (a form with no answers) is 0.
std::int64_t integer_at(const boost::json::value* v) {
    if (v == nullptr) {
        return 0;
    }
    const auto* o = v->if_object();
    const auto* count = o != nullptr ? o->if_contains("count") : nullptr;
    if (count == nullptr) {
        throw std::runtime_error("status: expected {\"count\": ...}, got " +
                                 boost::json::serialize(*v));
    }
    if (count->is_int64()) {
        return count->as_int64();
    }
    if (count->is_uint64()) {
        return static_cast<std::int64_t>(count->as_uint64());
    }
    throw std::runtime_error("status: the count is suppressed or not a number: " +
                             boost::json::serialize(*v));
}

const boost::json::object& submissions_of(const boost::json::object& status) {
    const auto* s = status.if_contains("submissions");
    if (s == nullptr || !s->is_object()) {
        throw std::runtime_error("status has no submissions object: " +
                                 boost::json::serialize(status));
    }
    return s->as_object();
}

} // namespace

std::int64_t status_total(const boost::json::object& status) {
    const auto* t = submissions_of(status).if_contains("total");
    if (t == nullptr) {
        throw std::runtime_error("status has no submissions.total");
    }
    return integer_at(t);
}

std::int64_t status_by_form(const boost::json::object& status, std::string_view slug) {
    const auto* by = submissions_of(status).if_contains("by_form");
    if (by == nullptr || !by->is_object()) {
        throw std::runtime_error("status has no submissions.by_form object");
    }
    return integer_at(by->as_object().if_contains(slug));
}

std::int64_t status_sealed(const boost::json::object& status) {
    const auto* s = status.if_contains("sealed_signups");
    if (s == nullptr) {
        throw std::runtime_error("status has no sealed_signups");
    }
    return integer_at(s);
}

Date today() {
    return today_utc();
}

} // namespace engage::test
