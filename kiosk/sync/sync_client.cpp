#include "kiosk/sync/sync_client.hpp"

#include "engage/limits.hpp"
#include "engage/protocol.hpp"
#include "engage/strict_json.hpp"
#include "engage/version.hpp"
#include "kiosk/outbox/outbox.hpp"
#include "kiosk/sync/coordinator_key_pin.hpp"
#include "kiosk/sync/http_client.hpp"
#include "kiosk/sync/upload_rules.hpp"

#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value_from.hpp>
#include <unordered_set>

namespace engage::kiosk {

namespace {

// "HTTP 503 (too_many_connections)" from an error reply; never the body itself.
std::string http_failure(std::string_view what, const HttpResponse& res) {
    std::string msg = std::string(what) + ": HTTP " + std::to_string(res.status);
    ApiError e;
    std::string ignored; // a reply that is not an error body just has no code to show
    if (protocol::read_text(res.body, e, ignored)) {
        msg += " (" + e.code + ")";
    }
    return msg;
}

ItemOutcome outcome_of(protocol::ItemStatus status) {
    switch (status) {
    case protocol::ItemStatus::accepted:
        return ItemOutcome::accepted;
    case protocol::ItemStatus::duplicate:
        return ItemOutcome::duplicate;
    case protocol::ItemStatus::rejected:
        return ItemOutcome::rejected;
    }
    return ItemOutcome::rejected;
}

constexpr const char* token_refused =
    "the server no longer accepts this kiosk's token: re-enrol it from staff mode";

// Waiting items read per upload check. Far above what a kiosk gathers in the
// longest max_wait; beyond it, the rest are read at later checks.
constexpr std::size_t max_items_per_check = 100'000;

// A sealed sign-up carries "sealed" (engage/submission.hpp); anything we
// cannot read counts as anonymous, the kind held back longest.
bool is_signup(const std::string& json_text) {
    boost::system::error_code ec;
    const auto jv = boost::json::parse(json_text, ec);
    return !ec && jv.is_object() && jv.as_object().contains("sealed");
}

// The first `interval` step after `now` on the grid anchored at `anchor`, so
// heartbeats keep a fixed rhythm whatever else the thread did meanwhile.
std::chrono::steady_clock::time_point next_on_grid(std::chrono::steady_clock::time_point anchor,
                                                   std::chrono::steady_clock::time_point now,
                                                   std::chrono::seconds interval) {
    if (anchor == std::chrono::steady_clock::time_point{} || interval.count() <= 0) {
        return now + interval;
    }
    if (anchor > now) {
        return anchor;
    }
    const auto steps = (now - anchor) / interval + 1;
    return anchor + steps * interval;
}

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
    const auto now = Clock::now();
    next_upload_check_ =
        now + jittered_interval(config_.upload_check_min, config_.upload_check_max, rng_);
    next_signup_check_ =
        now + jittered_interval(config_.upload_check_min, config_.upload_check_max, rng_);
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

void SyncClient::note_enqueued(const std::string& id, bool signup) {
    std::lock_guard lock(mutex_);
    waiting_.insert_or_assign(id, Waiting{Clock::now(), signup});
    ++status_.outbox_depth; // the sync thread recounts after its next attempt
    refresh_plan_locked(Clock::now());
    // No notify: the upload timer, not this Send, decides when items go.
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

void SyncClient::set_storage_problem(std::string problem) {
    {
        std::lock_guard lock(mutex_);
        storage_problem_ = std::move(problem);
    }
    wake();
}

SyncStatus SyncClient::status() const {
    std::lock_guard lock(mutex_);
    SyncStatus s = status_;
    if (!storage_problem_.empty()) {
        s.last_error = storage_problem_; // until solved it matters more than a sync error
    }
    if (delay_due_at_) {
        const auto left =
            std::chrono::duration_cast<std::chrono::seconds>(*delay_due_at_ - Clock::now());
        s.upload_due_in_seconds = std::max<std::int64_t>(0, left.count());
    }
    return s;
}

void SyncClient::refresh_plan_locked(Clock::time_point now) {
    std::vector<WaitingItem> items;
    items.reserve(waiting_.size());
    for (const auto& [id, w] : waiting_) {
        items.push_back({id, w.signup, w.since});
    }
    const auto choice = choose_uploads(items, now, rules());
    status_.answers_needed = choice.answers_needed;
    delay_due_at_.reset();
    if (choice.delay_left_seconds) {
        delay_due_at_ = now + std::chrono::seconds(*choice.delay_left_seconds);
    }
}

UploadRules SyncClient::rules() const {
    return UploadRules{config_.upload_delay, config_.min_batch, config_.max_wait};
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
    {
        // Items already waiting at start-up count their delay from now: nothing
        // on disk says how long they waited before, by design.
        // An outbox that cannot be read here shows as empty; the first upload
        // attempt reads it again and reports the fault.
        const auto items =
            outbox_.pick_batch(max_items_per_check).value_or(std::vector<QueuedItem>{});
        const auto now = Clock::now();
        std::lock_guard lock(mutex_);
        for (const auto& item : items) {
            waiting_.try_emplace(item.id, Waiting{now, is_signup(item.json_text)});
        }
        refresh_plan_locked(now);
    }
    std::unique_lock lock(mutex_);
    while (!stop_) {
        const auto now = Clock::now();
        const bool asked = requested_ticket_ > finished_ticket_;
        const bool has_code = !pending_code_.empty();
        const bool backing_off = now < retry_at;

        // When is the next piece of regular work due? Never "an item came in".
        Clock::time_point next =
            std::min({next_content_, next_heartbeat_, next_upload_check_, next_signup_check_});
        if (!enrolment_ && !has_code) {
            next = Clock::time_point::max(); // nothing to do until a code or a request
        }
        if (backing_off) {
            next = std::max(next, retry_at);
        }
        if (!asked && (backing_off || !has_code) && now < next) {
            const auto seen = requested_ticket_;
            const auto seen_code = pending_code_;
            const auto woken = [&] {
                return stop_ || requested_ticket_ != seen || pending_code_ != seen_code;
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
            ok = attempt(asked, !code.empty(), error);
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
            status_.removed_from_server = false;
            status_.last_sync = std::chrono::system_clock::now();
            backoff_ = std::chrono::milliseconds{0};
            retry_at = Clock::time_point::min();
        } else {
            status_.last_error = error;
            // Sticky until a new enrolment or a success: a later network
            // failure does not make a revoked token work again.
            if (error == token_refused) {
                status_.removed_from_server = true;
            }
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

bool SyncClient::attempt(bool asked, bool just_enrolled, std::string& error) {
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
    const bool forced = asked && config_.test_mode;
    // A fresh enrolment fetches content and says hello at once, but never
    // uploads early: only the upload timer (or test mode) does that.
    if (asked || just_enrolled || now >= next_content_) {
        if (!refresh_content(error)) {
            return false;
        }
        next_content_ = now + config_.content_interval;
    }
    // Staff "Sync now" runs a check at once, under the same rules as the timer.
    const bool anonymous_due = asked || now >= next_upload_check_;
    const bool signups_due = asked || now >= next_signup_check_;
    if (anonymous_due || signups_due) {
        if (!upload_due(forced, anonymous_due, signups_due, error)) {
            return false; // the timers stay due: the backoff retries them
        }
        if (now >= next_upload_check_) {
            next_upload_check_ =
                now + jittered_interval(config_.upload_check_min, config_.upload_check_max, rng_);
        }
        if (now >= next_signup_check_) {
            next_signup_check_ =
                now + jittered_interval(config_.upload_check_min, config_.upload_check_max, rng_);
        }
    }
    // Heartbeats keep their own fixed rhythm: one after an upload or a visit
    // would tell the server when those happened.
    if (forced || just_enrolled || now >= next_heartbeat_) {
        if (!heartbeat(error)) {
            return false;
        }
        if (now >= next_heartbeat_) {
            next_heartbeat_ = next_on_grid(next_heartbeat_, now, config_.heartbeat_interval);
        }
    }
    return true;
}

bool SyncClient::upload_due(bool forced, bool anonymous, bool signups, std::string& error) {
    // The outbox is the truth about what waits; waiting_ only knows since when.
    const auto loaded_at = Clock::now();
    auto picked = outbox_.pick_batch(max_items_per_check, &error);
    if (!picked) {
        error = "upload: the outbox could not be read: " + error;
        return false;
    }
    auto& items = *picked;
    std::unordered_set<std::string> signup_ids;
    for (const auto& item : items) {
        if (is_signup(item.json_text)) {
            signup_ids.insert(item.id);
        }
    }
    const auto now = Clock::now();
    UploadChoice choice;
    {
        std::lock_guard lock(mutex_);
        std::unordered_set<std::string> present;
        std::vector<WaitingItem> waiting;
        for (const auto& item : items) {
            const bool signup = signup_ids.count(item.id) > 0;
            // One the UI has not told us about yet starts its wait now.
            auto [it, added] = waiting_.try_emplace(item.id, Waiting{now, signup});
            it->second.signup = signup;
            present.insert(item.id);
            waiting.push_back({item.id, signup, it->second.since});
        }
        // Noted before this read began yet not in the outbox: gone (acknowledged).
        std::erase_if(waiting_, [&](const auto& entry) {
            return entry.second.since < loaded_at && present.count(entry.first) == 0;
        });
        if (forced) {
            for (const auto& w : waiting) {
                (w.signup ? choice.signups : choice.anonymous).push_back(w.id);
            }
        } else {
            choice = choose_uploads(waiting, now, rules());
        }
        refresh_plan_locked(now);
    }
    const auto pick = [&](const std::vector<std::string>& ids) {
        const std::unordered_set<std::string> wanted(ids.begin(), ids.end());
        std::vector<QueuedItem> out;
        for (const auto& item : items) { // pick_batch's fresh random order
            if (wanted.count(item.id) > 0) {
                out.push_back(item);
            }
        }
        return out;
    };
    bool sent_anonymous = false;
    if (anonymous && !choice.anonymous.empty()) {
        if (!upload(pick(choice.anonymous), error)) {
            return false;
        }
        sent_anonymous = true;
    }
    if (signups && !choice.signups.empty()) {
        if (sent_anonymous && !forced) {
            // Never in the same attempt as an anonymous batch: one person's
            // sign-up and feedback must not arrive side by side.
            next_signup_check_ =
                now + jittered_interval(config_.upload_check_min, config_.upload_check_max, rng_);
        } else if (!upload(pick(choice.signups), error)) {
            return false;
        }
    }
    std::lock_guard lock(mutex_);
    refresh_plan_locked(Clock::now());
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
    req.target = protocol::paths::enrol;
    req.body = protocol::to_json_text(protocol::EnrolRequest{code});
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
    protocol::EnrolResponse reply;
    if (!protocol::read_text(res.body, reply, error)) {
        error = "enrolment: the server's reply was not understood (" + error + ")";
        return false;
    }
    Enrolment e;
    e.kiosk_id = std::move(reply.kiosk);
    e.site = std::move(reply.site);
    e.token = std::move(reply.token);
    // Pinned from now on: content may change the box key only with its signature.
    e.signing_key = std::move(reply.coordinator_signing_key);
    e.server = config_.server_url;
    if (!save_enrolment(config_.data_dir, e, error)) {
        error = "enrolment: " + error;
        return false;
    }
    {
        std::lock_guard lock(mutex_);
        enrolment_ = e;
        enrol_error_.clear();
        status_.enrolled = true;
        status_.removed_from_server = false;
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
    req.target = protocol::paths::content;
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
    Enrolment pins;
    {
        std::lock_guard lock(mutex_);
        pins = *enrolment_;
    }
    if (pins.box_key.empty() && pins.signing_key.empty()) {
        // Enrolled before keys were pinned: the key it had is in its cache.
        if (const auto cached = load_cached_content(config_.data_dir)) {
            pins.box_key = cached->bundle.coordinator_public_key;
            pins.box_key_signature = cached->bundle.coordinator_key_signature;
        }
    }
    const KeyCheck key = check_coordinator_key(*bundle, pins);
    if (key.pin_changed && !save_enrolment(config_.data_dir, pins, error)) {
        error = "content: " + error;
        return false;
    }
    // Cache first, so a kiosk that restarts offline shows what it last had;
    // with a refused key, the bundle as checked (carrying the pinned key).
    const std::string checked =
        key.key_replaced ? boost::json::serialize(boost::json::value_from(*bundle)) : res.body;
    if (!save_cached_content(config_.data_dir, checked, res.etag, error)) {
        error = "content: " + error;
        return false;
    }
    {
        std::lock_guard lock(mutex_);
        etag_ = res.etag;
        new_content_ = std::move(bundle);
        enrolment_ = pins;
        status_.coordinator_key_error = key.error;
    }
    wake();
    return true;
}

bool SyncClient::upload(const std::vector<QueuedItem>& items, std::string& error) {
    std::string token;
    {
        std::lock_guard lock(mutex_);
        token = enrolment_->token;
    }
    // Bounded: every round moves past one batch, halves the batch size, or fails.
    std::size_t pos = 0;
    while (pos < items.size()) {
        const auto end = std::min(items.size(), pos + batch_size_);
        const std::vector<QueuedItem> batch(items.begin() + static_cast<std::ptrdiff_t>(pos),
                                            items.begin() + static_cast<std::ptrdiff_t>(end));
        // The outbox holds each item as to_json(Submission) made it. One that
        // no longer parses (a damaged file) is set aside here as the server
        // would refuse it, so it cannot block every later batch.
        protocol::SubmissionBatch body;
        std::vector<ItemAck> damaged;
        for (const auto& queued : batch) {
            boost::json::value item;
            std::string why;
            if (parse_json_strict(queued.json_text, item, why)) {
                body.items.push_back(std::move(item));
            } else {
                damaged.push_back({queued.id, ItemOutcome::rejected, "bad_item",
                                   "the kiosk's stored copy is damaged (" + why + ")"});
            }
        }
        if (!damaged.empty() && !outbox_.acknowledge(damaged, error)) {
            error = "upload: the outbox could not be updated: " + error;
            return false;
        }
        if (body.items.empty()) {
            pos = end;
            continue;
        }
        HttpRequest req;
        req.method = "POST";
        req.target = protocol::paths::submissions;
        req.headers.emplace_back("Authorization", "Bearer " + token);
        req.body = protocol::to_json_text(body);
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
        protocol::BatchResults results;
        if (!protocol::read_text(res.body, results, error)) {
            error = "upload: the server's reply was not understood (" + error + ")";
            return false;
        }
        std::vector<ItemAck> acks;
        std::size_t stored = 0;
        for (auto& r : results.results) {
            ItemAck ack;
            ack.id = std::move(r.id);
            ack.outcome = outcome_of(r.status);
            if (ack.outcome == ItemOutcome::rejected) {
                ack.code = std::move(r.code);
                ack.reason = std::move(r.reason);
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
            status_.outbox_depth -= std::min(status_.outbox_depth, acks.size());
            for (const auto& ack : acks) {
                waiting_.erase(ack.id);
            }
        }
        if (acks.empty()) {
            error = "upload: the server acknowledged none of the items";
            return false;
        }
        pos = end;
    }
    return true;
}

bool SyncClient::heartbeat(std::string& error) {
    HttpRequest req;
    req.method = "POST";
    req.target = protocol::paths::heartbeat;
    // Outbox reads happen before taking the lock: SQLite is not held under it.
    const std::optional<std::size_t> read_depth = outbox_.depth();
    const std::optional<Date> oldest = outbox_.oldest_item_date();
    {
        std::lock_guard lock(mutex_);
        req.headers.emplace_back("Authorization", "Bearer " + enrolment_->token);
        // Only the band and the oldest item's age in days (issue 8). If the
        // outbox could not be read, the last depth read stands and the age
        // goes as unknown: the heartbeat still reports the sync error.
        const std::size_t depth = read_depth.value_or(status_.outbox_depth);
        const auto& problem = storage_problem_.empty() ? status_.last_error : storage_problem_;
        req.body = protocol::to_json_text(protocol::make_heartbeat(
            app_version, depth, oldest, today_local(), content_version_, problem));
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
