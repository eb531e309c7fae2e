#pragma once
// Making a one-time enrolment code: `engage-admin enrol-code` and the web
// app's Kiosks page both come here, so a code is made and stored one way.

#include "store/store.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace engage::api {

// Up to a year: a code is for setting a kiosk up, not a standing credential.
inline constexpr std::int64_t max_enrol_code_hours = 24 * 366;

struct NewEnrolCode {
    std::string code;            // as shown to staff (random_enrol_code())
    std::int64_t expires_at = 0; // seconds since the epoch
};

// Makes a code for `site` valid for `hours` (1 to max_enrol_code_hours) from
// `now_unix` and stores only its hash. Throws what the store throws.
NewEnrolCode make_enrol_code(store::Store& store, std::string_view site, std::int64_t now_unix,
                             std::int64_t hours);

} // namespace engage::api
