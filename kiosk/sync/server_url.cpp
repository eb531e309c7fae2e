#include "kiosk/sync/server_url.hpp"

#include <arpa/inet.h>
#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>
#include <charconv>
#include <netinet/in.h>

namespace engage::kiosk {

bool is_loopback_host(std::string_view host) {
    if (host.find('\0') != std::string_view::npos) {
        return false; // inet_pton would stop at the NUL and judge only the start
    }
    const std::string h(host); // inet_pton needs a terminated string
    in_addr v4{};
    if (::inet_pton(AF_INET, h.c_str(), &v4) == 1) {
        return (ntohl(v4.s_addr) >> 24) == 127;
    }
    in6_addr v6{};
    if (::inet_pton(AF_INET6, h.c_str(), &v6) == 1) {
        return IN6_IS_ADDR_LOOPBACK(&v6);
    }
    return false;
}

std::string host_for_header(const ServerUrl& url) {
    return url.host.find(':') != std::string::npos ? "[" + url.host + "]" : url.host;
}

bool parse_server_url(std::string_view text, bool insecure, ServerUrl& out, std::string& error) {
    namespace urls = boost::urls;
    const auto parsed = urls::parse_uri(text);
    if (!parsed) {
        error = "server address is not a valid URL (write it as https://host[:port][/path]; "
                "a name with letters outside ASCII goes in its xn-- form)";
        return false;
    }
    const urls::url_view& url = *parsed;
    ServerUrl u;
    if (url.scheme_id() == urls::scheme::https) {
        u.tls = true;
    } else if (url.scheme_id() == urls::scheme::http) {
        u.tls = false;
    } else {
        error = "server address must start with https:// (or http:// for a local test server)";
        return false;
    }
    if (url.has_userinfo()) {
        error = "server address must not carry a user name or password";
        return false;
    }
    if (url.has_query() || url.has_fragment()) {
        error = "server address must not carry a '?' query or '#' fragment";
        return false;
    }
    switch (url.host_type()) {
    case urls::host_type::ipv4:
    case urls::host_type::ipv6:
    case urls::host_type::name:
        break;
    default: // none, or a future IP literal no resolver here understands
        error = "server address has no usable host";
        return false;
    }
    // Without brackets for IPv6. Percent-escapes in a host would be decoded
    // differently by different readers: refuse rather than guess.
    const auto host = url.encoded_host_address();
    if (host.empty()) {
        error = "server address has no host";
        return false;
    }
    if (host.find('%') != std::string_view::npos) {
        error = "server address must not have %-escapes in its host";
        return false;
    }
    u.host = std::string(host);
    if (url.has_port()) {
        const auto port = url.port();
        unsigned n = 0;
        const auto* end = port.data() + port.size();
        const auto [p, ec] = std::from_chars(port.data(), end, n);
        if (port.empty() || ec != std::errc{} || p != end || n == 0 || n > 65535) {
            error = "server port must be a number from 1 to 65535";
            return false;
        }
        u.port = std::to_string(n);
    } else {
        u.port = u.tls ? "443" : "80";
    }
    std::string_view path = url.encoded_path();
    // RFC 3986 §3.3: after an authority the path is empty or starts with '/'.
    // Boost.URL 1.81 does not enforce it (boostorg/url#636): it reads
    // "http://127.0.0.1.evil.org" as host 127.0.0.1 plus path ".evil.org",
    // and "host:80x" as port 80 plus path "x". Refuse both.
    if (!path.empty() && path.front() != '/') {
        error = "server address is malformed after its host";
        return false;
    }
    while (!path.empty() && path.back() == '/') {
        path.remove_suffix(1);
    }
    u.base = std::string(path);
    if (!u.tls && !insecure && !is_loopback_host(u.host)) {
        error = "plain http:// is only allowed to a loopback address (127.0.0.1 or [::1], not a "
                "name such as localhost); use https:// (or set insecure = true for a closed "
                "test network)";
        return false;
    }
    out = std::move(u);
    return true;
}

} // namespace engage::kiosk
