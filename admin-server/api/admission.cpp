#include "api/admission.hpp"

#include "api/errors.hpp"
#include "api/refusals.hpp"
#include "api/router.hpp"
#include "engage/limits.hpp"

namespace engage::api {

bool is_web_path(std::string_view path) {
    return path != "/healthz" && path != "/metrics" && path != "/api" && !path.starts_with("/api/");
}

Admission admit(const RequestHead& head, Services& services, RateLimiter& enrol_attempts) {
    Admission a;
    const std::string_view endpoint = api_endpoint(path_of(head.target));
    if (endpoint.empty()) {
        if (services.web && is_web_path(path_of(head.target)) && head.method == "POST") {
            a.body_limit = max_form_body_bytes;
            a.body_limit_name = "max_form_body_bytes";
        }
        return a; // /healthz, the web app or not found: the router answers
    }
    if (endpoint == "enrol") {
        if (head.method != "POST") {
            return a; // 405 from the router
        }
        // Every attempt is a write, whether the code is right or not.
        if (const unsigned wait = enrol_attempts.try_take(head.peer); wait != 0) {
            a.refusal = too_many_enrol_attempts(wait);
            return a;
        }
        a.body_limit = limits::max_enrol_body_bytes;
        a.body_limit_name = "max_enrol_body_bytes";
        return a;
    }
    // Everything else under /api/v1/ needs a kiosk token, checked before the
    // body is read and before saying whether the path exists (as the router).
    const auto cached = services.kiosks.authenticate_cached(head.authorization);
    if (cached.needs_lookup) {
        a.needs_token_lookup = true;
        return a;
    }
    if (!cached.kiosk) {
        a.refusal = unauthorized();
        return a;
    }
    a.kiosk = true;
    if (head.method == "POST" && (endpoint == "submissions" || endpoint == "heartbeat")) {
        a.body_limit = limits::max_body_bytes;
        a.body_limit_name = "max_body_bytes";
    }
    return a;
}

} // namespace engage::api
