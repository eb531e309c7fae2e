#pragma once
// The checks on how a help entry is reached (issue 9: "a tel: link must
// dial"). One function turns a phone number as written into the tel: URI
// that both the web app's links and the kiosk's QR codes use, so what staff
// saved is what a visitor's phone dials.

#include "engage/content.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace engage {

// "tel:" plus the digits (and a leading '+') of `phone` as people write it:
// digits, spaces, '-', '(' and ')', and '+' only before the first digit;
// limits::min_phone_digits to limits::max_phone_digits digits. nullopt for
// anything else (letters, "call us", an empty string), so a number that
// would not dial is refused rather than shortened.
std::optional<std::string> tel_uri(std::string_view phone);

// True for an absolute http:// or https:// address with a host, no spaces
// or control characters, at most limits::max_url_bytes bytes.
bool is_web_address(std::string_view url);

enum class HelpProblem {
    name_missing,       // no English name
    phone_not_dialable, // tel_uri() refuses it
    url_not_web,        // is_web_address() refuses it
    no_way_to_reach,    // neither a phone number nor an address
};

struct HelpFieldProblem {
    std::string field; // "name", "phone" or "url"
    HelpProblem problem;
    bool operator==(const HelpFieldProblem&) const = default;
};

// What is wrong with an entry staff want to save, by field; empty when it
// may be saved. Bundles are not checked with it (a kiosk shows an old
// entry without its QR code rather than refusing the whole bundle).
std::vector<HelpFieldProblem> check_help_entry(const HelpEntry& h);

} // namespace engage
