#pragma once
// The kiosk's side of wire protocol v1, for tests and benchmarks: enrol, fetch
// content, and build submission items that a real kiosk would send. Messages
// are core's (engage/protocol.hpp). Items are built as plain JSON here (not
// with core's to_json) so the server is also tested against the documented
// item format, not only against our own serialiser; the recorded requests in
// tests/fixtures/wire-v1/ pin the format today's kiosks send.

#include "engage/content.hpp"
#include "engage/date.hpp"
#include "engage/form.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace engage::test {

struct Kiosk {
    std::string id; // "k-xxxxxxxx"
    std::string site;
    std::string token;
    std::string signing_key; // the coordinators' signing key from the reply ("" if none)
};

// Makes a one-time code with `engage-admin enrol-code` and enrols with it over
// HTTP. Throws std::runtime_error on any failure (with the reply).
Kiosk enrol_kiosk(std::uint16_t port, const std::filesystem::path& data_dir,
                  std::string_view site = "test-site");

// GET /api/v1/content, parsed and checked with core. Throws std::runtime_error
// unless 200 with a valid bundle.
ContentBundle fetch_content(std::uint16_t port, std::string_view token);

// The first published form of `kind` in the bundle; throws if there is none.
const FormVersion& form_of_kind(const ContentBundle& bundle, FormKind kind);

// The form whose slug is `slug` in the bundle; throws if there is none.
const FormVersion& form_named(const ContentBundle& bundle, std::string_view slug);

// A valid answer for every question of `form` (choice: first option, multi:
// first two, scale: 3, yesno: true, text: a short sentence).
boost::json::object valid_answers(const FormVersion& form);

// {"id": fresh UUID v4, "form", "version", "date", "language": "en",
//  "answers": valid_answers(form)}.
boost::json::object anonymous_item(const FormVersion& form, const Date& date);

// The same with the answers a test chooses (counts it means to read back).
boost::json::object answered_item(const FormVersion& form, const Date& date,
                                  boost::json::object answers);

// {"id": fresh UUID v4, "form", "version", "date", "sealed": sealed_b64}.
boost::json::object sealed_item(const FormVersion& form, const Date& date,
                                std::string_view sealed_b64);

// {"submissions": items} as text (protocol::SubmissionBatch).
std::string batch_body(const boost::json::array& items);

// Parses JSON text; throws std::runtime_error quoting the text when it is not JSON.
boost::json::value parse_json(std::string_view text);

} // namespace engage::test
