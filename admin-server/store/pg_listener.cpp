#include "store/pg_listener.hpp"

#include "engage/pg/error.hpp"
#include "log/journal_log.hpp"

#include <algorithm>
#include <chrono>
#include <poll.h>
#include <unistd.h>

namespace engage::store {

namespace {

constexpr auto first_backoff = std::chrono::milliseconds(500);
constexpr auto max_backoff = std::chrono::seconds(10);

} // namespace

PgListener::PgListener(std::string uri, std::vector<std::string> channels, OnNotify on_notify,
                       std::function<void()> on_reconnect)
    : uri_(std::move(uri)), channels_(std::move(channels)), on_notify_(std::move(on_notify)),
      on_reconnect_(std::move(on_reconnect)) {
    if (::pipe(wake_) != 0) {
        throw std::runtime_error("PgListener: pipe failed");
    }
    thread_ = std::jthread([this](std::stop_token stop) { run(stop); });
}

PgListener::~PgListener() {
    thread_.request_stop();
    const char byte = 0;
    (void)!::write(wake_[1], &byte, 1);
    if (thread_.joinable()) {
        thread_.join();
    }
    ::close(wake_[0]);
    ::close(wake_[1]);
}

void PgListener::run(std::stop_token stop) {
    auto backoff = std::chrono::milliseconds(first_backoff);
    bool first = true;
    while (!stop.stop_requested()) {
        try {
            auto c = pg::Connection::open(uri_);
            for (const auto& channel : channels_) {
                c.exec("LISTEN " + pg::quote_identifier(channel));
            }
            if (!first && on_reconnect_) {
                on_reconnect_(); // what was sent while we were away is lost
            }
            first = false;
            backoff = first_backoff;
            while (!stop.stop_requested()) {
                pollfd fds[2] = {{c.socket(), POLLIN, 0}, {wake_[0], POLLIN, 0}};
                if (::poll(fds, 2, -1) < 0) {
                    continue; // EINTR
                }
                if (fds[1].revents != 0) {
                    break;
                }
                c.read_input();
                for (const auto& n : c.notifications()) {
                    on_notify_(n);
                }
                if (!c.ok()) {
                    throw pg::Error("", "connection lost");
                }
            }
        } catch (const std::exception& e) {
            journal::write(journal::Priority::warning, "pg_listen_lost",
                           std::string("engage-admin serve: not hearing other servers' changes "
                                       "(reconnecting): ") +
                               e.what());
            pollfd wake{wake_[0], POLLIN, 0};
            (void)::poll(&wake, 1, static_cast<int>(backoff.count()));
            backoff = std::min<std::chrono::milliseconds>(backoff * 2, max_backoff);
        }
    }
}

} // namespace engage::store
