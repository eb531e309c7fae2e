#include "kiosk/runtime/kiosk_runtime.hpp"

#include "engage/date.hpp"
#include "kiosk/config/data_dir.hpp"
#include "kiosk/outbox/outbox.hpp"
#include "kiosk/sync/sync_client.hpp"

namespace engage::kiosk {

KioskRuntime::KioskRuntime(Options options) : options_(std::move(options)) {}

KioskRuntime::~KioskRuntime() {
    // The sync thread uses the outbox: stop it first.
    sync_.reset();
}

std::int64_t KioskRuntime::now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

std::unique_ptr<KioskRuntime> KioskRuntime::open(const Options& options, std::string& error) {
    if (!ensure_data_dir(options.data_dir, error)) {
        return nullptr;
    }
    std::unique_ptr<KioskRuntime> rt(new KioskRuntime(options));
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
    rt->flow_ = std::make_unique<Flow>(content, options.staff_pin_hash, today_local(), flow_config);
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
    sc.enrol_code = options.enrol_code;
    rt->sync_ = std::make_unique<SyncClient>(sc, *rt->outbox_, std::move(enrolment),
                                             rt->shown_content_version_, etag);
    rt->sync_->start();
    return rt;
}

bool KioskRuntime::apply_effects() {
    bool changed = false;
    flow_->set_today(today_local());

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

    if (!unsaved_.empty()) {
        std::vector<Submission> still_unsaved;
        bool saved_any = false;
        for (auto& s : unsaved_) {
            std::string error;
            if (outbox_->enqueue(s, error)) {
                saved_any = true;
            } else {
                sync_->report_error("a submission could not be saved yet: " + error);
                still_unsaved.push_back(std::move(s));
            }
        }
        unsaved_ = std::move(still_unsaved);
        if (saved_any) {
            sync_->note_enqueued();
        }
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
    return s;
}

std::optional<std::int64_t> KioskRuntime::next_deadline() const {
    return flow_->next_deadline();
}

void KioskRuntime::set_wake_callback(std::function<void()> wake) {
    sync_->set_wake_callback(std::move(wake));
}

} // namespace engage::kiosk
