// The kiosk's content bundle reader (GET /api/v1/content bodies and the cached
// content.json): strict JSON, then the bundle and every form in it.
#include "engage/content.hpp"
#include "engage/strict_json.hpp"
#include "fuzz_target.hpp"

#include <string>
#include <string_view>

ENGAGE_FUZZ_TARGET(content_bundle) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    boost::json::value jv;
    std::string error;
    if (!engage::parse_json_strict(text, jv, error)) {
        return 0;
    }
    engage::ContentBundle bundle;
    (void)engage::parse_content_bundle(jv, bundle, error);
    return 0;
}
