#pragma once
// What the API handlers work with. Everything here may be shared between the
// server's threads. The clock is injectable so tests can fix "today".

#include "api/http_types.hpp"
#include "api/kiosk_auth.hpp"
#include "content/content_cache.hpp"
#include "engage/date.hpp"
#include "metrics/metrics.hpp"
#include "store/store.hpp"
#include "store/writer.hpp"

#include <cstdint>
#include <functional>
#include <string>

namespace engage::api {

// Seconds since the epoch from the system clock.
std::int64_t system_now_unix();

struct Services {
    store::Store& store;
    store::Writer& writer;
    content::ContentCache& content;
    KioskAuth& kiosks;
    // The server's date for validation and "received" (UTC, DESIGN §6: a day, never a time).
    std::function<Date()> today = [] { return today_utc(); };
    // Seconds since the epoch, for enrolment code expiry and kiosk last-seen.
    std::function<std::int64_t()> now_unix = system_now_unix;
    // Said after "ok" on /healthz when set (e.g. plain HTTP off loopback), so
    // monitoring sees a risky set-up, not only the start-up log.
    std::string health_warning = {};
    // The staff web app (admin-server/web/): every path not under /api/ and
    // not /healthz. Reads and writes the database, so the HTTP session runs
    // it on its web thread, never on an I/O thread. Unset: those paths are 404.
    std::function<Response(const Request&)> web = {};

    // Where counters for /metrics are recorded; null: /metrics is 404 and
    // nothing is counted (tools and tests that need no metrics).
    metrics::Registry* metrics = nullptr;
};

} // namespace engage::api
