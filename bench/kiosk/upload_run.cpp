#include "upload_run.hpp"

#include "engage/date.hpp"
#include "engage/ids.hpp"
#include "engage/submission.hpp"
#include "kiosk/outbox/outbox.hpp"
#include "kiosk/sync/sync_client.hpp"
#include "support/kiosk_api.hpp"

#include <chrono>
#include <stdexcept>

namespace engage::bench {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// One valid feedback submission as the kiosk would queue it: built as wire
// JSON by the test support and parsed back with core, like the server does.
Submission template_submission(const FormVersion& form) {
    const Date today = today_local();
    const auto item = test::anonymous_item(form, today);
    const FormLookup lookup = [&form](std::string_view slug, std::int64_t) -> const FormVersion* {
        return slug == form.slug ? &form : nullptr;
    };
    ValidationContext context;
    context.today = today;
    auto parsed = parse_item(item, lookup, context);
    if (!parsed.submission) {
        throw std::runtime_error("sample feedback item is not valid: " +
                                 (parsed.error ? parsed.error->message : std::string("?")));
    }
    return *parsed.submission;
}

} // namespace

UploadResult run_upload(std::uint16_t port, const std::string& url,
                        const std::filesystem::path& server_data,
                        const std::filesystem::path& work_dir, std::size_t items) {
    const auto kiosk = test::enrol_kiosk(port, server_data, "bench-upload");
    const auto bundle = test::fetch_content(port, kiosk.token);
    const auto& form = test::form_of_kind(bundle, FormKind::feedback);
    const Submission base = template_submission(form);

    std::string error;
    auto outbox = kiosk::Outbox::open(work_dir / "outbox.db", error);
    if (!outbox)
        throw std::runtime_error("outbox: " + error);

    UploadResult result;
    result.items = items;
    const auto fill_start = Clock::now();
    for (std::size_t i = 0; i < items; ++i) {
        Submission s = base;
        s.id = random_uuid_v4();
        if (!outbox->enqueue(s, error))
            throw std::runtime_error("enqueue: " + error);
    }
    result.enqueue_seconds = seconds_since(fill_start);

    kiosk::SyncConfig config;
    config.server_url = url;
    config.data_dir = work_dir;
    config.upload_delay = std::chrono::seconds(0);
    config.min_batch = 1;
    config.test_mode = true; // one forced sync of everything is what is measured
    kiosk::Enrolment enrolment{kiosk.id, kiosk.site, url, kiosk.token, kiosk.signing_key, {}, {}};
    kiosk::SyncClient sync(config, *outbox, enrolment, "", "");
    sync.start();
    const auto upload_start = Clock::now();
    const auto ticket = sync.request_sync();
    if (!sync.wait_for(ticket, std::chrono::minutes(15))) {
        throw std::runtime_error("the sync did not finish within 15 minutes");
    }
    result.upload_seconds = seconds_since(upload_start);
    const auto status = sync.status();
    result.left_in_outbox = outbox->depth().value(); // a fault throws rather than read as 0
    result.uploaded = status.uploaded_total;
    result.error = status.last_error;
    return result;
}

} // namespace engage::bench
