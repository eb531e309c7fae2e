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
