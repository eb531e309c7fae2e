#include "kiosk/sync/coordinator_key_pin.hpp"

#include "engage/sealing.hpp"

namespace engage::kiosk {

KeyCheck check_coordinator_key(ContentBundle& bundle, Enrolment& pins) {
    KeyCheck result;
    const std::string& offered = bundle.coordinator_public_key;
    if (!offered.empty() && offered == pins.box_key) {
        // The key it has: nothing to decide.
    } else if (!offered.empty() && !pins.signing_key.empty() &&
               verify_box_key(offered, bundle.coordinator_key_signature, pins.signing_key)) {
        pins.box_key = offered;
        pins.box_key_signature = bundle.coordinator_key_signature;
        result.pin_changed = true;
    } else {
        if (!offered.empty()) {
            result.error =
                pins.signing_key.empty()
                    ? "this kiosk was enrolled before the coordinators' key was signed and "
                      "cannot check a new key: sign-ups stay sealed to the key it had; re-enrol "
                      "it from staff mode"
                    : "the server sent a coordinators' key without a valid signature from the key "
                      "pinned at enrolment: sign-ups stay sealed to the key the kiosk had; tell "
                      "the server's operator";
        }
        result.key_replaced = offered != pins.box_key;
        bundle.coordinator_public_key = pins.box_key;
        bundle.coordinator_key_signature = pins.box_key_signature;
    }
    bundle.coordinator_key_id = coordinator_key_id(bundle.coordinator_public_key);
    return result;
}

} // namespace engage::kiosk
