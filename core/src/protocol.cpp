#include "engage/protocol.hpp"

#include "engage/limits.hpp"
#include "engage/sealing.hpp"

#include <algorithm>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <boost/json/value_from.hpp>
#include <cstdint>

// [SECTION] Field readers
// [SECTION] Outbox bands and heartbeats
// [SECTION] Conversions
// [SECTION] Readers

namespace engage::protocol {
namespace {

namespace json = boost::json;

// [SECTION] Field readers --------------------------------------------------------

std::string quoted(std::string_view key) {
    // Appended piece by piece: GCC 12 warns (-Wrestrict) on "\"" + std::string.
    std::string q;
    q.reserve(key.size() + 2);
    q += '"';
    q += key;
    q += '"';
    return q;
}

// The object inside `jv`, or null with an error naming what it should be.
const json::object* object_of(const json::value& jv, std::string_view what, std::string& error) {
    const auto* o = jv.if_object();
    if (o == nullptr) {
        error = std::string(what) + " must be a JSON object";
    }
    return o;
}

enum class Need { required, optional };

// Reads the string at `key` into `out`. A missing (or, when optional, null)
// field leaves `out` alone; the error names the field and its limit.
bool read_string(const json::object& o, std::string_view key, Need need, std::size_t max_chars,
                 std::string& out, std::string& error) {
    const auto* v = o.if_contains(key);
    if (v == nullptr || (need == Need::optional && v->is_null())) {
        if (need == Need::required) {
            error = quoted(key) + " is missing";
            return false;
        }
        return true;
    }
    if (!v->is_string()) {
        error = quoted(key) + " must be a string";
        return false;
    }
    if (v->get_string().size() > max_chars) {
        error = quoted(key) + " is longer than " + std::to_string(max_chars) + " bytes";
        return false;
    }
    out = std::string(v->get_string());
    return true;
}

// A non-empty required string.
bool read_nonempty(const json::object& o, std::string_view key, std::size_t max_chars,
                   std::string& out, std::string& error) {
    if (!read_string(o, key, Need::required, max_chars, out, error)) {
        return false;
    }
    if (out.empty()) {
        error = quoted(key) + " is empty";
        return false;
    }
    return true;
}

// A whole number of 0 or more at `key`; missing or null gives nullopt.
bool read_count(const json::object& o, std::string_view key, std::optional<std::int64_t>& out,
                std::string& error) {
    const auto* v = o.if_contains(key);
    if (v == nullptr || v->is_null()) {
        out.reset();
        return true;
    }
    if (v->is_int64() && v->get_int64() >= 0) {
        out = v->get_int64();
        return true;
    }
    if (v->is_uint64()) { // above INT64_MAX: a count no kiosk can have; saturate
        out = INT64_MAX;
        return true;
    }
    error = quoted(key) + " must be a whole number, 0 or more";
    return false;
}

// Cuts `text` to at most `max` bytes without splitting a UTF-8 sequence.
void truncate_utf8(std::string& text, std::size_t max) {
    if (text.size() <= max) {
        return;
    }
    std::size_t end = max;
    // Step back over continuation bytes (10xxxxxx) to a character start.
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0U) == 0x80U) {
        --end;
    }
    text.resize(end);
}

} // namespace

std::string json_text(const boost::json::value& jv) {
    return json::serialize(jv);
}

// [SECTION] Outbox bands and heartbeats ------------------------------------------

OutboxBand outbox_band(std::size_t depth) {
    if (depth == 0) {
        return OutboxBand::empty;
    }
    return depth < outbox_band_many_from ? OutboxBand::few : OutboxBand::many;
}

std::string_view to_string(OutboxBand b) {
    switch (b) {
    case OutboxBand::empty:
        return "0";
    case OutboxBand::few:
        return "1-4";
    case OutboxBand::many:
        return "5+";
    }
    return "0";
}

std::optional<OutboxBand> parse_outbox_band(std::string_view text) {
    for (const auto b : {OutboxBand::empty, OutboxBand::few, OutboxBand::many}) {
        if (text == to_string(b)) {
            return b;
        }
    }
    return std::nullopt;
}

HeartbeatRequest make_heartbeat(std::string app_version, std::size_t outbox_depth,
                                std::optional<Date> oldest_item, const Date& today,
                                std::string content_version, std::string last_sync_error) {
    HeartbeatRequest h;
    h.app_version = std::move(app_version);
    h.outbox = outbox_band(outbox_depth);
    if (oldest_item && outbox_depth > 0) {
        // A kiosk clock set back, or an item dated ahead, is not a negative age.
        h.oldest_item_days =
            std::max<std::int64_t>(0, days_since_epoch(today) - days_since_epoch(*oldest_item));
    }
    h.content_version = std::move(content_version);
    truncate_utf8(h.content_version, max_version_chars);
    truncate_utf8(h.app_version, max_version_chars);
    h.last_sync_error = std::move(last_sync_error);
    truncate_utf8(h.last_sync_error, max_sync_error_chars);
    return h;
}

// [SECTION] Conversions ------------------------------------------------------------

std::string_view to_string(ItemStatus s) {
    switch (s) {
    case ItemStatus::accepted:
        return "accepted";
    case ItemStatus::duplicate:
        return "duplicate";
    case ItemStatus::rejected:
        return "rejected";
    }
    return "rejected";
}

SubmissionBatch SubmissionBatch::of(const std::vector<Submission>& submissions) {
    SubmissionBatch b;
    b.items.reserve(submissions.size());
    for (const auto& s : submissions) {
        b.items.push_back(to_json(s));
    }
    return b;
}

void tag_invoke(const json::value_from_tag&, json::value& jv, const EnrolRequest& m) {
    jv = json::object{{"code", m.code}};
}

void tag_invoke(const json::value_from_tag&, json::value& jv, const EnrolResponse& m) {
    json::object o{{"kiosk", m.kiosk}, {"site", m.site}, {"token", m.token}};
    if (!m.coordinator_signing_key.empty()) {
        o["coordinator_signing_key"] = m.coordinator_signing_key;
    }
    jv = std::move(o);
}

void tag_invoke(const json::value_from_tag&, json::value& jv, const SubmissionBatch& m) {
    json::array items(m.items.begin(), m.items.end());
    json::object o;
    o["submissions"] = std::move(items);
    jv = std::move(o);
}

void tag_invoke(const json::value_from_tag&, json::value& jv, const ItemResult& m) {
    json::object o;
    o["id"] = m.id;
    o["status"] = to_string(m.status);
    if (m.status == ItemStatus::rejected) {
        o["code"] = m.code;
        o["reason"] = m.reason;
    }
    jv = std::move(o);
}

void tag_invoke(const json::value_from_tag&, json::value& jv, const BatchResults& m) {
    json::array results;
    results.reserve(m.results.size());
    for (const auto& r : m.results) {
        results.push_back(json::value_from(r));
    }
    json::object o;
    o["results"] = std::move(results);
    jv = std::move(o);
}

void tag_invoke(const json::value_from_tag&, json::value& jv, const HeartbeatRequest& m) {
    json::object o;
    o["app_version"] = m.app_version;
    o["outbox"] = to_string(m.outbox);
    if (m.oldest_item_days) {
        o["oldest_item_days"] = *m.oldest_item_days;
    } else {
        o["oldest_item_days"] = nullptr;
    }
    o["content_version"] = m.content_version;
    o["last_sync_error"] = m.last_sync_error;
    jv = std::move(o);
}

void tag_invoke(const json::value_from_tag&, json::value& jv, const HeartbeatResponse& m) {
    jv = json::object{{"ok", m.ok}};
}

// [SECTION] Readers ------------------------------------------------------------------

bool read(const json::value& jv, EnrolRequest& out, std::string& error) {
    const auto* o = object_of(jv, "the enrolment request", error);
    EnrolRequest m;
    // Not bounded here: the server answers an overlong code as it answers any
    // invalid one (max_enrol_code_chars), so codes cannot be probed.
    if (o == nullptr || !read_string(*o, "code", Need::required, SIZE_MAX, m.code, error)) {
        return false;
    }
    out = std::move(m);
    return true;
}

bool read(const json::value& jv, EnrolResponse& out, std::string& error) {
    const auto* o = object_of(jv, "the enrolment reply", error);
    EnrolResponse m;
    if (o == nullptr || !read_nonempty(*o, "kiosk", max_enrol_field_chars, m.kiosk, error) ||
        !read_nonempty(*o, "site", max_enrol_field_chars, m.site, error) ||
        !read_nonempty(*o, "token", max_enrol_field_chars, m.token, error) ||
        !read_string(*o, "coordinator_signing_key", Need::optional, max_enrol_field_chars,
                     m.coordinator_signing_key, error)) {
        return false;
    }
    // A key the kiosk will pin for good must be a key, not anything at all.
    if (!m.coordinator_signing_key.empty() &&
        !is_base64_of(m.coordinator_signing_key, signing_public_key_bytes)) {
        error = quoted("coordinator_signing_key");
        error += " must be base64 of a ";
        error += std::to_string(signing_public_key_bytes);
        error += "-byte key";
        return false;
    }
    out = std::move(m);
    return true;
}

bool read(const json::value& jv, ItemResult& out, std::string& error) {
    const auto* o = object_of(jv, "a result", error);
    ItemResult m;
    std::string status;
    // Ids are echoed as the kiosk sent them, whatever their length (the
    // reply's size is bounded by the HTTP client, not here).
    if (o == nullptr || !read_string(*o, "id", Need::required, SIZE_MAX, m.id, error) ||
        !read_string(*o, "status", Need::required, limits::max_id_bytes, status, error)) {
        return false;
    }
    if (status == "accepted") {
        m.status = ItemStatus::accepted;
    } else if (status == "duplicate") {
        m.status = ItemStatus::duplicate;
    } else if (status == "rejected") {
        m.status = ItemStatus::rejected;
    } else {
        error = "\"status\" must be \"accepted\", \"duplicate\" or \"rejected\"";
        return false;
    }
    const Need detail = m.status == ItemStatus::rejected ? Need::required : Need::optional;
    if (!read_string(*o, "code", detail, max_error_code_chars, m.code, error) ||
        !read_string(*o, "reason", detail, max_error_message_chars, m.reason, error)) {
        return false;
    }
    out = std::move(m);
    return true;
}

bool read(const json::value& jv, BatchResults& out, std::string& error) {
    const auto* o = object_of(jv, "the submissions reply", error);
    if (o == nullptr) {
        return false;
    }
    const auto* results = o->if_contains("results");
    if (results == nullptr) {
        error = "\"results\" is missing";
        return false;
    }
    if (!results->is_array()) {
        error = "\"results\" must be an array";
        return false;
    }
    BatchResults m;
    m.results.reserve(results->get_array().size());
    for (std::size_t i = 0; i < results->get_array().size(); ++i) {
        ItemResult r;
        if (!read(results->get_array()[i], r, error)) {
            error = "\"results\"[" + std::to_string(i) + "]: " + error;
            return false;
        }
        m.results.push_back(std::move(r));
    }
    out = std::move(m);
    return true;
}

bool read(const json::value& jv, HeartbeatRequest& out, std::string& error) {
    const auto* o = object_of(jv, "the heartbeat", error);
    HeartbeatRequest m;
    if (o == nullptr ||
        !read_string(*o, "app_version", Need::optional, max_version_chars, m.app_version, error) ||
        !read_string(*o, "content_version", Need::optional, max_version_chars, m.content_version,
                     error) ||
        !read_string(*o, "last_sync_error", Need::optional, max_sync_error_chars, m.last_sync_error,
                     error) ||
        !read_count(*o, "oldest_item_days", m.oldest_item_days, error)) {
        return false;
    }
    // Before the bands, kiosks sent the exact depth: still accepted from
    // them, coarsened here and never kept.
    std::optional<std::int64_t> depth;
    if (!read_count(*o, "outbox_depth", depth, error)) {
        return false;
    }
    if (depth) {
        m.outbox = outbox_band(static_cast<std::size_t>(*depth));
    }
    // The band wins when a kiosk sends both.
    if (const auto* band = o->if_contains("outbox"); band != nullptr && !band->is_null()) {
        const auto parsed =
            band->is_string() ? parse_outbox_band(band->get_string()) : std::nullopt;
        if (!parsed) {
            error = "\"outbox\" must be one of \"0\", \"1-4\", \"5+\"";
            return false;
        }
        m.outbox = *parsed;
    }
    if (m.outbox == OutboxBand::empty) {
        m.oldest_item_days.reset(); // nothing waits, so nothing is old
    }
    out = std::move(m);
    return true;
}

bool read(const json::value& jv, HeartbeatResponse& out, std::string& error) {
    const auto* o = object_of(jv, "the heartbeat reply", error);
    if (o == nullptr) {
        return false;
    }
    const auto* ok = o->if_contains("ok");
    if (ok == nullptr || !ok->is_bool()) {
        error = ok == nullptr ? "\"ok\" is missing" : "\"ok\" must be true or false";
        return false;
    }
    out.ok = ok->get_bool();
    return true;
}

bool read(const json::value& jv, ApiError& out, std::string& error) {
    const auto* o = object_of(jv, "an error reply", error);
    if (o == nullptr) {
        return false;
    }
    const auto* inner = o->if_contains("error");
    if (inner == nullptr) {
        error = "\"error\" is missing";
        return false;
    }
    const auto* e = object_of(*inner, "\"error\"", error);
    std::string code;
    std::string message;
    if (e == nullptr || !read_nonempty(*e, "code", max_error_code_chars, code, error) ||
        !read_string(*e, "message", Need::required, max_error_message_chars, message, error)) {
        return false;
    }
    out.code = std::move(code);
    out.message = std::move(message);
    return true;
}

} // namespace engage::protocol
