// The server's submission batch parser (POST /api/v1/submissions bodies) with
// the real sample forms, as a hostile kiosk or anyone holding a token could
// send it.
#include "engage/form.hpp"
#include "engage/strict_json.hpp"
#include "engage/submission.hpp"
#include "fuzz_target.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

namespace {

// assets/sample/forms/*.json, parsed once: a harness that cannot load
// them would fuzz nothing but the unknown_form path, so it stops instead.
std::vector<engage::FormVersion> load_sample_forms() {
    std::vector<engage::FormVersion> forms;
    const auto dir = std::filesystem::path(ENGAGE_SOURCE_DIR) / "assets/sample/forms";
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        std::ifstream in(entry.path(), std::ios::binary);
        const std::string text((std::istreambuf_iterator<char>(in)), {});
        boost::json::value jv;
        std::string error;
        engage::FormVersion form;
        if (!engage::parse_json_strict(text, jv, error) ||
            !engage::parse_form_version(jv, form, error)) {
            std::abort();
        }
        forms.push_back(std::move(form));
    }
    if (forms.empty()) {
        std::abort();
    }
    return forms;
}

const engage::FormVersion* find_form(std::string_view slug, std::int64_t version) {
    // Harness set-up, built on first use and read-only afterwards.
    static const std::vector<engage::FormVersion> forms = load_sample_forms();
    for (const auto& f : forms) {
        if (f.slug == slug && (version == engage::any_version || f.version == version)) {
            return &f;
        }
    }
    return nullptr;
}

} // namespace

ENGAGE_FUZZ_TARGET(batch_parser) {
    const std::string_view body(reinterpret_cast<const char*>(data), size);
    // A fixed day inside the sample forms' open periods keeps results stable.
    const engage::ValidationContext ctx{"hub-north", engage::Date{2026, 11, 30}};
    std::vector<engage::BatchItem> items;
    if (!engage::parse_batch(body, find_form, ctx, items)) {
        for (const auto& item : items) {
            // Exactly one of submission/error, as submission.hpp promises.
            if (item.submission.has_value() == item.error.has_value()) {
                std::abort();
            }
            if (item.submission) {
                (void)engage::answers_to_json_text(item.submission->answers);
                (void)engage::to_json(*item.submission);
            }
        }
    }
    return 0;
}
