#include "metrics/metrics.hpp"

#include "engage/limits.hpp"

#include <algorithm>
#include <charconv>

namespace engage::metrics {

EndpointClass classify(std::string_view path) {
    if (path.starts_with("/api/")) {
        return EndpointClass::api;
    }
    if (path == "/healthz") {
        return EndpointClass::healthz;
    }
    if (path == "/metrics") {
        return EndpointClass::metrics;
    }
    return EndpointClass::web;
}

std::string_view name_of(EndpointClass c) {
    switch (c) {
    case EndpointClass::api:
        return "api";
    case EndpointClass::web:
        return "web";
    case EndpointClass::healthz:
        return "healthz";
    case EndpointClass::metrics:
        return "metrics";
    }
    return "web";
}

KioskAges age_kiosks(std::span<const std::string> last_seen_dates, const Date& today) {
    // 7 days: a kiosk quiet for a week is worth a visit (docs/operators.md).
    constexpr long week = 7;
    KioskAges ages;
    const long now = days_since_epoch(today);
    for (const auto& text : last_seen_dates) {
        if (text.empty()) {
            ++ages.never_seen;
            continue;
        }
        const auto date = parse_date(text);
        const long age = date ? now - days_since_epoch(*date) : week + 1;
        if (age <= 0) {
            ++ages.today; // a clock a day ahead still means "seen today"
        } else if (age <= week) {
            ++ages.last_week;
        } else {
            ++ages.older;
        }
    }
    return ages;
}

Histogram::Histogram(std::span<const double> upper_bounds)
    : bounds_(upper_bounds), counts_(upper_bounds.size() + 1) {}

void Histogram::observe(std::chrono::nanoseconds took) {
    const double seconds = std::chrono::duration<double>(took).count();
    const auto at = std::lower_bound(bounds_.begin(), bounds_.end(), seconds) - bounds_.begin();
    counts_[static_cast<std::size_t>(at)].fetch_add(1, std::memory_order_relaxed);
    sum_ns_.fetch_add(static_cast<std::uint64_t>(std::max<std::int64_t>(0, took.count())),
                      std::memory_order_relaxed);
}

Histogram::Snapshot Histogram::snapshot() const {
    Snapshot s;
    s.counts.reserve(counts_.size());
    for (const auto& c : counts_) {
        s.counts.push_back(c.load(std::memory_order_relaxed));
    }
    s.sum_ns = sum_ns_.load(std::memory_order_relaxed);
    return s;
}

struct Registry::Published {
    std::uint64_t publications = 0;
    std::uint64_t accepted = 0;
    std::uint64_t duplicate = 0;
    std::array<std::uint64_t, rejection_reasons.size() + 1> rejected{};
    std::array<Histogram::Snapshot, endpoint_class_count> requests;
    Histogram::Snapshot commits;
    std::size_t queue_high_water = 0;
    KioskAges kiosks;
};

Registry::Registry(std::string version)
    : version_(std::move(version)), requests_{Histogram(request_buckets),
                                              Histogram(request_buckets),
                                              Histogram(request_buckets),
                                              Histogram(request_buckets)},
      commits_(commit_buckets), published_(std::make_unique<Published>()) {
    // Until the first publish() a scrape shows zeros with the right buckets.
    for (auto& r : published_->requests) {
        r.counts.assign(request_buckets.size() + 1, 0);
    }
    published_->commits.counts.assign(commit_buckets.size() + 1, 0);
}

Registry::~Registry() = default;

void Registry::item_accepted() {
    accepted_.fetch_add(1, std::memory_order_relaxed);
}

void Registry::item_duplicate() {
    duplicate_.fetch_add(1, std::memory_order_relaxed);
}

void Registry::item_rejected(std::string_view code) {
    const auto it = std::find(rejection_reasons.begin(), rejection_reasons.end(), code);
    rejected_[static_cast<std::size_t>(it - rejection_reasons.begin())].fetch_add(
        1, std::memory_order_relaxed);
}

void Registry::observe_request(EndpointClass c, std::chrono::nanoseconds took) {
    requests_[static_cast<std::size_t>(c)].observe(took);
}

void Registry::observe_commit(std::size_t jobs, std::chrono::nanoseconds took) {
    commits_.observe(took);
    std::size_t high = queue_high_water_.load(std::memory_order_relaxed);
    while (jobs > high &&
           !queue_high_water_.compare_exchange_weak(high, jobs, std::memory_order_relaxed)) {
    }
}

void Registry::set_connections_source(std::function<Connections()> source) {
    std::lock_guard lock(mutex_);
    connections_ = std::move(source);
}

void Registry::set_kiosk_ages(const KioskAges& ages) {
    std::lock_guard lock(mutex_);
    kiosk_ages_ = ages;
}

void Registry::publish() {
    // No count below k (DESIGN §11): 1 to k-1 items show as 0, and a total
    // moves in steps of k, so even one period's difference is never a
    // small exact number.
    constexpr auto k = static_cast<std::uint64_t>(limits::min_suppression_k);
    const auto coarse = [](std::uint64_t n) { return n / k * k; };
    auto next = std::make_unique<Published>();
    next->accepted = coarse(accepted_.load(std::memory_order_relaxed));
    next->duplicate = coarse(duplicate_.load(std::memory_order_relaxed));
    for (std::size_t i = 0; i < rejected_.size(); ++i) {
        next->rejected[i] = coarse(rejected_[i].load(std::memory_order_relaxed));
    }
    for (std::size_t i = 0; i < requests_.size(); ++i) {
        next->requests[i] = requests_[i].snapshot();
    }
    next->commits = commits_.snapshot();
    next->queue_high_water = queue_high_water_.exchange(0, std::memory_order_relaxed);
    std::lock_guard lock(mutex_);
    next->kiosks = kiosk_ages_;
    next->publications = published_->publications + 1;
    published_ = std::move(next);
}

std::uint64_t Registry::publications() const {
    std::lock_guard lock(mutex_);
    return published_->publications;
}

Registry::Totals Registry::published_totals() const {
    std::lock_guard lock(mutex_);
    Totals t;
    t.accepted = published_->accepted;
    t.duplicate = published_->duplicate;
    for (std::size_t i = 0; i < published_->rejected.size(); ++i) {
        if (published_->rejected[i] != 0) {
            t.rejected.emplace_back(i < rejection_reasons.size() ? rejection_reasons[i]
                                                                 : std::string_view("other"),
                                    published_->rejected[i]);
        }
    }
    for (std::size_t i = 0; i < t.requests.size(); ++i) {
        for (const auto n : published_->requests[i].counts) {
            t.requests[i] += n;
        }
    }
    return t;
}

namespace {

// Shortest text that reads back as the same double ("0.001", "10", "1e-05").
std::string number(double v) {
    char buf[32];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, r.ptr);
}

void family(std::string& out, std::string_view name, std::string_view type, std::string_view help) {
    out.append("# HELP ").append(name).append(" ").append(help).append("\n");
    out.append("# TYPE ").append(name).append(" ").append(type).append("\n");
}

void sample(std::string& out, std::string_view name, std::string_view labels,
            const std::string& value) {
    out.append(name);
    if (!labels.empty()) {
        out.append("{").append(labels).append("}");
    }
    out.append(" ").append(value).append("\n");
}

void sample(std::string& out, std::string_view name, std::string_view labels, std::uint64_t v) {
    sample(out, name, labels, std::to_string(v));
}

// `labels` is "" or `name="value"` pairs without braces; le is appended.
void histogram(std::string& out, std::string_view name, const std::string& labels,
               std::span<const double> bounds, const Histogram::Snapshot& s) {
    const std::string before = labels.empty() ? "" : labels + ",";
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i < s.counts.size(); ++i) {
        cumulative += s.counts[i];
        const std::string le = i < bounds.size() ? number(bounds[i]) : "+Inf";
        sample(out, std::string(name) + "_bucket", before + "le=\"" + le + "\"", cumulative);
    }
    sample(out, std::string(name) + "_sum", labels, number(static_cast<double>(s.sum_ns) / 1e9));
    sample(out, std::string(name) + "_count", labels, cumulative);
}

} // namespace

std::string Registry::render() const {
    std::function<Connections()> connections;
    Published shown;
    {
        std::lock_guard lock(mutex_);
        shown = *published_;
        connections = connections_;
    }
    std::string out;
    out.reserve(8192);

    family(out, "engage_build_info", "gauge", "The running engage-admin's version (always 1).");
    sample(out, "engage_build_info", "version=\"" + version_ + "\"", 1);

    family(out, "engage_submission_items_total", "counter",
           "Submission items since start by outcome; rounded down to a multiple of 5 and "
           "updated once an hour, so no scrape shows a single batch.");
    sample(out, "engage_submission_items_total", "outcome=\"accepted\"", shown.accepted);
    sample(out, "engage_submission_items_total", "outcome=\"duplicate\"", shown.duplicate);

    family(out, "engage_submission_items_rejected_total", "counter",
           "Submission items refused since start by rejection code; rounded down to a multiple "
           "of 5 and updated once an hour.");
    for (std::size_t i = 0; i < shown.rejected.size(); ++i) {
        const std::string_view reason =
            i < rejection_reasons.size() ? rejection_reasons[i] : std::string_view("other");
        sample(out, "engage_submission_items_rejected_total",
               "reason=\"" + std::string(reason) + "\"", shown.rejected[i]);
    }

    family(out, "engage_http_request_duration_seconds", "histogram",
           "Time from a request's first byte to its answer, by endpoint class; updated once an "
           "hour.");
    for (std::size_t i = 0; i < shown.requests.size(); ++i) {
        const auto c = static_cast<EndpointClass>(i);
        histogram(out, "engage_http_request_duration_seconds",
                  "endpoint=\"" + std::string(name_of(c)) + "\"", request_buckets,
                  shown.requests[i]);
    }

    family(out, "engage_writer_commit_duration_seconds", "histogram",
           "Time of one group-commit transaction, fsync included; updated once an hour.");
    histogram(out, "engage_writer_commit_duration_seconds", "", commit_buckets, shown.commits);

    family(out, "engage_writer_queue_depth_max", "gauge",
           "Most writes waiting together for one commit during the last hour.");
    sample(out, "engage_writer_queue_depth_max", "", shown.queue_high_water);

    if (connections) {
        const Connections now = connections();
        family(out, "engage_connections", "gauge",
               "Open connections now: admitted (being served) or refusing (over the caps, being "
               "answered 503).");
        sample(out, "engage_connections", "state=\"admitted\"", now.admitted);
        sample(out, "engage_connections", "state=\"refusing\"", now.refusing);
    }

    family(out, "engage_kiosks", "gauge",
           "Enrolled kiosks by the date they were last seen (UTC days); updated once an hour.");
    const auto kiosks = [&](std::string_view bucket, std::int64_t n) {
        sample(out, "engage_kiosks", "last_seen=\"" + std::string(bucket) + "\"",
               static_cast<std::uint64_t>(std::max<std::int64_t>(0, n)));
    };
    kiosks("today", shown.kiosks.today);
    kiosks("1-7d", shown.kiosks.last_week);
    kiosks("older", shown.kiosks.older);
    kiosks("never", shown.kiosks.never_seen);

    family(out, "engage_metrics_publications_total", "counter",
           "Times the hourly values above were updated since start.");
    sample(out, "engage_metrics_publications_total", "", shown.publications);
    return out;
}

} // namespace engage::metrics
