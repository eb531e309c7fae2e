#pragma once
// The content bundle a kiosk downloads (GET /api/v1/content) and caches:
// forms open at its site, the help-now directory, kiosk settings, "you said,
// we did" items and the coordinators' public key for sealing sign-ups.
//
// {"format": 1, "version": "<etag-ish string>", "site": "...",
//  "forms": [FormVersion...],
//  "help": [{"id": "samaritans", "name": {...}, "what": {...}, "hours": {...},
//            "phone": "116 123", "url": "https://...", "example": false,
//            "sites": ["day-centre"]}],
//  "you_said_we_did": [{"id": "...", "you_said": {...}, "we_did": {...},
//                       "sites": []}],
//  "settings": {"inactivity_seconds": 90, "countdown_seconds": 30,
//               "languages": ["en", "pl", "ar"]},
//  "coordinator_public_key": "<base64, 32 bytes>",
//  "coordinator_key_id": "<16 hex>",
//  "coordinator_key_signature": "<base64 Ed25519 signature by the signing key
//                                 the kiosk pinned at enrolment>",
//  "site_info": {"name": "Hub North", "hours": SiteHours}}   (optional)
//
// "site_info" comes from servers that know sites (issue 9); a bundle without
// it (an older server, a site with no row) means "no name, always open", so
// kiosks behave as before. Where the site lists its languages the server puts
// them in "settings.languages" (the site's list wins), so older kiosks follow
// them too.

#include "engage/form.hpp"
#include "engage/localised.hpp"
#include "engage/site_hours.hpp"

#include <boost/json/fwd.hpp>
#include <optional>
#include <string>
#include <vector>

namespace engage {

struct HelpEntry {
    std::string id;
    LocalisedText name;
    LocalisedText what;   // who it is for, in a line
    LocalisedText hours;  // opening hours in words
    std::string phone;    // as dialled, e.g. "116 123"; may be empty
    std::string url;      // may be empty
    bool example = false; // sample local service: shown as "Example"
    // The sites whose kiosks list it; empty: every site. A bundle carries
    // only the entries for its site (ContentGeneration::bundle_for).
    std::vector<std::string> sites;
    bool operator==(const HelpEntry&) const = default;
};

struct YouSaidWeDid {
    std::string id;
    LocalisedText you_said;
    LocalisedText we_did;
    std::vector<std::string> sites; // as HelpEntry::sites
    bool operator==(const YouSaidWeDid&) const = default;
};

struct KioskSettings {
    int inactivity_seconds = 90; // before "Are you still there?"
    int countdown_seconds = 30;  // then the wipe
    std::vector<std::string> languages{"en"};
    bool operator==(const KioskSettings&) const = default;
};

// The one check of settings against limits.hpp, used by the server when it
// loads settings and by the kiosk when it reads a bundle: seconds within
// their ranges, 1 to max_languages codes of 1 to max_id_bytes bytes. False
// and a one-line `error` naming the setting and its range otherwise.
bool check_kiosk_settings(const KioskSettings& s, std::string& error);

// What a kiosk is told about the site it is enrolled at. Never the address:
// that is for staff only.
struct SiteInfo {
    std::string name; // display name, e.g. "Hub North"
    SiteHours hours;
    bool operator==(const SiteInfo&) const = default;
};

struct ContentBundle {
    std::string version; // changes whenever any content changes
    std::string site;
    std::vector<FormVersion> forms;
    std::vector<HelpEntry> help;
    std::vector<YouSaidWeDid> you_said_we_did;
    KioskSettings settings;
    std::string coordinator_public_key;    // base64
    std::string coordinator_key_id;        // coordinator_key_id(coordinator_public_key)
    std::string coordinator_key_signature; // verify_box_key() against the pinned signing key
    std::optional<SiteInfo> site_info;     // absent: unnamed and always open
    bool operator==(const ContentBundle&) const = default;
};

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const ContentBundle& c);
bool parse_content_bundle(const boost::json::value& jv, ContentBundle& out, std::string& error);

// True when an item for `sites` (empty: every site) is shown at `site`.
bool shown_at(const std::vector<std::string>& sites, std::string_view site);

// Help entries and "you said, we did" items on their own (for sample content
// and staff editing): arrays of the objects above. "sites" is optional
// (bundles and exports from before it mean every site).
bool parse_help_entry(const boost::json::value& jv, HelpEntry& out, std::string& error);
bool parse_you_said_we_did(const boost::json::value& jv, YouSaidWeDid& out, std::string& error);
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const HelpEntry& h);
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& jv, const YouSaidWeDid& y);

} // namespace engage
