// GET protocol::paths::content -> the content bundle (engage/content.hpp) for
// the kiosk's site, with ETag; 304 when If-None-Match names the current one.
#include "api/endpoints.hpp"

namespace engage::api {

Response handle_content(const Request& request, Services& services,
                        const store::KioskIdentity& kiosk) {
    const auto generation = services.content.current();
    Response r;
    r.headers.emplace_back("ETag", generation->etag());
    // Kiosks must revalidate, and nothing in between should keep a copy.
    r.headers.emplace_back("Cache-Control", "no-cache, private");
    if (!request.if_none_match.empty() && generation->matches(request.if_none_match)) {
        r.status = 304;
        r.content_type.clear();
        return r;
    }
    r.body = *generation->bundle_for(kiosk.site);
    return r;
}

} // namespace engage::api
