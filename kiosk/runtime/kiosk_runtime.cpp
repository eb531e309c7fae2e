#include "kiosk/runtime/kiosk_runtime.hpp"

#include "engage/date.hpp"
#include "kiosk/config/data_dir.hpp"
#include "kiosk/outbox/outbox.hpp"
#include "kiosk/sync/sync_client.hpp"

#include <algorithm>
#include <cstdlib>
#include <ctime>

namespace engage::kiosk {

namespace {

// Outbox write retries: the first soon (a full disk is often freed in
// seconds), doubling up to a minute, so a broken disk costs one try a minute,
// not a spinning CPU, and space freed by staff is used within a minute.
constexpr std::int64_t first_write_retry_ms = 1'000;
constexpr std::int64_t max_write_retry_ms = 60'000;

// The local wall-clock time for opening hours (the kiosk's zone, which is
// the site's and, by assumption, the server's). Under --test-mode the
// environment variable ENGAGE_TEST_LOCAL_TIME="D HH:MM" (D = 0 for Monday
// .. 6) fixes it, so tests and screenshots of the closed screen do not depend
// on when they run.
LocalTime local_time_now(bool test_mode) {
    if (test_mode) {
        if (const char* fixed = std::getenv("ENGAGE_TEST_LOCAL_TIME")) {
            const std::string_view text(fixed);
            if (text.size() == 7 && text[0] >= '0' && text[0] <= '6' && text[1] == ' ') {
                if (const auto m = parse_clock_time(text.substr(2), false)) {
                    return LocalTime{text[0] - '0', *m, 0};
                }
            }
        }
    }
    const std::time_t t = std::time(nullptr);
    std::tm local{};
    localtime_r(&t, &local);
    // tm_wday counts from Sunday = 0; ours from Monday = 0.
    return LocalTime{(local.tm_wday + 6) % 7, local.tm_hour * 60 + local.tm_min,
                     std::min(local.tm_sec, 59)};
}

} // namespace

KioskRuntime::KioskRuntime(Options options, MsClock clock)
    : options_(std::move(options)), clock_(clock ? std::move(clock) : MsClock(&now_ms)) {}

KioskRuntime::~KioskRuntime() {
    // The sync thread uses the outbox: stop it first.
    sync_.reset();
}

std::int64_t KioskRuntime::now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

std::unique_ptr<KioskRuntime> KioskRuntime::open(const Options& options, std::string& error,
                                                 MsClock clock) {
    if (!ensure_data_dir(options.data_dir, error)) {
        return nullptr;
    }
    std::unique_ptr<KioskRuntime> rt(new KioskRuntime(options, std::move(clock)));
    rt->outbox_ = Outbox::open(options.data_dir / "outbox.db", error);
    if (!rt->outbox_) {
        error = "cannot open the outbox: " + error;
        return nullptr;
    }
    std::shared_ptr<const ContentBundle> content;
    std::string etag;
    if (auto cached = load_cached_content(options.data_dir)) {
        etag = cached->etag;
        content = std::make_shared<const ContentBundle>(std::move(cached->bundle));
    }
    auto enrolment = load_enrolment(options.data_dir);

    FlowConfig flow_config;
    flow_config.default_language = options.default_language;
    flow_config.default_text_size_step = options.default_text_size_step;
    flow_config.default_scanning = options.scan_mode;
    flow_config.default_easy_read = options.default_easy_words;
    rt->flow_ = std::make_unique<Flow>(content, options.staff_pin_hash, today_local(), flow_config);
    // The closed screen from the first frame when the site is closed now.
    rt->flow_->set_local_time(local_time_now(options.test_mode), rt->clock_());
    rt->shown_content_version_ = content ? content->version : "";

    SyncConfig sc;
    sc.server_url = options.server_url;
    if (sc.server_url.empty() && enrolment) {
        sc.server_url = enrolment->server; // the server it was enrolled with
    }
    sc.data_dir = options.data_dir;
    sc.ca_file = options.ca_file;
    sc.insecure = options.insecure;
    sc.upload_delay = std::chrono::seconds(options.upload_delay_seconds);
    sc.min_batch = options.min_batch;
    sc.max_wait = std::chrono::days(options.max_wait_days);
    sc.test_mode = options.test_mode;
    sc.enrol_code = options.enrol_code;
    rt->sync_ = std::make_unique<SyncClient>(sc, *rt->outbox_, std::move(enrolment),
                                             rt->shown_content_version_, etag);
    rt->sync_->start();
    return rt;
}

bool KioskRuntime::apply_effects() {
    bool changed = false;
    flow_->set_today(today_local());
    if (flow_->set_local_time(local_time_now(options_.test_mode), clock_())) {
        changed = true;
    }

    for (auto& effect : flow_->take_effects()) {
        changed = true;
        if (auto* q = std::get_if<QueueSubmission>(&effect)) {
            unsaved_.push_back(std::move(q->submission));
        } else if (std::holds_alternative<SyncNow>(effect)) {
            sync_->request_sync();
        } else if (auto* r = std::get_if<Reenrol>(&effect)) {
            sync_->reenrol(std::move(r->code));
        } else if (std::holds_alternative<ExitApp>(effect)) {
            exit_requested_ = true;
        } else {
            ui_effects_.push_back(std::move(effect));
        }
    }
    // An app that never takes them must not grow this for months: only the
    // latest few (a stop-speech after a wipe) can still matter.
    constexpr std::size_t max_ui_effects = 16;
    if (ui_effects_.size() > max_ui_effects) {
        ui_effects_.erase(ui_effects_.begin(),
                          ui_effects_.end() - static_cast<std::ptrdiff_t>(max_ui_effects));
    }

    if (!unsaved_.empty() && clock_() >= retry_at_ms_) {
        save_unsaved();
        changed = true;
    }

    if (auto fresh = sync_->take_new_content()) {
        flow_->offer_content(std::move(fresh));
        changed = true;
    }
    const auto* shown = flow_->content();
    const std::string version = shown ? shown->version : "";
    if (version != shown_content_version_) {
        shown_content_version_ = version;
        sync_->set_content_version(version);
        changed = true;
    }
    return changed;
}

void KioskRuntime::save_unsaved() {
    std::vector<Submission> still_unsaved;
    std::string last_error;
    for (auto& s : unsaved_) {
        // Once one write failed, the rest wait for the next try: the disk
        // that refused one will refuse the next, and each try costs an fsync.
        if (!last_error.empty()) {
            still_unsaved.push_back(std::move(s));
            continue;
        }
        ++write_attempts_;
        std::string error;
        // A write that reported failure after it committed (an fsync error
        // after the commit) is safe to repeat: enqueue() is idempotent by id,
        // so the answer is stored once and never refused as a duplicate.
        if (outbox_->enqueue(s, error)) {
            sync_->note_enqueued(s.id, s.sealed.has_value());
        } else {
            last_error = error.empty() ? "unknown error" : error;
            still_unsaved.push_back(std::move(s));
        }
    }
    unsaved_ = std::move(still_unsaved);
    if (unsaved_.empty()) {
        retry_pause_ms_ = 0;
        retry_at_ms_ = 0;
        sync_->set_storage_problem({});
        return;
    }
    retry_pause_ms_ = retry_pause_ms_ == 0 ? first_write_retry_ms
                                           : std::min(max_write_retry_ms, retry_pause_ms_ * 2);
    retry_at_ms_ = clock_() + retry_pause_ms_;
    sync_->set_storage_problem(
        std::to_string(unsaved_.size()) + (unsaved_.size() == 1 ? " answer is" : " answers are") +
        " kept in memory only, because the outbox could not store it (" + last_error +
        "); retrying. Free disk space; closing the kiosk now loses them.");
}

std::uint64_t KioskRuntime::sync_now() {
    return sync_->request_sync();
}

bool KioskRuntime::wait_for_sync(std::uint64_t ticket, std::chrono::milliseconds timeout) {
    return sync_->wait_for(ticket, timeout);
}

void KioskRuntime::reenrol(const std::string& code) {
    sync_->reenrol(code);
}

SyncStatus KioskRuntime::status() const {
    auto s = sync_->status();
    s.outbox_depth += unsaved_.size();
    s.unsaved = unsaved_.size();
    return s;
}

std::optional<std::int64_t> KioskRuntime::next_deadline() const {
    auto deadline = flow_->next_deadline();
    if (!unsaved_.empty()) {
        // retry_at_ms_ is on clock_, which is now_ms() outside tests.
        deadline = deadline ? std::min(*deadline, retry_at_ms_) : retry_at_ms_;
    }
    return deadline;
}

void KioskRuntime::set_wake_callback(std::function<void()> wake) {
    sync_->set_wake_callback(std::move(wake));
}

} // namespace engage::kiosk
