#pragma once
// A small blocking HTTP/1.1 client for the kiosk's sync thread: one
// keep-alive connection to the server, TLS with certificate and host-name
// verification (plus an optional extra CA file for a self-signed server),
// and a deadline on every connect, handshake, write and read. Beast stays
// inside http_client.cpp (it compiles slowly).
//
// Not thread-safe: used by the sync thread only, except abort().

#include "kiosk/sync/server_url.hpp"

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace engage::kiosk {

struct HttpRequest {
    std::string method{"GET"}; // GET or POST
    std::string target;        // e.g. "/api/v1/content" (the URL's base is prefixed)
    std::string body;          // sent as application/json when not empty or POST
    std::vector<std::pair<std::string, std::string>> headers; // extra headers
};

struct HttpResponse {
    int status = 0;
    std::string body;
    std::string etag; // the ETag header, quotes kept; "" when absent
};

class HttpClient {
public:
    // `timeout` bounds each step (connect, handshake, write, read) separately.
    HttpClient(ServerUrl url, std::filesystem::path ca_file, std::chrono::milliseconds timeout);
    ~HttpClient();
    HttpClient(const HttpClient&) = delete;
    HttpClient& operator=(const HttpClient&) = delete;

    // Sends `req` and reads the whole reply. On a reused connection that the
    // server had closed, reconnects once when `may_retry` (the request must
    // then be safe to repeat). False + error (plain words) on any failure.
    bool send(const HttpRequest& req, HttpResponse& res, std::string& error, bool may_retry = true);
    // Drops the connection (the next send reconnects).
    void close();
    // From any thread: makes a send in progress fail at once (shutdown).
    void abort();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace engage::kiosk
