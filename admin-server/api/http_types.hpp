#pragma once
// Requests and responses as the API handlers see them: plain values with no
// Beast types, so handlers can be unit-tested without sockets (STYLE 10).

#include <string>
#include <utility>
#include <vector>

namespace engage::api {

struct Request {
    std::string method; // "GET", "POST", ...
    std::string target; // path and query as sent
    std::string authorization;
    std::string content_type;
    std::string if_none_match;
    std::string cookie;    // the web app's session (never used by the kiosk API)
    std::string peer;      // the client's address key, for sign-in limits
    bool tls = false;      // arrived over TLS (the web app then sends HSTS)
    bool has_body = false; // a Content-Length (even 0) or chunked body was sent
    std::string body;
    std::string accept_language; // the web app's choice of word catalogue
};

struct Response {
    int status = 200;
    std::string content_type = "application/json";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers; // extra headers
    bool close = false;                                       // close the connection after sending
};

} // namespace engage::api
