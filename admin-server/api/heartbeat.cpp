// POST /api/v1/heartbeat HeartbeatRequest -> HeartbeatResponse
// (engage/protocol.hpp). Old kiosks' exact "outbox_depth" is coarsened to its
// band by the reader; only the band reaches the store.
#include "api/endpoints.hpp"
#include "api/errors.hpp"
#include "engage/protocol.hpp"
#include "engage/strict_json.hpp"

#include <boost/json/value.hpp>

namespace engage::api {

Outcome handle_heartbeat(const Request& request, Services& services,
                         const store::KioskIdentity& kiosk) {
    boost::json::value body;
    std::string error;
    if (!parse_json_strict(request.body, body, error)) {
        return malformed_json(error);
    }
    protocol::HeartbeatRequest beat;
    if (!protocol::read(body, beat, error)) {
        return bad_request("the heartbeat is not understood: " + error);
    }
    const std::int64_t now = services.now_unix();
    DeferredWrite write;
    write.work = [id = kiosk.id, beat, now](store::WriteTransaction& tx) {
        tx.record_heartbeat(id, beat, now);
    };
    write.finish = [&kiosks = services.kiosks, id = kiosk.id, now](bool committed) {
        if (!committed) {
            return internal_error();
        }
        kiosks.note_heartbeat(id, now);
        Response r;
        r.body = protocol::to_json_text(protocol::HeartbeatResponse{});
        return r;
    };
    return write;
}

} // namespace engage::api
