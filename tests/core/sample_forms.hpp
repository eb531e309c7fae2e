#pragma once
// Sample forms shared by the core tests, built through the real parser so a
// test fails loudly if the samples ever stop being valid.

#include "engage/form.hpp"
#include "engage/strict_json.hpp"

#include <catch2/catch.hpp>
#include <string>

namespace engage::test {

// A feedback form with one question of every type, open from 2026-11-01.
inline constexpr const char* feedback_form_json = R"({
  "slug": "day-centre-feedback", "kind": "feedback", "version": 3, "status": "published",
  "title": {"en": "Tell us about today", "pl": "Powiedz nam o dzisiaj"},
  "intro": {"en": "Anonymous."}, "opens": "2026-11-01", "closes": null, "sites": [],
  "questions": [
    {"id": "q1", "type": "choice", "text": {"en": "How was the food?"}, "icon": "food",
     "options": [{"id": "good", "text": {"en": "Good"}, "icon": "smile"},
                 {"id": "ok", "text": {"en": "OK"}},
                 {"id": "bad", "text": {"en": "Bad"}, "easy": {"en": "Not good"}}]},
    {"id": "q2", "type": "multi", "text": {"en": "What helped?"},
     "options": [{"id": "food", "text": {"en": "Food"}}, {"id": "staff", "text": {"en": "Staff"}},
                 {"id": "showers", "text": {"en": "Showers"}}]},
    {"id": "q3", "type": "scale", "text": {"en": "How do you feel?"}, "easy": {"en": "Feel?"}},
    {"id": "q4", "type": "yesno", "text": {"en": "Would you come back?"}},
    {"id": "q5", "type": "text", "text": {"en": "Anything else?"}, "max_length": 500},
    {"id": "age", "type": "choice", "text": {"en": "Your age"}, "demographic": true,
     "options": [{"id": "under-25", "text": {"en": "Under 25"}},
                 {"id": "25-plus", "text": {"en": "25 or over"}},
                 {"id": "prefer-not-to-say", "text": {"en": "Prefer not to say"}}]}
  ]})";

inline constexpr const char* signup_form_json = R"({
  "slug": "peer-mentoring", "kind": "signup", "version": 1, "status": "published",
  "title": {"en": "Peer mentoring"}, "opens": null, "closes": null, "sites": ["hub-north"],
  "questions": []})";

inline FormVersion form_from(const char* text) {
    boost::json::value jv;
    std::string error;
    REQUIRE(parse_json_strict(text, jv, error));
    FormVersion f;
    INFO(error);
    REQUIRE(parse_form_version(jv, f, error));
    return f;
}

} // namespace engage::test
