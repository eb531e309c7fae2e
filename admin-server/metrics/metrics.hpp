#pragma once
// The server's /metrics (Prometheus text exposition format 0.0.4), built so
// that a scrape never shows a single upload (issue 8, docs/privacy.md):
//
// - Recording is lock-free (relaxed atomics), from any thread: the API
//   handlers count items, the HTTP sessions time requests, the writer times
//   commits.
// - What a scrape shows of those is a *published* copy, taken by publish()
//   on the same schedule as the hourly log counters. Between two
//   publications every request-, item- and commit-derived value stands
//   still, so a scrape right after a batch looks exactly like one right
//   before it. Submission totals are further rounded down to a multiple of
//   k (limits::min_suppression_k): no count below k, as DESIGN §11 asks.
// - Only the open-connection gauges are read live, at scrape time: they
//   count sockets (kiosk heartbeats and content polls open them too, on
//   their own schedules), never items or batches.
//
// Nothing here is per site, per form or per kiosk; no answer, id, token or
// address is ever recorded.
//
// Thread safety: every method may be called from any thread.

#include "engage/date.hpp"

#include <array>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace engage::metrics {

// What a request is timed as: never its exact path (no per-form or per-kiosk
// series), only one of four classes.
enum class EndpointClass { api, web, healthz, metrics };
inline constexpr std::size_t endpoint_class_count = 4;
// /api/... -> api, /healthz -> healthz, /metrics -> metrics, anything else -> web.
EndpointClass classify(std::string_view path);
std::string_view name_of(EndpointClass c);

// Upper bounds (seconds) of the request-duration buckets: from a cached
// /healthz (well under a millisecond) to a batch waiting on a slow disk's
// fsync (seconds); the read timeout (10 s) ends anything slower.
inline constexpr std::array<double, 11> request_buckets{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                        0.1,   0.25,   0.5,   1.0,  10.0};
// Upper bounds (seconds) of the commit-latency buckets: one fsync on an SSD
// is about a millisecond, on an SD card or a busy disk up to a second.
inline constexpr std::array<double, 10> commit_buckets{0.0005, 0.001, 0.0025, 0.005, 0.01,
                                                       0.025,  0.05,  0.1,    0.25,  1.0};

// The stable item rejection codes (engage/submission.hpp). A code not in
// this list (a future one) is counted as "other", so the label set stays
// fixed and recording stays lock-free.
inline constexpr std::array<std::string_view, 20> rejection_reasons{
    "bad_item",         "bad_id",           "unknown_form",       "unknown_version",
    "form_not_open",    "bad_date",         "time_of_day",        "future_date",
    "bad_language",     "sealed_required",  "sealed_not_allowed", "bad_sealed",
    "too_many_answers", "unknown_question", "wrong_type",         "unknown_option",
    "out_of_range",     "too_long",         "duplicate_choice",   "too_many_choices"};

// Connections at scrape time, as the listener counts them.
struct Connections {
    std::size_t admitted = 0; // being served
    std::size_t refusing = 0; // over the caps, being answered 503
};

// Kiosks by the age of their last-seen date (the store keeps a date only).
struct KioskAges {
    std::int64_t today = 0;      // seen today (UTC)
    std::int64_t last_week = 0;  // 1 to 7 days ago
    std::int64_t older = 0;      // more than 7 days ago
    std::int64_t never_seen = 0; // enrolled, no heartbeat yet
};
// Buckets each "YYYY-MM-DD" in `last_seen_dates` (empty: never seen) by its
// age on `today`. A date that does not parse counts as older.
KioskAges age_kiosks(std::span<const std::string> last_seen_dates, const Date& today);

// A fixed-bucket histogram whose observe() is lock-free.
class Histogram {
public:
    explicit Histogram(std::span<const double> upper_bounds);
    void observe(std::chrono::nanoseconds took);

    struct Snapshot {
        std::vector<std::uint64_t> counts; // per bucket, not cumulative; last is +Inf
        std::uint64_t sum_ns = 0;
    };
    Snapshot snapshot() const;
    std::span<const double> upper_bounds() const { return bounds_; }

private:
    std::span<const double> bounds_;
    std::vector<std::atomic<std::uint64_t>> counts_; // bounds_.size() + 1
    std::atomic<std::uint64_t> sum_ns_{0};
};

class Registry {
public:
    // `version` is shown by engage_build_info.
    explicit Registry(std::string version);
    ~Registry();
    Registry(const Registry&) = delete;
    Registry& operator=(const Registry&) = delete;

    // [Recording: lock-free, any thread]
    void item_accepted();
    void item_duplicate();
    void item_rejected(std::string_view code);
    void observe_request(EndpointClass c, std::chrono::nanoseconds took);
    // One group commit of `jobs` queued jobs that took `took` (the writer).
    void observe_commit(std::size_t jobs, std::chrono::nanoseconds took);

    // [Sources read at publication or scrape]
    // Called at every scrape for the live connection gauges; empty: none shown.
    void set_connections_source(std::function<Connections()> source);
    // Kiosk ages to show from the next publication on.
    void set_kiosk_ages(const KioskAges& ages);

    // Copies everything recorded so far into what render() shows (rounding
    // submission totals down to a multiple of k) and resets the period's
    // writer queue high-water mark.
    void publish();
    // Publications so far (tests wait for one; operators see values' age).
    std::uint64_t publications() const;

    // The published copy's running totals: exactly what a scrape shows
    // (items rounded down to a multiple of k), for the hourly log line,
    // which so says nothing /metrics does not.
    struct Totals {
        std::uint64_t accepted = 0;
        std::uint64_t duplicate = 0;
        // Reasons with a non-zero total, in rejection_reasons order ("other" last).
        std::vector<std::pair<std::string_view, std::uint64_t>> rejected;
        std::array<std::uint64_t, endpoint_class_count> requests{}; // by EndpointClass
    };
    Totals published_totals() const;

    // The whole exposition, "text/plain; version=0.0.4".
    std::string render() const;

private:
    struct Published;
    const std::string version_;
    std::atomic<std::uint64_t> accepted_{0};
    std::atomic<std::uint64_t> duplicate_{0};
    std::array<std::atomic<std::uint64_t>, rejection_reasons.size() + 1> rejected_{}; // + other
    std::array<Histogram, endpoint_class_count> requests_;
    Histogram commits_;
    std::atomic<std::uint64_t> commit_count_{0};
    std::atomic<std::size_t> queue_high_water_{0}; // this period's largest group

    mutable std::mutex mutex_; // guards what follows
    std::function<Connections()> connections_;
    KioskAges kiosk_ages_;
    std::unique_ptr<Published> published_;
};

// The media type of render()'s text.
inline constexpr std::string_view content_type = "text/plain; version=0.0.4; charset=utf-8";

} // namespace engage::metrics
