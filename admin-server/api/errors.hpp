#pragma once
// Error responses: {"error": {"code": "...", "message": "..."}} with their
// HTTP status (DESIGN §5). Messages never carry data from the request.

#include "api/http_types.hpp"
#include "engage/api_error.hpp"

#include <string>

namespace engage::api {

Response error_response(const ApiError& e);
Response error_response(int status, std::string code, std::string message);

Response malformed_json(const std::string& where); // 400
Response bad_request(std::string message);         // 400
Response unauthorized();                           // 401 with WWW-Authenticate: Bearer
Response not_found();                              // 404
Response method_not_allowed(std::string allow);    // 405 with Allow
Response length_required();                        // 411
Response body_too_large();                         // 413, names max_body_bytes
Response too_many_items();                         // 413, names max_batch_items
Response header_too_large();                       // 431, names max_header_bytes
Response unsupported_media_type();                 // 415
Response too_many_connections();                   // 503, closes
Response internal_error();                         // 500, no details
// 503 with Retry-After: the disk is full ("storage_full") or otherwise cannot
// take writes now ("storage_unavailable"); nothing was stored.
Response storage_unavailable(bool full);

} // namespace engage::api
