#include "api/refusals.hpp"

#include "api/errors.hpp"
#include "api/rate_limiter.hpp"

namespace engage::api {

Response bad_framing(std::string why) {
    Response r = error_response(400, "bad_request", std::move(why));
    r.close = true;
    return r;
}

Response body_over_limit(std::string_view limit_name, std::size_t limit) {
    Response r = error_response(413, "body_too_large",
                                "the request body is over the limit: " + std::string(limit_name) +
                                    " is " + std::to_string(limit));
    r.close = true;
    return r;
}

Response server_busy(std::string_view what) {
    Response r = error_response(
        503, "server_busy", "the server is busy (" + std::string(what) + "); try again shortly");
    r.headers.emplace_back("Retry-After", "1");
    r.close = true;
    return r;
}

Response too_many_enrol_attempts(unsigned retry_after_s) {
    Response r =
        error_response(429, "too_many_enrol_attempts",
                       "too many enrolment attempts from this address: enrol_rate is " +
                           std::to_string(static_cast<int>(enrol_rate::burst)) + " at once, then " +
                           std::to_string(static_cast<int>(enrol_rate::per_minute)) +
                           " a minute; try again in " + std::to_string(retry_after_s) + " s");
    r.headers.emplace_back("Retry-After", std::to_string(retry_after_s));
    return r;
}

} // namespace engage::api
