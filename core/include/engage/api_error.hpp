#pragma once
// Request-level errors, sent as {"error": {"code": "...", "message": "..."}}
// with the HTTP status (DESIGN §5). Codes are stable; messages are English
// sentences for operators and name the limit that was hit.

#include <string>

namespace engage {

struct ApiError {
    int status = 400;    // HTTP status
    std::string code;    // e.g. "body_too_large"
    std::string message; // e.g. "request body is over the 1048576-byte limit (max_body_bytes)"
};

// The JSON text of an error body.
std::string to_json_text(const ApiError& e);

} // namespace engage
