// The kiosk's server address parser against hostile URLs (issue 7): the
// token travels in every request, so plain http:// must reach only this
// machine, decided on a literal loopback address and never on a name.

#include "kiosk/sync/server_url.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <string_view>
#include <vector>

using namespace engage::kiosk;

namespace {

bool accepted(const std::string& text, bool insecure = false) {
    ServerUrl u;
    std::string error;
    return parse_server_url(text, insecure, u, error);
}

ServerUrl parsed(const std::string& text) {
    ServerUrl u;
    std::string error;
    INFO(text << ": " << error);
    REQUIRE(parse_server_url(text, false, u, error));
    return u;
}

} // namespace

TEST_CASE("server addresses: https always, plain http only to a loopback address", "[sync][url]") {
    SECTION("https to any host, default and explicit ports, a path prefix") {
        auto u = parsed("https://engage.example.org");
        CHECK((u.tls && u.port == "443" && u.host == "engage.example.org" && u.base.empty()));
        u = parsed("https://engage.example.org:8443/engage/");
        CHECK((u.port == "8443" && u.base == "/engage"));
        u = parsed("https://xn--bcher-kva.example"); // IDNA names go in their ASCII form
        CHECK(u.host == "xn--bcher-kva.example");
    }
    SECTION("plain http to 127.0.0.0/8 and ::1") {
        auto u = parsed("http://127.0.0.1:8080/");
        CHECK((!u.tls && u.port == "8080" && u.host == "127.0.0.1" && u.base.empty()));
        u = parsed("http://127.255.3.4");
        CHECK(u.port == "80");
        u = parsed("http://[::1]:9/engage");
        CHECK((u.host == "::1" && u.port == "9" && u.base == "/engage"));
        CHECK(host_for_header(u) == "[::1]");
        u = parsed("http://[0:0:0:0:0:0:0:1]");
        CHECK(u.host == "0:0:0:0:0:0:0:1");
    }
    SECTION("the scheme is case-insensitive") {
        CHECK(parsed("HTTP://127.0.0.1:9").tls == false);
        CHECK(parsed("HtTpS://engage.example.org").tls == true);
        CHECK_FALSE(accepted("HTTP://engage.example.org"));
    }
    SECTION("http to a name that merely looks local is refused") {
        for (const auto* hostile : {
                 "http://127.example.org",        // the old starts_with("127.") check
                 "http://127.0.0.1.evil.org",     // a name ending elsewhere
                 "http://127.0.0.1.",             // trailing dot: a name, not an address
                 "http://0x7f.1",                 // inet_aton would read 127.0.0.1
                 "http://0x7f000001",             // likewise
                 "http://2130706433",             // likewise (decimal)
                 "http://127.1",                  // likewise (short form)
                 "http://0177.0.0.1",             // likewise (octal)
                 "http://localhost",              // a name: /etc/hosts or DNS decide
                 "http://localhost.",             //
                 "http://[::ffff:127.0.0.1]",     // v4-mapped: not ::1
                 "http://[::2]",                  //
                 "http://10.0.0.1",               //
                 "http://127%2e0.0.1",            // escapes in the host
                 "http://127.0.0.1%2f@evil.org/", //
             }) {
            INFO(hostile);
            CHECK_FALSE(accepted(hostile));
        }
    }
    SECTION("user names and passwords are refused, however they are dressed") {
        for (const auto* hostile : {
                 "http://127.0.0.1@evil.org", "http://127.0.0.1:80@evil.org",
                 "https://user:pw@engage.example.org", "https://@engage.example.org",
                 "http://evil.org@127.0.0.1", // even when the host is loopback
             }) {
            INFO(hostile);
            ServerUrl u;
            std::string error;
            CHECK_FALSE(parse_server_url(hostile, true, u, error));
        }
    }
    SECTION("--insecure allows http to other hosts, but not a user name") {
        CHECK(accepted("http://engage.example.org", true));
        CHECK(accepted("http://10.0.0.1:8080", true));
        CHECK_FALSE(accepted("http://a@10.0.0.1", true));
    }
    SECTION("malformed addresses, other schemes, queries and fragments are refused") {
        for (const auto* bad : {
                 "",
                 "engage.example.org",
                 "//engage.example.org",
                 "ftp://engage.example.org",
                 "file:///etc/passwd",
                 "https://",
                 "https:///path",
                 "https://host:99999",
                 "https://host:0",
                 "https://host:",
                 "https://host:80x",
                 "https://host:-1",
                 "https://[::1",
                 "https://[v1.x]",
                 "https://host/path?token=1",
                 "https://host/#frag",
                 "https://bücher.example", // raw IDNA: not a URI
                 "https://host name",
                 "http://127.0.0.1\r\nX: y",
             }) {
            INFO(bad);
            CHECK_FALSE(accepted(bad, true));
        }
    }
    SECTION("every refusal says why in a sentence") {
        ServerUrl u;
        std::string error;
        CHECK_FALSE(parse_server_url("http://engage.example.org", false, u, error));
        CHECK(error.find("https") != std::string::npos);
        CHECK_FALSE(parse_server_url("http://127.0.0.1@evil", false, u, error));
        CHECK(error.find("user name") != std::string::npos);
    }
}

TEST_CASE("loopback means a literal address in 127.0.0.0/8 or ::1", "[sync][url]") {
    CHECK(is_loopback_host("127.0.0.1"));
    CHECK(is_loopback_host("127.200.0.9"));
    CHECK(is_loopback_host("::1"));
    CHECK_FALSE(is_loopback_host("128.0.0.1"));
    CHECK_FALSE(is_loopback_host("127.example.org"));
    CHECK_FALSE(is_loopback_host("localhost"));
    CHECK_FALSE(is_loopback_host(std::string_view("127.0.0.1\0evil", 14)));
    CHECK_FALSE(is_loopback_host(""));
}
