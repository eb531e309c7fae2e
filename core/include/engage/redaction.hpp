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

} // namespace engage
