#pragma once
// Decides from a request's head alone whether its body is worth reading
// (issue 8): kiosk endpoints need a known token, enrolment is rate-limited
// per address and small, and each endpoint has its own body limit. No I/O:
// the session reads the head, asks here, and reads the body only if admitted.

#include "api/http_types.hpp"
#include "api/rate_limiter.hpp"
#include "api/services.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace engage::api {

// A web form's body (sign-in, user actions): a few fields, far below this.
// 16 KiB also bounds what a stranger can make the web thread parse.
inline constexpr std::size_t max_form_body_bytes = 16 * 1024;

// Every path but /healthz, /metrics and the kiosk API belongs to the web app.
bool is_web_path(std::string_view path);

struct RequestHead {
    std::string_view method;
    std::string_view target;
    std::string_view authorization;
    std::string peer; // the client's address key (rate limits), e.g. "192.0.2.7"
};

struct Admission {
    // Answer this at once; the body (if any) is never read.
    std::optional<Response> refusal;
    // The token is not in memory: look it up in the store off the I/O
    // thread (KioskAuth::lookup_stored), then call admit() again.
    bool needs_token_lookup = false;
    // The request carries a known kiosk token.
    bool kiosk = false;
    // Bytes the body may have; 0 for requests that take no body (its
    // presence is answered from the head and the connection closed).
    std::size_t body_limit = 0;
    // The name of that limit, for the 413 (e.g. "max_enrol_body_bytes").
    std::string_view body_limit_name;
};

Admission admit(const RequestHead& head, Services& services, RateLimiter& enrol_attempts);

} // namespace engage::api
