// The server under abuse (issue 8), against the real server on loopback:
// a flood of connections claiming 1 MiB bodies, idle keep-alive connections
// holding every slot, authenticated connections spending the body budget,
// and enrolment attempts past their rate. Clients on other loopback
// addresses (127.0.0.2 ...) play other hosts. Memory is read from
// /proc/PID/status (VmHWM); the figures are printed for the record, and the
// ceilings asserted are generous: they catch buffering whole bodies, not
// small regressions.

#include "engage/limits.hpp"
#include "raw_socket.hpp"
#include "server_fixture.hpp"

#include <atomic>
#include <catch2/catch.hpp>
#include <cstdio>
#include <poll.h>
#include <thread>

using namespace engage;
using namespace engage::test;
using namespace std::chrono_literals;

namespace {

// 300 MB: the flood once took the server to 1.2 GB; bounded it needs tens.
// Under AddressSanitizer freed memory sits in ASan's quarantine (256 MiB by
// default) with redzones around every block, so the same flood peaks near
// 570 MB there; the Release run is the bound that matters.
#if defined(__SANITIZE_ADDRESS__)
constexpr std::uint64_t flood_peak_ceiling_kib = 800 * 1024;
#else
constexpr std::uint64_t flood_peak_ceiling_kib = 300 * 1024;
#endif
constexpr std::size_t flood_connections = 2000;
// The flood gives up on connections the server neither answers nor closes.
constexpr auto flood_deadline = 60s;

// One flooding connection: a head claiming a 1 MiB body, then as much of the
// body as the server will read.
struct Flooder {
    RawSocket socket;
    std::string head;
    std::size_t sent = 0;
    std::string received = {};
    bool closed = false;
};

// Sends more and reads what came, for every live flooder; false when all are closed.
bool pump(std::vector<Flooder>& flood, const std::string& body, int wait_ms) {
    std::vector<pollfd> fds;
    std::vector<Flooder*> live;
    for (auto& f : flood) {
        if (!f.closed) {
            const bool more = f.sent < f.head.size() + body.size();
            fds.push_back({f.socket.fd(), static_cast<short>(POLLIN | (more ? POLLOUT : 0)), 0});
            live.push_back(&f);
        }
    }
    if (live.empty()) {
        return false;
    }
    ::poll(fds.data(), fds.size(), wait_ms);
    for (std::size_t i = 0; i < live.size(); ++i) {
        Flooder& f = *live[i];
        if (fds[i].revents == 0) {
            continue;
        }
        const std::string& head = f.head;
        while (f.sent < head.size() + body.size()) {
            const std::string_view rest =
                f.sent < head.size()
                    ? std::string_view(head).substr(f.sent)
                    : std::string_view(body).substr(f.sent - head.size(), 256 * 1024);
            const long n = f.socket.send_some(rest);
            if (n <= 0) {
                f.closed = n < 0;
                break;
            }
            f.sent += static_cast<std::size_t>(n);
        }
        if (!f.socket.receive_some(f.received)) {
            f.closed = true;
        }
        if (f.closed) {
            f.socket.close();
        }
    }
    return true;
}

std::string one_item_batch(const TestServer& s) {
    boost::json::array items;
    items.push_back(anonymous_item(form_of_kind(s.content, FormKind::feedback), today()));
    return batch_body(items);
}

} // namespace

TEST_CASE("a flood of 2,000 connections claiming 1 MiB bodies neither exhausts memory nor "
          "locks out a kiosk",
          "[server][abuse][slow][engines]") {
    TestServer s;
    const std::uint64_t before = peak_rss_kib(s.server.pid());
    REQUIRE(before > 0);
    const std::string body(limits::max_body_bytes, 'a');
    const std::string batch = one_item_batch(s);

    std::atomic<bool> flooding{true};
    std::atomic<int> attempts{0};
    std::atomic<int> served{0};
    std::thread kiosk([&] {
        // A real kiosk uploading back to back for as long as the flood lasts.
        while (flooding) {
            ++attempts;
            HttpConnection c(s.port(), 20s);
            const auto r = c.post("/api/v1/submissions", batch, s.auth());
            if (r && r->status == 200) {
                ++served;
            }
        }
    });

    std::vector<Flooder> flood;
    flood.reserve(flood_connections);
    const auto started = std::chrono::steady_clock::now();
    for (std::size_t i = 0; i < flood_connections; ++i) {
        const std::string head =
            "POST /api/v1/submissions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            "Authorization: Bearer made-up-" +
            std::to_string(i) +
            "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
            "\r\n\r\n";
        flood.push_back(Flooder{RawSocket(s.port(), loopback_source(i)), head});
        if (!flood.back().socket.is_open()) {
            flood.back().closed = true;
        }
        if (i % 50 == 49) {
            pump(flood, body, 0);
        }
    }
    while (pump(flood, body, 50) && std::chrono::steady_clock::now() - started < flood_deadline) {
    }
    const auto took = std::chrono::steady_clock::now() - started;
    flooding = false;
    kiosk.join();
    const std::uint64_t peak = peak_rss_kib(s.server.pid());

    std::size_t refused = 0;
    std::size_t answered_ok = 0;
    std::size_t still_open = 0;
    for (const auto& f : flood) {
        const int status = status_of(f.received);
        refused += status >= 400 ? 1 : 0;
        answered_ok += status == 200 ? 1 : 0;
        still_open += f.closed ? 0 : 1;
    }
    std::printf("flood: %zu connections in %.1f s; %zu refused with 4xx/5xx, %zu left open; "
                "server VmHWM %.1f MB before, %.1f MB after; kiosk served %d of %d (%.0f%%)\n",
                flood.size(), std::chrono::duration<double>(took).count(), refused, still_open,
                static_cast<double>(before) / 1024, static_cast<double>(peak) / 1024, served.load(),
                attempts.load(), attempts > 0 ? 100.0 * served / attempts : 0.0);
    std::fflush(stdout);
    CHECK(answered_ok == 0); // no made-up token is ever served
    CHECK(peak < flood_peak_ceiling_kib);
    REQUIRE(attempts > 0);
    CHECK(served > 0);
    CHECK(served * 10 >= attempts * 9); // at least 90% of the kiosk's uploads went through
    CHECK(s.server.running());
}

TEST_CASE("idle strangers holding every connection slot do not lock out a kiosk",
          "[server][abuse][engines]") {
    TestServer s;
    // A kiosk with a kept-alive connection before the strangers come.
    HttpConnection early(s.port());
    REQUIRE(must(early.get("/api/v1/content", s.auth()), early).status == 200);

    constexpr std::size_t strangers = 300; // over the default 256 slots
    const bool send_request = GENERATE(true, false);
    INFO((send_request ? "strangers kept alive after a request" : "strangers that send nothing"));
    std::vector<RawSocket> idle;
    std::vector<std::string> pending(strangers);
    for (std::size_t i = 0; i < strangers; ++i) {
        idle.emplace_back(s.port(), loopback_source(i));
        REQUIRE(idle.back().is_open());
        if (send_request) {
            REQUIRE(idle.back().send_some("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n") > 0);
            // Answered (or, once the slots are full, evicted): either way the
            // server has taken the connection in before the next one comes.
            (void)read_reply(idle.back(), pending[i], 10s);
        }
    }
    SECTION("a new kiosk connection is served") {
        HttpConnection late(s.port());
        const auto r = must(late.get("/api/v1/content", s.auth()), late);
        CHECK(r.status == 200);
    }
    SECTION("the kiosk's kept-alive connection was not evicted") {
        const auto r = must(early.get("/api/v1/content", s.auth()), early);
        CHECK(r.status == 200);
    }
    SECTION("a kiosk upload is served") {
        const auto r = post_batch(s.port(), s.kiosk.token,
                                  boost::json::array{anonymous_item(
                                      form_of_kind(s.content, FormKind::feedback), today())});
        CHECK(r.status == 200);
    }
}

TEST_CASE("one address over its connection cap evicts its own idle connections, not others'",
          "[server][abuse][engines]") {
    TestServer s;
    // Kiosks elsewhere, kept alive.
    std::vector<HttpConnection> kiosks;
    for (int i = 0; i < 4; ++i) {
        kiosks.emplace_back(s.port());
        REQUIRE(must(kiosks.back().get("/api/v1/content", s.auth()), kiosks.back()).status == 200);
    }
    // One stranger address opens 200 connections that send nothing.
    std::vector<RawSocket> idle;
    for (int i = 0; i < 200; ++i) {
        idle.emplace_back(s.port(), "127.0.0.77");
    }
    // The server has taken all of them in once a request after them is answered.
    RawSocket last(s.port(), "127.0.0.77");
    REQUIRE(last.send_some("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n") > 0);
    std::string pending;
    const auto r = read_reply(last, pending, 10s);
    REQUIRE(r);
    CHECK(r->status == 200);
    for (auto& k : kiosks) {
        CHECK(must(k.get("/api/v1/content", s.auth()), k).status == 200);
    }
}

TEST_CASE("authenticated bodies past the body budget get 503 server_busy, not memory",
          "[server][abuse][engines]") {
    // A short read timeout so the held reservations are returned soon.
    TestServer s({.extra_args = {"--read-timeout", "3"}});
    // Each connection claims a full body and sends none of it, holding its
    // reservation until the read timeout.
    constexpr std::size_t claims = 80; // body_budget_bytes is 64 full bodies
    const std::string head = "POST /api/v1/submissions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                             "Authorization: Bearer " +
                             s.kiosk.token +
                             "\r\nContent-Type: application/json\r\nContent-Length: " +
                             std::to_string(limits::max_body_bytes) + "\r\n\r\n";
    std::vector<RawSocket> holders;
    for (std::size_t i = 0; i < claims; ++i) {
        holders.emplace_back(s.port(), loopback_source(i));
        REQUIRE(holders.back().send_some(head) == static_cast<long>(head.size()));
    }
    std::size_t busy = 0;
    std::string example;
    for (auto& h : holders) {
        std::string pending;
        // Those within the budget wait for their body: a short wait suffices
        // to tell, since refusals come at once.
        if (const auto r = read_reply(h, pending, 2s)) {
            if (r->status == 503) {
                ++busy;
                example = r->text;
            }
        }
    }
    INFO(example);
    CHECK(busy >= claims - 64);
    CHECK(example.find("server_busy") != std::string::npos);
    CHECK(example.find("Retry-After") != std::string::npos);
    CHECK(example.find("body_budget_bytes") != std::string::npos);

    // Once they go, their reservations are returned and uploads succeed.
    holders.clear();
    bool uploaded = false;
    const auto deadline = std::chrono::steady_clock::now() + 20s;
    while (!uploaded && std::chrono::steady_clock::now() < deadline) {
        HttpConnection c(s.port());
        const auto r = c.post("/api/v1/submissions", one_item_batch(s), s.auth());
        uploaded = r && r->status == 200;
    }
    CHECK(uploaded);
}

TEST_CASE("enrolment attempts past the per-address rate get 429 with Retry-After",
          "[server][abuse][enrol][engines]") {
    TestServer s;
    auto attempt = [&](const std::string& source) {
        RawSocket c(s.port(), source);
        const std::string body = R"({"code": "ABCDEFGHJK"})";
        c.send_some("POST /api/v1/enrol HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                    "application/json\r\nContent-Length: " +
                    std::to_string(body.size()) + "\r\n\r\n" + body);
        std::string pending;
        return read_reply(c, pending, 10s);
    };
    int refused_codes = 0;
    std::optional<RawReply> limited;
    for (int i = 0; i < 30 && !limited; ++i) {
        auto r = attempt("127.0.0.33");
        REQUIRE(r);
        if (r->status == 429) {
            limited = r;
        } else {
            CHECK(r->status == 401);
            ++refused_codes;
        }
    }
    REQUIRE(limited);
    INFO(limited->text);
    CHECK(refused_codes >= 5); // a burst is allowed first
    CHECK(limited->text.find("too_many_enrol_attempts") != std::string::npos);
    CHECK(limited->text.find("Retry-After: ") != std::string::npos);
    // Another address is not affected.
    const auto other = attempt("127.0.0.34");
    REQUIRE(other);
    CHECK(other->status == 401);
}

TEST_CASE("behind a trusted proxy the limits count per forwarded client, no one else is believed",
          "[server][abuse][enrol][proxy][engines]") {
    // 127.0.0.40 plays the load balancer in front of several servers (issue 12).
    ServerOptions options;
    options.extra_args = {"--trusted-proxy", "127.0.0.40"};
    TestServer s(options);
    auto attempt = [&](const std::string& source, const std::string& forwarded) {
        RawSocket c(s.port(), source);
        const std::string body = R"({"code": "ABCDEFGHJK"})";
        c.send_some(
            "POST /api/v1/enrol HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Forwarded-For: " + forwarded +
            "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
            "\r\n\r\n" + body);
        std::string pending;
        const auto r = read_reply(c, pending, 10s);
        REQUIRE(r);
        return r->status;
    };
    auto until_limited = [&](const std::string& source, const std::string& forwarded) {
        for (int i = 0; i < 30; ++i) {
            if (attempt(source, forwarded) == 429) {
                return i;
            }
        }
        return -1;
    };
    // A guesser behind the proxy is limited by its own address...
    CHECK(until_limited("127.0.0.40", "198.51.100.7") >= 5);
    // ...and only its own: another client through the same proxy is not.
    CHECK(attempt("127.0.0.40", "203.0.113.9") == 401);
    // Only the entry the proxy appended counts: a forged first entry does not
    // move the guesser to a fresh bucket.
    CHECK(attempt("127.0.0.40", "192.0.2.1, 198.51.100.7") == 429);
    // A client talking to the server directly cannot choose its address.
    CHECK(until_limited("127.0.0.41", "192.0.2.50") >= 5);
    CHECK(attempt("127.0.0.41", "192.0.2.51") == 429);
}

TEST_CASE("an enrolment body over 1 KiB is refused with 413 naming max_enrol_body_bytes",
          "[server][abuse][enrol][engines]") {
    TestServer s;
    HttpConnection c(s.port());
    const auto r =
        must(c.post("/api/v1/enrol", R"({"code": ")" + std::string(2000, 'A') + R"("})"), c);
    INFO(r.body);
    CHECK(r.status == 413);
    const auto e = error_of(r);
    CHECK(e.code == "body_too_large");
    CHECK(e.message.find("max_enrol_body_bytes") != std::string::npos);
    CHECK(e.message.find(std::to_string(limits::max_enrol_body_bytes)) != std::string::npos);
}

TEST_CASE("unknown tokens are refused with 401 and a flood of them leaves kiosks served",
          "[server][abuse][auth][engines]") {
    TestServer s;
    for (int i = 0; i < 200; ++i) {
        HttpConnection c(s.port());
        const auto r = must(c.get("/api/v1/content", {bearer("made-up-" + std::to_string(i))}), c);
        CHECK(r.status == 401);
    }
    HttpConnection k(s.port());
    CHECK(must(k.get("/api/v1/content", s.auth()), k).status == 200);
}

TEST_CASE("the log holds periodic counters only: no line per request, and no id, token or site",
          "[server][abuse][privacy][journal][engines]") {
    // --test-mode publishes (and so logs) every 200 ms, so the test sees
    // counter lines between and after the batches, as an hour would.
    TestServer s({.extra_args = {"--test-mode"}}, "Hope Day Centre");
    std::vector<std::string> item_ids;
    const auto& form = form_of_kind(s.content, FormKind::feedback);
    for (int i = 0; i < 6; ++i) {
        auto item = anonymous_item(form, today());
        item_ids.emplace_back(item.at("id").as_string());
        CHECK(post_batch(s.port(), s.kiosk.token, boost::json::array{item}).status == 200);
    }
    HttpConnection c(s.port());
    REQUIRE(must(c.get("/healthz"), c).status == 200);
    REQUIRE(s.server.terminate().code == 0);
    const std::string log = s.server.output();
    INFO(log);
    // Every kiosk call (enrol, content, six uploads) is only counted.
    CHECK(log.find("/api/") == std::string::npos);
    CHECK(log.find("/healthz") == std::string::npos);
    for (const auto& id : item_ids) {
        CHECK(log.find(id) == std::string::npos);
    }
    CHECK(log.find(s.kiosk.id) == std::string::npos);
    CHECK(log.find(s.kiosk.token) == std::string::npos);
    CHECK(log.find("Hope Day Centre") == std::string::npos);
    CHECK(log.find(form.slug) == std::string::npos);
    // The final counters line, rounded as /metrics is: 6 items show as 5.
    CHECK(log.find("counters since start: items accepted 5, duplicate 0, rejected 0") !=
          std::string::npos);
    CHECK(log.find("items accepted 6") == std::string::npos);
    CHECK(log.find("requests api ") != std::string::npos);
}
