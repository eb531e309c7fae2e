#pragma once
// Which coordinators' key the kiosk seals sign-ups to. At enrolment the
// kiosk pins the server's signing key; from then on a content bundle may
// change the box key only with a valid signature by that signing key. A
// bundle whose key fails the check keeps the kiosk on the key it had, and
// staff mode shows why: a hostile or compromised server cannot quietly swap
// the key that sign-ups are sealed to.

#include "engage/content.hpp"
#include "kiosk/config/data_dir.hpp"

#include <string>

namespace engage::kiosk {

struct KeyCheck {
    bool pin_changed = false;  // `pins` took the bundle's key: save the enrolment
    bool key_replaced = false; // the bundle now carries the pinned key instead of its own
    std::string error;         // for staff when the bundle's key was refused; "" otherwise
};

// Checks `bundle`'s coordinators' key against `pins` (signing key and box
// key of an Enrolment). The bundle leaves carrying the key to seal to (or
// none) with its id computed here, never taken from the server.
KeyCheck check_coordinator_key(ContentBundle& bundle, Enrolment& pins);

} // namespace engage::kiosk
