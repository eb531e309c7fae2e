// The test support library checked on its own, against real processes and a
// real socket served from a thread, so server tests can trust what it reports.

#include "support/admin_cli.hpp"
#include "support/child_process.hpp"
#include "support/http_client.hpp"
#include "support/temp_dir.hpp"

#include <arpa/inet.h>
#include <catch2/catch.hpp>
#include <fstream>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

using namespace engage::test;

namespace {

// A one-connection server on a loopback port: accepts one client, reads what
// it sends until `until` has arrived, writes `reply`, then closes (or not).
class CannedServer {
public:
    CannedServer(std::string reply, bool close_after, std::string until = "\r\n\r\n")
        : reply_(std::move(reply)), close_after_(close_after), until_(std::move(until)) {
        listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        ::bind(listener_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
        ::listen(listener_, 4);
        socklen_t len = sizeof addr;
        ::getsockname(listener_, reinterpret_cast<sockaddr*>(&addr), &len);
        port_ = ntohs(addr.sin_port);
        thread_ = std::thread([this] { serve(); });
    }
    ~CannedServer() {
        ::shutdown(listener_, SHUT_RDWR);
        thread_.join();
        if (client_ >= 0) {
            ::close(client_);
        }
        ::close(listener_);
    }
    CannedServer(const CannedServer&) = delete;
    CannedServer& operator=(const CannedServer&) = delete;
    std::uint16_t port() const { return port_; }
    // What the client sent (valid after the client got its reply).
    std::string received;

private:
    void serve() {
        client_ = ::accept(listener_, nullptr, nullptr);
        if (client_ < 0) {
            return;
        }
        char buf[4096];
        while (received.find(until_) == std::string::npos) {
            const auto n = ::recv(client_, buf, sizeof buf, 0);
            if (n <= 0) {
                return;
            }
            received.append(buf, static_cast<std::size_t>(n));
        }
        ::send(client_, reply_.data(), reply_.size(), MSG_NOSIGNAL);
        if (close_after_) {
            ::close(client_);
            client_ = -1;
        }
    }
    std::string reply_;
    bool close_after_;
    std::string until_;
    int listener_ = -1;
    int client_ = -1;
    std::uint16_t port_ = 0;
    std::thread thread_;
};

} // namespace

TEST_CASE("a temp dir exists while owned and is removed with its contents after", "[support]") {
    std::filesystem::path kept;
    {
        TempDir dir("engage-support");
        kept = dir.path();
        REQUIRE(std::filesystem::is_directory(kept));
        std::ofstream(dir / "file") << "x";
        std::filesystem::create_directory(dir / "sub");
        std::ofstream(dir / "sub" / "f") << "y";
        TempDir moved = std::move(dir);
        CHECK(dir.path().empty());
        CHECK(moved.path() == kept);
    }
    CHECK_FALSE(std::filesystem::exists(kept));
}

TEST_CASE("a child process's output and exit code are captured", "[support]") {
    TempDir dir("engage-support");
    ChildProcess child({"/bin/sh", "-c", "echo out; echo err >&2; exit 3"},
                       ChildIo{{}, dir / "o", dir / "e"});
    const auto status = child.wait_for(std::chrono::seconds(10));
    REQUIRE(status);
    CHECK(status->exited);
    CHECK(status->code == 3);
    CHECK(read_file(dir / "o") == "out\n");
    CHECK(read_file(dir / "e") == "err\n");
}

TEST_CASE("a child process still running is killed and reaped by its owner", "[support]") {
    pid_t pid = -1;
    {
        ChildProcess child({"/bin/sleep", "60"}, ChildIo{});
        pid = child.pid();
        CHECK(child.running());
        CHECK_FALSE(child.wait_for(std::chrono::milliseconds(50)));
    }
    // Reaped: the pid no longer names a process of ours.
    CHECK(::kill(pid, 0) != 0);
}

TEST_CASE("kill_and_wait reports the signal", "[support]") {
    ChildProcess child({"/bin/sleep", "60"}, ChildIo{});
    const auto s = child.kill_and_wait();
    CHECK_FALSE(s.exited);
    CHECK(s.signal == SIGKILL);
}

TEST_CASE("the HTTP client reads a Content-Length body and keeps the connection", "[support]") {
    CannedServer server("HTTP/1.1 201 Created\r\nContent-Type: application/json\r\n"
                        "Content-Length: 11\r\nETag: \"v1\"\r\n\r\n{\"ok\":true}",
                        false, "{\"a\":1}");
    HttpConnection c(server.port(), std::chrono::seconds(5));
    REQUIRE(c.is_open());
    const auto r = c.post("/x", R"({"a":1})", {bearer("tok")});
    INFO(c.error());
    REQUIRE(r);
    CHECK(r->status == 201);
    CHECK(r->reason == "Created");
    CHECK(r->body == R"({"ok":true})");
    CHECK(r->header("etag") == std::optional<std::string>("\"v1\""));
    CHECK(c.is_open());
    CHECK(server.received.find("POST /x HTTP/1.1\r\n") == 0);
    CHECK(server.received.find("Authorization: Bearer tok\r\n") != std::string::npos);
    CHECK(server.received.find("Content-Length: 7\r\n") != std::string::npos);
    CHECK(server.received.find("Content-Type: application/json\r\n") != std::string::npos);
}

TEST_CASE("the HTTP client decodes chunked bodies and honours Connection: close", "[support]") {
    CannedServer server("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                        "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n",
                        true);
    HttpConnection c(server.port(), std::chrono::seconds(5));
    const auto r = c.get("/");
    REQUIRE(r);
    CHECK(r->body == "hello world");
    CHECK(c.server_said_close());
    CHECK(c.wait_closed(std::chrono::seconds(5)));
}

TEST_CASE("the HTTP client reads no body on 304 and a body to the end without a length",
          "[support]") {
    SECTION("304") {
        CannedServer server("HTTP/1.1 304 Not Modified\r\nETag: \"v\"\r\n\r\n", false);
        HttpConnection c(server.port(), std::chrono::seconds(5));
        const auto r = c.get("/");
        REQUIRE(r);
        CHECK(r->status == 304);
        CHECK(r->body.empty());
    }
    SECTION("no length, closed") {
        CannedServer server("HTTP/1.1 200 OK\r\n\r\nuntil the end", true);
        HttpConnection c(server.port(), std::chrono::seconds(5));
        const auto r = c.get("/");
        REQUIRE(r);
        CHECK(r->body == "until the end");
    }
}

TEST_CASE("the HTTP client times out on a silent server and sees a close", "[support]") {
    SECTION("silent: the read fails after its timeout instead of hanging") {
        CannedServer server("", false, "never arrives");
        HttpConnection c(server.port(), std::chrono::milliseconds(200));
        REQUIRE(c.send_raw("GET / HTTP/1.1\r\n\r\n"));
        CHECK_FALSE(c.read_response());
        CHECK_FALSE(c.error().empty());
        CHECK_FALSE(c.wait_closed(std::chrono::milliseconds(100)));
    }
    SECTION("closed by the server") {
        CannedServer server("", true);
        HttpConnection c(server.port(), std::chrono::seconds(5));
        REQUIRE(c.send_raw("GET / HTTP/1.1\r\n\r\n"));
        CHECK(c.wait_closed(std::chrono::seconds(5)));
    }
}

TEST_CASE("connecting to a port nobody listens on fails as a value", "[support]") {
    std::uint16_t port = 0;
    {
        CannedServer probe("", true);
        port = probe.port();
        HttpConnection c(port); // lets the canned server finish
        c.send_raw("\r\n\r\n");
    }
    HttpConnection c(port, std::chrono::seconds(2));
    CHECK_FALSE(c.is_open());
    CHECK_FALSE(c.error().empty());
    CHECK_FALSE(c.get("/"));
}
