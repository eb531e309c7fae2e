#pragma once
// How long peer-mentor sign-ups are kept (issue 10): the bounds of the
// settings admins change on /settings/signups (store::SignupRetention holds
// the values; migration 12 the defaults). A sign-up holds a person's name
// and how to reach them, so it is kept only while a coordinator needs it.

#include "store/store.hpp"

#include <cstdint>
#include <string>

namespace engage::signups::retention {

// Handled: at least a day, so a sign-up marked handled by mistake can still
// be found and put right; at most 90 days, as long as any sign-up may wait.
inline constexpr std::int64_t min_handled_days = 1;
inline constexpr std::int64_t max_handled_days = 90;
// Flagged as waiting: after at least a day (sooner flags every new one) and
// always before the sign-up is deleted unhandled (checked against max_days).
inline constexpr std::int64_t min_flag_days = 1;
// Any sign-up: at least 14 days, so one that arrives as a coordinator goes
// on two weeks' leave is still there when they are back; at most 365 days,
// longer than any reason to keep the details of someone never contacted.
inline constexpr std::int64_t min_max_days = 14;
inline constexpr std::int64_t max_max_days = 365;

static_assert(min_flag_days < min_max_days, "a flag must be able to come before deletion");

// The reason `r` is refused, as a catalogue key; "" when it is allowed.
inline std::string refusal(const store::SignupRetention& r) {
    if (r.handled_days < min_handled_days || r.handled_days > max_handled_days) {
        return "error_retention_handled";
    }
    if (r.max_days < min_max_days || r.max_days > max_max_days) {
        return "error_retention_max";
    }
    if (r.flag_days < min_flag_days || r.flag_days >= r.max_days) {
        return "error_retention_flag";
    }
    return {};
}

static_assert(min_handled_days <= 30 && 30 <= max_handled_days && min_max_days <= 90 &&
                  90 <= max_max_days && 14 < 90,
              "the defaults (30, 14, 90: migration 12) must be allowed");

} // namespace engage::signups::retention
