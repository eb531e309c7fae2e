#include "kiosk/sync/sync_client.hpp"

#include "engage/limits.hpp"
#include "engage/strict_json.hpp"
#include "engage/version.hpp"
#include "kiosk/outbox/outbox.hpp"
#include "kiosk/sync/http_client.hpp"

#include <algorithm>
#include <boost/json/serialize.hpp>

namespace engage::kiosk {

namespace {

std::string field(const boost::json::object& o, std::string_view key) {
    if (const auto* v = o.if_contains(key); v && v->is_string()) {
        return std::string(v->as_string());
    }
    return {};
}

// "HTTP 503 (too_many_connections)" from an error reply; never the body itself.
std::string http_failure(std::string_view what, const HttpResponse& res) {
    std::string msg = std::string(what) + ": HTTP " + std::to_string(res.status);
    boost::json::value jv;
    std::string ignored;
    if (parse_json_strict(res.body, jv, ignored) && jv.is_object()) {
        if (const auto* e = jv.as_object().if_contains("error"); e && e->is_object()) {
            const auto code = field(e->as_object(), "code");
            if (!code.empty()) {
                msg += " (" + code + ")";
            }
        }
    }
    return msg;
}

constexpr const char* token_refused =
    "the server no longer accepts this kiosk's token: re-enrol it from staff mode";

} // namespace

SyncClient::SyncClient(SyncConfig config, Outbox& outbox, std::optional<Enrolment> enrolment,
                       std::string content_version, std::string etag)
    : config_(std::move(config)), outbox_(outbox), enrolment_(std::move(enrolment)),
      pending_code_(std::move(config_.enrol_code)), content_version_(std::move(content_version)),
      etag_(std::move(etag)), batch_size_(limits::max_batch_items), rng_(std::random_device{}()) {
    status_.server = config_.server_url;
    status_.enrolled = enrolment_.has_value();
    if (enrolment_) {
        status_.kiosk_id = enrolment_->kiosk_id;
        status_.site = enrolment_->site;
    }
    status_.content_version = content_version_;
    // A count the outbox could not read stays 0 here; the first attempt
    // reports the fault.
    status_.outbox_depth = outbox_.depth().value_or(0);
    status_.rejected = outbox_.rejected_count().value_or(0);
    // After a restart nothing on disk says how long items have waited, by
    // design: the delay counts again from start-up.
    if (status_.outbox_depth > 0) {
        waiting_since_ = Clock::now();
    }
}

SyncClient::~SyncClient() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
        if (http_) {
            http_->abort();
        }
    }
    cv_.notify_all();
    if (thread_.joinable()) {
        thread_.join();
    }
}

void SyncClient::start() {
    if (!thread_.joinable()) {
        thread_ = std::thread([this] { run(); });
    }
}

std::uint64_t SyncClient::request_sync() {
    std::uint64_t ticket = 0;
    {
        std::lock_guard lock(mutex_);
        ticket = ++requested_ticket_;
    }
    cv_.notify_all();
    return ticket;
}

bool SyncClient::wait_for(std::uint64_t ticket, std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    return cv_.wait_for(lock, timeout, [&] { return finished_ticket_ >= ticket || stop_; }) &&
           finished_ticket_ >= ticket;
}

void SyncClient::note_enqueued() {
    const auto depth = outbox_.depth();
    {
        std::lock_guard lock(mutex_);
        if (!waiting_since_) {
            waiting_since_ = Clock::now();
        }
        if (depth) {
            status_.outbox_depth = *depth;
        }
    }
    cv_.notify_all();
}

void SyncClient::reenrol(std::string code) {
    {
        std::lock_guard lock(mutex_);
        pending_code_ = std::move(code);
    }
    cv_.notify_all();
}

std::shared_ptr<const ContentBundle> SyncClient::take_new_content() {
    std::lock_guard lock(mutex_);
    return std::exchange(new_content_, nullptr);
}

void SyncClient::set_content_version(std::string version) {
    std::lock_guard lock(mutex_);
    content_version_ = version;
    status_.content_version = std::move(version);
}

void SyncClient::report_error(std::string error) {
    {
        std::lock_guard lock(mutex_);
        status_.last_error = std::move(error);
    }
    wake();
}

SyncStatus SyncClient::status() const {
    std::lock_guard lock(mutex_);
    SyncStatus s = status_;
    if (waiting_since_ && s.outbox_depth > 0) {
        const auto due = *waiting_since_ + config_.upload_delay;
        const auto left = std::chrono::duration_cast<std::chrono::seconds>(due - Clock::now());
        s.upload_due_in_seconds = std::max<std::int64_t>(0, left.count());
    }
    return s;
}

void SyncClient::set_wake_callback(std::function<void()> wake) {
    std::lock_guard lock(mutex_);
    wake_ = std::move(wake);
}

void SyncClient::wake() {
    std::function<void()> w;
    {
        std::lock_guard lock(mutex_);
        w = wake_;
    }
    if (w) {
        w();
    }
}

// [SECTION] The thread ---------------------------------------------------------

void SyncClient::run() {
    Clock::time_point retry_at = Clock::time_point::min(); // min: not backing off
    std::unique_lock lock(mutex_);
    while (!stop_) {
        const auto now = Clock::now();
        const bool forced = requested_ticket_ > finished_ticket_;
        const bool has_code = !pending_code_.empty();
        const bool backing_off = now < retry_at;

        // When is the next piece of regular work due?
        std::optional<Clock::time_point> upload_at;
        if (waiting_since_ && status_.outbox_depth >= config_.min_batch) {
            upload_at = *waiting_since_ + config_.upload_delay;
        }
        Clock::time_point next = std::min(next_content_, next_heartbeat_);
        if (upload_at) {
            next = std::min(next, *upload_at);
        }
        if (!enrolment_ && !has_code) {
            next = Clock::time_point::max(); // nothing to do until a code or a request
        }
        if (backing_off) {
            next = std::max(next, retry_at);
        }
        if (!forced && (backing_off || !has_code) && now < next) {
            const auto seen = requested_ticket_;
            const auto seen_code = pending_code_;
            const auto seen_depth = status_.outbox_depth;
            const auto woken = [&] {
                return stop_ || requested_ticket_ != seen || pending_code_ != seen_code ||
                       status_.outbox_depth != seen_depth;
            };
            if (next == Clock::time_point::max()) {
                cv_.wait(lock, woken);
            } else {
                cv_.wait_until(lock, next, woken);
            }
            continue;
        }

        const auto serving = requested_ticket_;
        std::string code = std::exchange(pending_code_, std::string{});
        status_.syncing = true;
        lock.unlock();
        wake();

        std::string error;
        bool ok = true;
        if (!code.empty()) {
            ok = enrol(code, error);
        }
        if (ok) {
            ok = attempt(forced, !code.empty(), error);
        }
        std::string count_error;
        const auto depth = outbox_.depth(&count_error);
        const auto rejected = outbox_.rejected_count(&count_error);
        if (ok && (!depth || !rejected)) {
            ok = false;
            error = "the outbox could not be read: " + count_error;
        }

        lock.lock();
        status_.syncing = false;
        status_.outbox_depth = depth.value_or(status_.outbox_depth);
        status_.rejected = rejected.value_or(status_.rejected);
        ++status_.attempts_finished;
        finished_ticket_ = std::max(finished_ticket_, serving);
        if (ok) {
            status_.last_error.clear();
            status_.last_sync = std::chrono::system_clock::now();
            backoff_ = std::chrono::milliseconds{0};
            retry_at = Clock::time_point::min();
        } else {
            status_.last_error = error;
            // Exponential backoff with ±25% jitter, so kiosks that lost the
            // server together do not all come back in the same second.
            backoff_ = backoff_.count() == 0 ? config_.first_backoff
                                             : std::min(config_.max_backoff, backoff_ * 2);
            std::uniform_real_distribution<double> jitter(0.75, 1.25);
            retry_at = Clock::now() + std::chrono::milliseconds(static_cast<std::int64_t>(
                                          static_cast<double>(backoff_.count()) * jitter(rng_)));
        }
        lock.unlock();
        cv_.notify_all();
        wake();
        lock.lock();
    }
}

bool SyncClient::http_ready(std::string& error) {
    if (http_ && http_server_ == config_.server_url) {
        return true;
    }
    if (config_.server_url.empty()) {
        error = "no server is set for this kiosk (--server URL)";
        return false;
    }
    ServerUrl url;
    if (!parse_server_url(config_.server_url, config_.insecure, url, error)) {
        return false;
    }
    auto client = std::make_unique<HttpClient>(url, config_.ca_file, config_.request_timeout);
    std::lock_guard lock(mutex_);
    if (stop_) {
        client->abort();
    }
    http_ = std::move(client);
    http_server_ = config_.server_url;
    return true;
}

bool SyncClient::attempt(bool forced, bool just_enrolled, std::string& error) {
    bool enrolled = false;
    std::string enrol_error;
    {
        std::lock_guard lock(mutex_);
        enrolled = enrolment_.has_value();
        enrol_error = enrol_error_;
    }
    if (!enrolled) {
        error = enrol_error.empty()
                    ? "this kiosk is not enrolled yet (start it once with --enrol CODE)"
                    : enrol_error;
        return false;
    }
    if (!http_ready(error)) {
        return false;
    }
    const auto now = Clock::now();
    // A fresh enrolment fetches content and says hello at once, but never
    // uploads early: only the delay rules or Sync now do that.
    if (forced || just_enrolled || now >= next_content_) {
        if (!refresh_content(error)) {
            return false;
        }
        next_content_ = now + config_.content_interval;
    }
    if (!upload(forced, error)) {
        return false;
    }
    if (forced || just_enrolled || now >= next_heartbeat_) {
        if (!heartbeat(error)) {
            return false;
        }
        next_heartbeat_ = now + config_.heartbeat_interval;
    }
    return true;
}

bool SyncClient::enrol(const std::string& code, std::string& error) {
    if (!http_ready(error)) {
        std::lock_guard lock(mutex_);
        pending_code_ = code; // try again once the server is set
        return false;
    }
    HttpRequest req;
    req.method = "POST";
    req.target = "/api/v1/enrol";
    req.body = boost::json::serialize(boost::json::object{{"code", code}});
    HttpResponse res;
    // A code works once: never resend it on a connection that may have delivered it.
    http_->close();
    if (!http_->send(req, res, error, false)) {
        std::lock_guard lock(mutex_);
        pending_code_ = code; // the network failed: the code may still be good
        error = "enrolment: " + error;
        return false;
    }
    if (res.status == 401) {
        error = "the enrolment code was not accepted (used, expired or mistyped)";
        std::lock_guard lock(mutex_);
        enrol_error_ = error;
        return false;
    }
    if (res.status != 200) {
        error = http_failure("enrolment", res);
        return false;
    }
    boost::json::value jv;
    if (!parse_json_strict(res.body, jv, error) || !jv.is_object()) {
        error = "enrolment: the server's reply was not understood";
        return false;
    }
    Enrolment e;
    e.kiosk_id = field(jv.as_object(), "kiosk");
    e.site = field(jv.as_object(), "site");
    e.token = field(jv.as_object(), "token");
    e.server = config_.server_url;
    if (e.token.empty()) {
        error = "enrolment: the server sent no token";
        return false;
    }
    if (!save_enrolment(config_.data_dir, e, error)) {
        error = "enrolment: " + error;
        return false;
    }
    {
        std::lock_guard lock(mutex_);
        enrolment_ = e;
        enrol_error_.clear();
        status_.enrolled = true;
        status_.kiosk_id = e.kiosk_id;
        status_.site = e.site;
        etag_.clear(); // a new site may have other content
    }
    next_content_ = Clock::time_point{};
    next_heartbeat_ = Clock::time_point{};
    return true;
}

bool SyncClient::refresh_content(std::string& error) {
    HttpRequest req;
    req.target = "/api/v1/content";
    std::string etag;
    {
        std::lock_guard lock(mutex_);
        req.headers.emplace_back("Authorization", "Bearer " + enrolment_->token);
        etag = etag_;
    }
    if (!etag.empty()) {
        req.headers.emplace_back("If-None-Match", etag);
    }
    HttpResponse res;
    if (!http_->send(req, res, error)) {
        error = "content: " + error;
        return false;
    }
    if (res.status == 304) {
        return true;
    }
    if (res.status == 401) {
        error = token_refused;
        return false;
    }
    if (res.status != 200) {
        error = http_failure("content", res);
        return false;
    }
    boost::json::value jv;
    auto bundle = std::make_shared<ContentBundle>();
    if (!parse_json_strict(res.body, jv, error) || !parse_content_bundle(jv, *bundle, error)) {
        error = "content: the server's bundle was not understood (" + error + ")";
        return false;
    }
    // Cache first, so a kiosk that restarts offline shows what it last had.
    if (!save_cached_content(config_.data_dir, res.body, res.etag, error)) {
        error = "content: " + error;
        return false;
    }
    {
        std::lock_guard lock(mutex_);
        etag_ = res.etag;
        new_content_ = std::move(bundle);
    }
    wake();
    return true;
}

bool SyncClient::upload(bool forced, std::string& error) {
    std::string token;
    bool due = forced;
    {
        std::lock_guard lock(mutex_);
        token = enrolment_->token;
        if (!due && waiting_since_ && status_.outbox_depth >= config_.min_batch) {
            due = Clock::now() >= *waiting_since_ + config_.upload_delay;
        }
    }
    if (!due) {
        return true;
    }
    // Bounded: every round acknowledges or sets aside at least one item, or fails.
    const auto waiting = outbox_.depth(&error);
    if (!waiting) {
        error = "upload: the outbox could not be read: " + error;
        return false;
    }
    const std::size_t max_rounds = *waiting + 2;
    for (std::size_t round = 0; round < max_rounds; ++round) {
        const auto picked = outbox_.pick_batch(batch_size_, &error);
        if (!picked) {
            error = "upload: the outbox could not be read: " + error;
            return false;
        }
        const auto& batch = *picked;
        if (batch.empty()) {
            break;
        }
        HttpRequest req;
        req.method = "POST";
        req.target = "/api/v1/submissions";
        req.headers.emplace_back("Authorization", "Bearer " + token);
        req.body = "{\"submissions\":[";
        for (std::size_t i = 0; i < batch.size(); ++i) {
            if (i > 0) {
                req.body += ',';
            }
            req.body += batch[i].json_text;
        }
        req.body += "]}";
        HttpResponse res;
        if (!http_->send(req, res, error)) {
            error = "upload: " + error;
            return false;
        }
        if (res.status == 413 && batch_size_ > 1) {
            batch_size_ = std::max<std::size_t>(1, batch_size_ / 2); // items larger than usual
            continue;
        }
        if (res.status == 401) {
            error = token_refused;
            return false;
        }
        if (res.status != 200) {
            error = http_failure("upload", res);
            return false;
        }
        boost::json::value jv;
        if (!parse_json_strict(res.body, jv, error) || !jv.is_object() ||
            !jv.as_object().contains("results") || !jv.as_object().at("results").is_array()) {
            error = "upload: the server's reply was not understood";
            return false;
        }
        std::vector<ItemAck> acks;
        std::size_t stored = 0;
        for (const auto& r : jv.as_object().at("results").as_array()) {
            if (!r.is_object()) {
                continue;
            }
            const auto& o = r.as_object();
            ItemAck ack;
            ack.id = field(o, "id");
            const auto status = field(o, "status");
            if (status == "accepted") {
                ack.outcome = ItemOutcome::accepted;
            } else if (status == "duplicate") {
                ack.outcome = ItemOutcome::duplicate;
            } else if (status == "rejected") {
                ack.outcome = ItemOutcome::rejected;
                ack.code = field(o, "code");
                ack.reason = field(o, "reason");
            } else {
                continue; // unknown: keep the item and send it again later
            }
            // Only ids we sent in this batch count as acknowledged.
            if (std::none_of(batch.begin(), batch.end(),
                             [&](const QueuedItem& q) { return q.id == ack.id; })) {
                continue;
            }
            stored += ack.outcome == ItemOutcome::rejected ? 0 : 1;
            acks.push_back(std::move(ack));
        }
        if (!outbox_.acknowledge(acks, error)) {
            error = "upload: the outbox could not be updated: " + error;
            return false;
        }
        {
            std::lock_guard lock(mutex_);
            status_.uploaded_total += stored;
            status_.outbox_depth = outbox_.depth().value_or(status_.outbox_depth);
        }
        if (acks.empty()) {
            error = "upload: the server acknowledged none of the items";
            return false;
        }
        if (batch.size() < batch_size_) {
            break;
        }
    }
    const auto left = outbox_.depth(&error);
    if (!left) {
        error = "upload: the outbox could not be read: " + error;
        return false;
    }
    const std::size_t depth = *left;
    std::lock_guard lock(mutex_);
    status_.outbox_depth = depth;
    if (depth == 0) {
        waiting_since_.reset();
    } else {
        waiting_since_ = Clock::now(); // items that came in meanwhile start their own wait
    }
    return true;
}

bool SyncClient::heartbeat(std::string& error) {
    HttpRequest req;
    req.method = "POST";
    req.target = "/api/v1/heartbeat";
    {
        std::lock_guard lock(mutex_);
        req.headers.emplace_back("Authorization", "Bearer " + enrolment_->token);
        req.body = boost::json::serialize(
            boost::json::object{{"app_version", app_version},
                                {"outbox_depth", static_cast<std::int64_t>(status_.outbox_depth)},
                                {"content_version", content_version_},
                                {"last_sync_error", status_.last_error}});
    }
    HttpResponse res;
    if (!http_->send(req, res, error)) {
        error = "heartbeat: " + error;
        return false;
    }
    if (res.status == 401) {
        error = token_refused;
        return false;
    }
    if (res.status != 200) {
        error = http_failure("heartbeat", res);
        return false;
    }
    return true;
}

} // namespace engage::kiosk
