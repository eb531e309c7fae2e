#pragma once
// The content version (the kiosks' ETag) as both stores make it: "<8 random
// hex>-<counter>". The random part keeps two databases from ever sharing a
// version, so a kiosk moved between servers never gets a false 304; the
// counter goes up with every change.
//
// Thread safety: a pure function (random_uuid_v4 is thread-safe).

#include <string>
#include <string_view>

namespace engage::store {

// The version after `current`; a fresh random one when `current` is empty
// or not in this form.
std::string next_content_version(std::string_view current);

} // namespace engage::store
