#pragma once
// The server address a kiosk talks to, and the rule for plain HTTP
// (DESIGN §5): https:// always; http:// only to a loopback address or when
// the operator explicitly allowed it (`insecure`). The token travels in every
// request, so "loopback" is decided on the address itself, never on a name.

#include <string>
#include <string_view>

namespace engage::kiosk {

struct ServerUrl {
    bool tls = true;
    std::string host; // name or address, without brackets
    std::string port; // "443" / "80" when the URL gave none
    std::string base; // path prefix without trailing '/', usually ""
};

// Parses "https://host[:port][/prefix]" with Boost.URL. False + error (a
// sentence) when malformed, when it carries a user name, query or fragment,
// or when it is http:// to a host that is not a loopback address and
// !insecure. The scheme is case-insensitive (RFC 3986 §3.1).
bool parse_server_url(std::string_view text, bool insecure, ServerUrl& out, std::string& error);
// True only for a literal address in 127.0.0.0/8 or ::1, checked with
// inet_pton as the server does. `localhost` and every other name are not
// loopback here: a name can resolve anywhere (/etc/hosts, DNS search
// domains), and "127.1" or "0x7f.1" are names to inet_pton, not addresses.
bool is_loopback_host(std::string_view host);
// `host` as it goes into a Host header or an authority: IPv6 in brackets.
std::string host_for_header(const ServerUrl& url);

} // namespace engage::kiosk
