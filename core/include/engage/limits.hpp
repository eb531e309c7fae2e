#pragma once
// Named limits shared by the kiosk (which never produces more) and the server
// (which rejects more, naming the limit in the error). Each value says why.

#include <cstddef>
#include <cstdint>

namespace engage::limits {

// 8 KiB: a kiosk request carries one bearer token and a few short headers;
// anything larger is not one of ours.
inline constexpr std::size_t max_header_bytes = 8 * 1024;
// 1 MiB: max_batch_items full items fit with room to spare; bigger is abuse.
inline constexpr std::size_t max_body_bytes = 1024 * 1024;
// 1 KiB: an enrolment body is {"code": "..."} with a code of a few dozen
// characters at most; anything bigger is not an enrolment, and enrolment is
// open to anyone who can reach the server, so it gets no more than it needs.
inline constexpr std::size_t max_enrol_body_bytes = 1024;
// 500 items: a kiosk offline for weeks uploads in several batches of this.
inline constexpr std::size_t max_batch_items = 500;
// 50 answers: the longest real form has ~20 questions.
inline constexpr std::size_t max_answers_per_item = 50;
// 2000 bytes of UTF-8 per free-text answer: a few paragraphs on a touch keyboard.
inline constexpr std::size_t max_text_answer_bytes = 2000;
// 64 bytes for slugs, question ids, option ids and language codes.
inline constexpr std::size_t max_id_bytes = 64;
// 120 bytes for a site's display name: it is one line on the kiosk's closed
// screen and a heading on the admin pages, at the largest text size.
inline constexpr std::size_t max_site_name_bytes = 120;
// 32 choices in one multi answer: no question offers more.
inline constexpr std::size_t max_multi_choices = 32;
// 8 KiB of base64 for a sealed peer-mentor sign-up (a few short fields).
inline constexpr std::size_t max_sealed_bytes = 8 * 1024;
// JSON nesting: a batch is 4 deep; 16 leaves room and stops stack abuse.
inline constexpr std::size_t max_json_depth = 16;
// Enrolment codes are short so staff can type them on a touchscreen.
inline constexpr std::size_t enrol_code_length = 10;
// Small-number suppression threshold: never below 5 (DESIGN §6 rule 3).
inline constexpr std::int64_t min_suppression_k = 5;

// [SECTION] Kiosk settings (content bundle "settings")
// One set of limits (issue 8): the server refuses settings outside them when
// it loads them, and the kiosk refuses them from the server or its cache, so
// neither side runs with values the other would call wrong.

// 5 s: a shorter pause before "Are you still there?" interrupts a person
// mid-thought.
inline constexpr int min_inactivity_seconds = 5;
// 10 minutes: longer leaves a person's answers on an unattended screen for
// whoever comes next to read.
inline constexpr int max_inactivity_seconds = 10 * 60;
// 5 s: enough to read "Are you still there?" and touch the screen.
inline constexpr int min_countdown_seconds = 5;
// 5 minutes: the answers stay on screen while it runs.
inline constexpr int max_countdown_seconds = 5 * 60;
// 32 languages: the kiosk offers fourteen; more would not fit its language screen.
inline constexpr std::size_t max_languages = 32;

// [SECTION] Help directory
// 512 bytes per help entry's web address: the kiosk draws it as a QR code,
// and a longer text makes a code too dense to scan at arm's length (the
// kiosk's QR encoder refuses more, kQrMaxText).
inline constexpr std::size_t max_url_bytes = 512;
// 3 to 20 digits in a phone number: 999 and 111 are the shortest numbers a
// kiosk lists; E.164 allows 15, and a trunk prefix or extension a few more.
inline constexpr std::size_t min_phone_digits = 3;
inline constexpr std::size_t max_phone_digits = 20;

// [SECTION] Privacy floors for uploads (DESIGN §6 rule 2)
// The kiosk refuses lower values from kiosk.conf and its command line. Only
// --test-mode (command line only, never from a file) lifts the floors, so
// tests and the demo can upload at once.

// 3 anonymous items: an upload of one or two, soon after a visit, tells a
// watcher which answer is whose.
inline constexpr std::size_t min_upload_batch = 3;
// 10 minutes: an upload sooner after a Send can be tied by a watcher to the
// person who just left the kiosk.
inline constexpr int min_upload_delay_seconds = 10 * 60;
// 365 days: longer is a typo, not a policy; it also keeps the delay far from
// int's limit, where it would wrap round to "upload at once".
inline constexpr int max_upload_delay_seconds = 365 * 24 * 3600;
// A minimum above what one upload carries would never be met by one batch.
inline constexpr std::size_t max_upload_batch = max_batch_items;

static_assert(min_inactivity_seconds <= max_inactivity_seconds &&
                  min_countdown_seconds <= max_countdown_seconds,
              "settings ranges must not be empty");
static_assert(min_upload_batch <= max_upload_batch, "the upload floor must be reachable");

static_assert(max_batch_items * 1024 <= max_body_bytes,
              "a full batch of typical 1 KiB items must fit in one body");

} // namespace engage::limits
