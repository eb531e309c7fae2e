#include "kiosk/sync/server_url.hpp"

#include <algorithm>
#include <charconv>

namespace engage::kiosk {

bool is_loopback_host(std::string_view host) {
    return host == "localhost" || host == "::1" || host.starts_with("127.");
}

bool parse_server_url(std::string_view text, bool insecure, ServerUrl& out, std::string& error) {
    ServerUrl u;
    std::string_view rest;
    if (text.starts_with("https://")) {
        u.tls = true;
        rest = text.substr(8);
    } else if (text.starts_with("http://")) {
        u.tls = false;
        rest = text.substr(7);
    } else {
        error = "server address must start with https:// (or http:// for a local test server)";
        return false;
    }
    const auto slash = rest.find('/');
    std::string_view authority = rest.substr(0, slash);
    std::string_view path = slash == std::string_view::npos ? "" : rest.substr(slash);
    while (!path.empty() && path.back() == '/') {
        path.remove_suffix(1);
    }
    if (authority.find('@') != std::string_view::npos) {
        error = "server address must not carry a user name or password";
        return false;
    }
    std::string_view port;
    if (authority.starts_with("[")) {
        const auto close = authority.find(']');
        if (close == std::string_view::npos) {
            error = "server address has an unclosed '['";
            return false;
        }
        u.host = authority.substr(1, close - 1);
        auto after = authority.substr(close + 1);
        if (after.starts_with(":")) {
            port = after.substr(1);
        } else if (!after.empty()) {
            error = "server address is malformed after ']'";
            return false;
        }
    } else {
        const auto colon = authority.rfind(':');
        u.host = authority.substr(0, colon);
        if (colon != std::string_view::npos) {
            port = authority.substr(colon + 1);
        }
    }
    if (u.host.empty()) {
        error = "server address has no host";
        return false;
    }
    if (!port.empty()) {
        unsigned n = 0;
        auto [p, ec] = std::from_chars(port.data(), port.data() + port.size(), n);
        if (ec != std::errc{} || p != port.data() + port.size() || n == 0 || n > 65535) {
            error = "server port must be a number from 1 to 65535";
            return false;
        }
        u.port = std::string(port);
    } else {
        u.port = u.tls ? "443" : "80";
    }
    u.base = std::string(path);
    if (!u.tls && !insecure && !is_loopback_host(u.host)) {
        error = "plain http:// is only allowed to this machine; use https:// (or set insecure = "
                "true for a closed test network)";
        return false;
    }
    out = std::move(u);
    return true;
}

} // namespace engage::kiosk
