#pragma once
// Opening stored peer-mentor sign-ups for a coordinator (issue 8: "only
// coordinators can read it"). A sign-up is sealed on the kiosk to the
// coordinators' current box key; the plaintext is the kiosk's JSON
// (kiosk/flow/signup_sealing.hpp):
//   {"sealed_payload_version": 1, "form": "...", "version": n,
//    "language": "pl", "answers": {...}}
// Here it is opened with the unlocked keyring and its answers put in words
// with the form's English texts. Used by `engage-admin signups list`, and
// meant for the coordinators' web page (issue 10) too.
//
// Thread safety: plain functions of their arguments.

#include "engage/coordinator_keyring.hpp"
#include "engage/form.hpp"
#include "store/store.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace engage::signups {

struct SignupField {
    std::string question; // the question's English text; its id when the form is unknown
    std::string answer;   // option texts, "yes"/"no", the number, or the text typed
};

struct OpenedSignup {
    std::string reference;     // signup_reference() of the stored id
    std::string received_date; // "YYYY-MM-DD"
    std::string date;          // "YYYY-MM-DD" given on the kiosk
    std::string site;
    std::string form;
    std::int64_t version = 0;
    std::string language;            // the language the person used; "" when unreadable
    std::vector<SignupField> fields; // in the form's question order; skipped ones left out
    std::string unreadable;          // why it could not be read; "" when it was
};

// Opens `stored` with `keys` (unlocked from `ring`) and labels its answers
// with the matching version in `forms`. Never throws for bad data: a
// sign-up sealed to a destroyed key, one no held key opens, or one whose
// contents are not a sign-up comes back with `unreadable` set and no fields.
// The decrypted text is wiped before returning (best effort: the fields
// themselves are the person's details, for the caller to show).
OpenedSignup open_signup(const store::StoredSignup& stored, const CoordinatorKeyring& ring,
                         const UnlockedKeyring& keys, const std::vector<FormVersion>& forms);

} // namespace engage::signups
