#pragma once
// Answers the server gives from a request's head alone, before any body is
// read (issue 8): each closes the connection, since the body was not read.
// Same JSON error shape as api/errors.hpp.

#include "api/http_types.hpp"

#include <cstddef>
#include <string>
#include <string_view>

namespace engage::api {

// 400 bad_request, closes: framing a server must not guess at (RFC 9112 §6.1).
Response bad_framing(std::string why);
// 413 body_too_large naming the limit hit, e.g. ("max_enrol_body_bytes", 1024); closes.
Response body_over_limit(std::string_view limit_name, std::size_t limit);
// 503 server_busy with Retry-After: 1, closes: the body budget or the token
// lookup queue is spent; the request is worth retrying shortly.
Response server_busy(std::string_view what);
// 429 too_many_enrol_attempts with Retry-After: retry_after_s, naming the limit.
Response too_many_enrol_attempts(unsigned retry_after_s);

} // namespace engage::api
