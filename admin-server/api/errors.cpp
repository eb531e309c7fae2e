#include "api/errors.hpp"

#include "engage/limits.hpp"

namespace engage::api {

Response error_response(const ApiError& e) {
    Response r;
    r.status = e.status;
    r.body = to_json_text(e);
    return r;
}

Response error_response(int status, std::string code, std::string message) {
    return error_response(ApiError{status, std::move(code), std::move(message)});
}

Response malformed_json(const std::string& where) {
    return error_response(400, "malformed_json", "the body is not valid JSON: " + where);
}

Response bad_request(std::string message) {
    return error_response(400, "bad_request", std::move(message));
}

Response unauthorized() {
    Response r = error_response(401, "unauthorized",
                                "a valid kiosk token is required (Authorization: Bearer ...)");
    r.headers.emplace_back("WWW-Authenticate", "Bearer");
    return r;
}

Response not_found() {
    return error_response(404, "not_found", "there is nothing at this path");
}

Response method_not_allowed(std::string allow) {
    Response r = error_response(405, "method_not_allowed",
                                "this path does not accept that method; use " + allow);
    r.headers.emplace_back("Allow", std::move(allow));
    return r;
}

Response length_required() {
    return error_response(411, "length_required",
                          "a POST needs a body with a Content-Length header");
}

Response body_too_large() {
    Response r = error_response(413, "body_too_large",
                                "the request body is over the limit: max_body_bytes is " +
                                    std::to_string(limits::max_body_bytes));
    r.close = true;
    return r;
}

Response too_many_items() {
    return error_response(413, "too_many_items",
                          "the batch has too many items: max_batch_items is " +
                              std::to_string(limits::max_batch_items));
}

Response header_too_large() {
    Response r = error_response(431, "header_too_large",
                                "the request headers are over the limit: max_header_bytes is " +
                                    std::to_string(limits::max_header_bytes));
    r.close = true;
    return r;
}

Response unsupported_media_type() {
    return error_response(415, "unsupported_media_type",
                          "the body must be JSON (Content-Type: application/json)");
}

Response too_many_connections() {
    Response r = error_response(503, "too_many_connections",
                                "the server has too many open connections; try again shortly");
    r.headers.emplace_back("Retry-After", "1");
    r.close = true;
    return r;
}

Response internal_error() {
    return error_response(500, "internal", "the server could not complete the request");
}

Response storage_unavailable(bool full) {
    // 60 s: long enough for an operator's clean-up or a log rotation to free
    // space, short enough that a kiosk's answers are not held up for long.
    constexpr const char* retry_after_seconds = "60";
    Response r = full ? error_response(503, "storage_full",
                                       "the server's disk is full; nothing was stored, try again "
                                       "later")
                      : error_response(503, "storage_unavailable",
                                       "the server cannot write to its disk now; nothing was "
                                       "stored, try again later");
    r.headers.emplace_back("Retry-After", retry_after_seconds);
    return r;
}

} // namespace engage::api
