#include "api/router.hpp"

#include "api/admission.hpp"
#include "api/endpoints.hpp"
#include "api/errors.hpp"
#include "api/refusals.hpp"
#include "engage/limits.hpp"
#include "engage/protocol.hpp"
#include "log/journal_log.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <future>
#include <optional>

namespace engage::api {
namespace {

bool is_json(std::string_view content_type) {
    const auto semi = content_type.find(';');
    std::string_view media = content_type.substr(0, semi);
    while (!media.empty() && media.back() == ' ') {
        media.remove_suffix(1);
    }
    constexpr std::string_view json = "application/json";
    return media.size() == json.size() &&
           std::equal(media.begin(), media.end(), json.begin(), [](char a, char b) {
               return std::tolower(static_cast<unsigned char>(a)) == b;
           });
}

// A POST must carry a JSON body: 411 without one, 415 when it is not JSON.
std::optional<Response> check_post_body(const Request& r) {
    if (!r.has_body || r.body.empty()) {
        return length_required();
    }
    if (!is_json(r.content_type)) {
        return unsupported_media_type();
    }
    return std::nullopt;
}

Outcome route_unchecked(const Request& r, Services& s) {
    const std::string_view path = path_of(r.target);
    if (path == "/healthz") {
        if (r.method != "GET" && r.method != "HEAD") {
            return method_not_allowed("GET, HEAD");
        }
        Response ok;
        ok.content_type = "text/plain; charset=utf-8";
        ok.body = "ok";
        if (!s.health_warning.empty()) {
            ok.body += "\nwarning: " + s.health_warning;
        }
        return ok;
    }
    if (path == "/metrics" && s.metrics != nullptr) {
        // No token, like /healthz: what it shows is safe for anyone who can
        // reach the port (metrics/metrics.hpp, docs/privacy.md).
        if (r.method != "GET" && r.method != "HEAD") {
            return method_not_allowed("GET, HEAD");
        }
        Response ok;
        ok.content_type = std::string(metrics::content_type);
        ok.body = s.metrics->render();
        return ok;
    }
    if (!path.starts_with(protocol::paths::prefix)) {
        // The HTTP session hands web paths to the web thread before routing;
        // this is for callers of handle().
        if (s.web && is_web_path(path)) {
            return s.web(r);
        }
        return not_found();
    }
    if (path == protocol::paths::enrol) {
        if (r.method != "POST") {
            return method_not_allowed("POST");
        }
        if (auto bad = check_post_body(r)) {
            return std::move(*bad);
        }
        // The HTTP session refuses a larger body from its head; this is for
        // callers of handle() that hold a whole body already.
        if (r.body.size() > limits::max_enrol_body_bytes) {
            return body_over_limit("max_enrol_body_bytes", limits::max_enrol_body_bytes);
        }
        return handle_enrol(r, s);
    }
    // Everything else needs a kiosk token, before even saying whether the
    // path exists.
    const auto kiosk = s.kiosks.authenticate(r.authorization);
    if (!kiosk) {
        return unauthorized();
    }
    if (path == protocol::paths::content) {
        if (r.method != "GET") {
            return method_not_allowed("GET");
        }
        return handle_content(r, s, *kiosk);
    }
    if (path == protocol::paths::submissions || path == protocol::paths::heartbeat) {
        if (r.method != "POST") {
            return method_not_allowed("POST");
        }
        if (auto bad = check_post_body(r)) {
            return std::move(*bad);
        }
        return path == protocol::paths::submissions ? handle_submissions(r, s, *kiosk)
                                                    : handle_heartbeat(r, s, *kiosk);
    }
    return not_found();
}

} // namespace

std::int64_t system_now_unix() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::string_view path_of(std::string_view target) {
    return target.substr(0, target.find('?'));
}

std::string_view api_endpoint(std::string_view path) {
    return path.starts_with(protocol::paths::prefix) ? path.substr(protocol::paths::prefix.size())
                                                     : std::string_view{};
}

Outcome route(const Request& request, Services& services) {
    try {
        return route_unchecked(request, services);
    } catch (const std::exception& e) {
        // Store faults only; the message names SQLite's error, never data.
        journal::write(journal::Priority::err, "request_failed",
                       std::string("request failed: ") + e.what());
        return internal_error();
    }
}

Response handle(const Request& request, Services& services) {
    Outcome outcome = route(request, services);
    if (auto* ready = std::get_if<Response>(&outcome)) {
        return std::move(*ready);
    }
    auto& deferred = std::get<DeferredWrite>(outcome);
    auto committed = std::make_shared<std::promise<store::WriteResult>>();
    auto result = committed->get_future();
    services.writer.submit(std::move(deferred.work),
                           [committed](store::WriteResult r) { committed->set_value(r); });
    return deferred.finish(result.get());
}

} // namespace engage::api
