// TLS certificate reload on SIGHUP, on the real server (issue 13): an open
// connection keeps working across a reload, a new connection sees the new
// certificate, and a pair that does not load leaves the old one in use.
// The client is a few lines of OpenSSL here, because the check is the
// certificate each connection was shown (its SHA-256 fingerprint).

#include "server_fixture.hpp"

#include <arpa/inet.h>
#include <catch2/catch.hpp>
#include <csignal>
#include <cstdio>
#include <memory>
#include <netinet/in.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

using namespace engage::test;
namespace fs = std::filesystem;

namespace {

struct SslCtxFree {
    void operator()(SSL_CTX* p) const { SSL_CTX_free(p); }
};
struct SslFree {
    void operator()(SSL* p) const { SSL_free(p); }
};
struct X509Free {
    void operator()(X509* p) const { X509_free(p); }
};
struct FileClose {
    void operator()(std::FILE* f) const { std::fclose(f); }
};

std::string hex(const unsigned char* bytes, unsigned n) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    for (unsigned i = 0; i < n; ++i) {
        out += digits[bytes[i] >> 4];
        out += digits[bytes[i] & 0xf];
    }
    return out;
}

std::string cert_fingerprint(X509* cert) {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned n = 0;
    if (X509_digest(cert, EVP_sha256(), md, &n) != 1) {
        throw std::runtime_error("X509_digest failed");
    }
    return hex(md, n);
}

// The SHA-256 fingerprint of the PEM certificate in `file`.
std::string file_fingerprint(const fs::path& file) {
    std::unique_ptr<std::FILE, FileClose> f(std::fopen(file.c_str(), "r"));
    REQUIRE(f);
    std::unique_ptr<X509, X509Free> cert(PEM_read_X509(f.get(), nullptr, nullptr, nullptr));
    REQUIRE(cert);
    return cert_fingerprint(cert.get());
}

// One TLS connection to 127.0.0.1:port that stays open between requests.
// Verification is off: the test compares the certificate's fingerprint.
class TlsConnection {
public:
    explicit TlsConnection(std::uint16_t port) : ctx_(SSL_CTX_new(TLS_client_method())) {
        REQUIRE(ctx_);
        fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        REQUIRE(fd_ >= 0);
        timeval tv{10, 0}; // a hung server fails the test instead of hanging it
        ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        ::setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(port);
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        REQUIRE(::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
        ssl_.reset(SSL_new(ctx_.get()));
        REQUIRE(ssl_);
        SSL_set_fd(ssl_.get(), fd_);
        REQUIRE(SSL_connect(ssl_.get()) == 1);
        std::unique_ptr<X509, X509Free> peer(SSL_get1_peer_certificate(ssl_.get()));
        REQUIRE(peer);
        fingerprint_ = cert_fingerprint(peer.get());
    }
    ~TlsConnection() {
        ssl_.reset();
        if (fd_ >= 0) {
            ::close(fd_);
        }
    }
    TlsConnection(const TlsConnection&) = delete;
    TlsConnection& operator=(const TlsConnection&) = delete;

    const std::string& fingerprint() const { return fingerprint_; }

    // GET `path` on this connection (keep-alive); the body, or "" on failure.
    std::string get(const std::string& path) {
        const std::string req = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
        if (SSL_write(ssl_.get(), req.data(), static_cast<int>(req.size())) <= 0) {
            return "";
        }
        std::string in;
        char buf[4096];
        for (;;) {
            const auto head_end = in.find("\r\n\r\n");
            if (head_end != std::string::npos) {
                const auto cl = in.find("Content-Length: ");
                if (cl != std::string::npos && cl < head_end) {
                    const auto length = std::stoul(in.substr(cl + 16));
                    if (in.size() >= head_end + 4 + length) {
                        return in.substr(head_end + 4, length);
                    }
                }
            }
            const int n = SSL_read(ssl_.get(), buf, sizeof buf);
            if (n <= 0) {
                return "";
            }
            in.append(buf, static_cast<std::size_t>(n));
        }
    }

private:
    std::unique_ptr<SSL_CTX, SslCtxFree> ctx_;
    std::unique_ptr<SSL, SslFree> ssl_;
    int fd_ = -1;
    std::string fingerprint_;
};

// A self-signed EC certificate for 127.0.0.1 named `name` in `dir`.
void make_pair(const fs::path& dir, const std::string& name) {
    const auto r = run_program({"/usr/bin/openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                                "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2", "-subj",
                                "/CN=127.0.0.1", "-keyout", (dir / (name + ".key")).string(),
                                "-out", (dir / (name + ".crt")).string()});
    if (r.exit_code != 0) {
        throw std::runtime_error("openssl req failed: " + r.err);
    }
}

// Installs `name`'s pair as the files the server was started with, the way
// certbot does: written beside them, then renamed over them.
void install_pair(const fs::path& dir, const std::string& cert_name, const std::string& key_name) {
    fs::copy_file(dir / (cert_name + ".crt"), dir / "next.pem",
                  fs::copy_options::overwrite_existing);
    fs::rename(dir / "next.pem", dir / "cert.pem");
    fs::copy_file(dir / (key_name + ".key"), dir / "next.pem",
                  fs::copy_options::overwrite_existing);
    fs::rename(dir / "next.pem", dir / "key.pem");
}

// Waits until the server's output holds `line` `times` times (bounded, never
// a timing claim: a loaded machine may take a while to deliver a signal).
bool wait_for_output(const ServerProcess& server, std::string_view line, std::size_t times) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    for (;;) {
        const auto out = server.output();
        std::size_t seen = 0;
        for (auto at = out.find(line); at != std::string::npos; at = out.find(line, at + 1)) {
            ++seen;
        }
        if (seen >= times) {
            return true;
        }
        if (std::chrono::steady_clock::now() > deadline) {
            return false;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

constexpr std::string_view reloaded = "TLS certificate and key reloaded";
constexpr std::string_view refused = "the previous pair stays in use";

} // namespace

TEST_CASE("SIGHUP reloads the TLS certificate for new connections while open ones keep going",
          "[server][tls][reload]") {
    TempDir certs("engage-certs");
    make_pair(certs.path(), "old");
    make_pair(certs.path(), "new");
    install_pair(certs.path(), "old", "old");
    const auto old_print = file_fingerprint(certs / "old.crt");
    const auto new_print = file_fingerprint(certs / "new.crt");
    REQUIRE(old_print != new_print);

    TempDir data("engage-data");
    ServerProcess server(data.path(), {.extra_args = {"--tls-cert", (certs / "cert.pem").string(),
                                                      "--tls-key", (certs / "key.pem").string()}});
    TlsConnection a(server.port());
    CHECK(a.fingerprint() == old_print);
    CHECK(a.get("/healthz") == "ok");

    install_pair(certs.path(), "new", "new");
    REQUIRE(::kill(server.pid(), SIGHUP) == 0);
    REQUIRE(wait_for_output(server, reloaded, 1));
    INFO(server.output());

    // A is the same TLS session, still answered after the reload.
    CHECK(a.get("/healthz") == "ok");
    TlsConnection b(server.port());
    CHECK(b.fingerprint() == new_print);
    CHECK(b.get("/healthz") == "ok");

    SECTION("a certificate whose key does not match is refused and the old pair stays") {
        make_pair(certs.path(), "other");
        install_pair(certs.path(), "other", "new"); // certificate and key from two pairs
        REQUIRE(::kill(server.pid(), SIGHUP) == 0);
        REQUIRE(wait_for_output(server, refused, 1));
        TlsConnection c(server.port());
        CHECK(c.fingerprint() == new_print);
        CHECK(c.get("/healthz") == "ok");
    }
    SECTION("a certificate file that is not PEM is refused and the old pair stays") {
        {
            std::FILE* f = std::fopen((certs / "cert.pem").c_str(), "w");
            REQUIRE(f != nullptr);
            std::fputs("not a certificate\n", f);
            std::fclose(f);
        }
        REQUIRE(::kill(server.pid(), SIGHUP) == 0);
        REQUIRE(wait_for_output(server, refused, 1));
        TlsConnection c(server.port());
        CHECK(c.fingerprint() == new_print);
        CHECK(b.get("/healthz") == "ok");
    }
    CHECK(server.running());
    CHECK(server.terminate().code == 0);
}

TEST_CASE("SIGHUP does not stop a plain-HTTP server", "[server][tls][reload]") {
    TempDir data("engage-data");
    ServerProcess server(data.path());
    REQUIRE(::kill(server.pid(), SIGHUP) == 0);
    REQUIRE(wait_for_output(server, "no TLS certificate to reload", 1));
    HttpConnection c(server.port());
    const auto r = must(c.get("/healthz"), c);
    CHECK(r.status == 200);
    CHECK(server.terminate().code == 0);
}
