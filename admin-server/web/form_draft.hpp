#pragma once
// The form editor's model (issue 9): a draft form version read back from the
// editor's posted fields, the editor's buttons (add, delete, move up/down) and
// the checks before anything is saved. The checks end in core's own
// parse_form_version, so the server never stores a form a kiosk would refuse.
// Pure: no store, no HTTP (tests/server/web_parts_test.cpp checks it alone).

#include "engage/form.hpp"
#include "web/form_fields.hpp"

#include <array>
#include <map>
#include <string>
#include <string_view>

namespace engage::web {

// The kiosk's icon names (kiosk/widgets/icons.cpp draws exactly these; a
// name it does not know draws nothing). Kept here because the server does
// not link the kiosk; the form editor offers them as a select of names.
inline constexpr std::array<std::string_view, 40> kiosk_icons{
    "star",      "shield",       "tick",        "cross",    "half",    "people",      "person",
    "hands",     "food",         "shower",      "talk",     "info",    "health",      "home",
    "phone",     "skip",         "pencil",      "bed",      "clock",   "coat",        "mail",
    "question",  "snow",         "feedback",    "poll",     "mentor",  "help",        "globe",
    "text-size", "text-smaller", "text-bigger", "contrast", "speaker", "speaker-off", "restart",
    "back",      "next",         "send",        "keyboard", "lock"};

// A form slug, question or option id as core accepts it: 1 to 64 of a-z,
// 0-9, - and _.
bool valid_form_id(std::string_view id);

// Problems with a posted draft, by the id of the field they belong to
// ("title", "q2-text", "q2-demographic", ...; "form" for the form as a whole).
using FieldErrors = std::map<std::string, std::string, std::less<>>;

// Fills `draft` (already holding the stored draft, whose other languages are
// kept) with the English text, types, icons, ids, sites and dates posted by
// the editor, then applies the button pressed (`action`: "save",
// "add-question", "delete:2", "up:2", "down:2", "add-option:2",
// "delete-option:2:1", "up-option:2:1", "down-option:2:1", and
// "add-about-you": the standard equality-monitoring questions of
// engage/about_you.hpp, feedback forms only, those not already there, in
// every language; read_draft starts such a question that is not stored yet
// from the standard one, so a save keeps its translations).
// Returns what the staff member must fix; empty when the draft may be saved.
FieldErrors read_draft(const Fields& form, FormVersion& draft);
void apply_action(std::string_view action, FormVersion& draft);
// The checks of read_draft on a whole version (also run before publishing):
// English text present, demographic questions offering prefer-not-to-say,
// and core's parse_form_version on its JSON.
FieldErrors check_draft(const FormVersion& draft);

} // namespace engage::web
