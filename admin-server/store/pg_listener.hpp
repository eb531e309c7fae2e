#pragma once
// What one server hears from the others through PostgreSQL (issue 12):
// a thread holding its own connection that LISTENs on `channels` and hands
// each NOTIFY to `on_notify`. The schema's triggers send them
// (store/pg_migrations.cpp): "engage_content" with the new content version
// whenever any server changes content, "engage_kiosk_revoked" with the
// token hash of a deleted kiosk. So a poll published through one server is
// served by every server at once, and a revoked kiosk is refused by all.
//
// Notifications sent while the connection was down are lost, so after every
// reconnection `on_reconnect` runs first (the server reloads what it
// caches). Reconnects back off from 0.5 s to 10 s.
//
// Thread safety: the callbacks run on the listener's thread; the destructor
// stops and joins it (within one poll interval).

#include "engage/pg/connection.hpp"

#include <functional>
#include <string>
#include <thread>
#include <vector>

namespace engage::store {

class PgListener {
public:
    using OnNotify = std::function<void(const pg::Notification&)>;
    PgListener(std::string uri, std::vector<std::string> channels, OnNotify on_notify,
               std::function<void()> on_reconnect);
    ~PgListener();
    PgListener(const PgListener&) = delete;
    PgListener& operator=(const PgListener&) = delete;

private:
    void run(std::stop_token stop);
    std::string uri_;
    std::vector<std::string> channels_;
    OnNotify on_notify_;
    std::function<void()> on_reconnect_;
    int wake_[2] = {-1, -1}; // a pipe: the destructor writes to end the poll at once
    std::jthread thread_;
};

} // namespace engage::store
