#pragma once
// JSON for KioskSettings on its own (settings.json, the kiosk_settings row).
// Core converts settings only inside a whole bundle.

#include "engage/content.hpp"

#include <boost/json/value.hpp>
#include <string>

namespace engage::content {

// {"inactivity_seconds": n, "countdown_seconds": n, "languages": ["en", ...]}.
// Returns false and sets `error` when a field has the wrong type or range.
bool parse_kiosk_settings(const boost::json::value& jv, KioskSettings& out, std::string& error);
boost::json::value kiosk_settings_to_json(const KioskSettings& s);

} // namespace engage::content
