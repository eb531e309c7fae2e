// POST /api/v1/heartbeat {"app_version", "outbox_depth", "content_version",
// "last_sync_error"} -> {"ok": true}.
#include "api/endpoints.hpp"
#include "api/errors.hpp"
#include "engage/strict_json.hpp"

#include <boost/json.hpp>

namespace engage::api {
namespace {

// Versions are short; an error line is a sentence. Longer is not a kiosk.
constexpr std::size_t max_version_chars = 64;
constexpr std::size_t max_error_chars = 500;

bool read_string(const boost::json::object& o, std::string_view key, std::size_t max,
                 std::string& out) {
    const auto* v = o.if_contains(key);
    if (!v || v->is_null()) {
        return true;
    }
    if (!v->is_string() || v->get_string().size() > max) {
        return false;
    }
    out = v->get_string();
    return true;
}

} // namespace

Outcome handle_heartbeat(const Request& request, Services& services,
                         const store::KioskIdentity& kiosk) {
    boost::json::value body;
    std::string error;
    if (!parse_json_strict(request.body, body, error)) {
        return malformed_json(error);
    }
    const auto* o = body.if_object();
    if (!o) {
        return bad_request("the heartbeat must be a JSON object");
    }
    store::Heartbeat beat;
    if (!read_string(*o, "app_version", max_version_chars, beat.app_version)) {
        return bad_request("app_version must be a string of at most 64 characters");
    }
    if (!read_string(*o, "content_version", max_version_chars, beat.content_version)) {
        return bad_request("content_version must be a string of at most 64 characters");
    }
    if (!read_string(*o, "last_sync_error", max_error_chars, beat.last_sync_error)) {
        return bad_request("last_sync_error must be a string of at most 500 characters");
    }
    if (const auto* depth = o->if_contains("outbox_depth"); depth && !depth->is_null()) {
        if (!depth->is_int64() || depth->get_int64() < 0) {
            return bad_request("outbox_depth must be a whole number, 0 or more");
        }
        beat.outbox_depth = depth->get_int64();
    }
    const std::int64_t now = services.now_unix();
    DeferredWrite write;
    write.work = [id = kiosk.id, beat, now](store::WriteTransaction& tx) {
        tx.record_heartbeat(id, beat, now);
    };
    write.finish = [](bool committed) {
        if (!committed) {
            return internal_error();
        }
        Response r;
        r.body = R"({"ok":true})";
        return r;
    };
    return write;
}

} // namespace engage::api
