// POST /api/v1/enrol EnrolRequest -> EnrolResponse (engage/protocol.hpp).
// The reply carries the coordinators' signing key, which the kiosk pins: later
// content may change the coordinators' box key only with its signature.
#include "api/endpoints.hpp"
#include "api/errors.hpp"
#include "engage/ids.hpp"
#include "engage/protocol.hpp"
#include "engage/strict_json.hpp"

#include <boost/json/value.hpp>
#include <memory>
#include <optional>

namespace engage::api {
namespace {

Response invalid_code() {
    // One message for unknown, used and expired codes, so codes can't be probed.
    return error_response(401, "invalid_code",
                          "this enrolment code is not valid; ask for a new one");
}

struct Enrolment {
    std::string kiosk_id;
    std::string token;
    std::string token_hash;
    std::optional<std::string> site;
};

} // namespace

Outcome handle_enrol(const Request& request, Services& services) {
    boost::json::value body;
    std::string error;
    if (!parse_json_strict(request.body, body, error)) {
        return malformed_json(error);
    }
    protocol::EnrolRequest enrol;
    if (!protocol::read(body, enrol, error)) {
        return bad_request("the body must be {\"code\": \"...\"}: " + error);
    }
    if (enrol.code.empty() || enrol.code.size() > protocol::max_enrol_code_chars) {
        return invalid_code();
    }
    const std::string code_hash = hash_secret(normalise_enrol_code(enrol.code));

    auto e = std::make_shared<Enrolment>();
    e->kiosk_id = "k-" + random_uuid_v4().substr(0, 8);
    e->token = random_token();
    e->token_hash = hash_secret(e->token);
    const Date today = services.today();
    const std::int64_t now = services.now_unix();

    DeferredWrite write;
    write.work = [e, code_hash, today, now](store::WriteTransaction& tx) {
        e->site = tx.enrol_kiosk(code_hash, now, e->kiosk_id, e->token_hash, today);
    };
    write.finish = [e, &services](bool committed) {
        if (!committed) {
            return internal_error();
        }
        if (!e->site) {
            return invalid_code();
        }
        services.kiosks.remember(e->token_hash, store::KioskIdentity{e->kiosk_id, *e->site});
        Response r;
        r.body = protocol::to_json_text(
            protocol::EnrolResponse{e->kiosk_id, *e->site, e->token,
                                    services.content.current()->coordinator_signing_key()});
        return r;
    };
    return write;
}

} // namespace engage::api
