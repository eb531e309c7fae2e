#pragma once
// The server address a kiosk talks to, and the rule for plain HTTP
// (DESIGN §5): https:// always; http:// only to a loopback address or when
// the operator explicitly allowed it (`insecure`).

#include <string>
#include <string_view>

namespace engage::kiosk {

struct ServerUrl {
    bool tls = true;
    std::string host; // name or address, without brackets
    std::string port; // "443" / "80" when the URL gave none
    std::string base; // path prefix without trailing '/', usually ""
};

// Parses "https://host[:port][/prefix]". False + error (a sentence) when
// malformed, or when it is http:// to a non-loopback host and !insecure.
bool parse_server_url(std::string_view text, bool insecure, ServerUrl& out, std::string& error);
// localhost, 127.0.0.0/8 or ::1.
bool is_loopback_host(std::string_view host);

} // namespace engage::kiosk
