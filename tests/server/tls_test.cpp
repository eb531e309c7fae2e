// Transport rules: HTTPS with --tls-cert/--tls-key (also on a non-loopback
// address), and plain HTTP off loopback only with --insecure. The TLS client
// is curl and the certificate comes from the openssl command (Debian
// packages curl and openssl), so no TLS code lives in the test support.

#include "engage/protocol.hpp"
#include "server_fixture.hpp"

#include <catch2/catch.hpp>

namespace paths = engage::protocol::paths;

using namespace engage::test;

namespace {

// A self-signed certificate for 127.0.0.1 in `dir` (cert.pem, key.pem).
void make_certificate(const TempDir& dir) {
    const auto r =
        run_program({"/usr/bin/openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                     "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2", "-subj",
                     "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout",
                     (dir / "key.pem").string(), "-out", (dir / "cert.pem").string()});
    if (r.exit_code != 0) {
        throw std::runtime_error("openssl req failed: " + r.err);
    }
}

// A self-signed RSA certificate: with an RSA key a server could also offer
// static-RSA key exchange, which the suite test must see refused.
void make_rsa_certificate(const TempDir& dir) {
    const auto r =
        run_program({"/usr/bin/openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days",
                     "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                     "-keyout", (dir / "key.pem").string(), "-out", (dir / "cert.pem").string()});
    if (r.exit_code != 0) {
        throw std::runtime_error("openssl req failed: " + r.err);
    }
}

// openssl s_client with `args`; the handshake's outcome is in its output.
CommandResult s_client(std::uint16_t port, const std::vector<std::string>& args) {
    std::vector<std::string> argv{"/usr/bin/openssl", "s_client", "-connect",
                                  "127.0.0.1:" + std::to_string(port)};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_program(argv, "", std::chrono::seconds(20));
}

// True when s_client completed a handshake (it prints the agreed cipher).
bool handshake_done(const CommandResult& r) {
    return r.exit_code == 0 && r.out.find("Cipher is (NONE)") == std::string::npos &&
           r.out.find("Cipher is ") != std::string::npos;
}

CommandResult curl(const std::vector<std::string>& args) {
    std::vector<std::string> argv{"/usr/bin/curl", "--silent", "--show-error", "--max-time", "10"};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_program(argv);
}

} // namespace

TEST_CASE("with --tls-cert and --tls-key the server speaks HTTPS only", "[server][tls]") {
    TempDir certs("engage-certs");
    make_certificate(certs);
    TempDir data("engage-data");
    ServerProcess server(data.path(), {.extra_args = {"--tls-cert", (certs / "cert.pem").string(),
                                                      "--tls-key", (certs / "key.pem").string()}});
    INFO(server.output());
    CHECK(server.url() == "https://127.0.0.1:" + std::to_string(server.port()));

    const auto url = "https://127.0.0.1:" + std::to_string(server.port());
    const auto health = curl({"--cacert", (certs / "cert.pem").string(), url + "/healthz"});
    INFO("curl: " << health.out << health.err);
    CHECK(health.exit_code == 0);
    CHECK(health.out == "ok");

    const auto code = make_enrol_code(data.path(), "tls-site");
    const auto enrolled =
        curl({"--cacert", (certs / "cert.pem").string(), "-H", "Content-Type: application/json",
              "--data", R"({"code": ")" + code + R"("})", url + std::string(paths::enrol)});
    INFO("curl: " << enrolled.out << enrolled.err);
    CHECK(enrolled.exit_code == 0);
    CHECK(enrolled.out.find("\"token\"") != std::string::npos);

    // Plain HTTP to the TLS port gets no HTTP answer.
    HttpConnection plain(server.port(), std::chrono::seconds(5));
    const auto r = plain.get("/healthz");
    CHECK_FALSE((r && r->status == 200));
}

TEST_CASE("off loopback the server starts with TLS or with --insecure", "[server][tls]") {
    TempDir data("engage-data");
    SECTION("TLS") {
        TempDir certs("engage-certs");
        make_certificate(certs);
        ServerProcess server(data.path(),
                             {.listen = "0.0.0.0:0",
                              .extra_args = {"--tls-cert", (certs / "cert.pem").string(),
                                             "--tls-key", (certs / "key.pem").string()}});
        CHECK(server.url().starts_with("https://"));
        const auto health =
            curl({"--cacert", (certs / "cert.pem").string(),
                  "https://127.0.0.1:" + std::to_string(server.port()) + "/healthz"});
        INFO("curl: " << health.out << health.err);
        CHECK(health.out == "ok");
    }
    SECTION("--insecure") {
        ServerProcess server(data.path(), {.listen = "0.0.0.0:0", .extra_args = {"--insecure"}});
        CHECK(server.url().starts_with("http://"));
        HttpConnection c(server.port());
        const auto r = must(c.get("/healthz"), c);
        CHECK(r.status == 200);
    }
}

TEST_CASE("TLS 1.2 offers only ECDHE with AEAD suites, nothing below 1.2, and TLS 1.3 is "
          "preferred",
          "[server][tls]") {
    TempDir certs("engage-certs");
    const bool rsa = GENERATE(true, false);
    if (rsa) {
        make_rsa_certificate(certs);
    } else {
        make_certificate(certs);
    }
    INFO((rsa ? "RSA certificate" : "ECDSA certificate"));
    TempDir data("engage-data");
    ServerProcess server(data.path(), {.extra_args = {"--tls-cert", (certs / "cert.pem").string(),
                                                      "--tls-key", (certs / "key.pem").string()}});
    SECTION("a client offering TLS 1.3 gets TLS 1.3") {
        const auto r = s_client(server.port(), {});
        INFO(r.out << r.err);
        CHECK(handshake_done(r));
        CHECK(r.out.find("TLSv1.3") != std::string::npos);
    }
    SECTION("TLS 1.2 with ECDHE and AES-GCM is accepted") {
        const auto r = s_client(
            server.port(), {"-tls1_2", "-cipher",
                            rsa ? "ECDHE-RSA-AES128-GCM-SHA256" : "ECDHE-ECDSA-AES128-GCM-SHA256"});
        INFO(r.out << r.err);
        CHECK(handshake_done(r));
    }
    SECTION("static RSA, CBC and SHA-1 suites are refused in TLS 1.2") {
        for (const std::string cipher :
             {"AES128-SHA", "AES256-GCM-SHA384", "AES128-SHA256", "ECDHE-RSA-AES128-SHA",
              "ECDHE-ECDSA-AES128-SHA", "ECDHE-RSA-AES256-SHA384", "DHE-RSA-AES128-GCM-SHA256"}) {
            INFO(cipher);
            const auto r = s_client(server.port(), {"-tls1_2", "-cipher", cipher + "@SECLEVEL=0"});
            INFO(r.out << r.err);
            CHECK_FALSE(handshake_done(r));
        }
    }
    SECTION("TLS 1.1 and 1.0 are refused") {
        for (const std::string version : {"-tls1_1", "-tls1"}) {
            INFO(version);
            const auto r = s_client(server.port(), {version, "-cipher", "DEFAULT@SECLEVEL=0"});
            INFO(r.out << r.err);
            CHECK_FALSE(handshake_done(r));
        }
    }
}

TEST_CASE("plain HTTP off loopback (--insecure) warns at start and on /healthz", "[server][tls]") {
    TempDir data("engage-data");
    ServerProcess server(data.path(), {.listen = "0.0.0.0:0", .extra_args = {"--insecure"}});
    HttpConnection c(server.port());
    const auto r = must(c.get("/healthz"), c);
    CHECK(r.status == 200);
    CHECK(r.body.starts_with("ok"));
    CHECK(r.body.find("warning: plain HTTP") != std::string::npos);
    CHECK(server.output().find("WARNING: plain HTTP on 0.0.0.0") != std::string::npos);

    SECTION("on loopback there is no warning") {
        TempDir other("engage-data");
        ServerProcess local(other.path());
        HttpConnection l(local.port());
        CHECK(must(l.get("/healthz"), l).body == "ok");
    }
}
