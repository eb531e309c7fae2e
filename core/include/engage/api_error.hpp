#pragma once
// Request-level errors, sent as {"error": {"code": "...", "message": "..."}}
// with the HTTP status (DESIGN §5). Codes are stable; messages are English
// sentences for operators and name the limit that was hit.

#include <boost/json/fwd.hpp>
#include <string>

namespace engage {

struct ApiError {
    int status = 400;    // HTTP status
    std::string code;    // e.g. "body_too_large"
    std::string message; // e.g. "request body is over the 1048576-byte limit (max_body_bytes)"
};

// The JSON text of an error body.
std::string to_json_text(const ApiError& e);
// {"error": {"code", "message"}} as a value (boost::json::value_from); the
// status travels as the HTTP status. Its strict reader is protocol::read.
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const ApiError& e);

} // namespace engage
