#pragma once
// Automatic redaction of free text before any person reads it (DESIGN §6
// rule 4): phone numbers, e-mail addresses, UK postcodes, web addresses and
// long digit runs (account or NHS numbers) become "[removed]".

#include <string>
#include <string_view>

namespace engage {

inline constexpr std::string_view redaction_mark = "[removed]";

struct RedactionResult {
    std::string text;
    int removed = 0; // how many spans were replaced
};

RedactionResult redact(std::string_view text);

struct Submission;
struct FormVersion;

// Redacts every free-text answer of an anonymous item in place and returns
// how many spans were removed. Called where the text is about to be kept:
// by the server at ingest (after validation, before the writer) and by the
// kiosk at Send (before the outbox). A sealed sign-up has no answers and is
// left alone: it carries contact details on purpose. `form` is the version
// the item answers: a text the marks made longer than its question's
// max_length (or limits::max_text_answer_bytes) is cut back to it at a
// character boundary, so a redacted item still passes validation.
int redact_free_text(Submission& item, const FormVersion& form);

} // namespace engage
