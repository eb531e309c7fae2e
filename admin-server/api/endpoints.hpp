#pragma once
// One handler per endpoint (api/<endpoint>.cpp). The router has already
// checked method, authentication, and that a POST has a JSON body.

#include "api/router.hpp"

namespace engage::api {

Outcome handle_enrol(const Request& request, Services& services);
Response handle_content(const Request& request, Services& services,
                        const store::KioskIdentity& kiosk);
Outcome handle_submissions(const Request& request, Services& services,
                           const store::KioskIdentity& kiosk);
Outcome handle_heartbeat(const Request& request, Services& services,
                         const store::KioskIdentity& kiosk);

} // namespace engage::api
