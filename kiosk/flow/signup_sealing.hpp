#pragma once
// Peer-mentor sign-ups are sealed on the kiosk before they touch disk
// (DESIGN §6 rule 5). The plaintext inside the box is JSON:
//   {"sealed_payload_version": 1, "form": "peer-mentoring", "version": 1,
//    "language": "pl", "answers": {...}}
// It exists only in memory for the time of sealing and is wiped after.

#include "engage/answer.hpp"
#include "engage/form.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace engage::kiosk {

// The base64 sealed box of the sign-up, or nullopt when the key is unusable.
std::optional<std::string> seal_signup(const FormVersion& form, const Answers& answers,
                                       std::string_view language,
                                       std::string_view coordinator_public_key_b64);

// Overwrites the bytes of every text in `answers`, then clears it: a best
// effort so the visit's answers do not linger in freed memory.
void wipe_answers(Answers& answers);
// Overwrites then clears one string.
void wipe_string(std::string& s);

} // namespace engage::kiosk
